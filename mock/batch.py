"""Batch scoring: submission, a background worker, status and paginated or streamed results."""

from __future__ import annotations

import csv
import io
import json
import math
import queue
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Blueprint, Response, current_app, request

from mock.clock import now_iso
from mock.db import Database
from mock.errors import ApiError, NotFound, ValidationFailed
from mock.faults import WORKER_PREFIX, FaultStore
from mock.http import SERVICE_KEY, correlation_id, json_response, read_json_object
from mock.metrics import Metrics
from mock.reviews import new_case_id
from mock.scorecard import ModelRegistry, Scorecard
from mock.validation import BatchTooLarge, validate_batch_request

BATCH_KEY = "scoregate.batches"
DEFAULT_PAGE_SIZE = 100
MAX_PAGE_SIZE = 1000
STREAM_CHUNK = 2000
RESULT_MEDIA_TYPES = ("application/json", "text/csv", "application/x-ndjson")
CSV_HEADER = (
    "transactionId",
    "applicantId",
    "modelCode",
    "modelVersion",
    "score",
    "decision",
    "riskBand",
    "probabilityOfDefault",
    "reasonCodes",
    "policyRule",
    "scoredAt",
)

INSERT_RESULT = (
    "INSERT INTO batch_results (batch_id, seq, transaction_id, applicant_id, model_code, model_version, score,"
    " decision, risk_band, probability_of_default, reason_codes, policy_rule, scored_at)"
    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
)
INSERT_BATCH_REVIEW = (
    "INSERT INTO reviews (case_id, transaction_id, applicant_id, source, batch_id, score, status, created_at,"
    " decided_at, reviewer, note, correlation_id) VALUES (?,?,?,'BATCH',?,?,'PENDING',?,NULL,NULL,NULL,?)"
)
_STATUS_COLUMNS = (
    "batch_id, status, model_code, model_version, total_records, processed_records, failed_records,"
    " submitted_at, completed_at, correlation_id, error"
)
_RESULT_COLUMNS = (
    "transaction_id, applicant_id, model_code, model_version, score, decision, risk_band,"
    " probability_of_default, reason_codes, policy_rule, scored_at"
)

batch_blueprint = Blueprint("batch", __name__)


class BatchAbandoned(Exception):
    """The database was reset while the batch was running."""


@dataclass
class BatchJob:
    batch_id: str
    records: list[dict]
    card: Scorecard
    defects: frozenset[str]
    correlation_id: str
    generation: int


def status_from_row(row: tuple, defects: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The contract's batch status from a ``batches`` row (columns as in ``_STATUS_COLUMNS``)."""
    body: dict[str, Any] = {
        "batchId": row[0],
        "status": row[1],
        "modelCode": row[2],
        "modelVersion": row[3],
        "totalRecords": row[4],
        "processedRecords": row[5],
        "failedRecords": row[6],
        "submittedAt": row[7],
        "completedAt": row[8],
    }
    if "dropped-correlation-id" not in defects:
        body["correlationId"] = row[9]
    if row[1] == "FAILED":
        body["error"] = row[10]
    return body


def _issue(name: str, issue: str, message: str) -> dict:
    return {"field": name, "issue": issue, "message": message}


def _int_arg(args: Any, name: str, default: int, maximum: int, issues: list[dict]) -> int:
    raw = args.get(name)
    if raw is None:
        return default
    if not raw.isdigit():
        issues.append(_issue(name, "wrong_type", "must be an integer"))
        return default
    value = int(raw)
    if not 1 <= value <= maximum:
        issues.append(_issue(name, "out_of_range", f"must be between 1 and {maximum}"))
    return value


def parse_page_args(args: Any) -> tuple[int, int]:
    """``page`` (>= 1) and ``pageSize`` (1..1000) of a results request; ValidationFailed naming each bad one."""
    issues: list[dict] = []
    page = _int_arg(args, "page", 1, 10**9, issues)
    size = _int_arg(args, "pageSize", DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, issues)
    if issues:
        raise ValidationFailed(issues)
    return page, size


class BatchRunner:
    """Accepts batches and scores them one after another on a background thread."""

    def __init__(
        self,
        db: Database,
        registry: ModelRegistry,
        metrics: Metrics,
        chunk_size: int = 5000,
        faults: FaultStore | None = None,
    ) -> None:
        self.db = db
        self.faults = faults
        self.registry = registry
        self.metrics = metrics
        self.chunk_size = chunk_size
        self._descriptions: dict[str, str] = {}
        for card in registry:
            self._descriptions.update(card.reason_descriptions)
        self._queue: queue.Queue[BatchJob] = queue.Queue()
        self._generation = 0
        self._worker: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, payload: dict, defects: frozenset[str], correlation_id: str) -> dict:
        """Validate a submission, record it PENDING and queue it; the batch status."""
        try:
            issues = validate_batch_request(payload, model_codes=self.registry.codes(), defects=defects)
        except BatchTooLarge as exc:
            raise ApiError(413, "PAYLOAD_TOO_LARGE", str(exc)) from None
        if issues:
            raise ValidationFailed(issues)
        card = self.registry.get(payload.get("modelCode"))
        records = payload["records"]
        batch_id = f"BAT-{uuid.uuid4().hex[:16].upper()}"
        row = (batch_id, "PENDING", card.code, card.version, len(records), 0, 0, now_iso(), None, correlation_id, None)
        self.db.execute(
            "INSERT INTO batches (batch_id, status, model_code, model_version, total_records, processed_records,"
            " failed_records, submitted_at, completed_at, correlation_id, error) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            row,
        )
        self._queue.put(BatchJob(batch_id, records, card, defects, correlation_id, self._generation))
        self._ensure_worker()
        return status_from_row(row, defects)

    def reset(self) -> None:
        """Abandon queued and running batches (their rows are deleted with the database)."""
        with self._lock:
            self._generation += 1

    def _ensure_worker(self) -> None:
        with self._lock:
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._work, name="batch-worker", daemon=True)
                self._worker.start()

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job.generation == self._generation:
                self.run(job)

    def run(self, job: BatchJob) -> None:
        """Score every record of a job, chunk by chunk, then mark it COMPLETED (or FAILED)."""
        self.db.execute(
            "UPDATE batches SET status = 'RUNNING', started_at = ? WHERE batch_id = ?", (now_iso(), job.batch_id)
        )
        processed = 0
        try:
            total = len(job.records)
            for start in range(0, total, self.chunk_size):
                self._hold_if_faulted(job.batch_id)
                processed = self._run_chunk(job, start, start + self.chunk_size, total)
        except BatchAbandoned:
            return
        except Exception as exc:  # any failure is reported on the batch itself
            self.db.execute(
                "UPDATE batches SET status = 'FAILED', completed_at = ?, failed_records = ?, error = ?"
                " WHERE batch_id = ?",
                (now_iso(), len(job.records) - processed, f"{type(exc).__name__}: {exc}", job.batch_id),
            )
            return
        self.db.execute(
            "UPDATE batches SET status = 'COMPLETED', completed_at = ? WHERE batch_id = ?", (now_iso(), job.batch_id)
        )

    def _hold_if_faulted(self, batch_id: str) -> None:
        """Sleep before a chunk when a latency or hang fault targets ``/__worker/batch-scoring/{batchId}``."""
        if self.faults is None:
            return
        rule = self.faults.match_worker(f"{WORKER_PREFIX}batch-scoring/{batch_id}")
        if rule is not None:
            time.sleep(rule.sleep_seconds)

    def _run_chunk(self, job: BatchJob, start: int, stop: int, total: int) -> int:
        score = job.card.score
        defects = job.defects
        batch_id = job.batch_id
        scored_at = now_iso()
        rows: list[tuple] = []
        reviews: list[tuple] = []
        counts: Counter[str] = Counter()
        for seq in range(start, min(stop, total)):
            record = job.records[seq]
            outcome = score(record, defects)
            transaction_id = record["transactionId"]
            applicant_id = record["applicantId"]
            rows.append(
                (
                    batch_id,
                    seq,
                    transaction_id,
                    applicant_id,
                    outcome.model_code,
                    outcome.model_version,
                    outcome.score,
                    outcome.decision,
                    outcome.risk_band,
                    outcome.probability_of_default,
                    ",".join(outcome.codes),
                    outcome.policy_rule,
                    scored_at,
                )
            )
            if outcome.decision == "REFER":
                reviews.append(
                    (
                        new_case_id(),
                        transaction_id,
                        applicant_id,
                        batch_id,
                        outcome.score,
                        scored_at,
                        job.correlation_id,
                    )
                )
            counts[outcome.decision] += 1
        done = start + len(rows)
        if done == total and "batch-drops-record" in defects:
            rows.pop()
        with self.db.write() as conn:
            if job.generation != self._generation:
                raise BatchAbandoned(batch_id)
            conn.executemany(INSERT_RESULT, rows)
            if reviews:
                conn.executemany(INSERT_BATCH_REVIEW, reviews)
            conn.execute("UPDATE batches SET processed_records = ? WHERE batch_id = ?", (done, batch_id))
        for decision, amount in counts.items():
            self.metrics.count_decisions(job.card.code, decision, amount)
        return done

    def status_row(self, batch_id: str) -> tuple:
        row = self.db.query_one(f"SELECT {_STATUS_COLUMNS} FROM batches WHERE batch_id = ?", (batch_id,))  # noqa: S608
        if row is None:
            raise NotFound(f"batch {batch_id}")
        return row

    def completed_row(self, batch_id: str) -> tuple:
        """The status row of a COMPLETED batch; 404 unknown, 409 BATCH_NOT_COMPLETED otherwise."""
        row = self.status_row(batch_id)
        if row[1] != "COMPLETED":
            raise ApiError(
                409, "BATCH_NOT_COMPLETED", f"batch {batch_id} is {row[1]}, results exist only for a COMPLETED batch"
            )
        return row

    def result_from_row(self, row: tuple, defects: frozenset[str]) -> dict[str, Any]:
        """A batch result (a realtime response without correlationId) from a ``batch_results`` row."""
        codes = row[8].split(",") if row[8] else []
        score = row[4] + 1 if "batch-db-mismatch" in defects else row[4]
        return {
            "transactionId": row[0],
            "applicantId": row[1],
            "modelCode": row[2],
            "modelVersion": row[3],
            "score": score,
            "decision": row[5],
            "riskBand": row[6],
            "probabilityOfDefault": row[7],
            "reasonCodes": [{"code": code, "description": self._descriptions.get(code, code)} for code in codes],
            "policyRule": row[9],
            "scoredAt": row[10],
        }

    def page(self, batch_id: str, page: int, size: int, defects: frozenset[str]) -> dict[str, Any]:
        total = self.completed_row(batch_id)[4]
        rows = self.db.query_all(
            f"SELECT {_RESULT_COLUMNS} FROM batch_results WHERE batch_id = ? ORDER BY seq LIMIT ? OFFSET ?",  # noqa: S608
            (batch_id, size, (page - 1) * size),
        )
        return {
            "batchId": batch_id,
            "page": page,
            "pageSize": size,
            "totalRecords": total,
            "totalPages": math.ceil(total / size),
            "results": [self.result_from_row(row, defects) for row in rows],
        }

    def iter_rows(self, batch_id: str) -> Iterator[list[tuple]]:
        """Every result row of a batch in submission order, a chunk at a time."""
        last = -1
        while True:
            rows = self.db.query_all(
                f"SELECT seq, {_RESULT_COLUMNS} FROM batch_results WHERE batch_id = ? AND seq > ?"  # noqa: S608
                " ORDER BY seq LIMIT ?",
                (batch_id, last, STREAM_CHUNK),
            )
            if not rows:
                return
            last = rows[-1][0]
            yield [row[1:] for row in rows]

    def csv_lines(self, batch_id: str, defects: frozenset[str]) -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(CSV_HEADER)
        yield buffer.getvalue()
        bump = 1 if "batch-db-mismatch" in defects else 0
        for chunk in self.iter_rows(batch_id):
            buffer.seek(0)
            buffer.truncate()
            writer.writerows(
                (r[0], r[1], r[2], r[3], r[4] + bump, r[5], r[6], repr(r[7]), r[8].replace(",", "|"), r[9] or "", r[10])
                for r in chunk
            )
            yield buffer.getvalue()

    def ndjson_lines(self, batch_id: str, defects: frozenset[str]) -> Iterator[str]:
        for chunk in self.iter_rows(batch_id):
            yield "".join(json.dumps(self.result_from_row(row, defects), separators=(",", ":")) + "\n" for row in chunk)


def _runner() -> BatchRunner:
    return current_app.extensions[BATCH_KEY]


def _defects() -> frozenset[str]:
    return current_app.extensions[SERVICE_KEY].defects


@batch_blueprint.post("/api/v1/batch-scoring")
def submit_batch():
    payload = read_json_object()
    status = _runner().submit(payload, _defects(), correlation_id())
    return json_response(status, 202, {"Location": f"/api/v1/batch-scoring/{status['batchId']}"})


@batch_blueprint.get("/api/v1/batch-scoring/<batch_id>")
def batch_status(batch_id: str):
    return json_response(status_from_row(_runner().status_row(batch_id), _defects()))


@batch_blueprint.get("/api/v1/batch-scoring/<batch_id>/results")
def batch_results(batch_id: str):
    runner = _runner()
    defects = _defects()
    media = request.accept_mimetypes.best_match(RESULT_MEDIA_TYPES) or "application/json"
    if media == "application/json":
        page, size = parse_page_args(request.args)
        return json_response(runner.page(batch_id, page, size, defects))
    runner.completed_row(batch_id)
    lines = runner.csv_lines(batch_id, defects) if media == "text/csv" else runner.ndjson_lines(batch_id, defects)
    mimetype = "text/csv" if media == "text/csv" else "application/x-ndjson"
    return Response(lines, mimetype=mimetype)
