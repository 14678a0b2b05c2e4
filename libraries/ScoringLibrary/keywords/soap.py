"""SOAP keywords: ScoreApplicant requests and envelopes, calls through the SudsLibrary client, responses and faults."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from robot.libraries.BuiltIn import BuiltIn
from robot.utils import DotDict
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.http_checks import glob_missing, status_problem
from ..core.soap_request import (
    OPTIONAL_FIELDS,
    REQUEST_ELEMENT,
    SOAP_ENVELOPE_NS,
    field_elements,
    score_envelope,
    soap_arguments,
    soap_headers,
    xml_text,
)
from ..core.soap_response import score_response_to_dict, soap_fault

SOAP_OPERATION = "ScoreApplicant"


def call_score_operation(applicant: Mapping[str, Any], fields: list[str], operation: str = SOAP_OPERATION) -> dict:
    """Call ``operation`` of the current SudsLibrary client for ``applicant``; the response as a REST-shaped dict.

    Raises AssertionError naming the transactionId on a SOAP Fault, a transport error or an unreadable response.
    """
    where = f"SOAP {operation} of {applicant.get('transactionId')}"
    suds = BuiltIn().get_library_instance("SudsLibrary")
    try:
        xml = suds.call_soap_method(operation, *soap_arguments(applicant, fields))
    except Exception as error:  # suds faults and transport errors
        raise AssertionError(f"{where}: {error}") from None
    if not isinstance(xml, str | bytes):
        raise AssertionError(f"{where}: the SudsLibrary client does not return XML (Set Return Xml    True)")
    try:
        return score_response_to_dict(xml)
    except ValueError as error:
        raise AssertionError(f"{where}: SOAP score response: {error}") from None
    except Exception as error:  # defusedxml and expat errors: malformed or forbidden XML
        raise AssertionError(
            f"{where}: SOAP score response is not well-formed XML: {type(error).__name__}: {error}"
        ) from None


class SoapKeywords(LibraryComponent):
    @keyword("SOAP Score Response To Dictionary", tags=("SOAP",))
    def soap_score_response_to_dictionary(self, xml: str | bytes) -> dict[str, Any]:
        """Returns the ScoreApplicantResponse of a SOAP envelope as a dict shaped like the REST body.

        ``score`` is an int, ``probabilityOfDefault`` a float, ``reasonCodes`` a list of
        ``{code, description}`` and ``policyRule`` None when the element is absent, so REST and
        SOAP answers compare directly. Namespace prefixes are ignored: check the namespace with
        `SOAP Body Should Conform To XSD`. Fails naming what the Body held when it is not a
        ScoreApplicantResponse (a Fault, for example).

        Example:
        | ${soap}= | SOAP Score Response To Dictionary | ${response.text} |
        | Should Be Equal | ${soap}[score] | ${rest}[score] |
        """
        try:
            return score_response_to_dict(xml)
        except ValueError as error:
            self.fail(f"SOAP score response: {error}")
        except Exception as error:  # defusedxml and expat errors: malformed or forbidden XML
            self.fail(f"SOAP score response is not well-formed XML: {type(error).__name__}: {error}")

    @keyword("SOAP Request Arguments", tags=("SOAP",))
    def soap_request_arguments(
        self, applicant: Mapping[str, Any], fields: list[str], optional: list[str] | None = None
    ) -> list:
        """Returns the applicant's values in the order of ``fields``, as arguments of `Call Soap Method`.

        | =Arguments= | =Description= |
        | ``applicant`` | The request dictionary. |
        | ``fields`` | The request elements in the order of the WSDL's sequence. |
        | ``optional`` | Optional trailing elements (default ``modelCode``): arguments stop at the first one absent. |

        A field the applicant lacks (and that is not optional) is passed as None.

        Example:
        | ${arguments} = | SOAP Request Arguments | ${applicant} | ${SOAP_REQUEST_FIELDS} |
        | ${xml} = | Call Soap Method | ScoreApplicant | @{arguments} |
        """
        return soap_arguments(applicant, fields, OPTIONAL_FIELDS if optional is None else optional)

    @keyword("Score Applicants With SOAP Client", tags=("SOAP",))
    def score_applicants_with_soap_client(
        self, applicants: list[dict], fields: list[str], operation: str = SOAP_OPERATION
    ) -> list[dict]:
        """Calls ``operation`` of the current SudsLibrary client once per applicant, one after the other, and
        returns the responses as REST-shaped dictionaries (see `SOAP Score Response To Dictionary`).

        The client must return XML (``Set Return Xml    True``): open it with `Create Scoring SOAP Client`.
        Arguments are made as by `SOAP Request Arguments`. Fails on the first SOAP Fault or unreadable
        response, naming the applicant's transactionId.

        Example:
        | ${bodies} = | Score Applicants With SOAP Client | ${applicants} | ${SOAP_REQUEST_FIELDS} |
        """
        return [call_score_operation(applicant, fields, operation) for applicant in applicants]

    @keyword("Score Applicant With SOAP Client", tags=("SOAP",))
    def score_applicant_with_soap_client(
        self, applicant: dict, fields: list[str], operation: str = SOAP_OPERATION
    ) -> dict:
        """Calls ``operation`` of the current SudsLibrary client for one applicant; returns the REST-shaped response.

        See `Score Applicants With SOAP Client`.

        Example:
        | ${soap} = | Score Applicant With SOAP Client | ${applicant} | ${SOAP_REQUEST_FIELDS} |
        """
        return self.score_applicants_with_soap_client([applicant], fields, operation)[0]

    @keyword("XML Element Text", tags=("SOAP",))
    def xml_element_text(self, value: Any) -> str:
        """Returns ``value`` as text for an XML element: ``&``, ``<`` and ``>`` escaped.

        Example:
        | ${text} = | XML Element Text | A&B | # A&amp;B |
        """
        return xml_text(value)

    @keyword("SOAP Request Elements", tags=("SOAP",))
    def soap_request_elements(self, fields: Mapping[str, Any], prefix: str = "ns") -> str:
        """Returns ``<prefix:name>value</prefix:name>`` for each item of ``fields`` in order, joined; values escaped.

        An empty ``prefix`` writes unqualified elements (``<name>value</name>``).

        Example:
        | ${xml} = | SOAP Request Elements | ${applicant} | ns |
        """
        return field_elements(fields, prefix)

    @keyword("Build SOAP Request Envelope", tags=("SOAP",))
    def build_soap_request_envelope(
        self,
        fields: Mapping[str, Any],
        namespace: str,
        prefix: str = "ns",
        element: str = REQUEST_ELEMENT,
        envelope_namespace: str = SOAP_ENVELOPE_NS,
    ) -> str:
        """Returns a SOAP 1.1 envelope whose Body holds ``element`` with one child element per item of ``fields``.

        | =Arguments= | =Description= |
        | ``fields`` | The request fields, written in the dictionary's order (values escaped). |
        | ``namespace`` | The namespace of the request elements. |
        | ``prefix`` | Its prefix; empty declares it as the default namespace. |
        | ``element`` | The request element (``ScoreApplicantRequest``). |
        | ``envelope_namespace`` | The SOAP envelope namespace (SOAP 1.1). |

        Example:
        | ${xml} = | Build SOAP Request Envelope | ${applicant} | http://scoregate.example.com/scoring/v1 |
        | ${xml} = | Build SOAP Request Envelope | ${applicant} | ${SOAP_NAMESPACE} | prefix=${EMPTY} |
        """
        return score_envelope(fields, namespace, prefix, element, envelope_namespace)

    @keyword("Build SOAP Request Envelopes", tags=("SOAP",))
    def build_soap_request_envelopes(
        self, applicants: list[dict], namespace: str, prefix: str = "ns", element: str = REQUEST_ELEMENT
    ) -> list[str]:
        """Returns one envelope per applicant, as `Build SOAP Request Envelope` builds it.

        Example:
        | ${envelopes} = | Build SOAP Request Envelopes | ${applicants} | ${SOAP_NAMESPACE} |
        """
        return [score_envelope(applicant, namespace, prefix, element) for applicant in applicants]

    @keyword("SOAP Request Headers", tags=("SOAP",))
    def soap_request_headers(
        self,
        content_type: str | None = "text/xml; charset=utf-8",
        soap_action: str | None = None,
        headers: dict | None = None,
    ) -> dict:
        """Returns the headers of a raw SOAP POST: ``Accept: text/xml``, ``Content-Type`` (unless empty),
        ``SOAPAction`` in quotes (unless None) and then ``headers``.

        Example:
        | ${headers} = | SOAP Request Headers | text/xml; charset=utf-8 | ${SOAP_ACTION} |
        """
        return soap_headers(content_type, soap_action, headers)

    @keyword("Read SOAP Fault", tags=("SOAP",))
    def read_soap_fault(self, response: Any) -> dict:
        """Returns the SOAP Fault of a ``requests`` response (or an XML string) as a dictionary.

        Keys: ``faultcode`` (as sent, prefix included), ``faultstring``, ``detail`` (the text content of
        ``detail``, whitespace collapsed; empty without one), ``validationErrors`` (``field:issue`` of each
        ``detail/ValidationErrors/error``) and ``faultInfo`` (``detail/FaultInfo`` children by name).
        Fails naming the request and the start of the body when the body is not XML or holds no Fault.

        Example:
        | ${fault} = | Read SOAP Fault | ${response} |
        | Should Be Equal | ${fault}[faultInfo][errorCode] | MALFORMED_XML |
        """
        text = getattr(response, "text", response)
        if hasattr(response, "status_code"):
            where = f"SOAP {response.url} (status {response.status_code})"
        else:
            where = "SOAP response"
        try:
            return soap_fault(text)
        except ValueError as error:
            start = str(text)[:300]
            if str(error).startswith("not XML"):
                self.fail(f"{where}: expected a Fault envelope, got non-XML: {start}")
            if str(error) == "no Fault":
                self.fail(f"{where}: expected a Fault, got: {start}")
            self.fail(f"{where}: {error}")

    @keyword("SOAP Fault Code Should Be", tags=("SOAP", "Assertion"))
    def soap_fault_code_should_be(self, response: Any, faultcode: str, status: int | None = None) -> dict:
        """Fails unless the response is a SOAP Fault with ``faultcode`` (compared without prefix) and, when given,
        HTTP ``status``; returns ``faultcode``, ``faultstring`` and ``detail`` as `Read SOAP Fault` reads them.

        The failures read ``POST <url>: expected status 500, got 200: <body>`` and
        ``SOAP <url>: expected faultcode Client, got soap:Server``.

        Example:
        | ${fault} = | SOAP Fault Code Should Be | ${response} | Client | status=500 |
        """
        if status is not None:
            problem = status_problem(response, status)
            if problem:
                self.fail(problem)
        fault = self.read_soap_fault(response)
        actual = fault["faultcode"]
        if actual.rsplit(":", 1)[-1] != str(faultcode).rsplit(":", 1)[-1]:
            self.fail(f"SOAP {response.url}: expected faultcode {faultcode}, got {actual}")
        return DotDict(faultcode=actual, faultstring=fault["faultstring"], detail=fault["detail"])

    @keyword("SOAP Fault Should Name Fields", tags=("SOAP", "Assertion"))
    def soap_fault_should_name_fields(self, response: Any, *fields: str) -> list[str]:
        """Fails unless the Fault's ``detail/ValidationErrors`` names every field; returns the named ``field:issue``.

        A field is ``age`` (any issue) or ``field:issue`` (``age:out_of_range``); every missing one is named.

        Example:
        | SOAP Fault Should Name Fields | ${response} | age:out_of_range | channel |
        """
        named = self.read_soap_fault(response)["validationErrors"]
        missing = glob_missing(named, fields)
        if missing:
            wanted = ", ".join(f"'{field}'" for field in missing)
            self.fail(f"Expected {wanted} in the Fault's ValidationErrors, got {named}")
        return named
