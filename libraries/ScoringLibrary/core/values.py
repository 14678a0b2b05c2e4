"""Normalisation of values shared by the checks (reason codes, numbers, JSON bodies)."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any


def reason_code_list(value: Any) -> list[str]:
    """Ordered reason codes from a list of ``{"code": ...}`` dicts, a list of strings or ``"R01|R02"``."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return []
        if text.startswith("["):
            return reason_code_list(json.loads(text))
        separator = "|" if "|" in text else ","
        return [part.strip() for part in text.split(separator) if part.strip()]
    if isinstance(value, Mapping):
        return [str(value.get("code"))]
    if isinstance(value, list | tuple):
        return [str(item.get("code")) if isinstance(item, Mapping) else str(item) for item in value]
    raise ValueError(f"reason codes must be a list or a '|' separated string, got {type(value).__name__}")


def as_body(body: Any) -> Any:
    """A JSON body given as a dict/list, a JSON string, or an object with ``.json()`` (requests.Response)."""
    if isinstance(body, str | bytes | bytearray):
        return json.loads(body)
    if hasattr(body, "json") and callable(body.json):
        return body.json()
    return body


def is_number(value: Any) -> bool:
    """True for int and float values, never for bool."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def is_finite_number(value: Any) -> bool:
    return is_number(value) and math.isfinite(value)


def json_path(parts: Any) -> str:
    """``$.records[3].score`` from a sequence of keys and indexes."""
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path
