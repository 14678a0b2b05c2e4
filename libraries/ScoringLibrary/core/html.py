"""HTML tables for the Robot log (every cell escaped)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape
from typing import Any

_TABLE_OPEN = '<table border="1" cellpadding="3" style="border-collapse:collapse">'


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
    parts = [_TABLE_OPEN]
    if caption:
        parts.append(f'<caption style="text-align:left"><b>{escape(caption)}</b></caption>')
    parts.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in headers) + "</tr>")
    for row in rows:
        cells = "".join(f"<td>{escape(cell_text(value))}</td>" for value in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</table>")
    return "".join(parts)


def key_value_table(items: Iterable[tuple[str, Any]], caption: str | None = None) -> str:
    """A two-column table of names and values."""
    return html_table(("name", "value"), items, caption)
