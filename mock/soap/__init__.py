"""SOAP 1.1 realtime scoring: operation ScoreApplicant at ``/soap/realtime-scoring``, with its WSDL and XSD."""

from mock.soap.endpoint import soap_blueprint
from mock.soap.faults import soap_fault_response

__all__ = ["soap_blueprint", "soap_fault_response"]
