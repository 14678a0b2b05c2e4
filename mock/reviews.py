"""Manual review cases: opened by every REFER, decided once by a reviewer."""

from __future__ import annotations

import uuid
from typing import Any

from flask import Blueprint, current_app, request

from mock.clock import now_iso
from mock.db import Database
from mock.errors import ApiError, NotFound, ValidationFailed
from mock.http import SERVICE_KEY, json_response, read_json_object

REVIEW_STATUSES: tuple[str, ...] = ("PENDING", "APPROVED", "DECLINED")
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_REVIEWER = 64
MAX_NOTE = 1000

_COLUMNS = (
    "case_id, transaction_id, applicant_id, source, batch_id, score, status, created_at, decided_at, reviewer, note"
)
_KEYS = (
    "caseId",
    "transactionId",
    "applicantId",
    "source",
    "batchId",
    "score",
    "status",
    "createdAt",
    "decidedAt",
    "reviewer",
    "note",
)

reviews_blueprint = Blueprint("reviews", __name__)


def new_case_id() -> str:
    """A fresh case id ``CASE-`` + 16 upper-case hex digits."""
    return f"CASE-{uuid.uuid4().hex[:16].upper()}"


def case_from_row(row: tuple) -> dict[str, Any]:
    """The contract's case object from a ``reviews`` row (columns as in ``_COLUMNS``)."""
    return dict(zip(_KEYS, row, strict=True))


def _issue(name: str, issue: str, message: str) -> dict:
    return {"field": name, "issue": issue, "message": message}


def parse_list_query(args: Any) -> tuple[str | None, str | None, int]:
    """``status``, ``transactionId`` and ``limit`` of a list request; ValidationFailed naming each bad one."""
    issues: list[dict] = []
    status = args.get("status")
    if status is not None and status not in REVIEW_STATUSES:
        issues.append(_issue("status", "invalid_enum", f"must be one of: {', '.join(REVIEW_STATUSES)}"))
    limit = DEFAULT_LIMIT
    raw_limit = args.get("limit")
    if raw_limit is not None:
        if not raw_limit.isdigit():
            issues.append(_issue("limit", "wrong_type", "must be an integer"))
        else:
            limit = int(raw_limit)
            if not 1 <= limit <= MAX_LIMIT:
                issues.append(_issue("limit", "out_of_range", f"must be between 1 and {MAX_LIMIT}"))
    if issues:
        raise ValidationFailed(issues)
    return status, args.get("transactionId"), limit


def parse_decision_body(body: dict | None) -> tuple[str | None, str | None]:
    """``reviewer`` and ``note`` of an approve/decline body (both optional strings)."""
    if body is None:
        return None, None
    issues: list[dict] = []
    values: dict[str, str | None] = {}
    for name, maximum in (("reviewer", MAX_REVIEWER), ("note", MAX_NOTE)):
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            issues.append(_issue(name, "wrong_type", "must be a string"))
        elif value is not None and not 1 <= len(value) <= maximum:
            issues.append(_issue(name, "out_of_range", f"must be 1..{maximum} characters"))
        else:
            values[name] = value
    issues.extend(
        _issue(key, "unknown_field", "unknown field; expected reviewer, note")
        for key in sorted(body)
        if key not in ("reviewer", "note")
    )
    if issues:
        raise ValidationFailed(issues)
    return values.get("reviewer"), values.get("note")


class ReviewStore:
    """Queries and transitions of review cases."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, status: str | None, transaction_id: str | None, limit: int) -> list[dict]:
        clauses, params = [], []
        if status is not None:
            clauses.append("status = ?")
            params.append(status)
        if transaction_id is not None:
            clauses.append("transaction_id = ?")
            params.append(transaction_id)
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {_COLUMNS} FROM reviews{where} ORDER BY rowid LIMIT ?"  # noqa: S608 - fixed fragments
        return [case_from_row(row) for row in self.db.query_all(sql, (*params, limit))]

    def get(self, case_id: str) -> dict:
        row = self.db.query_one(f"SELECT {_COLUMNS} FROM reviews WHERE case_id = ?", (case_id,))  # noqa: S608
        if row is None:
            raise NotFound(f"review case {case_id}")
        return case_from_row(row)

    def decide(self, case_id: str, status: str, reviewer: str | None, note: str | None, reopen: bool) -> dict:
        """Move a PENDING case to ``status``; 409 INVALID_TRANSITION otherwise (unless ``reopen``)."""
        guard = "" if reopen else " AND status = 'PENDING'"
        changed = self.db.execute(
            f"UPDATE reviews SET status = ?, decided_at = ?, reviewer = ?, note = ? WHERE case_id = ?{guard}",  # noqa: S608
            (status, now_iso(), reviewer, note, case_id),
        )
        case = self.get(case_id)
        if not changed:
            raise ApiError(
                409,
                "INVALID_TRANSITION",
                f"review case {case_id} is {case['status']}, only a PENDING case can be set to {status}",
            )
        return case


def _store() -> ReviewStore:
    return ReviewStore(current_app.extensions[SERVICE_KEY].db)


@reviews_blueprint.get("/api/v1/reviews")
def list_reviews():
    status, transaction_id, limit = parse_list_query(request.args)
    return json_response({"reviews": _store().list(status, transaction_id, limit)})


@reviews_blueprint.get("/api/v1/reviews/<case_id>")
def get_review(case_id: str):
    return json_response(_store().get(case_id))


def _decide(case_id: str, status: str):
    reviewer, note = parse_decision_body(read_json_object(optional=True))
    reopen = "review-reopen" in current_app.extensions[SERVICE_KEY].defects
    return json_response(_store().decide(case_id, status, reviewer, note, reopen))


@reviews_blueprint.post("/api/v1/reviews/<case_id>/approve")
def approve_review(case_id: str):
    return _decide(case_id, "APPROVED")


@reviews_blueprint.post("/api/v1/reviews/<case_id>/decline")
def decline_review(case_id: str):
    return _decide(case_id, "DECLINED")
