"""Service-level objectives (SLOs) checked against a load test result: every breach named with measured vs limit."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .locust_results import AGGREGATED


@dataclass(frozen=True)
class Slo:
    """One objective: ``key`` of the figures must stay at or below (``ceiling``) or at or above ``limit``."""

    label: str
    key: str
    limit: float
    ceiling: bool
    unit: str

    def breach(self, figures: Mapping[str, Any]) -> str | None:
        """``"p95 latency 812 ms > SLO 200 ms"`` when the figure misses the objective, else None."""
        value = figures.get(self.key)
        if value is None:
            return f"{self.label} not measured against SLO {_limit(self.limit)}{self.unit}"
        missed = value > self.limit if self.ceiling else value < self.limit
        if not missed:
            return None
        sign = ">" if self.ceiling else "<"
        return f"{self.label} {_value(self.key, value)}{self.unit} {sign} SLO {_limit(self.limit)}{self.unit}"


def build_slos(
    p95_ms: float | None = None,
    p99_ms: float | None = None,
    max_error_ratio: float | None = None,
    min_rps: float | None = None,
    max_ms: float | None = None,
    p50_ms: float | None = None,
) -> list[Slo]:
    """The objectives that are set (None means not checked); ValueError for negative or non-finite limits."""
    candidates = [
        ("p50 latency", "p50_ms", p50_ms, True, " ms"),
        ("p95 latency", "p95_ms", p95_ms, True, " ms"),
        ("p99 latency", "p99_ms", p99_ms, True, " ms"),
        ("max latency", "max_ms", max_ms, True, " ms"),
        ("error ratio", "error_ratio", max_error_ratio, True, ""),
        ("throughput", "rps", min_rps, False, " req/s"),
    ]
    slos = []
    for label, key, limit, ceiling, unit in candidates:
        if limit is None:
            continue
        value = float(limit)
        if not math.isfinite(value) or value < 0:
            raise ValueError(f"SLO for {label} must be a finite number >= 0, got {limit}")
        slos.append(Slo(label, key, value, ceiling, unit))
    if max_error_ratio is not None and float(max_error_ratio) > 1:
        raise ValueError(f"SLO for error ratio must be between 0 and 1, got {max_error_ratio}")
    return slos


def select_figures(result: Mapping[str, Any], endpoint: str | None) -> tuple[str, Mapping[str, Any]]:
    """``(scope name, figures)``: the aggregated figures, or those of ``endpoint`` (KeyError naming the endpoints)."""
    if not isinstance(result, Mapping) or "endpoints" not in result:
        raise TypeError(
            f"expected the result of Run Load Test (a dictionary with 'endpoints'), got {type(result).__name__}"
        )
    if not endpoint or endpoint == AGGREGATED:
        return AGGREGATED, result
    endpoints = result["endpoints"]
    if endpoint not in endpoints:
        known = ", ".join(endpoints) or "none"
        raise KeyError(f"endpoint '{endpoint}' is not in the load test result; endpoints: {known}")
    return endpoint, endpoints[endpoint]


def slo_breaches(figures: Mapping[str, Any], slos: list[Slo]) -> list[str]:
    """Every missed objective, in the order of ``slos``; a run without requests misses all of them."""
    breaches = [message for slo in slos if (message := slo.breach(figures))]
    return breaches if figures.get("requests") else ["no requests completed", *breaches]


def failure_message(result: Mapping[str, Any], scope: str, figures: Mapping[str, Any], breaches: list[str]) -> str:
    """One line: what was tested, then every breach separated by ``; ``."""
    scenario = result.get("scenario", "load test")
    count = len(breaches)
    return (
        f"Load test {scenario} ({scope}, {figures.get('requests', 0)} requests) missed "
        f"{count} SLO{'s' if count != 1 else ''}: " + "; ".join(breaches)
    )


def _value(key: str, value: float) -> str:
    if key == "error_ratio":
        return f"{value:.4g}"
    if key == "rps":
        return f"{value:.1f}"
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def _limit(limit: float) -> str:
    return f"{limit:g}"
