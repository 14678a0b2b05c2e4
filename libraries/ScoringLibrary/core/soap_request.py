"""SOAP 1.1 ScoreApplicant requests: element text, argument order, raw envelopes and request headers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

SOAP_ENVELOPE_NS = "http://schemas.xmlsoap.org/soap/envelope/"
REQUEST_ELEMENT = "ScoreApplicantRequest"
OPTIONAL_FIELDS = ("modelCode",)


def xml_text(value: Any) -> str:
    """``value`` as element text: ``str(value)`` with ``&``, ``<`` and ``>`` escaped."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def field_elements(fields: Mapping[str, Any], prefix: str | None = "ns") -> str:
    """``<prefix:name>text</prefix:name>`` for every item of ``fields`` in order, joined (no prefix when empty)."""
    qualifier = f"{prefix}:" if prefix else ""
    return "".join(f"<{qualifier}{name}>{xml_text(value)}</{qualifier}{name}>" for name, value in fields.items())


def score_envelope(
    fields: Mapping[str, Any],
    namespace: str,
    prefix: str | None = "ns",
    element: str = REQUEST_ELEMENT,
    envelope_namespace: str = SOAP_ENVELOPE_NS,
) -> str:
    """A SOAP 1.1 envelope whose Body holds ``element`` with one child per item of ``fields``, in order.

    ``prefix`` qualifies the request elements with ``namespace``; an empty prefix declares it as the
    default namespace instead.
    """
    tag = f"{prefix}:{element}" if prefix else element
    declaration = f'xmlns:{prefix}="{namespace}"' if prefix else f'xmlns="{namespace}"'
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soap:Envelope xmlns:soap="{envelope_namespace}" {declaration}><soap:Body>'
        f"<{tag}>{field_elements(fields, prefix)}</{tag}>"
        "</soap:Body></soap:Envelope>"
    )


def soap_arguments(
    applicant: Mapping[str, Any], fields: Sequence[str], optional: Iterable[str] = OPTIONAL_FIELDS
) -> list[Any]:
    """The applicant's values in ``fields`` order (None when absent), up to the first absent optional field."""
    skipped = set(optional)
    arguments = []
    for field in fields:
        if field in skipped and field not in applicant:
            break
        arguments.append(applicant.get(field))
    return arguments


def soap_headers(
    content_type: str | None,
    soap_action: str | None,
    extra: Mapping[str, str] | None = None,
    accept: str = "text/xml",
) -> dict[str, str]:
    """Request headers of a raw SOAP POST: ``Accept``, ``Content-Type`` (when given), ``SOAPAction`` (quoted,
    when not None; an empty action sends ``""``) and then ``extra``."""
    headers = {"Accept": accept}
    if content_type:
        headers["Content-Type"] = content_type
    if soap_action is not None:
        headers["SOAPAction"] = f'"{soap_action}"'
    headers.update(extra or {})
    return headers
