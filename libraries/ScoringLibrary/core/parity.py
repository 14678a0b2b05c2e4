"""Lists of requests and responses compared across channels and stores: values by field, channel copies,
outcome coverage and stored values.

Every check works on a whole list and returns all problems (record id, field, expected and actual), so one
failure names every record that differs.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def record_name(record: Any, index: int, key: str = "transactionId") -> str:
    """``record[key]`` when present, else ``item <n>`` (1-based)."""
    if isinstance(record, Mapping) and record.get(key) is not None:
        return str(record[key])
    return f"item {index + 1}"


def values_of_field(items: Sequence[Any], field: str) -> list[Any]:
    """``item[field]`` of every item in order; ValueError naming every item without the field."""
    lacking = [
        record_name(item, index)
        for index, item in enumerate(items)
        if not isinstance(item, Mapping) or field not in item
    ]
    if lacking:
        shown = ", ".join(lacking[:10]) + (f" and {len(lacking) - 10} more" if len(lacking) > 10 else "")
        raise ValueError(f"{len(lacking)} of {len(items)} items have no field '{field}': {shown}")
    return [item[field] for item in items]


def channel_copies(applicants: Iterable[Mapping[str, Any]], suffix: str, model_code: str = "") -> list[dict[str, Any]]:
    """A copy of each applicant with ``suffix`` appended to its transactionId and ``modelCode`` set when given."""
    copies = []
    for applicant in applicants:
        copy = {**applicant, "transactionId": f"{applicant['transactionId']}{suffix}"}
        if model_code:
            copy["modelCode"] = model_code
        copies.append(copy)
    return copies


def coverage_problems(
    bodies: Sequence[Mapping[str, Any]], decisions: Iterable[str], policy_rules: Iterable[str]
) -> list[str]:
    """``no REFER decision``, ``no P02 policy decline``: the wanted outcomes no body has."""
    seen_decisions = {body.get("decision") for body in bodies}
    seen_rules = {body.get("policyRule") for body in bodies}
    return [f"no {wanted} decision" for wanted in decisions if wanted not in seen_decisions] + [
        f"no {wanted} policy decline" for wanted in policy_rules if wanted not in seen_rules
    ]


def outcome_counts(bodies: Sequence[Mapping[str, Any]], field: str) -> str:
    """``APPROVE 12, DECLINE 8`` (most frequent first) of ``field`` over the bodies that have a value."""
    counts = Counter(str(body.get(field)) for body in bodies if body.get(field) is not None)
    return ", ".join(f"{value} {count}" for value, count in counts.most_common()) or "none"


def stored_value_problems(
    where: str, stored: Mapping[str, Any], shown: Mapping[str, Any], columns: Mapping[str, str]
) -> list[str]:
    """``where.column: the API shows X, the database holds Y`` for each ``column=field`` pair that differs.

    Numbers compare by value (``712`` equals ``712.0``); None equals None only. A column the row lacks or a
    field the API body lacks is reported as missing.
    """
    problems = []
    for column, field in columns.items():
        if column not in stored:
            problems.append(f"{where}.{column}: no such column in the stored row")
        elif field not in shown:
            problems.append(f"{where}.{column}: the API body has no field '{field}'")
        elif stored[column] != shown[field]:
            problems.append(f"{where}.{column}: the API shows {shown[field]}, the database holds {stored[column]}")
    return problems


def json_text_with_raw_value(request: Mapping[str, Any], field: str, raw: str, marker: str) -> str:
    """``request`` as JSON text (``json.dumps``) with ``field`` holding the raw JSON text ``raw``."""
    text = json.dumps({**request, field: marker})
    return text.replace(json.dumps(marker), raw)


def with_json_values(
    applicant: Mapping[str, Any], fields: Mapping[str, str], text_fields: Iterable[str] = ()
) -> dict[str, Any]:
    """A copy of ``applicant`` with each of ``fields`` set to its JSON literal parsed (``text_fields`` as text)."""
    plain = set(text_fields)
    changed = dict(applicant)
    for name, text in fields.items():
        try:
            changed[name] = text if name in plain or not isinstance(text, str) else json.loads(text)
        except ValueError as error:
            raise ValueError(f"{name}: '{text}' is not a JSON literal: {error}") from None
    return changed
