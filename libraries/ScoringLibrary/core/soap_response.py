"""Reading a SOAP ScoreApplicantResponse envelope into the REST body's shape."""

from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

RESPONSE_ELEMENT = "ScoreApplicantResponse"
_CONVERTERS = {"score": int, "probabilityOfDefault": float}


def local_name(tag: str) -> str:
    """``{namespace}name`` -> ``name``."""
    return tag.rsplit("}", 1)[-1]


def _find_response(root: Element) -> Element:
    body = next((child for child in root if local_name(child.tag) == "Body"), None)
    if body is None:
        raise ValueError(f"expected a SOAP Envelope with a Body, got <{local_name(root.tag)}> without one")
    for child in body:
        if local_name(child.tag) == RESPONSE_ELEMENT:
            return child
    found = ", ".join(f"<{local_name(child.tag)}>" for child in body) or "an empty Body"
    raise ValueError(f"expected <{RESPONSE_ELEMENT}> in the SOAP Body, got {found}")


def _reason_codes(container: Element) -> list[dict[str, str]]:
    codes = []
    for reason in container:
        fields = {local_name(child.tag): (child.text or "") for child in reason}
        codes.append({"code": fields.get("code", ""), "description": fields.get("description", "")})
    return codes


def score_response_to_dict(xml: str | bytes) -> dict[str, Any]:
    """The response fields as a REST-shaped dict, whatever namespace prefixes the envelope uses.

    ``score`` becomes an int, ``probabilityOfDefault`` a float, ``reasonCodes`` a list of
    ``{code, description}``; an absent ``policyRule`` becomes None. Every child element is
    kept, so an element the contract does not have shows up in the dict.
    """
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    root = ElementTree.fromstring(data, forbid_dtd=True)
    body: dict[str, Any] = {"policyRule": None}
    for child in _find_response(root):
        name = local_name(child.tag)
        if name == "reasonCodes":
            body[name] = _reason_codes(child)
            continue
        text = child.text or ""
        converter = _CONVERTERS.get(name)
        try:
            body[name] = converter(text) if converter else text
        except ValueError as error:
            raise ValueError(f"<{name}> of the SOAP response is not a valid {converter.__name__}: {error}") from None
    return body


def _child(element: Element, name: str) -> Element | None:
    return next((child for child in element if local_name(child.tag) == name), None)


def _text_content(element: Element | None) -> str:
    """All text inside ``element`` with whitespace runs collapsed (empty for None)."""
    return "" if element is None else " ".join("".join(element.itertext()).split())


def soap_fault(xml: str | bytes) -> dict[str, Any]:
    """The ``Body/Fault`` of a SOAP envelope as ``faultcode``, ``faultstring``, ``detail`` (the detail's text
    content), ``validationErrors`` (``field:issue`` of each ``detail/ValidationErrors/error``) and ``faultInfo``
    (the children of ``detail/FaultInfo`` by local name; empty when absent). Namespace prefixes are ignored.

    Raises ValueError when ``xml`` does not parse (``not XML: ...``) or holds no Fault (``no Fault``), and when
    the Fault lacks ``faultcode`` or ``faultstring``.
    """
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except Exception as error:  # defusedxml and expat errors: malformed or forbidden XML
        raise ValueError(f"not XML: {type(error).__name__}: {error}") from None
    body = _child(root, "Body")
    fault = None if body is None else _child(body, "Fault")
    if fault is None:
        raise ValueError("no Fault")
    found = {name: _child(fault, name) for name in ("faultcode", "faultstring")}
    missing = [name for name, element in found.items() if element is None]
    if missing:
        raise ValueError(f"the Fault has no {' and no '.join(missing)}")
    detail = _child(fault, "detail")
    errors = [] if detail is None else _grandchildren(detail, "ValidationErrors", "error")
    info = None if detail is None else _child(detail, "FaultInfo")
    return {
        "faultcode": "".join(found["faultcode"].itertext()),
        "faultstring": "".join(found["faultstring"].itertext()),
        "detail": _text_content(detail),
        "validationErrors": [f"{error.get('field')}:{error.get('issue')}" for error in errors],
        "faultInfo": {} if info is None else {local_name(child.tag): child.text or "" for child in info},
    }


def _grandchildren(element: Element, child: str, grandchild: str) -> list[Element]:
    return [
        node
        for container in element
        if local_name(container.tag) == child
        for node in container
        if local_name(node.tag) == grandchild
    ]
