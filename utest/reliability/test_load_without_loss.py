"""Load without loss on one real mock: 50 keep-alive clients x 200 realtime requests next to 10 concurrent
batches of 500 records, then replays, racing duplicates and retries through injected 503s.

Every decision must be persisted exactly once (checked in the SQLite file itself), stored as returned,
every batch complete and in order, every replay byte-identical, and no retry may create a second decision.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
import requests

from utest.reliability.clients import mount_retries, retries_of, retry_policy
from utest.security.live_mock import LiveMock, MockStarter, make_request, new_token

CLIENTS = 50
REQUESTS_PER_CLIENT = 200
BATCHES = 10
BATCH_RECORDS = 500
REPLAYS_PER_CLIENT = 20
RACED_IDS = 40
RETRY_REQUESTS_PER_CLIENT = 40
FAULT_FRACTION = 0.2
BATCH_TIMEOUT_SECONDS = 60.0
LOAD_TIME_LIMIT_SECONDS = 40.0
SCORE_PATH = "/api/v1/score"
BATCH_PATH = "/api/v1/batch-scoring"
COMPARED_FIELDS = (
    "applicantId",
    "modelCode",
    "modelVersion",
    "score",
    "decision",
    "riskBand",
    "probabilityOfDefault",
    "reasonCodes",
    "policyRule",
)


@dataclass
class LoadRun:
    """What the concurrent load sent and got back."""

    requests: dict[str, dict] = field(default_factory=dict)
    bodies: dict[str, bytes] = field(default_factory=dict)
    batches: dict[str, list[dict]] = field(default_factory=dict)
    batch_records: dict[str, list[dict]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_threads(count: int, work: Callable[[int], None]) -> list[str]:
    """Run ``work(i)`` for i in 0..count-1 on ``count`` threads started together; the errors they raised."""
    barrier = threading.Barrier(count)
    errors: list[str] = []

    def target(index: int) -> None:
        try:
            barrier.wait(30)
            work(index)
        except Exception as error:  # collected and asserted by the caller
            errors.append(f"thread {index}: {type(error).__name__}: {error}")

    threads = [threading.Thread(target=target, args=(index,), daemon=True) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    errors.extend(f"thread {t.name} did not finish in 120 s" for t in threads if t.is_alive())
    return errors


def _realtime_client(mock: LiveMock, run: LoadRun, client: int) -> None:
    with mock.session() as session:
        for n in range(REQUESTS_PER_CLIENT):
            request = make_request(client * REQUESTS_PER_CLIENT + n, prefix="TX-LOAD")
            response = session.post(mock.url + SCORE_PATH, json=request, timeout=30)
            if response.status_code != 200 or response.headers.get("Idempotent-Replay"):
                run.errors.append(f"{request['transactionId']}: expected a fresh 200, got {response.status_code}")
                continue
            run.requests[request["transactionId"]] = request
            run.bodies[request["transactionId"]] = response.content


def wait_for_batch(session: requests.Session, url: str, timeout: float = BATCH_TIMEOUT_SECONDS) -> dict:
    """Poll a batch status URL until COMPLETED or FAILED (AssertionError after ``timeout``)."""
    deadline = time.monotonic() + timeout
    while True:
        status = session.get(url, timeout=30).json()
        if status["status"] in ("COMPLETED", "FAILED"):
            return status
        assert time.monotonic() < deadline, f"batch {url} not finished after {timeout:g} s: {status}"
        time.sleep(0.1)


def _batch_client(mock: LiveMock, run: LoadRun, batch: int) -> None:
    with mock.session() as session:
        first = batch * BATCH_RECORDS
        records = [make_request(first + k, prefix="TX-LBAT") for k in range(BATCH_RECORDS)]
        response = session.post(mock.url + BATCH_PATH, json={"records": records}, timeout=60)
        assert response.status_code == 202, f"batch {batch}: expected 202, got {response.status_code} {response.text}"
        location = response.headers["Location"]
        status = wait_for_batch(session, mock.url + location)
        assert status["status"] == "COMPLETED", f"batch {batch}: expected COMPLETED, got {status}"
        results = session.get(f"{mock.url}{location}/results", params={"pageSize": 1000}, timeout=60).json()
        run.batches[status["batchId"]] = results["results"]
        run.batch_records[status["batchId"]] = records


@pytest.fixture(scope="module")
def load_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock(token=new_token("load"), admin_token=new_token("loadadmin"))


@pytest.fixture(scope="module")
def load_run(load_mock: LiveMock) -> LoadRun:
    """The concurrent load: CLIENTS realtime clients and BATCHES batch submitters, all started together."""
    run = LoadRun()

    def work(index: int) -> None:
        if index < CLIENTS:
            _realtime_client(load_mock, run, index)
        else:
            _batch_client(load_mock, run, index - CLIENTS)

    started = time.monotonic()
    run.errors.extend(run_threads(CLIENTS + BATCHES, work))
    run.seconds = time.monotonic() - started
    print(f"load: {len(run.bodies)} realtime + {len(run.batches)} batches in {run.seconds:.1f} s")
    return run


def test_load_completes_without_errors_in_time(load_run: LoadRun) -> None:
    assert not load_run.errors, f"{len(load_run.errors)} errors under load, first: {load_run.errors[:5]}"
    assert len(load_run.bodies) == CLIENTS * REQUESTS_PER_CLIENT, f"got {len(load_run.bodies)} responses"
    assert len(load_run.batches) == BATCHES, f"expected {BATCHES} completed batches, got {len(load_run.batches)}"
    assert load_run.seconds < LOAD_TIME_LIMIT_SECONDS, f"load took {load_run.seconds:.1f} s"


def test_every_realtime_decision_is_persisted_once_as_returned(load_run: LoadRun, load_mock: LiveMock) -> None:
    rows = load_mock.query("SELECT transaction_id, response_json FROM decisions WHERE transaction_id LIKE 'TX-LOAD-%'")
    ids = Counter(row[0] for row in rows)
    duplicated = [tx for tx, count in ids.items() if count > 1]
    assert not duplicated, f"decisions stored more than once: {duplicated[:5]}"
    missing, unexpected = set(load_run.bodies) - set(ids), set(ids) - set(load_run.bodies)
    assert not missing and not unexpected, f"missing {sorted(missing)[:5]}, unexpected {sorted(unexpected)[:5]}"
    differing = [tx for tx, stored in rows if stored.encode() != load_run.bodies[tx]]
    assert not differing, f"{len(differing)} stored responses differ from the returned ones, e.g. {differing[:3]}"


def test_every_refer_opens_exactly_one_review_case(load_run: LoadRun, load_mock: LiveMock) -> None:
    refers = {tx for tx, body in load_run.bodies.items() if json.loads(body)["decision"] == "REFER"}
    cases = Counter(
        row[0]
        for row in load_mock.query(
            "SELECT transaction_id FROM reviews WHERE source = 'REST' AND transaction_id LIKE 'TX-LOAD-%'"
        )
    )
    assert refers, "expected some REFER decisions in the load population"
    assert set(cases) == refers, f"review cases differ from REFER decisions: {len(cases)} cases, {len(refers)} REFERs"
    assert max(cases.values()) == 1, f"review cases opened twice: {[tx for tx, n in cases.items() if n > 1][:5]}"


def test_batches_are_complete_in_order_and_score_like_realtime(load_run: LoadRun, load_mock: LiveMock) -> None:
    by_applicant = {
        request["applicantId"]: json.loads(load_run.bodies[tx]) for tx, request in load_run.requests.items()
    }
    for batch_id, results in load_run.batches.items():
        records = load_run.batch_records[batch_id]
        sent = [record["transactionId"] for record in records]
        assert [result["transactionId"] for result in results] == sent, f"{batch_id}: results missing or reordered"
        stored = load_mock.query(
            "SELECT COUNT(*), COUNT(DISTINCT seq) FROM batch_results WHERE batch_id = ?", (batch_id,)
        )
        assert stored == [(BATCH_RECORDS, BATCH_RECORDS)], f"{batch_id}: expected {BATCH_RECORDS} stored rows, {stored}"
        for result in results:
            realtime = by_applicant[result["applicantId"]]
            mismatched = [name for name in COMPARED_FIELDS if result[name] != realtime[name]]
            assert not mismatched, f"{batch_id} {result['transactionId']}: batch differs from realtime in {mismatched}"


def test_replays_return_the_identical_stored_body(load_run: LoadRun, load_mock: LiveMock) -> None:
    """CLIENTS clients replay REPLAYS_PER_CLIENT stored transactions each (half with keys reversed) at once."""
    chosen = sorted(load_run.requests)[:: len(load_run.requests) // (CLIENTS * REPLAYS_PER_CLIENT)]
    problems: list[str] = []

    def replay(client: int) -> None:
        with load_mock.session() as session:
            for tx in chosen[client::CLIENTS]:
                request = load_run.requests[tx]
                payload = dict(reversed(list(request.items()))) if client % 2 else request
                response = session.post(load_mock.url + SCORE_PATH, json=payload, timeout=30)
                if response.status_code != 200 or response.headers.get("Idempotent-Replay") != "true":
                    problems.append(f"{tx}: expected 200 with Idempotent-Replay, got {response.status_code}")
                elif response.content != load_run.bodies[tx]:
                    problems.append(f"{tx}: replayed body differs from the first response")

    problems.extend(run_threads(CLIENTS, replay))
    assert len(chosen) >= CLIENTS * REPLAYS_PER_CLIENT
    assert not problems, f"{len(problems)} replay problems, first: {problems[:5]}"
    count = load_mock.query("SELECT COUNT(*) FROM decisions WHERE transaction_id LIKE 'TX-LOAD-%'")[0][0]
    assert count == CLIENTS * REQUESTS_PER_CLIENT, f"replays changed the number of decisions to {count}"


def test_racing_duplicates_create_one_decision_and_identical_bodies(load_mock: LiveMock) -> None:
    """CLIENTS clients send the same RACED_IDS new transactions at the same moment, each in its own order."""
    requests_by_id = {
        r["transactionId"]: r for r in (make_request(i, prefix="TX-RACE", age=30 + i % 40) for i in range(RACED_IDS))
    }
    answers: dict[str, list[tuple[bytes, str | None]]] = {tx: [] for tx in requests_by_id}
    lock = threading.Lock()

    def race(client: int) -> None:
        with load_mock.session() as session:
            ids = list(requests_by_id)
            for tx in ids[client % RACED_IDS :] + ids[: client % RACED_IDS]:
                response = session.post(load_mock.url + SCORE_PATH, json=requests_by_id[tx], timeout=30)
                assert response.status_code == 200, f"{tx}: expected 200, got {response.status_code} {response.text}"
                with lock:
                    answers[tx].append((response.content, response.headers.get("Idempotent-Replay")))

    errors = run_threads(CLIENTS, race)
    assert not errors, errors[:5]
    for tx, replies in answers.items():
        assert len({body for body, _ in replies}) == 1, f"{tx}: {len(set(replies))} different bodies for one request"
        fresh = [flag for _, flag in replies if flag != "true"]
        assert len(fresh) == 1, f"{tx}: expected exactly 1 fresh answer and {CLIENTS - 1} replays, got {len(fresh)}"
    rows = load_mock.query("SELECT transaction_id FROM decisions WHERE transaction_id LIKE 'TX-RACE-%'")
    assert sorted(row[0] for row in rows) == sorted(requests_by_id), f"expected one row per raced id, got {len(rows)}"


def test_retries_through_injected_503s_end_with_one_decision_each(load_mock: LiveMock) -> None:
    """A 503 fault on 20% of POST /api/v1/score: retrying clients all succeed, nothing is stored twice."""
    rule = load_mock.admin(
        "POST",
        "/__admin/faults",
        {"path": SCORE_PATH, "method": "POST", "type": "status", "status": 503, "fraction": FAULT_FRACTION},
    ).json()
    retried: Counter[str] = Counter()
    problems: list[str] = []

    def client(index: int) -> None:
        with mount_retries(load_mock.session(), retry_policy(total=8, backoff_factor=0)) as session:
            for n in range(RETRY_REQUESTS_PER_CLIENT):
                request = make_request(index * RETRY_REQUESTS_PER_CLIENT + n, prefix="TX-RETRY")
                response = session.post(load_mock.url + SCORE_PATH, json=request, timeout=30)
                retried[request["transactionId"]] = len(retries_of(response))
                if response.status_code != 200:
                    tx = request["transactionId"]
                    problems.append(f"{tx}: expected 200 after retries, got {response.status_code}")

    try:
        problems.extend(run_threads(CLIENTS, client))
        faults = load_mock.admin("GET", "/__admin/faults").json()["faults"]
    finally:
        load_mock.admin("DELETE", "/__admin/faults")
    assert not problems, f"{len(problems)} problems, first: {problems[:5]}"
    applied = next(f["applied"] for f in faults if f["id"] == rule["id"])
    sent = CLIENTS * RETRY_REQUESTS_PER_CLIENT
    assert sum(retried.values()) == applied, f"clients retried {sum(retried.values())} times, {applied} 503s injected"
    assert applied >= sent * FAULT_FRACTION * 0.9, f"expected about {FAULT_FRACTION:.0%} of requests hit, got {applied}"
    rows = load_mock.query("SELECT transaction_id FROM decisions WHERE transaction_id LIKE 'TX-RETRY-%'")
    stored = Counter(row[0] for row in rows)
    assert set(stored) == set(retried), f"expected {sent} decisions, got {len(stored)}"
    assert max(stored.values()) == 1, "a retried transaction was stored twice"


def test_load_checks_detect_a_lost_write(start_mock: MockStarter) -> None:
    """The persistence check is able to fail: with defect lost-write, 200s are answered but rows are missing."""
    mock = start_mock("--defect", "lost-write", token=new_token("lost"))
    session = mock.session()
    sent = []
    for index in range(20):
        request = make_request(index, prefix="TX-LOST")
        assert session.post(mock.url + SCORE_PATH, json=request, timeout=10).status_code == 200
        sent.append(request["transactionId"])
    stored = {row[0] for row in mock.query("SELECT transaction_id FROM decisions")}
    missing = set(sent) - stored
    assert missing, "expected the lost-write defect to drop decisions that were answered 200"
