"""Realtime SOAP scoring under load: each user POSTs a ScoreApplicant envelope to /soap/realtime-scoring.

A response counts as a failure when it is a SOAP Fault, not HTTP 200, or lacks a score in 300..850 and a
decision. Run it on its own with
``locust -f libraries/ScoringLibrary/locustfiles/realtime_soap.py -H http://127.0.0.1:8089 --load-shape spike``.
"""

from __future__ import annotations

from locust import task
from scoregate_locust import RUN_TAG, ScoreGateShape, ScoringUser, locust_payloads, next_index

__all__ = ["RealtimeSoapUser", "ScoreGateShape"]


class RealtimeSoapUser(ScoringUser):
    """A legacy channel scoring one applicant at a time over SOAP 1.1."""

    @task
    def score_applicant(self) -> None:
        envelope = locust_payloads.soap_envelope(locust_payloads.score_request(next_index(), RUN_TAG))
        with self.client.post(
            locust_payloads.SOAP_PATH,
            data=envelope,
            headers=locust_payloads.SOAP_HEADERS,
            name=locust_payloads.SOAP_PATH,
            catch_response=True,
        ) as response:
            problem = locust_payloads.soap_score_problem(response.status_code, response.text)
            if problem:
                response.failure(problem)
            else:
                response.success()
