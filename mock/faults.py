"""Injected faults: rules matched against every non-admin request.

A rule ``{"path": glob, "method"?, "type", "latencyMs"?, "status"?, "retryAfter"?, "count"?, "fraction"?}``
applies to the next ``count`` matching requests, or to a ``fraction`` of them in a deterministic sequence
(the n-th match is hit when ``floor(n * fraction)`` grows), or to every match.
"""

from __future__ import annotations

import fnmatch
import math
import re
import threading
import uuid
from dataclasses import dataclass, field
from typing import Any

from mock.errors import ValidationFailed

FAULT_TYPES: tuple[str, ...] = ("latency", "status", "hang", "drop", "malformed")
HTTP_METHODS: tuple[str, ...] = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
HANG_DEFAULT_MS = 30_000
MAX_LATENCY_MS = 600_000
_FIELDS = ("path", "method", "type", "latencyMs", "status", "retryAfter", "count", "fraction")


WORKER_PREFIX = "/__worker/"
"""Paths of background jobs that faults can hold: ``/__worker/batch-scoring/{batchId}``."""


@dataclass
class FaultRule:
    """One fault rule and how often it has matched and been applied."""

    path: str
    type: str
    method: str | None = None
    latency_ms: int | None = None
    status: int | None = None
    retry_after: int | None = None
    count: int | None = None
    fraction: float | None = None
    id: str = field(default_factory=lambda: f"FLT-{uuid.uuid4().hex[:12].upper()}")
    matched: int = 0
    applied: int = 0
    _pattern: re.Pattern[str] | None = None

    def __post_init__(self) -> None:
        self._pattern = re.compile(fnmatch.translate(self.path))

    def matches(self, method: str, path: str) -> bool:
        return (self.method is None or self.method == method) and self._pattern.match(path) is not None

    def exhausted(self) -> bool:
        return self.count is not None and self.applied >= self.count

    def take(self) -> bool:
        """Record one matching request; True when the fault applies to it."""
        if self.exhausted():
            return False
        index = self.matched
        self.matched += 1
        if self.fraction is not None and math.floor((index + 1) * self.fraction) <= math.floor(index * self.fraction):
            return False
        self.applied += 1
        return True

    @property
    def sleep_seconds(self) -> float:
        """How long a latency or hang fault holds the request."""
        if self.type == "hang":
            return (self.latency_ms if self.latency_ms is not None else HANG_DEFAULT_MS) / 1000
        return (self.latency_ms or 0) / 1000

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"id": self.id, "path": self.path, "method": self.method, "type": self.type}
        optional = {
            "latencyMs": self.latency_ms,
            "status": self.status,
            "retryAfter": self.retry_after,
            "count": self.count,
            "fraction": self.fraction,
        }
        body.update({key: value for key, value in optional.items() if value is not None})
        remaining = None if self.count is None else max(0, self.count - self.applied)
        body.update({"matched": self.matched, "applied": self.applied, "remaining": remaining})
        return body


def _issue(name: str, issue: str, message: str) -> dict:
    return {"field": name, "issue": issue, "message": message}


def _int_issue(spec: dict, name: str, low: int, high: int) -> dict | None:
    if name not in spec:
        return None
    value = spec[name]
    if type(value) is not int:
        return _issue(name, "wrong_type", "must be an integer")
    if not low <= value <= high:
        return _issue(name, "out_of_range", f"must be between {low} and {high}")
    return None


def _fraction_issue(spec: dict) -> dict | None:
    if "fraction" not in spec:
        return None
    value = spec["fraction"]
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _issue("fraction", "wrong_type", "must be a number")
    if not math.isfinite(value):
        return _issue("fraction", "not_finite", "must be a finite number")
    if not 0 <= value <= 1:
        return _issue("fraction", "out_of_range", "must be between 0 and 1")
    return None


def _shape_issues(spec: dict) -> list[dict]:
    issues: list[dict] = []
    path = spec.get("path")
    if "path" not in spec:
        issues.append(_issue("path", "missing", "is required (a glob over the request path)"))
    elif not isinstance(path, str) or not path:
        issues.append(_issue("path", "wrong_type", "must be a non-empty string"))
    kind = spec.get("type")
    if "type" not in spec:
        issues.append(_issue("type", "missing", "is required"))
    elif kind not in FAULT_TYPES:
        issues.append(_issue("type", "invalid_enum", f"must be one of: {', '.join(FAULT_TYPES)}"))
    method = spec.get("method")
    if method is not None and (not isinstance(method, str) or method.upper() not in HTTP_METHODS):
        issues.append(_issue("method", "invalid_enum", f"must be one of: {', '.join(HTTP_METHODS)}"))
    return issues


def validate_fault_spec(spec: dict) -> list[dict]:
    """Every issue of a fault rule submission (unknown fields included)."""
    issues = _shape_issues(spec)
    checks = (
        _int_issue(spec, "latencyMs", 0, MAX_LATENCY_MS),
        _int_issue(spec, "status", 400, 599),
        _int_issue(spec, "retryAfter", 0, 86_400),
        _int_issue(spec, "count", 1, 1_000_000_000),
        _fraction_issue(spec),
    )
    issues.extend(issue for issue in checks if issue is not None)
    if spec.get("type") == "status" and "status" not in spec:
        issues.append(_issue("status", "missing", "is required for a status fault"))
    if spec.get("type") == "latency" and "latencyMs" not in spec:
        issues.append(_issue("latencyMs", "missing", "is required for a latency fault"))
    for key in sorted(k for k in spec if k not in _FIELDS):
        issues.append(_issue(key, "unknown_field", f"unknown field; expected any of: {', '.join(_FIELDS)}"))
    return issues


class FaultStore:
    """The active fault rules, checked in the order they were added."""

    def __init__(self) -> None:
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def add(self, spec: dict) -> FaultRule:
        """Validate and add a rule (raises ValidationFailed naming every invalid field)."""
        issues = validate_fault_spec(spec)
        if issues:
            raise ValidationFailed(issues)
        method = spec.get("method")
        rule = FaultRule(
            path=spec["path"],
            type=spec["type"],
            method=method.upper() if method else None,
            latency_ms=spec.get("latencyMs"),
            status=spec.get("status"),
            retry_after=spec.get("retryAfter"),
            count=spec.get("count"),
            fraction=float(spec["fraction"]) if "fraction" in spec else None,
        )
        with self._lock:
            self._rules = [*self._rules, rule]
        return rule

    def list(self) -> list[dict]:
        with self._lock:
            return [rule.to_dict() for rule in self._rules]

    def clear(self) -> None:
        with self._lock:
            self._rules = []

    def match_worker(self, path: str) -> FaultRule | None:
        """The first latency or hang rule for a background job (path under ``/__worker/``), counting it.

        Only rules whose own path starts with ``/__worker/`` are considered, so request
        faults such as ``*`` never slow the batch worker.
        """
        if not self._rules:
            return None
        with self._lock:
            for rule in self._rules:
                if (
                    rule.path.startswith(WORKER_PREFIX)
                    and rule.type in ("latency", "hang")
                    and rule.matches("WORKER", path)
                    and rule.take()
                ):
                    return rule
        return None

    def match(self, method: str, path: str) -> FaultRule | None:
        """The first rule that applies to this request (counting it), or None."""
        if not self._rules:
            return None
        with self._lock:
            for rule in self._rules:
                if rule.matches(method, path) and rule.take():
                    return rule
        return None
