"""XSD validation of SOAP bodies; XML is parsed with defusedxml (no DTDs, no entities)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree

if TYPE_CHECKING:
    import xmlschema

_CLARK = re.compile(r"\{[^{}\s]*[:/][^{}\s]*\}")
SOAP_ENVELOPE_NAMESPACES = {
    "http://schemas.xmlsoap.org/soap/envelope/",
    "http://www.w3.org/2003/05/soap-envelope",
}


@dataclass(frozen=True)
class XsdResult:
    element: str
    violations: list[str]


def load_schema(xsd_source: str | Path) -> xmlschema.XMLSchema:
    """An XSD from a URL (``http(s)://``) or a file path."""
    import xmlschema
    from xmlschema.extras.wsdl import Wsdl11Document

    text = str(xsd_source)
    location = text if re.match(r"^https?://", text) else str(Path(text).resolve())
    if _is_wsdl(location):
        return Wsdl11Document(location).schema
    return xmlschema.XMLSchema(location)


def _is_wsdl(location: str) -> bool:
    return bool(re.search(r"[?&]wsdl\b", location, re.IGNORECASE) or location.lower().endswith(".wsdl"))


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def select_element(root: Element, element: str | None) -> Element:
    """The element to validate: the named one, else the first child of a SOAP Body, else the root."""
    if element:
        wanted = element if element.startswith("{") else None
        for node in root.iter():
            if (wanted and node.tag == wanted) or (not wanted and local_name(node.tag) == element.split(":")[-1]):
                return node
        raise LookupError(f"element '{element}' not found in the XML (root {local_name(root.tag)})")
    namespace = root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
    if namespace in SOAP_ENVELOPE_NAMESPACES and local_name(root.tag) == "Envelope":
        body = next((child for child in root if local_name(child.tag) == "Body"), None)
        if body is None:
            raise LookupError("SOAP Envelope has no Body")
        children = list(body)
        if not children:
            raise LookupError("SOAP Body is empty")
        return children[0]
    return root


def validate_xml(xml_text: str | bytes, schema: xmlschema.XMLSchema, element: str | None = None) -> XsdResult:
    """Every XSD violation of the selected element, as ``/path: reason`` strings."""
    root = SafeElementTree.fromstring(xml_text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    target = select_element(root, element)
    violations = []
    for error in schema.iter_errors(target):
        reason = _CLARK.sub("", (error.reason or str(error.message)).strip().replace("\n", " "))
        path = _CLARK.sub("", error.path or "/" + local_name(target.tag))
        violations.append(f"{path}: {reason}")
    return XsdResult(local_name(target.tag), violations)
