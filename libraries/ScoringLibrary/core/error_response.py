"""The contract's JSON error shape: ``{"error": {"code", "message", "details": [...], "correlationId"}}``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def error_response_problems(body: Any, fields: Iterable[str], code: str | None = None) -> list[str]:
    """Problems with an error body; ``fields`` items are ``name`` or ``name:issue`` and must all be in details."""
    error = body.get("error") if isinstance(body, Mapping) else None
    if not isinstance(error, Mapping):
        return [
            f"$.error: expected the contract's error object, got {_kind(error if isinstance(body, Mapping) else body)}"
        ]
    problems = [
        f"$.error.{name}: expected a non-empty string, got {error.get(name)!r}"
        for name in ("code", "message", "correlationId")
        if not isinstance(error.get(name), str) or not error.get(name)
    ]
    if code is not None and error.get("code") != code:
        problems.append(f"$.error.code: expected {code}, got {error.get('code')!r}")
    details = error.get("details", [])
    if not isinstance(details, list) or not all(isinstance(d, Mapping) for d in details):
        return [*problems, f"$.error.details: expected a list of objects, got {_kind(details)}"]
    named = {(str(d.get("field")), str(d.get("issue"))) for d in details}
    present = ", ".join(f"{f}:{i}" for f, i in sorted(named)) or "none"
    for wanted in fields:
        name, _, issue = wanted.partition(":")
        hit = any(f == name and (not issue or i == issue) for f, i in named)
        if not hit:
            problems.append(f"$.error.details: expected field {wanted}, got {present}")
    return problems


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
