"""Realtime REST scoring under load: each user POSTs a new synthetic applicant to /api/v1/score.

A response counts as a failure unless it is 200 with an integer score in 300..850, a decision and the
request's transactionId. Run it on its own with
``locust -f libraries/ScoringLibrary/locustfiles/realtime_rest.py -H http://127.0.0.1:8089``; the options
are described in scoregate_locust.py.
"""

from __future__ import annotations

from locust import task
from scoregate_locust import RUN_TAG, ScoreGateShape, ScoringUser, locust_payloads, next_index

__all__ = ["RealtimeRestUser", "ScoreGateShape"]


class RealtimeRestUser(ScoringUser):
    """A channel scoring one applicant at a time over REST."""

    @task
    def score_applicant(self) -> None:
        body = locust_payloads.score_request(next_index(), RUN_TAG)
        with self.client.post(
            locust_payloads.SCORE_PATH, json=body, name=locust_payloads.SCORE_PATH, catch_response=True
        ) as response:
            problem = locust_payloads.rest_score_problem(response.status_code, response.text, body["transactionId"])
            if problem:
                response.failure(problem)
            else:
                response.success()
