"""Test-control endpoints under ``/__admin``: faults, defects, rate limit and reset."""

from __future__ import annotations

import math
from typing import Any

from flask import Blueprint, current_app

from mock.batch import BATCH_KEY
from mock.defects import DEFECTS
from mock.errors import ValidationFailed
from mock.faults import FaultStore
from mock.http import SERVICE_KEY, json_response, read_json_object
from mock.ratelimit import RateLimitSettings, TokenBucket
from mock.service import ScoringService

FAULTS_KEY = "scoregate.faults"
RATE_LIMIT_KEY = "scoregate.ratelimit"
MAX_RATE = 1_000_000

admin_blueprint = Blueprint("admin", __name__, url_prefix="/__admin")


def _issue(name: str, issue: str, message: str) -> dict:
    return {"field": name, "issue": issue, "message": message}


def _service() -> ScoringService:
    return current_app.extensions[SERVICE_KEY]


def _faults() -> FaultStore:
    return current_app.extensions[FAULTS_KEY]


def _bucket() -> TokenBucket:
    return current_app.extensions[RATE_LIMIT_KEY]


def defect_names(body: dict) -> list[str]:
    """The names of a ``{"name": ...}`` or ``{"names": [...]}`` body; ValidationFailed naming each problem."""
    issues: list[dict] = []
    named: list[tuple[str, Any]] = []
    if "name" in body:
        named.append(("name", body["name"]))
    if "names" in body:
        if isinstance(body["names"], list):
            named.extend((f"names[{index}]", name) for index, name in enumerate(body["names"]))
        else:
            issues.append(_issue("names", "wrong_type", "must be an array of defect names"))
    if not named and not issues:
        issues.append(_issue("name", "missing", "is required (or names: [...])"))
    issues.extend(
        _issue(where, "invalid_enum", f"must be one of: {', '.join(DEFECTS)}")
        for where, name in named
        if not isinstance(name, str) or name not in DEFECTS
    )
    issues.extend(
        _issue(key, "unknown_field", "unknown field; expected name or names")
        for key in sorted(body)
        if key not in ("name", "names")
    )
    if issues:
        raise ValidationFailed(issues)
    return [name for _, name in named]


def defects_body(service: ScoringService) -> dict:
    return {
        "active": sorted(service.defects),
        "available": [
            {"name": d.name, "description": d.description, "expectedSuites": list(d.expected_suites)}
            for d in DEFECTS.values()
        ],
    }


def rate_limit_settings(body: dict) -> RateLimitSettings:
    """The settings of a ``{"requestsPerSecond": N, "burst"?: M}`` body; ValidationFailed naming each problem."""
    issues: list[dict] = []
    rate = body.get("requestsPerSecond")
    if "requestsPerSecond" not in body:
        issues.append(_issue("requestsPerSecond", "missing", "is required"))
    elif isinstance(rate, bool) or not isinstance(rate, int | float):
        issues.append(_issue("requestsPerSecond", "wrong_type", "must be a number"))
    elif not math.isfinite(rate):
        issues.append(_issue("requestsPerSecond", "not_finite", "must be a finite number"))
    elif not 0 < rate <= MAX_RATE:
        issues.append(_issue("requestsPerSecond", "out_of_range", f"must be above 0 and at most {MAX_RATE}"))
    burst = body.get("burst")
    if burst is not None and type(burst) is not int:
        issues.append(_issue("burst", "wrong_type", "must be an integer"))
    elif burst is not None and not 1 <= burst <= MAX_RATE:
        issues.append(_issue("burst", "out_of_range", f"must be between 1 and {MAX_RATE}"))
    issues.extend(
        _issue(key, "unknown_field", "unknown field; expected requestsPerSecond, burst")
        for key in sorted(body)
        if key not in ("requestsPerSecond", "burst")
    )
    if issues:
        raise ValidationFailed(issues)
    return RateLimitSettings(float(rate), burst if burst is not None else max(1, math.ceil(rate)))


def _rate_limit_body() -> dict:
    settings = _bucket().settings
    return {"rateLimit": settings.to_dict() if settings else None}


@admin_blueprint.post("/faults")
def add_fault():
    rule = _faults().add(read_json_object())
    return json_response(rule.to_dict(), 201)


@admin_blueprint.get("/faults")
def list_faults():
    return json_response({"faults": _faults().list()})


@admin_blueprint.delete("/faults")
def clear_faults():
    _faults().clear()
    return json_response({"faults": []})


@admin_blueprint.post("/defect")
def add_defect():
    service = _service()
    service.add_defects(defect_names(read_json_object()))
    return json_response(defects_body(service))


@admin_blueprint.get("/defect")
def list_defects():
    return json_response(defects_body(_service()))


@admin_blueprint.delete("/defect")
def clear_defects():
    service = _service()
    service.set_defects(())
    return json_response(defects_body(service))


@admin_blueprint.post("/rate-limit")
def set_rate_limit():
    _bucket().configure(rate_limit_settings(read_json_object()))
    return json_response(_rate_limit_body())


@admin_blueprint.get("/rate-limit")
def get_rate_limit():
    return json_response(_rate_limit_body())


@admin_blueprint.delete("/rate-limit")
def clear_rate_limit():
    _bucket().configure(None)
    return json_response(_rate_limit_body())


@admin_blueprint.post("/reset")
def reset():
    current_app.extensions[BATCH_KEY].reset()
    _service().reset()
    _faults().clear()
    _bucket().configure(None)
    return json_response({"reset": True, "defects": [], "faults": [], "rateLimit": None})
