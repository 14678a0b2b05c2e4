"""REST realtime scoring: responses, validation, idempotency, decisions and the error table."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest

SCORE = "/api/v1/score"
TIMESTAMP = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def db_rows(app, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(app.extensions["scoregate.service"].db.path) as conn:
        return conn.execute(sql, params).fetchall()


def test_score_answers_the_contract_response(client, applicant):
    response = client.post(SCORE, json=applicant(1), headers={"X-Correlation-ID": "corr-score-1"})
    assert response.status_code == 200
    body = response.get_json()
    assert list(body) == [
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
        "correlationId",
    ]
    assert body["transactionId"] == "TX-UT-00000001"
    assert (body["modelCode"], body["modelVersion"]) == ("credit_risk_v1", "1.4.2")
    assert (body["score"], body["decision"], body["riskBand"]) == (780, "APPROVE", "A")
    assert body["reasonCodes"] == [] and body["policyRule"] is None
    assert TIMESTAMP.match(body["scoredAt"])
    assert body["correlationId"] == "corr-score-1"
    assert response.headers["X-Correlation-ID"] == "corr-score-1"
    assert "Idempotent-Replay" not in response.headers


def test_score_uses_the_named_model(client, applicant):
    body = client.post(SCORE, json=applicant(2, modelCode="credit_risk_v2")).get_json()
    assert (body["modelCode"], body["modelVersion"]) == ("credit_risk_v2", "2.0.0")


def test_score_persists_the_decision_row(app, client, applicant):
    body = client.post(SCORE, json=applicant(3)).get_json()
    rows = db_rows(
        app,
        "SELECT applicant_id, interface, channel, model_code, score, decision, risk_band, reason_codes, policy_rule,"
        " response_json, correlation_id, scored_at, length(request_hash) FROM decisions WHERE transaction_id = ?",
        ("TX-UT-00000003",),
    )
    assert rows == [
        (
            "SYN-UT00000003",
            "REST",
            "web",
            "credit_risk_v1",
            780,
            "APPROVE",
            "A",
            "",
            None,
            json.dumps(body, separators=(",", ":")),
            body["correlationId"],
            body["scoredAt"],
            64,
        )
    ]


def test_refer_opens_a_review_case_with_the_decision(app, client, applicant, refer_fields):
    body = client.post(SCORE, json=applicant(4, **refer_fields), headers={"X-Correlation-ID": "c-refer"}).get_json()
    assert body["decision"] == "REFER"
    assert [c["code"] for c in body["reasonCodes"]] == ["R01", "R02", "R04", "R05"]
    rows = db_rows(app, "SELECT transaction_id, source, batch_id, score, status, correlation_id FROM reviews")
    assert rows == [("TX-UT-00000004", "REST", None, body["score"], "PENDING", "c-refer")]
    reason_codes = db_rows(app, "SELECT reason_codes FROM decisions")[0][0]
    assert reason_codes == "R01,R02,R04,R05"


def test_replay_is_byte_identical_with_header(app, client, applicant):
    first = client.post(SCORE, json=applicant(5))
    reordered = dict(reversed(list(applicant(5).items())))
    second = client.post(SCORE, json=reordered, headers={"X-Correlation-ID": "another-call"})
    assert second.status_code == 200
    assert second.data == first.data
    assert second.headers["Idempotent-Replay"] == "true"
    assert second.headers["X-Correlation-ID"] == "another-call"
    assert db_rows(app, "SELECT COUNT(*) FROM decisions") == [(1,)]


def test_replay_of_a_refer_opens_no_second_case(app, client, applicant, refer_fields):
    client.post(SCORE, json=applicant(6, **refer_fields))
    client.post(SCORE, json=applicant(6, **refer_fields))
    assert db_rows(app, "SELECT COUNT(*) FROM reviews") == [(1,)]


def test_same_transaction_with_another_payload_is_409(app, client, applicant):
    client.post(SCORE, json=applicant(7))
    response = client.post(SCORE, json=applicant(7, age=41))
    assert response.status_code == 409
    error = response.get_json()["error"]
    assert error["code"] == "IDEMPOTENCY_CONFLICT"
    assert error["details"][0]["field"] == "transactionId"
    assert error["correlationId"] == response.headers["X-Correlation-ID"]
    assert db_rows(app, "SELECT COUNT(*) FROM decisions") == [(1,)]


def test_every_invalid_field_is_named_at_once(client, applicant):
    request = applicant(8, age=17, monthlyIncome="5000", channel="fax", employmentStatus=None, extra=1)
    response = client.post(SCORE, json=request)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "VALIDATION_FAILED"
    assert error["message"] == "5 fields are invalid"
    found = {(d["field"], d["issue"]) for d in error["details"]}
    assert found == {
        ("age", "out_of_range"),
        ("monthlyIncome", "wrong_type"),
        ("employmentStatus", "missing"),
        ("channel", "invalid_enum"),
        ("extra", "unknown_field"),
    }


def test_non_finite_number_is_named(client, applicant):
    text = json.dumps(applicant(9)).replace('"monthlyIncome": 5000', '"monthlyIncome": NaN')
    response = client.post(SCORE, data=text, content_type="application/json")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"] == [
        {"field": "monthlyIncome", "issue": "not_finite", "message": "must be a finite number (not NaN or Infinity)"}
    ]


@pytest.mark.parametrize(
    ("data", "content_type", "status", "code"),
    [
        ("{not json", "application/json", 400, "MALFORMED_JSON"),
        ("[1, 2]", "application/json", 400, "MALFORMED_JSON"),
        ('"text"', "application/json", 400, "MALFORMED_JSON"),
        (b"\xff\xfe", "application/json", 400, "MALFORMED_JSON"),
        ("{}", "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
        ("{}", "application/xml", 415, "UNSUPPORTED_MEDIA_TYPE"),
        ("{}", "application/json; charset=utf-8", 422, "VALIDATION_FAILED"),
        ("x" * (64 * 1024 + 1), "application/json", 413, "PAYLOAD_TOO_LARGE"),
    ],
)
def test_body_errors(client, data, content_type, status, code):
    response = client.post(SCORE, data=data, content_type=content_type)
    assert response.status_code == status
    assert response.mimetype == "application/json"
    assert response.get_json()["error"]["code"] == code


def test_missing_content_type_is_415(client):
    response = client.post(SCORE, data="{}")
    assert response.status_code == 415
    assert "got none" in response.get_json()["error"]["message"]


def test_unknown_path_and_wrong_method(client):
    missing = client.get("/api/v1/nothing-here")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "NOT_FOUND"
    wrong = client.get(SCORE)
    assert wrong.status_code == 405
    assert wrong.get_json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert "POST" in wrong.headers["Allow"]


def test_unexpected_error_is_500_without_traceback(app, client, applicant, monkeypatch):
    service = app.extensions["scoregate.service"]

    def explode(*args, **kwargs):
        raise RuntimeError("database exploded at /srv/secret/path")

    monkeypatch.setattr(service, "score_realtime_text", explode)
    response = client.post(SCORE, json=applicant(10))
    assert response.status_code == 500
    error = response.get_json()["error"]
    assert error["code"] == "INTERNAL_ERROR"
    assert "Traceback" not in response.get_data(as_text=True)
    assert "secret" not in response.get_data(as_text=True)


def test_decision_lookup(client, applicant):
    body = client.post(SCORE, json=applicant(11)).get_json()
    response = client.get("/api/v1/decisions/TX-UT-00000011")
    assert response.status_code == 200
    assert response.get_json() == {**body, "interface": "REST"}
    missing = client.get("/api/v1/decisions/TX-UT-99999999")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "NOT_FOUND"


@pytest.mark.parametrize(
    ("sent", "echoed"),
    [
        ("abc-123", True),
        ("x" * 128, True),
        ("!~#", True),
        ("x" * 129, False),
        ("has space", False),
        ("tab\there", False),
        ("naïve", False),
    ],
)
def test_correlation_id_echo_rules(client, sent, echoed):
    response = client.get("/health", headers={"X-Correlation-ID": sent.encode("utf-8").decode("latin-1")})
    returned = response.headers["X-Correlation-ID"]
    if echoed:
        assert returned == sent
    else:
        assert returned != sent
        assert re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", returned)


def test_generated_correlation_id_is_in_error_body(client):
    response = client.get("/nowhere")
    assert response.get_json()["error"]["correlationId"] == response.headers["X-Correlation-ID"]


def test_a_soap_decision_is_replayed_over_rest(app, client, applicant):
    service = app.extensions["scoregate.service"]
    body, replay = service.score_realtime(applicant(12), "SOAP", "soap-corr-1")
    assert replay is False and body["correlationId"] == "soap-corr-1"
    rest = client.post(SCORE, json=applicant(12))
    assert rest.headers["Idempotent-Replay"] == "true"
    assert rest.get_json() == body
    assert client.get("/api/v1/decisions/TX-UT-00000012").get_json()["interface"] == "SOAP"
    again, replay = service.score_realtime(applicant(12), "SOAP", "soap-corr-2")
    assert replay is True and again == body
