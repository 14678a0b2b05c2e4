"""Overlaid score histograms as inline SVG (no plotting library)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728")
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 50, 20, 30, 40


def histogram_svg(
    samples: Sequence[np.ndarray], labels: Sequence[str], bins: int = 20, title: str = "Score distribution"
) -> str:
    """Side-by-side bars of each sample's share per bin over the common range, with axes and a legend."""
    import numpy as np

    if not samples or any(s.size == 0 for s in samples):
        raise ValueError("every sample needs at least one value")
    low = float(min(s.min() for s in samples))
    high = float(max(s.max() for s in samples))
    if high == low:
        high = low + 1
    edges = np.linspace(low, high, bins + 1)
    shares = [np.histogram(s, bins=edges)[0] / s.size for s in samples]
    top_share = max(float(share.max()) for share in shares) or 1.0
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / bins
    bar = slot * 0.9 / len(samples)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<text x="{WIDTH / 2}" y="16" text-anchor="middle" font-size="13">{escape(title)}</text>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" stroke="#333"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333"/>',
    ]
    for index, share in enumerate(shares):
        colour = COLOURS[index % len(COLOURS)]
        for b, value in enumerate(share):
            height = plot_h * float(value) / top_share
            x = LEFT + b * slot + slot * 0.05 + index * bar
            y = TOP + plot_h - height
            tip = f"{labels[index]} [{edges[b]:g}, {edges[b + 1]:g}): {value:.1%}"
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" fill="{colour}" '
                f'fill-opacity="0.8"><title>{escape(tip)}</title></rect>'
            )
    parts += _axis_labels(edges, top_share, plot_w, plot_h)
    parts += _legend(labels, [s.size for s in samples])
    parts.append("</svg>")
    return "".join(parts)


def _axis_labels(edges: np.ndarray, top_share: float, plot_w: float, plot_h: float) -> list[str]:
    parts = []
    for fraction in (0, 0.25, 0.5, 0.75, 1):
        x = LEFT + plot_w * fraction
        value = edges[0] + (edges[-1] - edges[0]) * fraction
        parts.append(f'<text x="{x:.1f}" y="{TOP + plot_h + 15}" text-anchor="middle">{value:.0f}</text>')
    for fraction in (0, 0.5, 1):
        y = TOP + plot_h - plot_h * fraction
        parts.append(f'<text x="{LEFT - 5}" y="{y + 4:.1f}" text-anchor="end">{top_share * fraction:.0%}</text>')
    return parts


def _legend(labels: Sequence[str], sizes: Sequence[int]) -> list[str]:
    parts = []
    for index, label in enumerate(labels):
        x = LEFT + 10 + index * 170
        y = HEIGHT - 10
        colour = COLOURS[index % len(COLOURS)]
        parts.append(f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{x + 14}" y="{y}">{escape(label)} (n={sizes[index]})</text>')
    return parts
