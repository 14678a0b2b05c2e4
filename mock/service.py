"""The scoring service behind every channel: validation, scoring, idempotency, persistence, defects."""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Iterable, Mapping
from typing import Any

from mock.clock import now_iso
from mock.db import Database
from mock.defects import DEFECTS, PII_ECHO_EMAIL
from mock.errors import IdempotencyConflict, NotFound, ValidationFailed
from mock.http import dumps
from mock.metrics import Metrics
from mock.reviews import new_case_id
from mock.scorecard import ModelRegistry, ScoreOutcome
from mock.validation import canonical_request_hash, validate_score_request

SLOW_RESPONSE_SECONDS = 0.6
LOST_WRITE_PERIOD = 5
TRANSIENT_PERIOD = 5
PRESENTATION_DEFECTS = frozenset({"renamed-field", "score-as-string", "pii-echo", "dropped-correlation-id"})

INSERT_DECISION = (
    "INSERT INTO decisions (transaction_id, applicant_id, interface, channel, model_code, model_version, score,"
    " decision, risk_band, probability_of_default, reason_codes, policy_rule, request_hash, response_json,"
    " correlation_id, scored_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (transaction_id) DO NOTHING"
)
OVERWRITE_DECISION = (
    "UPDATE decisions SET applicant_id=?, interface=?, channel=?, model_code=?, model_version=?, score=?,"
    " decision=?, risk_band=?, probability_of_default=?, reason_codes=?, policy_rule=?, request_hash=?,"
    " response_json=?, correlation_id=?, scored_at=? WHERE transaction_id=?"
)
INSERT_REVIEW = (
    "INSERT INTO reviews (case_id, transaction_id, applicant_id, source, batch_id, score, status, created_at,"
    " decided_at, reviewer, note, correlation_id) VALUES (?,?,?,?,?,?,'PENDING',?,NULL,NULL,NULL,?)"
)


def response_body(request: Mapping[str, Any], outcome: ScoreOutcome, scored_at: str, correlation_id: str) -> dict:
    """The contract's realtime response for a scored request."""
    return {
        "transactionId": request["transactionId"],
        "applicantId": request["applicantId"],
        "modelCode": outcome.model_code,
        "modelVersion": outcome.model_version,
        "score": outcome.score,
        "decision": outcome.decision,
        "riskBand": outcome.risk_band,
        "probabilityOfDefault": outcome.probability_of_default,
        "reasonCodes": outcome.reason_code_list(),
        "policyRule": outcome.policy_rule,
        "scoredAt": scored_at,
        "correlationId": correlation_id,
    }


def present_score_body(body: Mapping[str, Any], defects: frozenset[str]) -> dict:
    """A stored score response as the REST API shows it, with the response-shape defects applied."""
    shown: dict[str, Any] = {}
    for key, value in body.items():
        if key == "riskBand" and "renamed-field" in defects:
            shown["risk_band"] = value
        elif key == "score" and "score-as-string" in defects:
            shown["score"] = str(value)
        elif key == "correlationId" and "dropped-correlation-id" in defects:
            continue
        else:
            shown[key] = value
    if "pii-echo" in defects:
        shown["contactEmail"] = PII_ECHO_EMAIL
    return shown


class ScoringService:
    """Scores requests for every channel and owns the run-time defect switches."""

    def __init__(
        self,
        db: Database,
        registry: ModelRegistry,
        defects: Iterable[str] = (),
        metrics: Metrics | None = None,
    ) -> None:
        self.db = db
        self.registry = registry
        self.metrics = metrics or Metrics()
        self._codes = tuple(registry.codes())
        self._defects = frozenset(defects)
        self._lock = threading.Lock()
        self._lost_writes = itertools.count()
        self._transients = itertools.count()

    @property
    def defects(self) -> frozenset[str]:
        """The active defect names."""
        return self._defects

    @property
    def model_codes(self) -> tuple[str, ...]:
        return self._codes

    def set_defects(self, names: Iterable[str]) -> frozenset[str]:
        """Replace the active defects (names must come from ``mock.defects.DEFECTS``)."""
        wanted = frozenset(names)
        unknown = sorted(wanted - DEFECTS.keys())
        if unknown:
            raise ValueError(f"unknown defect name(s): {', '.join(unknown)}; expected any of: {', '.join(DEFECTS)}")
        with self._lock:
            self._defects = wanted
            self._lost_writes = itertools.count()
            self._transients = itertools.count()
        return wanted

    def add_defects(self, names: Iterable[str]) -> frozenset[str]:
        """Activate more defects, keeping the active ones."""
        with self._lock:
            current = self._defects
        return self.set_defects(current | frozenset(names))

    def reset(self) -> None:
        """Empty the database and clear every defect."""
        self.set_defects(())
        self.db.reset()

    def transient_failure(self) -> bool:
        """With defect ``transient-500``, True for every 5th call (20% of /api calls, deterministic)."""
        return "transient-500" in self._defects and next(self._transients) % TRANSIENT_PERIOD == TRANSIENT_PERIOD - 1

    def score_realtime(self, request: dict, interface: str, correlation_id: str) -> tuple[dict, bool]:
        """Score (or replay) one realtime request from channel ``interface`` ("REST" or "SOAP").

        Returns the contract's response and whether it is an idempotent replay. Raises ValidationFailed,
        IdempotencyConflict (same transactionId, different payload) or ApiError.
        """
        text, body, replay = self.score_realtime_text(request, interface, correlation_id)
        return (json.loads(text) if body is None else body), replay

    def score_realtime_text(self, request: dict, interface: str, correlation_id: str) -> tuple[str, dict | None, bool]:
        """Like ``score_realtime`` but also gives the response as JSON text (the stored bytes of a replay).

        The dict is None for a replay (parse the text when it is needed).
        """
        defects = self._defects
        if "slow-responses" in defects:
            time.sleep(SLOW_RESPONSE_SECONDS)
        issues = validate_score_request(request, model_codes=self._codes, defects=defects)
        if issues:
            raise ValidationFailed(issues)
        outcome = self.registry.get(request.get("modelCode")).score(request, defects=defects)
        scored_at = now_iso()
        body = response_body(request, outcome, scored_at, correlation_id)
        text = dumps(body)
        if "lost-write" in defects and next(self._lost_writes) % LOST_WRITE_PERIOD == LOST_WRITE_PERIOD - 1:
            self.metrics.count_decisions(outcome.model_code, outcome.decision)
            return text, body, False
        row = (
            request["transactionId"],
            request["applicantId"],
            interface,
            request["channel"],
            outcome.model_code,
            outcome.model_version,
            outcome.score,
            outcome.decision,
            outcome.risk_band,
            outcome.probability_of_default,
            ",".join(outcome.codes),
            outcome.policy_rule,
            canonical_request_hash(request),
            text,
            correlation_id,
            scored_at,
        )
        for _ in range(3):
            if self._insert(row, outcome, interface, correlation_id):
                self.metrics.count_decisions(outcome.model_code, outcome.decision)
                return text, body, False
            stored = self.db.query_one(
                "SELECT request_hash, response_json FROM decisions WHERE transaction_id = ?", (row[0],)
            )
            if stored is None:
                continue
            if "idempotency-broken" in defects:
                self._overwrite(row, outcome, interface, correlation_id)
                self.metrics.count_decisions(outcome.model_code, outcome.decision)
                return text, body, False
            if stored[0] == row[12]:
                return stored[1], None, True
            raise IdempotencyConflict(row[0])
        raise RuntimeError(f"decision {row[0]} could neither be inserted nor read back")

    def _review_row(self, row: tuple, outcome: ScoreOutcome, interface: str, correlation_id: str) -> tuple:
        return (new_case_id(), row[0], row[1], interface, None, outcome.score, row[15], correlation_id)

    def _insert(self, row: tuple, outcome: ScoreOutcome, interface: str, correlation_id: str) -> bool:
        if outcome.decision != "REFER":
            return self.db.execute(INSERT_DECISION, row) == 1
        with self.db.write() as conn:
            if conn.execute(INSERT_DECISION, row).rowcount != 1:
                return False
            conn.execute(INSERT_REVIEW, self._review_row(row, outcome, interface, correlation_id))
        return True

    def _overwrite(self, row: tuple, outcome: ScoreOutcome, interface: str, correlation_id: str) -> None:
        with self.db.write() as conn:
            conn.execute(OVERWRITE_DECISION, (*row[1:], row[0]))
            if outcome.decision == "REFER":
                conn.execute(INSERT_REVIEW, self._review_row(row, outcome, interface, correlation_id))

    def decision(self, transaction_id: str) -> dict:
        """The persisted realtime decision plus ``interface``; NotFound when there is none."""
        stored = self.db.query_one(
            "SELECT response_json, interface FROM decisions WHERE transaction_id = ?", (transaction_id,)
        )
        if stored is None:
            raise NotFound(f"decision for transactionId {transaction_id}")
        body = json.loads(stored[0])
        body["interface"] = stored[1]
        return body
