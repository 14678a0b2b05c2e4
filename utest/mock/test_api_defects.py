"""Every server-side defect changes exactly what its description says."""

from __future__ import annotations

import time

import pytest

from mock.defects import PII_ECHO_EMAIL

SCORE = "/api/v1/score"


@pytest.fixture
def defective(make_app):
    """``defective(*names)``: a client of an app started with those defects (no conformance checks)."""

    def factory(*names: str):
        client = make_app(defects=frozenset(names)).test_client()
        client.conform = False
        return client

    return factory


def count(client, sql: str) -> int:
    return client.application.extensions["scoregate.service"].db.query_one(sql)[0]


def test_renamed_field(defective, applicant):
    body = defective("renamed-field").post(SCORE, json=applicant(1)).get_json()
    assert "riskBand" not in body and body["risk_band"] == "A"


def test_score_as_string(defective, applicant):
    client = defective("score-as-string")
    assert client.post(SCORE, json=applicant(1)).get_json()["score"] == "780"
    assert client.get("/api/v1/decisions/TX-UT-00000001").get_json()["score"] == "780"


def test_pii_echo(defective, applicant):
    body = defective("pii-echo").post(SCORE, json=applicant(1)).get_json()
    assert body["contactEmail"] == PII_ECHO_EMAIL


def test_dropped_correlation_id(defective, applicant):
    client = defective("dropped-correlation-id")
    response = client.post(SCORE, json=applicant(1), headers={"X-Correlation-ID": "keep-me"})
    assert "X-Correlation-ID" not in response.headers
    assert "correlationId" not in response.get_json()
    error = client.get("/nowhere")
    assert "correlationId" not in error.get_json()["error"]
    status = client.post("/api/v1/batch-scoring", json={"records": [applicant(2)]}).get_json()
    assert "correlationId" not in status


def test_age_17_accepted(defective, make_app, applicant):
    assert defective("age-17-accepted").post(SCORE, json=applicant(1, age=17)).status_code == 200
    assert make_app().test_client().post(SCORE, json=applicant(1, age=17)).status_code == 422
    batch = defective("age-17-accepted").post("/api/v1/batch-scoring", json={"records": [applicant(2, age=17)]})
    assert batch.status_code == 202


def test_html_error_page(defective):
    client = defective("html-error-page")
    response = client.get("/api/v1/decisions/TX-UT-00000404")
    assert response.status_code == 404
    assert response.mimetype == "text/html"
    assert "Traceback (most recent call last)" in response.get_data(as_text=True)
    assert client.post(SCORE, data="{", content_type="application/json").mimetype == "text/html"
    admin_error = client.post("/__admin/defect", json={})
    assert admin_error.mimetype == "application/json"


def test_slow_responses(defective, applicant):
    client = defective("slow-responses")
    started = time.perf_counter()
    assert client.post(SCORE, json=applicant(1)).status_code == 200
    assert time.perf_counter() - started >= 0.6
    started = time.perf_counter()
    client.get("/health")
    assert time.perf_counter() - started < 0.3


def test_transient_500_hits_every_fifth_api_call(defective, applicant):
    client = defective("transient-500")
    statuses = [client.post(SCORE, json=applicant(i)).status_code for i in range(10)]
    assert statuses == [200, 200, 200, 200, 500, 200, 200, 200, 200, 500]
    assert [client.get("/health").status_code for _ in range(6)] == [200] * 6


def test_lost_write(defective, applicant):
    client = defective("lost-write")
    bodies = [client.post(SCORE, json=applicant(i)) for i in range(5)]
    assert [b.status_code for b in bodies] == [200] * 5
    assert count(client, "SELECT COUNT(*) FROM decisions") == 4
    assert client.get("/api/v1/decisions/TX-UT-00000004").status_code == 404


def test_review_reopen(defective, applicant, refer_fields):
    client = defective("review-reopen")
    client.post(SCORE, json=applicant(1, **refer_fields))
    case_id = client.get("/api/v1/reviews").get_json()["reviews"][0]["caseId"]
    assert client.post(f"/api/v1/reviews/{case_id}/approve").status_code == 200
    again = client.post(f"/api/v1/reviews/{case_id}/decline")
    assert again.status_code == 200
    assert again.get_json()["status"] == "DECLINED"


def test_idempotency_broken(defective, applicant, refer_fields):
    client = defective("idempotency-broken")
    first = client.post(SCORE, json=applicant(1, **refer_fields), headers={"X-Correlation-ID": "first-call"})
    second = client.post(SCORE, json=applicant(1, **refer_fields), headers={"X-Correlation-ID": "second-call"})
    assert second.status_code == 200
    assert "Idempotent-Replay" not in second.headers
    assert second.get_json()["correlationId"] == "second-call" != first.get_json()["correlationId"]
    stored = client.application.extensions["scoregate.service"].db.query_one(
        "SELECT correlation_id FROM decisions WHERE transaction_id = 'TX-UT-00000001'"
    )
    assert stored == ("second-call",)
    assert count(client, "SELECT COUNT(*) FROM reviews") == 2
    assert client.post(SCORE, json=applicant(1, age=55)).status_code == 200


def test_batch_db_mismatch(defective, applicant, wait_batch):
    client = defective("batch-db-mismatch")
    batch_id = client.post("/api/v1/batch-scoring", json={"records": [applicant(1)]}).get_json()["batchId"]
    wait_batch(client, batch_id)
    api_score = client.get(f"/api/v1/batch-scoring/{batch_id}/results").get_json()["results"][0]["score"]
    assert api_score == count(client, "SELECT score FROM batch_results") + 1
    csv_text = client.get(f"/api/v1/batch-scoring/{batch_id}/results", headers={"Accept": "text/csv"}).data
    assert f",{api_score},".encode() in csv_text


def test_batch_drops_record(defective, applicant, wait_batch):
    client = defective("batch-drops-record")
    items = [applicant(i) for i in range(6)]
    batch_id = client.post("/api/v1/batch-scoring", json={"records": items}).get_json()["batchId"]
    status = wait_batch(client, batch_id)
    assert (status["status"], status["processedRecords"], status["totalRecords"]) == ("COMPLETED", 6, 6)
    page = client.get(f"/api/v1/batch-scoring/{batch_id}/results").get_json()
    assert page["totalRecords"] == 6
    assert [r["transactionId"] for r in page["results"]] == [i["transactionId"] for i in items[:5]]


def test_scoring_defects_reach_the_scorecard(defective, applicant, refer_fields):
    request = applicant(1, **{**refer_fields, "creditHistoryMonths": 60})
    body = defective("moved-cutoff").post(SCORE, json=request).get_json()
    clean = defective().post(SCORE, json=request).get_json()
    assert clean["score"] == body["score"]
    assert 660 <= body["score"] < 680
    assert (clean["decision"], body["decision"]) == ("REFER", "APPROVE")


def test_defects_change_at_run_time(make_app, applicant):
    client = make_app().test_client()
    client.conform = False
    client.post("/__admin/defect", json={"name": "renamed-field"})
    assert "risk_band" in client.post(SCORE, json=applicant(1)).get_json()
    client.delete("/__admin/defect")
    assert "riskBand" in client.post(SCORE, json=applicant(2)).get_json()
