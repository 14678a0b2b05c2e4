"""ScoreApplicantRequest to the realtime request dict, and every invalid element named when it fails the XSD."""

from __future__ import annotations

import re
import threading
from decimal import Decimal
from typing import Any

from lxml import etree

from mock.soap.documents import SCHEMA
from mock.soap.faults import client_fault
from mock.soap.names import DECIMAL_FIELDS, INTEGER_FIELDS, REQUEST_ELEMENT, REQUEST_FIELDS, SCORING_NS
from mock.validation import validate_score_request

_XSI_PREFIX = "{http://www.w3.org/2001/XMLSchema-instance}"
_XSD_WHITESPACE = " \t\r\n"
_INTEGER_LEXICAL = re.compile(r"[+-]?[0-9]+")
_DECIMAL_LEXICAL = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_FIELD_POSITION = {name: index for index, name in enumerate(REQUEST_FIELDS)}
_NS_PREFIX = f"{{{SCORING_NS}}}"
_error_log_lock = threading.Lock()

Issue = dict


def _issue(field: str, issue: str, message: str) -> Issue:
    return {"field": field, "issue": issue, "message": message}


def _text(element: etree._Element) -> str:
    if len(element) == 0:
        return element.text or ""
    return "".join(element.itertext())


def to_number(text: str) -> int | float:
    """An xs:decimal lexical value as a JSON-like number: int when integral, else float."""
    value = Decimal(text.strip(_XSD_WHITESPACE))
    return int(value) if value == value.to_integral_value() else float(value)


def _convert(name: str, text: str) -> Any:
    if name in INTEGER_FIELDS:
        return int(text.strip(_XSD_WHITESPACE))
    if name in DECIMAL_FIELDS:
        return to_number(text)
    return text


def request_dict(element: etree._Element) -> dict[str, Any]:
    """The realtime request dict of a schema-valid ScoreApplicantRequest (ints for xs:int, numbers for xs:decimal)."""
    result: dict[str, Any] = {}
    for child in element.iterchildren(etree.Element):
        name = child.tag[len(_NS_PREFIX) :]
        result[name] = _convert(name, _text(child))
    return result


def _lexical_problem(name: str, child: etree._Element) -> tuple[str, str] | None:
    if any(not key.startswith(_XSI_PREFIX) for key in child.attrib):
        return "invalid_format", "must carry no attributes"
    if next(child.iterchildren(etree.Element), None) is not None:
        return "invalid_format", "must hold a simple value, not child elements"
    text = _text(child).strip(_XSD_WHITESPACE)
    if name in INTEGER_FIELDS and not _INTEGER_LEXICAL.fullmatch(text):
        return "wrong_type", "must be an integer (xs:int)"
    if name in DECIMAL_FIELDS and not _DECIMAL_LEXICAL.fullmatch(text):
        return "wrong_type", "must be a decimal number (xs:decimal: no exponent, not NaN or INF)"
    return None


def _unknown_issue(child: etree._Element) -> Issue | None:
    """An issue when ``child`` is not one of the request's elements (in the scoring namespace)."""
    qname = etree.QName(child)
    if qname.namespace == SCORING_NS and qname.localname in _FIELD_POSITION:
        return None
    if qname.localname in _FIELD_POSITION:
        message = f"must be in namespace {SCORING_NS} (elements are qualified)"
        return _issue(qname.localname, "unknown_field", message)
    field = qname.localname if qname.namespace == SCORING_NS else qname.text
    return _issue(field, "unknown_field", f"unknown element (not part of {REQUEST_ELEMENT})")


def _order_issue(names: list[str]) -> Issue | None:
    highest = -1
    for name in names:
        position = _FIELD_POSITION[name]
        if position < highest:
            return _issue(name, "invalid_format", f"out of order: the elements go {', '.join(REQUEST_FIELDS)}")
        highest = position
    return None


def _structure_issues(element: etree._Element) -> tuple[list[Issue], dict[str, str], set[str]]:
    """Unknown, repeated, out-of-order and lexically invalid elements; the usable values; every field named."""
    issues: list[Issue] = []
    values: dict[str, str] = {}
    seen: list[str] = []
    if (element.text or "").strip(_XSD_WHITESPACE) or any(
        (child.tail or "").strip(_XSD_WHITESPACE) for child in element
    ):
        issues.append(_issue(REQUEST_ELEMENT, "invalid_format", "must contain only elements, no text"))
    named: set[str] = set()
    for child in element.iterchildren(etree.Element):
        unknown = _unknown_issue(child)
        if unknown is not None:
            issues.append(unknown)
            named.add(unknown["field"])
            continue
        name = etree.QName(child).localname
        if name in seen:
            issues.append(_issue(name, "duplicate", "appears more than once"))
            continue
        seen.append(name)
        problem = _lexical_problem(name, child)
        if problem is None:
            values[name] = _text(child)
        else:
            issues.append(_issue(name, *problem))
    order = _order_issue(seen)
    if order is not None:
        issues.append(order)
    return issues, values, named | set(seen)


def _schema_log_issues(element: etree._Element) -> list[Issue]:
    with _error_log_lock:
        SCHEMA.validate(element)
        entries = [(entry.path or "", entry.type_name) for entry in SCHEMA.error_log]
    issues: list[Issue] = []
    for path, type_name in entries:
        step = path.rsplit("/", 1)[-1].split(":")[-1] or REQUEST_ELEMENT
        issues.append(_issue(step, "invalid_format", f"does not match the schema ({type_name})"))
    return issues


def element_issues(element: etree._Element) -> list[Issue]:
    """Every invalid element of a ScoreApplicantRequest that fails the XSD, values never echoed.

    Structure and lexical types come from the element walk, ranges, patterns and enumerations from
    the REST rules (same messages as REST); anything else the schema refuses from its error log.
    """
    issues, values, seen = _structure_issues(element)
    typed = {name: _convert(name, text) for name, text in values.items()}
    for item in validate_score_request(typed):
        if item["issue"] == "missing" and item["field"] in seen:
            continue
        issues.append(item)
    if not issues:
        issues = _schema_log_issues(element)
    issues.sort(key=lambda item: _FIELD_POSITION.get(item["field"], len(_FIELD_POSITION)))
    return issues


def read_request(element: etree._Element) -> dict[str, Any]:
    """The request dict of a ScoreApplicantRequest; a Client fault naming every invalid element otherwise."""
    if SCHEMA.validate(element):
        return request_dict(element)
    issues = element_issues(element)
    count = len(issues)
    noun = "element is" if count == 1 else "elements are"
    raise client_fault(
        f"{REQUEST_ELEMENT} does not match the schema: {count} {noun} invalid", "VALIDATION_FAILED", details=issues
    )
