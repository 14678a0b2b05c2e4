"""Locust's CSV output (``PREFIX_stats.csv``, ``PREFIX_stats_history.csv``, ``PREFIX_failures.csv``) as a result.

The result is a plain dictionary:

| key | value |
|---|---|
| ``requests``, ``failures`` | counts over the whole run (all endpoints) |
| ``error_ratio`` | ``failures / requests`` (0.0 with no requests) |
| ``rps`` | requests per second over the run |
| ``p50_ms``, ``p95_ms``, ``p99_ms`` | Locust's percentiles in milliseconds (None with no requests) |
| ``max_ms``, ``avg_ms`` | the slowest and the mean response time |
| ``endpoints`` | the same figures per endpoint, keyed ``"POST /api/v1/score"`` |
| ``history`` | one point a second: ``t_s``, ``users``, ``rps``, ``failures_per_s``, ``p50_ms``, ``p95_ms`` |
| ``failure_details`` | ``endpoint``, ``error``, ``occurrences`` per distinct failure |

Locust keeps response times in buckets (exact below 100 ms, to 2 significant digits above), so its
percentiles are approximations; ``max_ms`` is exact.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

AGGREGATED = "Aggregated"
PERCENTILE_COLUMNS = {"p50_ms": "50%", "p95_ms": "95%", "p99_ms": "99%"}
STATS_COLUMNS = ("Type", "Name", "Request Count", "Failure Count", "Requests/s", "Max Response Time", "95%")
HISTORY_COLUMNS = ("Timestamp", "User Count", "Name", "Requests/s", "Failures/s", "50%", "95%")


class LocustResultError(ValueError):
    """A Locust CSV file is missing or not in the format Locust writes."""


def stats_path(prefix: str | Path, kind: str = "stats") -> Path:
    """``PREFIX_<kind>.csv``: kind ``stats``, ``stats_history``, ``failures`` or ``exceptions``."""
    return Path(f"{prefix}_{kind}.csv")


def number(text: str | None) -> float | None:
    """A CSV cell as a float; ``N/A``, empty and non-finite cells are None."""
    if text is None:
        return None
    cleaned = text.strip()
    if not cleaned or cleaned.upper() == "N/A":
        return None
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def endpoint_key(method: str, name: str) -> str:
    """``"POST /api/v1/score"``; the aggregated row is ``"Aggregated"``."""
    return f"{method} {name}".strip() if method else name


def _read_rows(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise LocustResultError(f"Locust CSV file {path} does not exist")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [column for column in required if column not in (reader.fieldnames or [])]
        if missing:
            raise LocustResultError(f"{path}: expected Locust columns {', '.join(missing)}, got {reader.fieldnames}")
        return list(reader)


def row_figures(row: Mapping[str, str]) -> dict[str, Any]:
    """The figures of one ``PREFIX_stats.csv`` row."""
    requests = int(number(row["Request Count"]) or 0)
    failures = int(number(row["Failure Count"]) or 0)
    figures: dict[str, Any] = {
        "requests": requests,
        "failures": failures,
        "error_ratio": failures / requests if requests else 0.0,
        "rps": number(row["Requests/s"]) or 0.0,
    }
    for key, column in PERCENTILE_COLUMNS.items():
        figures[key] = number(row.get(column)) if requests else None
    figures["max_ms"] = number(row["Max Response Time"]) if requests else None
    figures["avg_ms"] = number(row.get("Average Response Time")) if requests else None
    return figures


def read_stats(prefix: str | Path) -> tuple[dict[str, dict[str, Any]], dict[str, Any]]:
    """``(endpoints, aggregated)`` from ``PREFIX_stats.csv``."""
    path = stats_path(prefix)
    endpoints: dict[str, dict[str, Any]] = {}
    aggregated: dict[str, Any] | None = None
    for row in _read_rows(path, STATS_COLUMNS):
        if row["Name"] == AGGREGATED and not row["Type"]:
            aggregated = row_figures(row)
        else:
            endpoints[endpoint_key(row["Type"], row["Name"])] = row_figures(row)
    if aggregated is None:
        raise LocustResultError(f"{path}: expected an '{AGGREGATED}' row, found none")
    return endpoints, aggregated


def read_history(prefix: str | Path) -> list[dict[str, Any]]:
    """The aggregated points of ``PREFIX_stats_history.csv``, ``t_s`` in seconds from the first point.

    Locust writes a point a second; when two share a second (the final figures), the later one is kept.
    """
    path = stats_path(prefix, "stats_history")
    by_second: dict[str, dict[str, str]] = {}
    for row in _read_rows(path, HISTORY_COLUMNS):
        if row["Name"] == AGGREGATED:
            by_second[row["Timestamp"]] = row
    rows = list(by_second.values())
    if not rows:
        return []
    start = number(rows[0]["Timestamp"]) or 0.0
    return [
        {
            "t_s": (number(row["Timestamp"]) or start) - start,
            "users": int(number(row["User Count"]) or 0),
            "rps": number(row["Requests/s"]) or 0.0,
            "failures_per_s": number(row["Failures/s"]) or 0.0,
            "p50_ms": number(row["50%"]),
            "p95_ms": number(row["95%"]),
        }
        for row in rows
    ]


def read_failures(prefix: str | Path) -> list[dict[str, Any]]:
    """The distinct failures of ``PREFIX_failures.csv`` (an empty list when the file is absent)."""
    path = stats_path(prefix, "failures")
    if not path.is_file():
        return []
    return [
        {
            "endpoint": endpoint_key(row["Method"], row["Name"]),
            "error": row["Error"],
            "occurrences": int(number(row["Occurrences"]) or 0),
        }
        for row in _read_rows(path, ("Method", "Name", "Error", "Occurrences"))
    ]


def load_result(prefix: str | Path, run: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The result dictionary of the Locust run that wrote ``PREFIX_*.csv``; ``run`` adds descriptive keys."""
    endpoints, aggregated = read_stats(prefix)
    result: dict[str, Any] = dict(run or {})
    result.update(aggregated)
    result["endpoints"] = endpoints
    result["history"] = read_history(prefix)
    result["failure_details"] = read_failures(prefix)
    result["csv_prefix"] = str(prefix)
    return result


def summary_rows(result: Mapping[str, Any]) -> list[list[Any]]:
    """Table rows (endpoint, requests, failures, error ratio, req/s, p50, p95, p99, max) ending with the total."""
    rows = []
    for name, figures in [*result["endpoints"].items(), (AGGREGATED, result)]:
        rows.append(
            [
                name,
                figures["requests"],
                figures["failures"],
                f"{figures['error_ratio']:.4f}",
                f"{figures['rps']:.1f}",
                *(_ms(figures.get(key)) for key in ("p50_ms", "p95_ms", "p99_ms", "max_ms")),
            ]
        )
    return rows


SUMMARY_HEADERS = ("endpoint", "requests", "failures", "error ratio", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms")


def _ms(value: float | None) -> str:
    return "\u2014" if value is None else f"{value:.0f}" if value >= 100 else f"{value:.1f}"
