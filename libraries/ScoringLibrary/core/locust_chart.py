"""A load test over time as inline SVG: latency (p50, p95) above, throughput and users below."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from .svg_chart import COLOURS

WIDTH, HEIGHT = 640, 400
LEFT, RIGHT, TOP, GAP, BOTTOM = 60, 60, 30, 45, 45
PANEL_HEIGHT = (HEIGHT - TOP - GAP - BOTTOM) / 2
Series = tuple[str, str, str]
LATENCY_SERIES: tuple[Series, ...] = (("p50_ms", "p50 ms", COLOURS[0]), ("p95_ms", "p95 ms", COLOURS[1]))
THROUGHPUT_SERIES: tuple[Series, ...] = (
    ("rps", "requests/s", COLOURS[2]),
    ("failures_per_s", "failures/s", COLOURS[3]),
)
USERS_COLOUR = "#7f7f7f"


def nice_top(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 or 10 times a power of ten that is at least ``value`` (1 for 0 or less)."""
    if value <= 0:
        return 1.0
    scale = 10.0 ** math.floor(math.log10(value))
    return next(factor * scale for factor in (1, 2, 2.5, 5, 10) if factor * scale >= value * (1 - 1e-9))


def _segments(points: Sequence[tuple[float, float | None]]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points with a value (a missing value breaks the line)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, y in points:
        if y is None:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append((x, y))
    return [run for run in runs if run]


def _polylines(
    history: Sequence[Mapping[str, Any]], key: str, colour: str, top: float, panel_top: float, span: float, dashed: bool
) -> list[str]:
    plot_w = WIDTH - LEFT - RIGHT
    points = [(LEFT + plot_w * p["t_s"] / span, p.get(key)) for p in history]
    parts = []
    style = ' stroke-dasharray="4 3"' if dashed else ""
    for run in _segments(points):
        coords = " ".join(f"{x:.1f},{panel_top + PANEL_HEIGHT - PANEL_HEIGHT * min(y, top) / top:.1f}" for x, y in run)
        if len(run) == 1:
            x, y = run[0]
            cy = panel_top + PANEL_HEIGHT - PANEL_HEIGHT * min(y, top) / top
            parts.append(f'<circle cx="{x:.1f}" cy="{cy:.1f}" r="2.5" fill="{colour}"/>')
        else:
            parts.append(f'<polyline points="{coords}" fill="none" stroke="{colour}" stroke-width="2"{style}/>')
    return parts


def _panel(
    history: Sequence[Mapping[str, Any]], series: Sequence[Series], panel_top: float, span: float, title: str
) -> list[str]:
    values = [p[key] for p in history for key, _, _ in series if p.get(key) is not None]
    top = nice_top(max(values, default=0.0))
    plot_w = WIDTH - LEFT - RIGHT
    bottom = panel_top + PANEL_HEIGHT
    parts = [
        f'<text x="{LEFT}" y="{panel_top - 6}" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{bottom}" x2="{LEFT + plot_w}" y2="{bottom}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{panel_top}" x2="{LEFT}" y2="{bottom}" stroke="#333"/>',
    ]
    for fraction in (0, 0.5, 1):
        y = bottom - PANEL_HEIGHT * fraction
        parts.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{top * fraction:g}</text>')
        if fraction:
            parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" stroke="#ddd"/>')
    for index, (key, label, colour) in enumerate(series):
        parts += _polylines(history, key, colour, top, panel_top, span, dashed=False)
        x = LEFT + plot_w - 200 + index * 100
        parts.append(f'<rect x="{x}" y="{panel_top - 15}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{panel_top - 6}">{escape(label)}</text>')
    return parts


def _users_axis(history: Sequence[Mapping[str, Any]], panel_top: float, span: float) -> list[str]:
    top = nice_top(max((float(p.get("users") or 0) for p in history), default=0.0))
    x_axis = WIDTH - RIGHT
    parts = _polylines(history, "users", USERS_COLOUR, top, panel_top, span, dashed=True)
    for fraction in (0, 0.5, 1):
        y = panel_top + PANEL_HEIGHT - PANEL_HEIGHT * fraction
        parts.append(f'<text x="{x_axis + 5}" y="{y + 4:.1f}" fill="{USERS_COLOUR}">{top * fraction:g}</text>')
    parts.append(
        f'<text x="{x_axis + 5}" y="{panel_top - 6}" fill="{USERS_COLOUR}">users</text>'
        f'<line x1="{x_axis}" y1="{panel_top}" x2="{x_axis}" y2="{panel_top + PANEL_HEIGHT}" stroke="{USERS_COLOUR}"/>'
    )
    return parts


def load_history_svg(history: Sequence[Mapping[str, Any]], title: str = "Load test") -> str:
    """The chart of ``history`` points (``t_s``, ``users``, ``rps``, ``failures_per_s``, ``p50_ms``, ``p95_ms``)."""
    span = max((float(p["t_s"]) for p in history), default=0.0) or 1.0
    latency_top = TOP + 12
    throughput_top = latency_top + PANEL_HEIGHT + GAP
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<text x="{WIDTH / 2}" y="14" text-anchor="middle" font-size="13">{escape(title)}</text>',
    ]
    if not history:
        parts.append(f'<text x="{WIDTH / 2}" y="{HEIGHT / 2}" text-anchor="middle">no history recorded</text></svg>')
        return "".join(parts)
    parts += _panel(history, LATENCY_SERIES, latency_top, span, "Latency (ms)")
    parts += _panel(history, THROUGHPUT_SERIES, throughput_top, span, "Throughput")
    parts += _users_axis(history, throughput_top, span)
    axis_y = throughput_top + PANEL_HEIGHT
    plot_w = WIDTH - LEFT - RIGHT
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        x = LEFT + plot_w * fraction
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 15}" text-anchor="middle">{span * fraction:.0f} s</text>')
    parts.append("</svg>")
    return "".join(parts)
