"""Batch scoring: submission, lifecycle, paginated JSON, streamed CSV and NDJSON, and errors."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import time

import pytest

from mock.batch import BATCH_KEY, CSV_HEADER

BATCH = "/api/v1/batch-scoring"


def records(applicant, count: int, prefix: str = "TX-BT", **overrides) -> list[dict]:
    return [applicant(i, prefix, age=18 + i % 60, creditHistoryMonths=i % 200, **overrides) for i in range(count)]


def submit(client, payload: dict):
    return client.post(BATCH, json=payload, headers={"X-Correlation-ID": "batch-corr"})


def test_submit_answers_202_with_location_and_status(client, applicant):
    response = submit(client, {"records": records(applicant, 3)})
    assert response.status_code == 202
    status = response.get_json()
    assert response.headers["Location"] == f"{BATCH}/{status['batchId']}"
    assert status["status"] == "PENDING"
    assert (status["totalRecords"], status["processedRecords"], status["failedRecords"]) == (3, 0, 0)
    assert status["completedAt"] is None
    assert status["correlationId"] == "batch-corr"


def test_batch_completes_and_matches_realtime_scores(client, applicant, wait_batch):
    items = records(applicant, 250, modelCode=None)
    status = submit(client, {"records": items, "modelCode": "credit_risk_v2"}).get_json()
    final = wait_batch(client, status["batchId"])
    assert final["status"] == "COMPLETED"
    assert (final["processedRecords"], final["failedRecords"]) == (250, 0)
    assert final["modelCode"] == "credit_risk_v2" and final["completedAt"]
    page = client.get(f"{BATCH}/{status['batchId']}/results?pageSize=1000").get_json()
    assert [r["transactionId"] for r in page["results"]] == [r["transactionId"] for r in items]
    realtime = client.post("/api/v1/score", json={**items[17], "modelCode": "credit_risk_v2"}).get_json()
    batch_result = page["results"][17]
    del realtime["correlationId"], realtime["scoredAt"]
    del batch_result["scoredAt"]
    assert batch_result == realtime


def test_pagination(client, applicant, wait_batch):
    status = submit(client, {"records": records(applicant, 25)}).get_json()
    wait_batch(client, status["batchId"])
    url = f"{BATCH}/{status['batchId']}/results"
    page = client.get(f"{url}?page=3&pageSize=10").get_json()
    assert (page["page"], page["pageSize"], page["totalRecords"], page["totalPages"]) == (3, 10, 25, 3)
    assert [r["transactionId"] for r in page["results"]] == [f"TX-BT-{i:08d}" for i in range(20, 25)]
    assert client.get(f"{url}?page=4&pageSize=10").get_json()["results"] == []
    default = client.get(url).get_json()
    assert (default["page"], default["pageSize"], len(default["results"])) == (1, 100, 25)


@pytest.mark.parametrize(("query", "field"), [("page=0", "page"), ("pageSize=1001", "pageSize"), ("page=x", "page")])
def test_bad_page_arguments_are_422(client, applicant, wait_batch, query, field):
    status = submit(client, {"records": records(applicant, 2)}).get_json()
    wait_batch(client, status["batchId"])
    response = client.get(f"{BATCH}/{status['batchId']}/results?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"][0]["field"] == field


def test_csv_results_are_streamed_in_order(client, applicant, wait_batch):
    status = submit(client, {"records": records(applicant, 30, **{"monthlyIncome": 0})}).get_json()
    wait_batch(client, status["batchId"])
    response = client.get(f"{BATCH}/{status['batchId']}/results", headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert response.is_streamed
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert tuple(rows[0]) == CSV_HEADER
    assert len(rows) == 31
    assert rows[1][0] == "TX-BT-00000000"
    assert rows[1][5] == "DECLINE" and rows[1][9] == "P01"
    assert rows[1][8].startswith("P01|") and "," not in rows[1][8]


def test_ndjson_results_are_streamed(client, applicant, wait_batch):
    status = submit(client, {"records": records(applicant, 12)}).get_json()
    wait_batch(client, status["batchId"])
    url = f"{BATCH}/{status['batchId']}/results"
    response = client.get(url, headers={"Accept": "application/x-ndjson"})
    assert response.mimetype == "application/x-ndjson"
    lines = [json.loads(line) for line in response.get_data(as_text=True).splitlines()]
    page = client.get(f"{url}?pageSize=100").get_json()["results"]
    assert lines == page


def test_unknown_batch_is_404(client):
    for path in (f"{BATCH}/BAT-0000000000000000", f"{BATCH}/BAT-0000000000000000/results"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "NOT_FOUND"


def test_results_of_an_unfinished_batch_are_409(app, client, applicant, monkeypatch):
    monkeypatch.setattr(app.extensions[BATCH_KEY], "_ensure_worker", lambda: None)
    status = submit(client, {"records": records(applicant, 2)}).get_json()
    for accept in ("application/json", "text/csv"):
        response = client.get(f"{BATCH}/{status['batchId']}/results", headers={"Accept": accept})
        assert response.status_code == 409
        assert response.get_json()["error"]["code"] == "BATCH_NOT_COMPLETED"


def test_invalid_records_are_named(client, applicant):
    items = records(applicant, 5)
    items[1]["age"] = 12
    items[3]["modelCode"] = "credit_risk_v1"
    items[4]["transactionId"] = items[0]["transactionId"]
    response = submit(client, {"records": items, "modelCode": "nope"})
    assert response.status_code == 422
    found = [(d["field"], d["issue"]) for d in response.get_json()["error"]["details"]]
    assert found == [
        ("records[1].age", "out_of_range"),
        ("records[3].modelCode", "unknown_field"),
        ("records[4].transactionId", "duplicate"),
        ("modelCode", "invalid_enum"),
    ]


def test_empty_and_oversized_batches(client):
    empty = submit(client, {"records": []})
    assert empty.status_code == 422
    assert empty.get_json()["error"]["details"][0]["field"] == "records"
    too_many = submit(client, {"records": [{}] * 100_001})
    assert too_many.status_code == 413
    assert too_many.get_json()["error"]["code"] == "PAYLOAD_TOO_LARGE"


def test_body_over_64_mib_is_413(client):
    response = client.post(BATCH, data=b" " * (64 * 1024 * 1024 + 1), content_type="application/json")
    assert response.status_code == 413


def test_refer_records_open_batch_review_cases(app, client, applicant, refer_fields, wait_batch):
    items = [applicant(i, "TX-BR", **refer_fields) for i in range(3)] + [applicant(9, "TX-BR")]
    status = submit(client, {"records": items}).get_json()
    wait_batch(client, status["batchId"])
    cases = client.get("/api/v1/reviews?limit=10").get_json()["reviews"]
    assert [(c["transactionId"], c["source"], c["batchId"]) for c in cases] == [
        (f"TX-BR-{i:08d}", "BATCH", status["batchId"]) for i in range(3)
    ]


def test_batch_rows_match_the_api(app, client, applicant, wait_batch):
    status = submit(client, {"records": records(applicant, 7)}).get_json()
    wait_batch(client, status["batchId"])
    results = client.get(f"{BATCH}/{status['batchId']}/results").get_json()["results"]
    with sqlite3.connect(app.extensions["scoregate.service"].db.path) as conn:
        rows = conn.execute(
            "SELECT seq, transaction_id, score, decision, reason_codes FROM batch_results WHERE batch_id = ?"
            " ORDER BY seq",
            (status["batchId"],),
        ).fetchall()
        batch_row = conn.execute("SELECT status, started_at IS NOT NULL FROM batches").fetchone()
    assert batch_row == ("COMPLETED", 1)
    assert rows == [
        (i, r["transactionId"], r["score"], r["decision"], ",".join(c["code"] for c in r["reasonCodes"]))
        for i, r in enumerate(results)
    ]


def test_a_scoring_failure_marks_the_batch_failed(app, client, applicant, wait_batch, monkeypatch):
    registry = app.extensions["scoregate.service"].registry

    def broken(request, defects=frozenset()):
        raise ValueError("scorecard table corrupted")

    monkeypatch.setattr(registry.champion, "score", broken)
    status = submit(client, {"records": records(applicant, 4)}).get_json()
    final = wait_batch(client, status["batchId"])
    assert final["status"] == "FAILED"
    assert final["error"] == "ValueError: scorecard table corrupted"
    assert final["failedRecords"] == 4
    assert client.get(f"{BATCH}/{status['batchId']}/results").status_code == 409


def test_reset_abandons_a_queued_batch(app, client, applicant, monkeypatch):
    runner = app.extensions[BATCH_KEY]
    monkeypatch.setattr(runner, "_ensure_worker", lambda: None)
    submit(client, {"records": records(applicant, 3)})
    job = runner._queue.get_nowait()
    client.post("/__admin/reset")
    runner.run(job)
    db = app.extensions["scoregate.service"].db
    assert db.query_one("SELECT COUNT(*) FROM batch_results") == (0,)
    assert db.query_one("SELECT COUNT(*) FROM batches") == (0,)


def test_a_worker_fault_holds_a_batch_running_while_the_next_waits(client, applicant, wait_batch):
    fault = {"path": "/__worker/batch-scoring/*", "type": "latency", "latencyMs": 800, "count": 1}
    assert client.post("/__admin/faults", json=fault).status_code == 201
    ahead = submit(client, {"records": records(applicant, 3, prefix="TX-HOLD")}).get_json()["batchId"]
    queued = submit(client, {"records": records(applicant, 2, prefix="TX-QUEUE")}).get_json()["batchId"]
    deadline = time.monotonic() + 2
    while client.get(f"{BATCH}/{ahead}").get_json()["status"] != "RUNNING":
        assert time.monotonic() < deadline, "the held batch never reported RUNNING"
        time.sleep(0.01)
    assert client.get(f"{BATCH}/{queued}").get_json()["status"] == "PENDING"
    assert wait_batch(client, ahead)["status"] == "COMPLETED"
    assert wait_batch(client, queued)["status"] == "COMPLETED"
    assert client.get("/__admin/faults").get_json()["faults"][0]["applied"] == 1


def test_request_faults_never_hold_the_batch_worker():
    from mock.faults import FaultStore

    store = FaultStore()
    store.add({"path": "*", "type": "latency", "latencyMs": 5000})
    store.add({"path": "/__worker/*", "type": "status", "status": 503})
    assert store.match_worker("/__worker/batch-scoring/BAT-1") is None
    held = store.add({"path": "/__worker/batch-scoring/*", "type": "hang", "latencyMs": 10})
    assert store.match_worker("/__worker/batch-scoring/BAT-1") is held
