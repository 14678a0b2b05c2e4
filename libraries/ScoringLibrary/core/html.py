"""HTML tables for the Robot log (every cell escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

_TABLE_STYLE = "border-collapse:collapse;margin:4px 0"
_CELL_STYLE = "border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top"


def cell_text(value: Any) -> str:
    """Text of one cell: floats shortened, None shown as an em dash."""
    if value is None:
        return "\u2014"
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, list | tuple):
        return ", ".join(cell_text(item) for item in value)
    return str(value)


def html_table(headers: Sequence[str], rows: Iterable[Sequence[Any]], caption: str | None = None) -> str:
    """Render rows as an HTML table; every header and cell is escaped."""
    parts = [f'<table style="{_TABLE_STYLE}">']
    if caption:
        parts.append(f'<caption style="text-align:left;font-weight:bold">{escape(caption)}</caption>')
    parts.append("<tr>" + "".join(f'<th style="{_CELL_STYLE}">{escape(h)}</th>' for h in headers) + "</tr>")
    for row in rows:
        cells = "".join(f'<td style="{_CELL_STYLE}">{escape(cell_text(value))}</td>' for value in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</table>")
    return "".join(parts)


def key_value_table(items: Iterable[tuple[str, Any]], caption: str | None = None) -> str:
    """A two-column table of names and values."""
    return html_table(("name", "value"), items, caption)
