"""Streaming regression comparison of scoring results against an approved baseline.

Both sides are read as streams of projected tuples ``(key, field, ...)``. Records that arrive
in the same order are compared in lockstep: identical tuples count as matched without any
parsing, so a million-record comparison costs little more than reading the files. Records
out of order wait in a pending map until their counterpart arrives; the memory held grows
with the disorder of the files, not with their size. Only differing tuples are normalised
(numbers parsed, reason codes split) and checked against the tolerances.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import islice, zip_longest
from typing import Any

from .baseline_files import RecordSource, open_records
from .tolerances import Tolerance, parse_tolerances
from .values import reason_code_list

DEFAULT_FIELDS = ("score", "decision", "riskBand", "probabilityOfDefault", "reasonCodes")
DEFAULT_TOLERANCES = {"score": Tolerance("abs", 0.0), "probabilityOfDefault": Tolerance("abs", 0.0)}
EQUAL, WITHIN, BEYOND, FLIP, CODES = (
    "equal",
    "within_tolerance",
    "beyond_tolerance",
    "decision_flip",
    "reason_code_change",
)
FAILING_KINDS = frozenset({BEYOND, FLIP, CODES})
_INVALID = object()


@dataclass
class Difference:
    key: str
    field: str
    kind: str
    expected: Any
    actual: Any
    rule: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "field": self.field,
            "kind": self.kind,
            "expected": self.expected,
            "actual": self.actual,
            "rule": self.rule,
        }

    def __str__(self) -> str:
        if self.kind in {"missing", "unexpected", "duplicate", "unkeyed"}:
            return f"{self.kind} {self.key}".strip()
        rule = f" ({self.rule})" if self.rule else ""
        return f"{self.key} {self.field} expected {_show(self.expected)} actual {_show(self.actual)}{rule}"


@dataclass
class ComparisonResult:
    key: str
    fields: list[str]
    tolerances: dict[str, Tolerance]
    max_examples: int = 10
    baseline_records: int = 0
    actual_records: int = 0
    compared: int = 0
    matched: int = 0
    within_tolerance: int = 0
    beyond_tolerance: int = 0
    decision_flips: int = 0
    reason_code_changes: int = 0
    failed: int = 0
    missing_ids: list[str] = field(default_factory=list)
    unexpected_ids: list[str] = field(default_factory=list)
    duplicate_ids: list[str] = field(default_factory=list)
    missing: int = 0
    unexpected: int = 0
    duplicates: int = 0
    unkeyed: int = 0
    flip_counts: Counter = field(default_factory=Counter)
    examples: list[Difference] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not (self.failed or self.missing or self.unexpected or self.duplicates or self.unkeyed)

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.baseline_records,
            "baseline_records": self.baseline_records,
            "actual_records": self.actual_records,
            "compared": self.compared,
            "matched": self.matched,
            "within_tolerance": self.within_tolerance,
            "beyond_tolerance": self.beyond_tolerance,
            "decision_flips": self.decision_flips,
            "reason_code_changes": self.reason_code_changes,
            "missing": self.missing,
            "unexpected": self.unexpected,
            "duplicates": self.duplicates,
            "unkeyed": self.unkeyed,
            "failed": self.failed,
            "passed": self.passed,
            "key": self.key,
            "fields": list(self.fields),
            "tolerances": {name: str(tol) for name, tol in self.tolerances.items()},
            "decision_flip_counts": {f"{a}->{b}": n for (a, b), n in sorted(self.flip_counts.items())},
            "missing_ids": list(self.missing_ids),
            "unexpected_ids": list(self.unexpected_ids),
            "duplicate_ids": list(self.duplicate_ids),
            "examples": [d.as_dict() for d in self.examples],
        }

    def failure_message(self, max_items: int = 5) -> str:
        counts = [
            (self.beyond_tolerance, "beyond tolerance"),
            (self.decision_flips, "decision flip"),
            (self.reason_code_changes, "reason-code change"),
            (self.missing, "missing"),
            (self.unexpected, "unexpected"),
            (self.duplicates, "duplicate"),
            (self.unkeyed, f"without {self.key}"),
        ]
        named = ", ".join(_count(n, label) for n, label in counts if n)
        items = [str(d) for d in self.examples[:max_items]]
        items += [f"missing {k}" for k in self.missing_ids[:max_items]]
        items += [f"unexpected {k}" for k in self.unexpected_ids[:max_items]]
        items += [f"duplicate {k}" for k in self.duplicate_ids[:max_items]]
        return (
            f"Results differ from the baseline: {named} (baseline {self.baseline_records} records, "
            f"actual {self.actual_records}, compared {self.compared}): {'; '.join(items)}"
        )

    def add_example(self, difference: Difference) -> None:
        if len(self.examples) < self.max_examples:
            self.examples.append(difference)


def _count(number: int, label: str) -> str:
    plural = label in {"decision flip", "reason-code change", "duplicate"} and number != 1
    return f"{number} {label}{'s' if plural else ''}"


def _show(value: Any) -> str:
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value) or "none"
    return "null" if value is None or value == "" else str(value)


def _number(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None if value is None else _INVALID
    if isinstance(value, int | float):
        return float(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        return _INVALID
    return number if not math.isnan(number) else _INVALID


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


FieldCheck = Callable[[Any, Any], tuple[str, Any, Any, str]]


def numeric_check(tolerance: Tolerance) -> FieldCheck:
    def check(actual: Any, expected: Any) -> tuple[str, Any, Any, str]:
        a, e = _number(actual), _number(expected)
        if a is None and e is None:
            return EQUAL, expected, actual, ""
        if a is None or e is None or a is _INVALID or e is _INVALID:
            return BEYOND, expected, actual, f"{tolerance}, not comparable"
        if a == e:
            return EQUAL, e, a, ""
        kind = WITHIN if tolerance.holds(a, e) else BEYOND
        return kind, _plain(e), _plain(a), f"{tolerance}, difference {abs(a - e):.6g}"

    return check


def _plain(number: float) -> Any:
    return int(number) if number.is_integer() and abs(number) < 2**53 else number


def decision_check(actual: Any, expected: Any) -> tuple[str, Any, Any, str]:
    a, e = _text(actual), _text(expected)
    return (EQUAL if a == e else FLIP), e, a, ""


def reason_code_check(actual: Any, expected: Any) -> tuple[str, Any, Any, str]:
    try:
        a, e = reason_code_list(actual), reason_code_list(expected)
    except ValueError:
        return CODES, expected, actual, "not a reason-code list"
    return (EQUAL if a == e else CODES), e, a, "ordered, exact" if a != e else ""


def text_check(actual: Any, expected: Any) -> tuple[str, Any, Any, str]:
    a, e = _text(actual), _text(expected)
    if a == e:
        return EQUAL, e, a, ""
    na, ne = _number(a), _number(e)
    if na is not None and na is not _INVALID and na == ne:
        return EQUAL, e, a, ""
    return BEYOND, e, a, "exact"


def field_checks(fields: Sequence[str], tolerances: Mapping[str, Tolerance]) -> list[FieldCheck]:
    checks: list[FieldCheck] = []
    for name in fields:
        if name == "decision":
            checks.append(decision_check)
        elif name == "reasonCodes":
            checks.append(reason_code_check)
        elif name in tolerances:
            checks.append(numeric_check(tolerances[name]))
        else:
            checks.append(text_check)
    return checks


def select_fields(
    baseline: RecordSource,
    actual: RecordSource,
    key: str,
    tolerances: Mapping[str, Tolerance],
    fields: Sequence[str] | None,
) -> list[str]:
    """The compared fields: ``fields`` if given, else the default fields the baseline has plus the toleranced ones."""
    baseline_columns = baseline.columns()
    actual_columns = actual.columns()
    if fields:
        chosen = [f for f in fields if f != key]
    else:
        present = set(baseline_columns) if baseline_columns else set(DEFAULT_FIELDS)
        chosen = [f for f in DEFAULT_FIELDS if f in present]
        chosen += [f for f in tolerances if f not in chosen]
    problems = []
    for side, columns in (("baseline", baseline_columns), ("actual results", actual_columns)):
        absent = [f for f in (key, *chosen) if columns and f not in columns]
        if absent:
            where = baseline.description if side == "baseline" else actual.description
            problems.append(f"{side} ({where}) has no {', '.join(absent)}")
    if problems:
        raise ValueError("Cannot compare: " + "; ".join(problems))
    if not chosen:
        raise ValueError(f"Cannot compare: no comparable fields besides {key}")
    return chosen


class _PairChecker:
    def __init__(self, result: ComparisonResult) -> None:
        self.result = result
        self.checks = list(zip(result.fields, field_checks(result.fields, result.tolerances), strict=True))

    def pair(self, key: str, actual: tuple, expected: tuple) -> None:
        result = self.result
        kinds = set()
        for index, (name, check) in enumerate(self.checks, start=1):
            a, e = actual[index], expected[index]
            if a == e:
                continue
            kind, shown_e, shown_a, rule = check(a, e)
            if kind == EQUAL:
                continue
            kinds.add(kind)
            if kind == FLIP:
                result.flip_counts[(_text(e), _text(a))] += 1
            if kind in FAILING_KINDS:
                result.add_example(Difference(key, name, kind, shown_e, shown_a, rule))
        result.decision_flips += FLIP in kinds
        result.reason_code_changes += CODES in kinds
        result.beyond_tolerance += BEYOND in kinds
        if kinds & FAILING_KINDS:
            result.failed += 1
        elif WITHIN in kinds:
            result.within_tolerance += 1
        else:
            result.matched += 1


def compare_results(
    actual: Any,
    baseline: Any,
    tolerances: Iterable[str] | Mapping[str, Any] | None = None,
    key: str = "transactionId",
    fields: Sequence[str] | None = None,
    max_examples: int = 10,
) -> ComparisonResult:
    """Compare actual results with a baseline (lists of dicts or JSON/CSV/NDJSON paths)."""
    parsed = _tolerance_map(tolerances)
    actual_source = open_records(actual, "actual results")
    baseline_source = open_records(baseline, "baseline")
    names = select_fields(baseline_source, actual_source, key, parsed, fields)
    effective = {**{k: v for k, v in DEFAULT_TOLERANCES.items() if k in names}, **parsed}
    result = ComparisonResult(key, names, effective, max_examples)
    _merge(actual_source.rows([key, *names]), baseline_source.rows([key, *names]), result)
    return result


def _tolerance_map(tolerances: Iterable[str] | Mapping[str, Any] | None) -> dict[str, Tolerance]:
    if not tolerances:
        return {}
    if isinstance(tolerances, Mapping) and all(isinstance(v, Tolerance) for v in tolerances.values()):
        return dict(tolerances)
    return parse_tolerances(tolerances)


def _merge(actual_rows: Iterable[tuple], baseline_rows: Iterable[tuple], result: ComparisonResult) -> None:
    checker = _PairChecker(result)
    compare_pair = checker.pair
    done: set[str] = set()
    done_add = done.add
    pending_actual: dict[str, tuple] = {}
    pending_baseline: dict[str, tuple] = {}
    lockstep = identical = 0
    for actual, expected in zip_longest(actual_rows, baseline_rows):
        if actual is not None and expected is not None:
            key = actual[0]
            if (
                key == expected[0]
                and key
                and key not in done
                and key not in pending_actual
                and key not in pending_baseline
            ):
                done_add(key)
                lockstep += 1
                if actual == expected:
                    identical += 1
                else:
                    compare_pair(key, actual, expected)
                continue
        if actual is not None:
            _take(actual, pending_actual, pending_baseline, done, result, "actual", compare_pair)
        if expected is not None:
            _take(expected, pending_baseline, pending_actual, done, result, "baseline", compare_pair)
    result.matched += identical
    result.compared += lockstep
    result.actual_records += lockstep
    result.baseline_records += lockstep
    result.missing += len(pending_baseline)
    result.unexpected += len(pending_actual)
    result.missing_ids.extend(islice(pending_baseline, result.max_examples))
    result.unexpected_ids.extend(islice(pending_actual, result.max_examples))


def _take(
    row: tuple,
    own: dict[str, tuple],
    other: dict[str, tuple],
    done: set[str],
    result: ComparisonResult,
    side: str,
    compare_pair: Callable[[str, tuple, tuple], None],
) -> None:
    key = row[0]
    if side == "actual":
        result.actual_records += 1
    else:
        result.baseline_records += 1
    if not key:
        result.unkeyed += 1
        return
    if key in done or key in own:
        result.duplicates += 1
        if len(result.duplicate_ids) < result.max_examples:
            result.duplicate_ids.append(f"{key} ({side})")
        return
    if key in other:
        counterpart = other.pop(key)
        done.add(key)
        result.compared += 1
        actual, expected = (row, counterpart) if side == "actual" else (counterpart, row)
        if actual == expected:
            result.matched += 1
        else:
            compare_pair(key, actual, expected)
        return
    own[key] = row
