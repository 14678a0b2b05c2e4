"""Resilient scoring clients: urllib3 retries for 429/503 and idempotent retries of broken answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

RETRY_STATUSES = (429, 503)
BROKEN_ANSWERS = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError, requests.JSONDecodeError)
"""What a dropped connection or a truncated body raises in requests: retried with the same transactionId."""


def retry_policy(total: int = 5, backoff_factor: float = 0.05) -> Retry:
    """Retry 429 and 503 (POST included: scoring is idempotent by transactionId), honouring Retry-After."""
    return Retry(
        total=total,
        backoff_factor=backoff_factor,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "POST"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


def mount_retries(session: requests.Session, policy: Retry | None = None) -> requests.Session:
    """Give ``session`` the retry policy on http:// and https://; returns the session."""
    adapter = HTTPAdapter(max_retries=policy or retry_policy())
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session


def retries_of(response: requests.Response) -> list[Any]:
    """The retries urllib3 made for ``response`` (its RequestHistory entries: status, error, ...)."""
    retries = getattr(response.raw, "retries", None)
    return list(retries.history) if retries is not None else []


@dataclass
class ScoreAttempts:
    """The final answer of an idempotent scoring call and the broken answers that came before it."""

    response: requests.Response
    body: dict
    broken: list[BaseException] = field(default_factory=list)


def score_idempotently(
    session: requests.Session, url: str, request: dict, attempts: int = 3, timeout: float = 10
) -> ScoreAttempts:
    """POST ``request`` until a complete JSON answer arrives, resending the same transactionId each time.

    Raises the last broken answer's exception after ``attempts`` tries.
    """
    broken: list[BaseException] = []
    for _ in range(attempts):
        try:
            response = session.post(url, json=request, timeout=timeout)
            return ScoreAttempts(response, response.json(), broken)
        except BROKEN_ANSWERS as error:
            broken.append(error)
    raise broken[-1]
