"""The contract's request fields: ranges, boundary values and invalid value classes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

MISSING = "<missing>"
ENUMS = {
    "employmentStatus": ("full_time", "part_time", "self_employed", "retired", "student", "unemployed"),
    "channel": ("web", "mobile", "branch", "broker", "partner_api"),
    "modelCode": ("credit_risk_v1", "credit_risk_v2"),
}
REQUEST_FIELDS = (
    "transactionId",
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
)


@dataclass(frozen=True)
class NumericField:
    name: str
    minimum: float
    maximum: float
    integer: bool

    def valid(self, value: float) -> bool:
        return self.minimum <= value <= self.maximum and (not self.integer or float(value).is_integer())


NUMERIC_FIELDS = {
    "age": NumericField("age", 18, 100, True),
    "monthlyIncome": NumericField("monthlyIncome", 0, 1_000_000, False),
    "requestedAmount": NumericField("requestedAmount", 100, 1_000_000, False),
    "existingDebt": NumericField("existingDebt", 0, 10_000_000, False),
    "creditHistoryMonths": NumericField("creditHistoryMonths", 0, 960, True),
}
# transactionId: ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$ ; applicantId: ^SYN-[A-Z0-9]{6,24}$
LENGTH_FIELDS = {"transactionId": ("TX", "", 8, 64), "applicantId": ("SYN-", "SYN-", 6, 24)}


def _number(value: float) -> int | float:
    rounded = round(value, 2)
    return int(rounded) if float(rounded).is_integer() else rounded


def boundary_values(field: str) -> list[dict[str, Any]]:
    """Values at and around each end of the field's range, each with ``valid`` and a ``label`` like ``min-1``."""
    if field in NUMERIC_FIELDS:
        return _numeric_boundaries(NUMERIC_FIELDS[field])
    if field in LENGTH_FIELDS:
        return _length_boundaries(field)
    known = ", ".join([*NUMERIC_FIELDS, *LENGTH_FIELDS])
    raise ValueError(f"no boundary values for field '{field}'; fields with ranges: {known}")


def _numeric_boundaries(spec: NumericField) -> list[dict[str, Any]]:
    steps = [("-1", -1), ("", 0), ("+1", 1)]
    if not spec.integer:
        steps = [("-1", -1), ("-0.01", -0.01), ("", 0), ("+0.01", 0.01), ("+1", 1)]
    cases = []
    for end, base in (("min", spec.minimum), ("max", spec.maximum)):
        for suffix, step in steps:
            value = _number(base + step)
            cases.append({"value": value, "valid": spec.valid(value), "label": f"{end}{suffix}"})
    return cases


def _length_boundaries(field: str) -> list[dict[str, Any]]:
    prefix, fixed, minimum, maximum = LENGTH_FIELDS[field]
    filler = "A1B2C3D4E5F6G7H8J9K0" * 4
    cases = []
    for end, base in (("min", minimum), ("max", maximum)):
        for suffix, step in (("-1", -1), ("", 0), ("+1", 1)):
            length = base + step
            value = fixed + filler[:length] if fixed else (prefix + filler)[:length]
            cases.append({"value": value, "valid": minimum <= length <= maximum, "label": f"{end}{suffix}"})
    return cases


def invalid_values(field: str) -> list[dict[str, Any]]:
    """Values of every invalid class for the field, each with the contract's validation ``issue``."""
    if field in NUMERIC_FIELDS:
        return _numeric_invalid(NUMERIC_FIELDS[field])
    if field in ENUMS or field in LENGTH_FIELDS:
        return _string_invalid(field)
    known = ", ".join([*NUMERIC_FIELDS, *ENUMS, *LENGTH_FIELDS])
    raise ValueError(f"no invalid values for field '{field}'; known fields: {known}")


def _numeric_invalid(spec: NumericField) -> list[dict[str, Any]]:
    typical = int(spec.minimum) + 12
    non_finite_issue = "wrong_type" if spec.integer else "not_finite"
    cases = [
        {"value": str(typical), "label": "numeric string", "issue": "wrong_type"},
        {"value": "abc", "label": "text", "issue": "wrong_type"},
        {"value": None, "label": "null", "issue": "wrong_type"},
        {"value": True, "label": "boolean", "issue": "wrong_type"},
        {"value": math.nan, "label": "NaN", "issue": non_finite_issue},
        {"value": math.inf, "label": "Infinity", "issue": non_finite_issue},
        {"value": -1, "label": "negative", "issue": "out_of_range"},
        {"value": _number(spec.maximum * 10), "label": "far above max", "issue": "out_of_range"},
        {"value": MISSING, "label": "missing", "issue": "missing"},
    ]
    if spec.integer:
        cases[4:4] = [
            {"value": typical + 0.5, "label": "fractional float for int", "issue": "wrong_type"},
            {"value": float(typical), "label": "whole float for int", "issue": "wrong_type"},
        ]
    return cases


def _string_invalid(field: str) -> list[dict[str, Any]]:
    issue = "invalid_enum" if field in ENUMS else "invalid_format"
    cases = [
        {"value": 12345678, "label": "number", "issue": "wrong_type"},
        {"value": None, "label": "null", "issue": "wrong_type"},
        {"value": True, "label": "boolean", "issue": "wrong_type"},
        {"value": "", "label": "empty string", "issue": issue},
        {"value": MISSING, "label": "missing", "issue": "missing"},
    ]
    if field in ENUMS:
        cases[4:4] = [
            {"value": ENUMS[field][0].upper(), "label": "wrong case", "issue": issue},
            {"value": "unknown_value", "label": "not in the list", "issue": issue},
        ]
    elif field == "transactionId":
        cases[4:4] = [
            {"value": "TX 2026 0001", "label": "space", "issue": issue},
            {"value": "-TX-20260001", "label": "leading dash", "issue": issue},
        ]
    else:
        cases[4:4] = [
            {"value": "APP-12345678", "label": "not synthetic prefix", "issue": issue},
            {"value": "SYN-abc12345", "label": "lower case", "issue": issue},
        ]
    if field == "modelCode":
        cases = [c for c in cases if c["issue"] != "missing"]
    return cases


def with_field(applicant: dict[str, Any], field: str, value: Any) -> dict[str, Any]:
    """A copy with ``field`` set to ``value``; the ``<missing>`` marker removes the field."""
    changed = dict(applicant)
    if value == MISSING and isinstance(value, str):
        changed.pop(field, None)
    else:
        changed[field] = value
    return changed


def without_field(applicant: dict[str, Any], field: str) -> dict[str, Any]:
    changed = dict(applicant)
    if field not in changed:
        raise KeyError(f"applicant has no field '{field}' (fields: {', '.join(changed)})")
    del changed[field]
    return changed
