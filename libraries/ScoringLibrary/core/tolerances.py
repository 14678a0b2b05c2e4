"""Tolerance specifications for numeric fields: ``score=abs:0``, ``monthlyIncome=rel:0.01``.

``abs:T`` passes when ``|actual - expected| <= T``. ``rel:T`` passes when
``|actual - expected| <= T * |expected|``: the baseline value is the reference, so the rule is
asymmetric like ``numpy.isclose`` (not the symmetric ``math.isclose``). A tolerance above zero
absorbs binary floating-point representation error (a few units in the last place), so a
decimal difference equal to the tolerance passes. ``abs:0`` requires numerically equal values.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

EXACT_FIELDS = frozenset({"decision", "reasonCodes"})
_ULPS = 64


@dataclass(frozen=True)
class Tolerance:
    kind: str
    value: float

    def __post_init__(self) -> None:
        if self.kind not in {"abs", "rel"}:
            raise ValueError(f"tolerance kind must be abs or rel, got '{self.kind}'")
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError(f"tolerance must be a finite number >= 0, got {self.value}")

    def allowed(self, expected: float) -> float:
        return self.value if self.kind == "abs" else self.value * abs(expected)

    def holds(self, actual: float, expected: float) -> bool:
        difference = abs(actual - expected)
        limit = self.allowed(expected)
        if difference <= limit:
            return True
        if limit == 0:
            return False
        return difference - limit <= _ULPS * math.ulp(max(abs(actual), abs(expected), limit))

    def __str__(self) -> str:
        return f"{self.kind}:{self.value:g}"


def parse_tolerance(spec: str) -> tuple[str, Tolerance]:
    """``"field=abs:0.5"`` -> ``("field", Tolerance("abs", 0.5))``."""
    field, sep, rule = spec.partition("=")
    kind, colon, number = rule.strip().partition(":")
    if not sep or not colon or not field.strip():
        raise ValueError(f"tolerance must look like 'field=abs:0.5' or 'field=rel:0.01', got '{spec}'")
    field = field.strip()
    if field in EXACT_FIELDS:
        raise ValueError(f"{field} is always compared exactly; remove the tolerance '{spec}'")
    try:
        value = float(number)
    except ValueError:
        raise ValueError(f"tolerance value must be a number in '{spec}'") from None
    return field, Tolerance(kind.strip().lower(), value)


def parse_tolerances(specs: Iterable[str] | Mapping[str, str]) -> dict[str, Tolerance]:
    """Several specs (a list of ``field=kind:value`` strings or a ``{field: "kind:value"}`` mapping)."""
    items = [f"{k}={v}" for k, v in specs.items()] if isinstance(specs, Mapping) else list(specs)
    parsed: dict[str, Tolerance] = {}
    for spec in items:
        for part in str(spec).split(","):
            if part.strip():
                field, tolerance = parse_tolerance(part)
                parsed[field] = tolerance
    return parsed
