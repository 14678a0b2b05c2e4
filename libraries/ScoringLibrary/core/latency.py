"""Latency collections and percentiles (nearest-rank method)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any


def parse_percentile(percentile: str | float) -> float:
    """``"p95"``, ``"95"``, ``95`` or ``99.9`` -> 95.0 / 99.9; must be in (0, 100]."""
    text = str(percentile).strip().lower().removeprefix("p")
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"percentile must look like p95 or 95, got '{percentile}'") from None
    if not 0 < value <= 100:
        raise ValueError(f"percentile must be in (0, 100], got {value:g}")
    return value


def nearest_rank(sorted_values: list[float], percentile: float) -> float:
    """The smallest value with at least ``percentile`` % of the values at or below it: rank ceil(p/100 * n)."""
    if not sorted_values:
        raise ValueError("no latencies recorded")
    rank = max(1, math.ceil(percentile / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def calls_allowed_over(count: int, percentile: str | float = 95) -> int:
    """How many of ``count`` latencies may exceed a limit while the nearest-rank ``percentile`` still meets it.

    The percentile is within the limit while ``ceil(p / 100 * count)`` latencies are: 3 of 60 for p95.
    """
    return int(count) - math.ceil(parse_percentile(percentile) / 100 * int(count))


def elapsed_ms(response: Any) -> float:
    """Milliseconds from a requests.Response (``elapsed``), a timedelta, or a number of milliseconds."""
    elapsed = getattr(response, "elapsed", response)
    if isinstance(elapsed, timedelta):
        return elapsed.total_seconds() * 1000
    if isinstance(elapsed, int | float) and not isinstance(elapsed, bool):
        return float(elapsed)
    raise TypeError(f"expected a response with .elapsed, a timedelta or milliseconds, got {type(response).__name__}")


@dataclass
class LatencyCollection:
    name: str
    values: list[float] = field(default_factory=list)

    def record(self, milliseconds: float) -> None:
        value = float(milliseconds)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"latency must be a finite number of milliseconds >= 0, got {milliseconds}")
        self.values.append(value)

    def percentile(self, percentile: str | float) -> float:
        return nearest_rank(sorted(self.values), parse_percentile(percentile))

    def statistics(self) -> dict[str, float | int]:
        if not self.values:
            raise ValueError(f"no latencies recorded in collection '{self.name}'")
        ordered = sorted(self.values)
        return {
            "count": len(ordered),
            "min": ordered[0],
            "p50": nearest_rank(ordered, 50),
            "p95": nearest_rank(ordered, 95),
            "p99": nearest_rank(ordered, 99),
            "max": ordered[-1],
            "mean": sum(ordered) / len(ordered),
        }

    def limit_problem(self, percentile: str | float, limit_ms: float) -> str | None:
        """The failure message when the percentile exceeds the limit, else None."""
        if not self.values:
            return f"no latencies recorded in collection '{self.name}'"
        wanted = parse_percentile(percentile)
        value = self.percentile(wanted)
        if value <= limit_ms:
            return None
        return (
            f"p{wanted:g} latency {value:.1f} ms exceeds the limit {limit_ms:g} ms over "
            f"{len(self.values)} requests (collection '{self.name}')"
        )
