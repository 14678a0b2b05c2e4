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
