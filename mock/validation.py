"""Request validation against the contract's field table: every invalid field named at once.

An issue is ``{"field": ..., "issue": ..., "message": ...}`` with ``issue`` one of ``missing``,
``unknown_field``, ``wrong_type``, ``not_finite``, ``out_of_range``, ``invalid_enum``,
``invalid_format``, ``duplicate``. Messages never echo the submitted value.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

Issue = dict

MODEL_CODES: tuple[str, ...] = ("credit_risk_v1", "credit_risk_v2")
EMPLOYMENT_STATUSES: tuple[str, ...] = ("full_time", "part_time", "self_employed", "retired", "student", "unemployed")
CHANNELS: tuple[str, ...] = ("web", "mobile", "branch", "broker", "partner_api")
TRANSACTION_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{7,63}")
APPLICANT_ID_PATTERN = re.compile(r"SYN-[A-Z0-9]{6,24}")
MAX_BATCH_RECORDS = 100_000

AGE_MIN = 18
AGE_MIN_WITH_DEFECT = 17
AGE_MAX = 100
INCOME_MAX = 1_000_000
AMOUNT_MIN = 100
AMOUNT_MAX = 1_000_000
DEBT_MAX = 10_000_000
HISTORY_MAX = 960

REQUIRED_FIELDS: tuple[str, ...] = (
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
"""The realtime request's required fields, in the contract's table order (``modelCode`` is optional)."""

FIELD_ORDER: tuple[str, ...] = (*REQUIRED_FIELDS, "modelCode")
_REQUIRED_SET = frozenset(REQUIRED_FIELDS)
_EMPLOYMENT_SET = frozenset(EMPLOYMENT_STATUSES)
_CHANNEL_SET = frozenset(CHANNELS)


class BatchTooLarge(Exception):
    """A batch with more records than allowed (answered 413)."""

    def __init__(self, count: int, max_records: int) -> None:
        super().__init__(f"batch has {count} records, at most {max_records} are allowed")
        self.count = count
        self.max_records = max_records


def _issue(field: str, issue: str, message: str) -> Issue:
    return {"field": field, "issue": issue, "message": message}


def _format_bound(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _check_integer(value: Any, low: int, high: int) -> tuple[str, str] | None:
    if value is None:
        return "wrong_type", "must not be null"
    if type(value) is not int:
        return "wrong_type", "must be an integer"
    if not low <= value <= high:
        return "out_of_range", f"must be between {low} and {high}"
    return None


def _check_number(value: Any, low: float, high: float) -> tuple[str, str] | None:
    if value is None:
        return "wrong_type", "must not be null"
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "wrong_type", "must be a number"
    if isinstance(value, float) and not math.isfinite(value):
        return "not_finite", "must be a finite number (not NaN or Infinity)"
    if not low <= value <= high:
        return "out_of_range", f"must be between {_format_bound(low)} and {_format_bound(high)}"
    return None


def _check_pattern(value: Any, pattern: re.Pattern[str], shape: str) -> tuple[str, str] | None:
    if value is None:
        return "wrong_type", "must not be null"
    if not isinstance(value, str):
        return "wrong_type", "must be a string"
    if pattern.fullmatch(value) is None:
        return "invalid_format", f"must match {shape}"
    return None


def _check_enum(value: Any, allowed: Collection[str]) -> tuple[str, str] | None:
    if value is None:
        return "wrong_type", "must not be null"
    if not isinstance(value, str):
        return "wrong_type", "must be a string"
    if value not in allowed:
        return "invalid_enum", f"must be one of: {', '.join(allowed)}"
    return None


_TRANSACTION_SHAPE = "^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"
_APPLICANT_SHAPE = "^SYN-[A-Z0-9]{6,24}$"


def _field_checks(age_min: int, model_codes: Collection[str]) -> dict[str, Callable[[Any], tuple[str, str] | None]]:
    return {
        "transactionId": lambda v: _check_pattern(v, TRANSACTION_ID_PATTERN, _TRANSACTION_SHAPE),
        "applicantId": lambda v: _check_pattern(v, APPLICANT_ID_PATTERN, _APPLICANT_SHAPE),
        "age": lambda v: _check_integer(v, age_min, AGE_MAX),
        "monthlyIncome": lambda v: _check_number(v, 0, INCOME_MAX),
        "employmentStatus": lambda v: _check_enum(v, EMPLOYMENT_STATUSES),
        "requestedAmount": lambda v: _check_number(v, AMOUNT_MIN, AMOUNT_MAX),
        "existingDebt": lambda v: _check_number(v, 0, DEBT_MAX),
        "creditHistoryMonths": lambda v: _check_integer(v, 0, HISTORY_MAX),
        "channel": lambda v: _check_enum(v, CHANNELS),
        "modelCode": lambda v: _check_enum(v, sorted(model_codes)),
    }


def _unknown_sort_key(key: Any) -> tuple[str, str]:
    return (str(key), type(key).__name__)


def _detailed_issues(
    payload: Mapping[str, Any],
    prefix: str,
    allow_model_code: bool,
    age_min: int,
    model_codes: Collection[str],
) -> list[Issue]:
    checks = _field_checks(age_min, model_codes)
    issues: list[Issue] = []
    for field in FIELD_ORDER:
        if field == "modelCode" and not allow_model_code:
            continue
        if field not in payload:
            if field in _REQUIRED_SET:
                issues.append(_issue(prefix + field, "missing", "is required"))
            continue
        problem = checks[field](payload[field])
        if problem is not None:
            issues.append(_issue(prefix + field, *problem))
    known = _REQUIRED_SET | {"modelCode"} if allow_model_code else _REQUIRED_SET
    for key in sorted((k for k in payload if k not in known), key=_unknown_sort_key):
        message = (
            "unknown field (a record takes the batch's modelCode)"
            if key == "modelCode"
            else "unknown field (not used by the model)"
        )
        issues.append(_issue(f"{prefix}{key}", "unknown_field", message))
    return issues


def _is_number_in(value: Any, low: float, high: float) -> bool:
    kind = type(value)
    return (kind is int or kind is float) and low <= value <= high


def _is_valid_fast(record: Any, age_min: int, model_codes: Collection[str] | None) -> bool:
    """True when ``record`` is certainly valid; False means 'run the detailed checks'.

    ``model_codes`` None means a ``modelCode`` key is not allowed at all. NaN and infinities
    fail the range comparisons, so they fall through to the detailed checks.
    """
    if type(record) is not dict:
        return False
    try:
        size = len(record)
        if size != 9 and (size != 10 or model_codes is None or record.get("modelCode") not in model_codes):
            return False
        age = record["age"]
        history = record["creditHistoryMonths"]
        transaction_id = record["transactionId"]
        applicant_id = record["applicantId"]
        return (
            type(age) is int
            and age_min <= age <= AGE_MAX
            and type(history) is int
            and 0 <= history <= HISTORY_MAX
            and _is_number_in(record["monthlyIncome"], 0, INCOME_MAX)
            and _is_number_in(record["requestedAmount"], AMOUNT_MIN, AMOUNT_MAX)
            and _is_number_in(record["existingDebt"], 0, DEBT_MAX)
            and record["employmentStatus"] in _EMPLOYMENT_SET
            and record["channel"] in _CHANNEL_SET
            and type(transaction_id) is str
            and TRANSACTION_ID_PATTERN.fullmatch(transaction_id) is not None
            and type(applicant_id) is str
            and APPLICANT_ID_PATTERN.fullmatch(applicant_id) is not None
        )
    except (KeyError, TypeError):
        return False


def _age_min(defects: frozenset[str]) -> int:
    return AGE_MIN_WITH_DEFECT if "age-17-accepted" in defects else AGE_MIN


def validate_score_request(
    payload: Any,
    *,
    prefix: str = "",
    allow_model_code: bool = True,
    model_codes: Collection[str] = MODEL_CODES,
    defects: frozenset[str] = frozenset(),
) -> list[Issue]:
    """Every issue of one realtime request, in field-table order, then unknown fields sorted.

    ``prefix`` is prepended to field names (``records[3].``); with ``allow_model_code`` False a
    ``modelCode`` key is an unknown field. Defect ``age-17-accepted`` lowers the age minimum to 17.
    """
    age_min = _age_min(defects)
    if not isinstance(payload, Mapping):
        field = prefix[:-1] if prefix.endswith(".") else (prefix or "$")
        return [_issue(field, "wrong_type", "must be a JSON object")]
    if _is_valid_fast(payload, age_min, model_codes if allow_model_code else None):
        return []
    return _detailed_issues(payload, prefix, allow_model_code, age_min, model_codes)


def _transaction_id_valid(record: Any) -> bool:
    if not isinstance(record, Mapping):
        return False
    value = record.get("transactionId")
    return type(value) is str and TRANSACTION_ID_PATTERN.fullmatch(value) is not None


def _records_issues(
    records: list[Any], age_min: int, model_codes: Collection[str], defects: frozenset[str]
) -> list[Issue]:
    """Issues of every record, by index; a repeated transactionId is flagged on its later occurrences."""
    issues: list[Issue] = []
    first_seen: dict[str, int] = {}
    for index, record in enumerate(records):
        if _is_valid_fast(record, age_min, None):
            record_issues: list[Issue] = []
        else:
            record_issues = validate_score_request(
                record, prefix=f"records[{index}].", allow_model_code=False, model_codes=model_codes, defects=defects
            )
            if not _transaction_id_valid(record):
                issues.extend(record_issues)
                continue
        transaction_id = record["transactionId"]
        earlier = first_seen.setdefault(transaction_id, index)
        if earlier != index:
            message = f"duplicates records[{earlier}].transactionId within the batch"
            issues.append(_issue(f"records[{index}].transactionId", "duplicate", message))
        issues.extend(record_issues)
    return issues


def validate_batch_request(
    payload: Any,
    *,
    max_records: int = MAX_BATCH_RECORDS,
    model_codes: Collection[str] = MODEL_CODES,
    defects: frozenset[str] = frozenset(),
) -> list[Issue]:
    """Every issue of a batch submission ``{"records": [...], "modelCode"?: ...}``.

    Order: ``records`` itself, then each record's issues by index (``records[i].field``), then
    ``modelCode``, then unknown top-level keys sorted. Raises BatchTooLarge when there are more
    than ``max_records`` records.
    """
    if not isinstance(payload, Mapping):
        return [_issue("$", "wrong_type", "must be a JSON object")]
    issues: list[Issue] = []
    if "records" not in payload:
        issues.append(_issue("records", "missing", "is required"))
    else:
        records = payload["records"]
        if records is None:
            issues.append(_issue("records", "wrong_type", "must not be null"))
        elif not isinstance(records, list):
            issues.append(_issue("records", "wrong_type", "must be an array of records"))
        elif len(records) > max_records:
            raise BatchTooLarge(len(records), max_records)
        elif not records:
            issues.append(_issue("records", "out_of_range", f"must contain 1..{max_records} records"))
        else:
            issues.extend(_records_issues(records, _age_min(defects), model_codes, defects))
    if "modelCode" in payload:
        problem = _check_enum(payload["modelCode"], sorted(model_codes))
        if problem is not None:
            issues.append(_issue("modelCode", *problem))
    unknown = sorted((k for k in payload if k not in ("records", "modelCode")), key=_unknown_sort_key)
    issues.extend(
        _issue(str(key), "unknown_field", "unknown field (not part of a batch submission)") for key in unknown
    )
    return issues


def canonical_request_hash(request: Mapping[str, Any]) -> str:
    """SHA-256 hex of the request as JSON with sorted keys and compact separators.

    Key order is irrelevant, and a whole-number float equals its integer (`4500.0` and
    `4500` are the same amount), so a retry through another channel replays.
    """
    normalised = {key: _normalise_number(value) for key, value in request.items()}
    text = json.dumps(normalised, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _normalise_number(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value
