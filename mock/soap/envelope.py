"""Reading SOAP 1.1 request envelopes safely, and writing ScoreApplicantResponse envelopes."""

from __future__ import annotations

import re
import threading
import xml.etree.ElementTree as StdElementTree
from collections.abc import Mapping
from xml.parsers.expat import ErrorString

import defusedxml.ElementTree as DefusedElementTree
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from lxml import etree

from mock.soap.faults import client_fault, xml_text
from mock.soap.names import (
    REQUEST_TAG,
    RESPONSE_ELEMENT,
    RESPONSE_FIELDS,
    SOAP12_ENV_NS,
    SOAP_ENV_NS,
)

_ENVELOPE_TAG = f"{{{SOAP_ENV_NS}}}Envelope"
_BODY_TAG = f"{{{SOAP_ENV_NS}}}Body"
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.\-]{0,127}")
_RESPONSE_FIELD_SET = frozenset(RESPONSE_FIELDS)
_MAX_NAME_SHOWN = 120
_parsers = threading.local()


def _lxml_parser() -> etree.XMLParser:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
        )
        _parsers.parser = parser
    return parser


def _shown(tag: str) -> str:
    return tag if len(tag) <= _MAX_NAME_SHOWN else tag[:_MAX_NAME_SHOWN] + "..."


def screen_xml(data: bytes) -> None:
    """Refuse DTDs, entity declarations, external references and malformed XML (defusedxml, expat).

    Nothing is expanded or fetched: a DOCTYPE is refused as soon as the parser meets it.
    """
    try:
        DefusedElementTree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden as error:
        raise client_fault(
            "a DTD (DOCTYPE) is not allowed in a SOAP message; expected an envelope without DOCTYPE",
            "XML_DTD_FORBIDDEN",
        ) from error
    except (EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise client_fault(
            "entity declarations and external references are not allowed in a SOAP message", "XML_DTD_FORBIDDEN"
        ) from error
    except StdElementTree.ParseError as error:
        line, column = error.position
        raise client_fault(
            f"malformed XML at line {line}, column {column}: {ErrorString(error.code)}; expected a well-formed "
            "SOAP 1.1 envelope",
            "MALFORMED_XML",
        ) from error


def _parse(data: bytes) -> etree._Element:
    try:
        return etree.fromstring(data, _lxml_parser())
    except etree.XMLSyntaxError as error:
        raise client_fault(
            f"malformed XML at line {error.lineno}: the document cannot be parsed; expected a well-formed "
            "SOAP 1.1 envelope",
            "MALFORMED_XML",
        ) from error


def _body(root: etree._Element) -> etree._Element:
    if root.tag != _ENVELOPE_TAG:
        if root.tag == f"{{{SOAP12_ENV_NS}}}Envelope":
            message = f"a SOAP 1.2 envelope was sent; this endpoint speaks SOAP 1.1 ({{{SOAP_ENV_NS}}}Envelope)"
        else:
            message = f"expected root element {{{SOAP_ENV_NS}}}Envelope, got {_shown(str(root.tag))}"
        raise client_fault(message, "INVALID_ENVELOPE")
    bodies = [child for child in root.iterchildren(_BODY_TAG)]
    if len(bodies) != 1:
        raise client_fault(f"expected exactly one soap:Body in the envelope, got {len(bodies)}", "INVALID_ENVELOPE")
    return bodies[0]


def _operation_element(body: etree._Element) -> etree._Element:
    elements = list(body.iterchildren(etree.Element))
    if len(elements) != 1:
        raise client_fault(
            f"expected exactly one element ({REQUEST_TAG}) in soap:Body, got {len(elements)}", "INVALID_ENVELOPE"
        )
    element = elements[0]
    if element.tag != REQUEST_TAG:
        raise client_fault(
            f"unknown operation: expected {REQUEST_TAG} in soap:Body, got {_shown(str(element.tag))}",
            "UNKNOWN_OPERATION",
        )
    return element


def read_request_element(data: bytes) -> etree._Element:
    """The ScoreApplicantRequest element of a SOAP 1.1 request body; raises SoapFault otherwise."""
    screen_xml(data)
    return _operation_element(_body(_parse(data)))


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return xml_text(value)


def _element(name: str, value: object) -> str:
    if value is None:
        return ""
    if name == "reasonCodes" and isinstance(value, list):
        items = "".join(_element("reasonCode", item) for item in value)
        return f"<reasonCodes>{items}</reasonCodes>"
    if isinstance(value, Mapping):
        inner = "".join(_element(str(key), item) for key, item in value.items() if _NCNAME.fullmatch(str(key)))
        return f"<{name}>{inner}</{name}>"
    if isinstance(value, list):
        return "".join(_element(name, item) for item in value)
    return f"<{name}>{_scalar(value)}</{name}>"


def render_response(response: Mapping[str, object], namespace: str) -> bytes:
    """A ScoreApplicantResponse envelope for a REST-shaped response dict, UTF-8 encoded.

    Known fields come in schema order (``None`` omitted); any other key the service returned is
    appended as an element of the same name, so a response that leaves the contract stays visible.
    """
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>\n',
        f'<soap:Envelope xmlns:soap="{SOAP_ENV_NS}"><soap:Body>',
        f'<{RESPONSE_ELEMENT} xmlns="{xml_text(namespace)}">',
    ]
    parts.extend(_element(name, response[name]) for name in RESPONSE_FIELDS if name in response)
    parts.extend(
        _element(name, value)
        for name, value in response.items()
        if name not in _RESPONSE_FIELD_SET and _NCNAME.fullmatch(name)
    )
    parts.append(f"</{RESPONSE_ELEMENT}></soap:Body></soap:Envelope>")
    return "".join(parts).encode("utf-8")
