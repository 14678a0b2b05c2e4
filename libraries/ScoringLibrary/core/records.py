"""Record plumbing of scored populations: grouping, requests from baseline cases, ids, paired scores, NDJSON, CSV.

Each function works on a whole list of records at once and returns what differs as readable problems
(record id, field, expected and actual), so a check can name every failing record in one message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .values import reason_code_list


def listed(items: Sequence[str], limit: int = 10, separator: str = "; ") -> str:
    """The first ``limit`` items joined, with ``and N more`` when some are left out."""
    shown = separator.join(items[:limit])
    more = len(items) - limit
    return f"{shown}{separator}and {more} more" if more > 0 else shown


def _name(record: Any, index: int) -> str:
    """``caseId`` or ``transactionId`` of a record, else its position."""
    for key in ("caseId", "transactionId"):
        if isinstance(record, Mapping) and record.get(key) is not None:
            return str(record[key])
    return f"record {index + 1}"


def stored_transaction_ids(
    records: Iterable[Mapping[str, Any]], key: str = "caseId", inputs: str = "applicant"
) -> list[str]:
    """The ``key`` of every record whose ``inputs`` store a ``transactionId`` (a case that cannot be replayed)."""
    return [str(r.get(key, _name(r, i))) for i, r in enumerate(records) if "transactionId" in r.get(inputs, {})]


def field_values(records: Iterable[Mapping[str, Any]], field: str) -> list[Any]:
    """``record[field]`` of every record in order; raises ValueError naming every record without it."""
    records = list(records)
    lacking = [_name(r, i) for i, r in enumerate(records) if not isinstance(r, Mapping) or field not in r]
    if lacking:
        shown = listed(lacking, separator=", ")
        raise ValueError(f"{len(lacking)} of {len(records)} records have no '{field}': {shown}")
    return [record[field] for record in records]


def group_by(records: Iterable[Mapping[str, Any]], field: str) -> dict[Any, list[Mapping[str, Any]]]:
    """``{value: [records]}`` by ``record[field]``, groups and records in first-seen order (the records, not copies)."""
    records = list(records)
    groups: dict[Any, list[Mapping[str, Any]]] = {}
    for value, record in zip(field_values(records, field), records, strict=True):
        groups.setdefault(value, []).append(record)
    return groups


def case_requests(
    records: Iterable[Mapping[str, Any]], prefix: str, key: str = "caseId", inputs: str = "applicant"
) -> list[dict[str, Any]]:
    """A copy of each record's ``inputs`` with ``transactionId`` ``<prefix>-<key>``."""
    records = list(records)
    field_values(records, inputs)
    keys = field_values(records, key)
    return [{**r[inputs], "transactionId": f"{prefix}-{value}"} for r, value in zip(records, keys, strict=True)]


def set_case_ids(results: Iterable[dict[str, Any]], prefix: str, key: str = "caseId") -> list[str]:
    """Set ``key`` on each result from its transactionId ``<prefix>-<key>``; returns the results not requested so.

    Results named in the returned problems are left unchanged.
    """
    start = f"{prefix}-"
    problems = []
    for index, result in enumerate(results):
        transaction_id = result.get("transactionId") if isinstance(result, Mapping) else None
        if not isinstance(transaction_id, str) or not transaction_id.startswith(start):
            problems.append(f"result {index + 1} transactionId {transaction_id!r}")
            continue
        result[key] = transaction_id[len(start) :]
    return problems


def values_by_key(records: Iterable[Mapping[str, Any]], key: str = "caseId", field: str = "score") -> dict[Any, Any]:
    """``{record[key]: record[field]}``; a later record with the same key replaces an earlier one."""
    records = list(records)
    return dict(zip(field_values(records, key), field_values(records, field), strict=True))


def values_of(
    records: Iterable[Mapping[str, Any]], values: Mapping[Any, Any], key: str = "caseId"
) -> tuple[list[Any], list[str]]:
    """``values[record[key]]`` for each record in order, and the keys that ``values`` lacks."""
    found, missing = [], []
    for value in field_values(records, key):
        if value in values:
            found.append(values[value])
        else:
            missing.append(str(value))
    return found, missing


def ndjson_records(text: str) -> list[dict[str, Any]]:
    """The JSON objects of NDJSON text, one a line (blank lines skipped); raises ValueError naming the line."""
    records = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise ValueError(f"NDJSON line {number} is not JSON ({error}): {line[:200]}") from None
        if not isinstance(record, dict):
            raise ValueError(f"NDJSON line {number} is not a JSON object: {line[:200]}")
        records.append(record)
    return records


def csv_problems(
    text: str, records: Sequence[Mapping[str, Any]], results: Sequence[Mapping[str, Any]], columns: Sequence[str]
) -> list[str]:
    """Problems of a results CSV stream against the submitted records and the JSON results, in line order.

    The header must be ``columns`` joined with commas; then one row per record, in order, each with
    ``len(columns)`` comma-separated cells, the record's ``transactionId`` in the ``transactionId``
    column and the result's reason codes joined with ``|`` in the ``reasonCodes`` column.
    """
    lines = text.splitlines()
    header = ",".join(columns)
    if not lines or lines[0] != header:
        return [f"CSV header differs from the contract's: '{lines[0] if lines else ''}' != '{header}'"]
    rows = lines[1:]
    if len(rows) != len(records):
        return [f"CSV has {len(rows)} data rows for {len(records)} submitted records"]
    tx_cell, codes_cell = list(columns).index("transactionId"), list(columns).index("reasonCodes")
    problems = []
    for number, (row, record, result) in enumerate(zip(rows, records, results, strict=False), start=2):
        cells = row.split(",")
        if len(cells) != len(columns):
            problems.append(f"CSV line {number}: {len(cells)} cells, expected {len(columns)}: {row}")
            continue
        if cells[tx_cell] != record["transactionId"]:
            problems.append(
                f"CSV line {number}: transactionId {cells[tx_cell]}, "
                f"submitted record {number - 1} is {record['transactionId']}"
            )
        joined = "|".join(reason_code_list(result.get("reasonCodes")))
        if cells[codes_cell] != joined:
            problems.append(
                f"CSV line {number}: reasonCodes '{cells[codes_cell]}', expected '{joined}' (codes joined with |)"
            )
    if len(results) != len(records):
        problems.append(f"{len(results)} JSON results for {len(records)} submitted records")
    return problems
