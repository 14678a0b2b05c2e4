"""Injected faults on a real mock, survived by a client that retries with the same transactionId.

Latency, 503 with Retry-After, rate limiting (429), hangs, dropped connections and malformed bodies: the call
ends in one decision, stored once; a broken answer surfaces fast as a requests exception (never a hang);
after ``DELETE /__admin/faults`` everything is normal again.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import requests

from utest.reliability.clients import mount_retries, retries_of, retry_policy, score_idempotently
from utest.security.live_mock import LiveMock, MockStarter, make_request, new_token

SCORE_PATH = "/api/v1/score"
FAULTS_PATH = "/__admin/faults"
BROKEN_ANSWER_LIMIT_SECONDS = 2.0
HANG_MS = 800


@pytest.fixture(scope="module")
def fault_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock(token=new_token("faults"), admin_token=new_token("faultsadmin"))


@pytest.fixture(autouse=True)
def clean_faults(fault_mock: LiveMock) -> Iterator[None]:
    yield
    fault_mock.admin("DELETE", FAULTS_PATH)
    fault_mock.admin("DELETE", "/__admin/rate-limit")


@pytest.fixture
def client(fault_mock: LiveMock) -> Iterator[requests.Session]:
    """A keep-alive session with the API token and the retry policy (429/503, POST included, Retry-After)."""
    with mount_retries(fault_mock.session(), retry_policy(total=5, backoff_factor=0.05)) as session:
        yield session


def add_fault(mock: LiveMock, **spec: object) -> dict:
    return mock.admin("POST", FAULTS_PATH, {"path": SCORE_PATH, "method": "POST", **spec}).json()


def decisions_of(mock: LiveMock, transaction_id: str) -> int:
    return mock.query("SELECT COUNT(*) FROM decisions WHERE transaction_id = ?", (transaction_id,))[0][0]


def assert_one_decision(mock: LiveMock, request: dict, body: dict) -> None:
    tx = request["transactionId"]
    assert body["transactionId"] == tx, f"expected the answer for {tx}, got {body.get('transactionId')}"
    assert decisions_of(mock, tx) == 1, f"{tx}: expected exactly 1 stored decision, found {decisions_of(mock, tx)}"
    stored = mock.query("SELECT score, decision FROM decisions WHERE transaction_id = ?", (tx,))[0]
    assert stored == (body["score"], body["decision"]), f"{tx}: stored {stored} differs from the answer {body}"


def test_latency_delays_the_answer_and_the_call_succeeds_once(fault_mock: LiveMock, client: requests.Session) -> None:
    add_fault(fault_mock, type="latency", latencyMs=400, count=1)
    request = make_request(1, prefix="TX-FLT-LAT")
    started = time.perf_counter()
    response = client.post(fault_mock.url + SCORE_PATH, json=request, timeout=10)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"expected 200 after the latency, got {response.status_code}"
    assert elapsed >= 0.4, f"expected the injected 400 ms of latency, the answer took {elapsed * 1000:.0f} ms"
    assert_one_decision(fault_mock, request, response.json())


def test_503_with_retry_after_is_retried_after_the_advertised_delay(
    fault_mock: LiveMock, client: requests.Session
) -> None:
    rule = add_fault(fault_mock, type="status", status=503, retryAfter=1, count=2)
    request = make_request(2, prefix="TX-FLT-503")
    started = time.perf_counter()
    response = client.post(fault_mock.url + SCORE_PATH, json=request, timeout=10)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, f"expected 200 after two 503s, got {response.status_code} {response.text}"
    statuses = [entry.status for entry in retries_of(response)]
    assert statuses == [503, 503], f"expected two retried 503s, urllib3 retried {statuses}"
    assert elapsed >= 2.0, f"expected 2 x Retry-After: 1 s to be honoured, the call took {elapsed:.2f} s"
    faults = fault_mock.admin("GET", FAULTS_PATH).json()["faults"]
    assert [f["applied"] for f in faults if f["id"] == rule["id"]] == [2], faults
    assert_one_decision(fault_mock, request, response.json())


def test_503_carries_the_contract_error_and_retry_after(fault_mock: LiveMock) -> None:
    add_fault(fault_mock, type="status", status=503, retryAfter=7, count=1)
    response = requests.post(
        fault_mock.url + SCORE_PATH, json=make_request(3, prefix="TX-FLT-503"), headers=fault_mock.auth_headers()
    )
    assert response.status_code == 503
    assert response.headers.get("Retry-After") == "7", f"expected Retry-After: 7, got {response.headers}"
    assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE", response.text
    assert decisions_of(fault_mock, "TX-FLT-503-00000003") == 0, "a 503 before scoring must store nothing"


def test_rate_limit_429_is_retried_after_retry_after(fault_mock: LiveMock, client: requests.Session) -> None:
    fault_mock.admin("POST", "/__admin/rate-limit", {"requestsPerSecond": 2, "burst": 1})
    sent = [make_request(n, prefix="TX-FLT-429") for n in range(3)]
    answers = [client.post(fault_mock.url + SCORE_PATH, json=request, timeout=10) for request in sent]
    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    retried = [entry.status for answer in answers for entry in retries_of(answer)]
    assert retried and set(retried) == {429}, f"expected 429s retried by urllib3, got {retried}"
    for request, answer in zip(sent, answers, strict=True):
        assert_one_decision(fault_mock, request, answer.json())


def wait_for_logged_request(mock: LiveMock, correlation_id: str, timeout: float = 5.0) -> dict:
    """The mock's request-log line of the request with ``correlation_id`` (waits until it is written)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in mock.stderr_text().splitlines():
            entry = json.loads(line)
            if entry.get("correlationId") == correlation_id and "status" in entry:
                return entry
        time.sleep(0.05)
    raise AssertionError(f"no request with correlation id {correlation_id} in the mock's log after {timeout} s")


def test_hang_surfaces_as_a_read_timeout_and_a_retry_stores_one_decision(fault_mock: LiveMock) -> None:
    add_fault(fault_mock, type="hang", latencyMs=HANG_MS, count=1)
    request = make_request(4, prefix="TX-FLT-HANG")
    hung_id = "CID-FAULTS-HANG-1"
    with fault_mock.session() as session:
        started = time.perf_counter()
        with pytest.raises(requests.exceptions.ReadTimeout):
            session.post(fault_mock.url + SCORE_PATH, json=request, headers={"X-Correlation-ID": hung_id}, timeout=0.3)
        assert time.perf_counter() - started < BROKEN_ANSWER_LIMIT_SECONDS
        retry = session.post(fault_mock.url + SCORE_PATH, json=request, timeout=10)
    assert retry.status_code == 200, f"expected the retry to be scored, got {retry.status_code}"
    hung = wait_for_logged_request(fault_mock, hung_id)
    assert hung["status"] == 200 and hung["durationMs"] >= HANG_MS, f"expected the hung request to end 200, {hung}"
    assert_one_decision(fault_mock, request, retry.json())


def test_dropped_connection_surfaces_fast_as_a_broken_connection(fault_mock: LiveMock) -> None:
    """The mock's drop sends headers and half the body, then closes: requests reports 'Connection broken'."""
    add_fault(fault_mock, type="drop", count=1)
    with fault_mock.session() as session:
        started = time.perf_counter()
        with pytest.raises(requests.exceptions.ChunkedEncodingError, match="Connection broken: IncompleteRead"):
            session.post(fault_mock.url + SCORE_PATH, json=make_request(5, prefix="TX-FLT-DROP"), timeout=10)
        elapsed = time.perf_counter() - started
    assert elapsed < BROKEN_ANSWER_LIMIT_SECONDS, f"a dropped connection took {elapsed:.2f} s to surface"


def test_retry_after_a_dropped_answer_replays_the_stored_decision(
    fault_mock: LiveMock, client: requests.Session
) -> None:
    """The drop happens after scoring: the retry with the same transactionId is a replay, not a new decision."""
    add_fault(fault_mock, type="drop", count=1)
    request = make_request(6, prefix="TX-FLT-DROP")
    result = score_idempotently(client, fault_mock.url + SCORE_PATH, request)
    assert [type(error).__name__ for error in result.broken] == ["ChunkedEncodingError"], result.broken
    assert result.response.headers.get("Idempotent-Replay") == "true", "expected the retry to replay the decision"
    assert_one_decision(fault_mock, request, result.body)


def test_malformed_body_surfaces_as_a_json_decode_error(fault_mock: LiveMock) -> None:
    add_fault(fault_mock, type="malformed", count=1)
    with fault_mock.session() as session:
        response = session.post(fault_mock.url + SCORE_PATH, json=make_request(7, prefix="TX-FLT-BAD"), timeout=10)
    assert response.status_code == 200, "a malformed answer keeps its 200 status"
    with pytest.raises(requests.JSONDecodeError):
        response.json()


def test_retry_after_a_malformed_body_replays_the_stored_decision(
    fault_mock: LiveMock, client: requests.Session
) -> None:
    add_fault(fault_mock, type="malformed", count=1)
    request = make_request(8, prefix="TX-FLT-BAD")
    result = score_idempotently(client, fault_mock.url + SCORE_PATH, request)
    assert [type(error).__name__ for error in result.broken] == ["JSONDecodeError"], result.broken
    assert result.response.headers.get("Idempotent-Replay") == "true"
    assert_one_decision(fault_mock, request, result.body)


def test_after_clearing_faults_everything_is_normal(fault_mock: LiveMock, client: requests.Session) -> None:
    for spec in (
        {"type": "drop"},
        {"type": "malformed"},
        {"type": "status", "status": 503},
        {"type": "latency", "latencyMs": 2000},
    ):
        add_fault(fault_mock, **spec)
    assert len(fault_mock.admin("GET", FAULTS_PATH).json()["faults"]) == 4
    assert fault_mock.admin("DELETE", FAULTS_PATH).json() == {"faults": []}
    request = make_request(9, prefix="TX-FLT-OK")
    started = time.perf_counter()
    response = client.post(fault_mock.url + SCORE_PATH, json=request, timeout=10)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200 and not retries_of(response), f"expected a first-try 200, got {response}"
    assert response.headers.get("Idempotent-Replay") is None, "a new transaction must not be a replay"
    assert elapsed < 1.0, f"expected no latency left, took {elapsed:.2f} s"
    assert_one_decision(fault_mock, request, response.json())
