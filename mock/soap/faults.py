"""SOAP 1.1 Faults: the error answers of the SOAP endpoint, whatever the cause."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import flask

from mock.soap.names import SCORING_NS, SOAP_ENV_NS, XML_CONTENT_TYPE

_FAULT_CODE = re.compile(r"(?:soap:)?([A-Za-z][A-Za-z0-9_.]{0,63})")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class SoapFault(Exception):
    """A request the endpoint answers with a Fault instead of a ScoreApplicantResponse."""

    def __init__(
        self,
        faultcode: str,
        faultstring: str,
        *,
        http_status: int = 500,
        error_code: str | None = None,
        details: list[dict] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(faultstring)
        self.faultcode = faultcode
        self.faultstring = faultstring
        self.http_status = http_status
        self.error_code = error_code
        self.details = details or []
        self.headers = dict(headers or {})


def client_fault(faultstring: str, error_code: str, *, http_status: int = 500, details: list[dict] | None = None):
    """A ``soap:Client`` fault: the caller's mistake."""
    return SoapFault("Client", faultstring, http_status=http_status, error_code=error_code, details=details)


def xml_text(value: object) -> str:
    """``value`` as XML character data: escaped, characters XML 1.0 forbids replaced by U+FFFD."""
    from xml.sax.saxutils import escape

    return escape(_XML_ILLEGAL.sub("\ufffd", str(value)))


def xml_attribute(value: object) -> str:
    """``value`` as a quoted XML attribute value."""
    from xml.sax.saxutils import quoteattr

    return quoteattr(_XML_ILLEGAL.sub("\ufffd", str(value)))


def qualified_faultcode(faultcode: str) -> str:
    """``Client`` -> ``soap:Client``; anything that is not a plain name becomes ``soap:Server``."""
    match = _FAULT_CODE.fullmatch(faultcode or "")
    return f"soap:{match.group(1)}" if match else "soap:Server"


def _fault_info(error_code: str | None, correlation_id: str | None) -> str:
    if not error_code and not correlation_id:
        return ""
    parts = [f'<FaultInfo xmlns="{SCORING_NS}">']
    if error_code:
        parts.append(f"<errorCode>{xml_text(error_code)}</errorCode>")
    if correlation_id:
        parts.append(f"<correlationId>{xml_text(correlation_id)}</correlationId>")
    parts.append("</FaultInfo>")
    return "".join(parts)


def _validation_errors(details: Iterable[Mapping[str, object]]) -> str:
    rows = [
        f"<error field={xml_attribute(item.get('field', ''))} issue={xml_attribute(item.get('issue', ''))}>"
        f"{xml_text(item.get('message', ''))}</error>"
        for item in details
    ]
    if not rows:
        return ""
    return f'<ValidationErrors xmlns="{SCORING_NS}">{"".join(rows)}</ValidationErrors>'


def render_fault(
    faultcode: str,
    faultstring: str,
    details: Iterable[Mapping[str, object]] | None = None,
    *,
    error_code: str | None = None,
    correlation_id: str | None = None,
) -> bytes:
    """The whole Fault envelope, UTF-8 encoded.

    ``<detail>`` holds ``FaultInfo`` (error code, correlation id) and ``ValidationErrors``
    (one ``error`` per detail, ``field`` and ``issue`` as attributes, the message as text).
    """
    detail = _fault_info(error_code, correlation_id) + _validation_errors(details or ())
    detail_xml = f"<detail>{detail}</detail>" if detail else ""
    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        f'<soap:Envelope xmlns:soap="{SOAP_ENV_NS}"><soap:Body><soap:Fault>'
        f"<faultcode>{qualified_faultcode(faultcode)}</faultcode>"
        f"<faultstring>{xml_text(faultstring)}</faultstring>"
        f"{detail_xml}</soap:Fault></soap:Body></soap:Envelope>"
    )
    return text.encode("utf-8")


def _current_correlation_id() -> str | None:
    if not flask.has_app_context():
        return None
    value = flask.g.get("correlation_id")
    return str(value) if value else None


def soap_fault_response(
    faultcode: str,
    faultstring: str,
    http_status: int = 500,
    details: list[dict] | None = None,
    *,
    error_code: str | None = None,
    headers: Mapping[str, str] | None = None,
) -> flask.Response:
    """A Fault as a Flask response (``text/xml; charset=utf-8``).

    ``faultcode`` is ``Client`` or ``Server`` (rendered ``soap:Client`` / ``soap:Server``);
    ``details`` is a list of ``{"field", "issue", "message"}``; the request's correlation id
    (``flask.g.correlation_id``) is added to the detail when there is one.
    """
    body = render_fault(
        faultcode, faultstring, details, error_code=error_code, correlation_id=_current_correlation_id()
    )
    response = flask.Response(body, status=http_status, content_type=XML_CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def fault_response(fault: SoapFault) -> flask.Response:
    """The response for a raised SoapFault."""
    return soap_fault_response(
        fault.faultcode,
        fault.faultstring,
        fault.http_status,
        fault.details,
        error_code=fault.error_code,
        headers=fault.headers,
    )
