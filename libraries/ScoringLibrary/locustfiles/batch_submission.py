"""Batch submission under realtime load: batch users submit, poll and read results while others score.

``BatchSubmissionUser`` (weight 1) submits ``--batch-size`` records to /api/v1/batch-scoring, polls the
status until COMPLETED and reads the first results page; the whole cycle is recorded as the
``BATCH submit to COMPLETED`` entry, so its time from submission to completion gets percentiles too.
``BackgroundRealtimeUser`` (weight 3) keeps realtime REST scoring going meanwhile, so the run shows whether
batch processing slows the realtime channel. Pick one class with Locust's class names on the command line
(``locust -f batch_submission.py BatchSubmissionUser``).
"""

from __future__ import annotations

import time

import realtime_rest
from locust import task
from scoregate_locust import RUN_TAG, ScoreGateShape, ScoringUser, locust_payloads, reserve_indexes

__all__ = ["BackgroundRealtimeUser", "BatchSubmissionUser", "ScoreGateShape"]

BATCH_DEADLINE_S = 30.0
POLL_INTERVAL_S = 0.05
MAX_PAGE_SIZE = 1000
STATUS_NAME = f"{locust_payloads.BATCH_PATH}/{{batchId}}"
RESULTS_NAME = f"{locust_payloads.BATCH_PATH}/{{batchId}}/results"


class BatchFailed(Exception):
    """A batch that was not accepted, did not complete in time or returned the wrong results."""


class BatchSubmissionUser(ScoringUser):
    """A back office submitting batches of applicants and collecting their results."""

    weight = 1
    pacing_option = "batch_pacing"

    @task
    def submit_batch(self) -> None:
        size = int(self.environment.parsed_options.batch_size)
        first = reserve_indexes(size)
        started = time.perf_counter()
        problem = self._batch_cycle(locust_payloads.batch_body(first, size, RUN_TAG), size)
        self.environment.events.request.fire(
            request_type="BATCH",
            name="submit to COMPLETED",
            response_time=(time.perf_counter() - started) * 1000,
            response_length=size,
            exception=BatchFailed(problem) if problem else None,
            context={},
        )

    def _batch_cycle(self, body: dict, size: int) -> str | None:
        with self.client.post(
            locust_payloads.BATCH_PATH, json=body, name=locust_payloads.BATCH_PATH, catch_response=True
        ) as response:
            batch_id, problem = locust_payloads.batch_submit_problem(response.status_code, response.text)
            if problem:
                response.failure(problem)
                return problem
            response.success()
        state, problem = self._wait_until_done(batch_id)
        if problem:
            return problem
        if state != "COMPLETED":
            return f"batch {batch_id}: expected COMPLETED, got {state}"
        page_size = min(size, MAX_PAGE_SIZE)
        with self.client.get(
            f"{locust_payloads.BATCH_PATH}/{batch_id}/results?page=1&pageSize={page_size}",
            name=RESULTS_NAME,
            catch_response=True,
        ) as response:
            problem = locust_payloads.batch_results_problem(response.status_code, response.text, size, page_size)
            if problem:
                response.failure(problem)
                return problem
            response.success()
        return None

    def _wait_until_done(self, batch_id: str) -> tuple[str | None, str | None]:
        deadline = time.monotonic() + BATCH_DEADLINE_S
        state = "PENDING"
        while True:
            with self.client.get(
                f"{locust_payloads.BATCH_PATH}/{batch_id}", name=STATUS_NAME, catch_response=True
            ) as response:
                state, problem = locust_payloads.batch_status_of(response.status_code, response.text)
                if problem:
                    response.failure(problem)
                    return None, problem
                response.success()
            if state in ("COMPLETED", "FAILED"):
                return state, None
            if time.monotonic() >= deadline:
                return None, f"batch {batch_id}: still {state} after {BATCH_DEADLINE_S:g} s"
            time.sleep(POLL_INTERVAL_S)


class BackgroundRealtimeUser(realtime_rest.RealtimeRestUser):
    """Realtime REST scoring running alongside the batches."""

    weight = 3
