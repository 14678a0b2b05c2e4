"""Checks of HTTP responses (``requests.Response`` or any object with the same attributes).

Each check returns the failure message naming the request (method and URL), what was expected and what came
back, or None when the response passes, so a keyword can fail with it or collect it with others.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .error_response import error_response_problems

CORRELATION_HEADER = "X-Correlation-ID"
STATUS_TEXT_CHARS = 300
JSON_TEXT_CHARS = 200


def request_line(response: Any) -> str:
    """``METHOD URL`` of the request that got ``response``."""
    return f"{response.request.method} {response.url}"


def status_problem(response: Any, status: int | str) -> str | None:
    """``POST <url>: expected status 200, got 500: <start of the body>``, or None when the status is ``status``."""
    if response.status_code == int(status):
        return None
    return (
        f"{request_line(response)}: expected status {status}, got {response.status_code}: "
        f"{response.text[:STATUS_TEXT_CHARS]}"
    )


def json_body(response: Any) -> Any:
    """The parsed JSON body; ValueError when the Content-Type is not JSON or the body does not parse."""
    where = f"{request_line(response)} (status {response.status_code})"
    content_type = response.headers.get("Content-Type", "")
    if not str(content_type).startswith("application/json"):
        raise ValueError(f"{where}: expected Content-Type application/json, got '{content_type}'")
    try:
        return response.json()
    except ValueError as error:
        reason = f"{type(error).__name__}: {error}"
        start = response.text[:JSON_TEXT_CHARS]
        raise ValueError(f"{where}: body is not JSON ({reason}); it starts with: {start}") from None


def correlation_problem(response: Any, error: Any, header: str = CORRELATION_HEADER) -> str | None:
    """A problem when the response has no ``header`` or ``error.correlationId`` differs from it."""
    value = response.headers.get(header)
    if value is None:
        return f"The error response has no {header} header"
    in_body = error.get("correlationId") if isinstance(error, Mapping) else None
    if in_body != value:
        return f"error.correlationId '{in_body}' differs from the {header} header '{value}'"
    return None


def json_error_problem(
    response: Any,
    status: int | str,
    code: str,
    fields: Sequence[str] = (),
    exact: bool = False,
    header: str = CORRELATION_HEADER,
) -> tuple[str | None, Any]:
    """The first problem of an error response and its ``error`` object (None when it has none).

    Checked in order: the status, a JSON body, the error shape with ``code``, the correlation id, every
    field of ``fields`` (``name`` or ``name:issue``) in ``details`` and, with ``exact``, no other field.
    """
    problem = status_problem(response, status)
    if problem:
        return problem, None
    try:
        body = json_body(response)
    except ValueError as error:
        return str(error), None
    problems = error_response_problems(body, (), code)
    if problems:
        return f"Error response: {'; '.join(problems)}", None
    error = body["error"]
    problem = correlation_problem(response, error, header)
    if problem:
        return problem, error
    problems = error_response_problems(body, fields, code) if fields else []
    if problems:
        return f"Error response: {'; '.join(problems)}", error
    if exact:
        expected = sorted({field.split(":")[0] for field in fields})
        named = sorted({str(detail.get("field")) for detail in error.get("details", [])})
        if named != expected:
            return f"error.details: expected exactly the fields {expected}, got {named}", error
    return None, error


def dict_differences(actual: Mapping[str, Any], expected: Mapping[str, Any]) -> list[str]:
    """``key: expected X, got Y`` for each differing value, then the keys only one side has."""
    differences = [
        f"{key}: expected {json.dumps(expected[key], default=str)}, got {json.dumps(actual[key], default=str)}"
        for key in expected
        if key in actual and actual[key] != expected[key]
    ]
    missing = [str(key) for key in expected if key not in actual]
    extra = [str(key) for key in actual if key not in expected]
    if missing:
        differences.append(f"missing keys {', '.join(missing)}")
    if extra:
        differences.append(f"unexpected keys {', '.join(extra)}")
    return differences


def listed(problems: Sequence[str], limit: int = 10, separator: str = "; ") -> str:
    """The first ``limit`` problems joined, with ``and N more`` when some are left out."""
    shown = separator.join(problems[:limit])
    more = len(problems) - limit
    return f"{shown}{separator}and {more} more" if more > 0 else shown


def glob_missing(named: Iterable[str], wanted: Iterable[str]) -> list[str]:
    """The items of ``wanted`` (``field`` or ``field:issue``, glob patterns allowed) no item of ``named`` matches."""
    from fnmatch import fnmatchcase

    names = list(named)
    return [
        field
        for field in wanted
        if not any(fnmatchcase(name, field if ":" in field else f"{field}:*") for name in names)
    ]
