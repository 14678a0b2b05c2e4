"""Admin endpoints: injected faults of every type, defects, the rate limit and reset."""

from __future__ import annotations

import json
import time

import pytest

from mock.faults import FaultRule

SCORE = "/api/v1/score"


def add_fault(client, **spec) -> dict:
    response = client.post("/__admin/faults", json=spec)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def test_fault_rule_is_listed_and_cleared(client):
    rule = add_fault(client, path="/api/v1/score*", method="post", type="status", status=503, count=2)
    assert rule["id"].startswith("FLT-")
    assert (rule["method"], rule["remaining"], rule["matched"]) == ("POST", 2, 0)
    assert client.get("/__admin/faults").get_json()["faults"] == [rule]
    assert client.delete("/__admin/faults").get_json() == {"faults": []}
    assert client.get("/__admin/faults").get_json() == {"faults": []}


def test_fault_spec_is_validated(client):
    response = client.post(
        "/__admin/faults", json={"type": "explode", "latencyMs": -1, "fraction": 2, "method": "FETCH", "color": "red"}
    )
    assert response.status_code == 422
    found = [(d["field"], d["issue"]) for d in response.get_json()["error"]["details"]]
    assert found == [
        ("path", "missing"),
        ("type", "invalid_enum"),
        ("method", "invalid_enum"),
        ("latencyMs", "out_of_range"),
        ("fraction", "out_of_range"),
        ("color", "unknown_field"),
    ]
    status_without_code = client.post("/__admin/faults", json={"path": "/x", "type": "status"})
    assert status_without_code.get_json()["error"]["details"][0]["field"] == "status"


def test_status_fault_with_retry_after_and_count(client, applicant):
    add_fault(client, path="/api/v1/score", type="status", status=503, retryAfter=7, count=2)
    for i in range(2):
        response = client.post(SCORE, json=applicant(i))
        assert response.status_code == 503
        assert response.headers["Retry-After"] == "7"
        assert response.get_json()["error"]["code"] == "SERVICE_UNAVAILABLE"
    assert client.post(SCORE, json=applicant(3)).status_code == 200
    assert client.get("/__admin/faults").get_json()["faults"][0]["remaining"] == 0


def test_status_fault_500_and_method_filter(client, applicant):
    add_fault(client, path="/api/*", method="GET", type="status", status=500)
    assert client.post(SCORE, json=applicant(1)).status_code == 200
    response = client.get("/api/v1/decisions/TX-UT-00000001")
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "INTERNAL_ERROR"
    assert "Retry-After" not in response.headers


@pytest.fixture
def raw_client(app):
    """A client that does not check answers against the OpenAPI document (faults break them on purpose)."""
    client = app.test_client()
    client.conform = False
    return client


def test_fraction_is_a_deterministic_share(client):
    add_fault(client, path="/health", type="status", status=503, fraction=0.25)
    statuses = [client.get("/health").status_code for _ in range(12)]
    assert statuses == [200, 200, 200, 503] * 3


def test_fraction_with_count(raw_client):
    client = raw_client
    add_fault(client, path="/health", type="status", status=502, fraction=0.5, count=2)
    statuses = [client.get("/health").status_code for _ in range(8)]
    assert statuses == [200, 502, 200, 502, 200, 200, 200, 200]


def test_latency_and_hang_delay_then_answer(client):
    add_fault(client, path="/health", type="latency", latencyMs=150, count=1)
    started = time.perf_counter()
    assert client.get("/health").status_code == 200
    assert time.perf_counter() - started >= 0.15
    add_fault(client, path="/openapi.json", type="hang", latencyMs=120, count=1)
    started = time.perf_counter()
    assert client.get("/openapi.json").status_code == 200
    assert time.perf_counter() - started >= 0.12


def test_hang_defaults_to_30_seconds():
    assert FaultRule(path="/x", type="hang").sleep_seconds == 30.0
    assert FaultRule(path="/x", type="latency", latency_ms=250).sleep_seconds == 0.25


def test_malformed_answers_200_with_truncated_json(raw_client, applicant):
    client = raw_client
    add_fault(client, path="/api/v1/score", type="malformed", count=1)
    response = client.post(SCORE, json=applicant(1))
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.data.startswith(b'{"transactionId":"TX-UT-00000001"')
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.data)


def test_drop_declares_more_bytes_than_it_sends(raw_client):
    client = raw_client
    add_fault(client, path="/health", type="drop", count=1)
    response = client.get("/health")
    assert int(response.headers["Content-Length"]) > len(response.data)
    assert client.get("/health").get_json()["status"] == "UP"


def test_admin_paths_are_never_faulted(client):
    add_fault(client, path="*", type="status", status=503)
    assert client.get("/__admin/faults").status_code == 200
    assert client.get("/health").status_code == 503


def test_soap_paths_get_a_soap_fault(app):
    client = app.test_client()
    add_fault(client, path="/soap/*", type="status", status=503, retryAfter=3)
    response = client.post("/soap/realtime-scoring", data="<x/>", content_type="text/xml")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "3"
    assert b"soap:Server" in response.data


def test_defect_activation_listing_and_clearing(client):
    body = client.post("/__admin/defect", json={"name": "pii-echo"}).get_json()
    assert body["active"] == ["pii-echo"]
    assert {d["name"] for d in body["available"]} >= {"pii-echo", "lost-write"}
    body = client.post("/__admin/defect", json={"names": ["lost-write", "review-reopen"]}).get_json()
    assert body["active"] == ["lost-write", "pii-echo", "review-reopen"]
    assert client.get("/health").get_json()["defects"] == ["lost-write", "pii-echo", "review-reopen"]
    assert client.delete("/__admin/defect").get_json()["active"] == []
    bad = client.post("/__admin/defect", json={"names": ["pii-echo", "no-such-defect"], "x": 1})
    assert bad.status_code == 422
    assert [(d["field"], d["issue"]) for d in bad.get_json()["error"]["details"]] == [
        ("names[1]", "invalid_enum"),
        ("x", "unknown_field"),
    ]
    assert client.post("/__admin/defect", json={}).status_code == 422


def test_rate_limit_answers_429_with_retry_after(client, applicant):
    state = client.post("/__admin/rate-limit", json={"requestsPerSecond": 0.5, "burst": 2}).get_json()
    assert state == {"rateLimit": {"requestsPerSecond": 0.5, "burst": 2}}
    statuses = [client.post(SCORE, json=applicant(i)).status_code for i in range(2)]
    assert statuses == [200, 200]
    limited = client.post(SCORE, json=applicant(3))
    assert limited.status_code == 429
    assert limited.get_json()["error"]["code"] == "RATE_LIMITED"
    assert int(limited.headers["Retry-After"]) >= 1
    assert client.get("/health").status_code == 200
    assert client.delete("/__admin/rate-limit").get_json() == {"rateLimit": None}
    assert client.post(SCORE, json=applicant(4)).status_code == 200


def test_rate_limit_spec_is_validated(client):
    response = client.post("/__admin/rate-limit", json={"requestsPerSecond": 0, "burst": 1.5})
    assert response.status_code == 422
    assert [d["field"] for d in response.get_json()["error"]["details"]] == ["requestsPerSecond", "burst"]


def test_reset_empties_everything(app, client, applicant, refer_fields):
    client.post(SCORE, json=applicant(1, **refer_fields))
    client.post("/api/v1/batch-scoring", json={"records": [applicant(2)]})
    add_fault(client, path="/nothing", type="status", status=500)
    client.post("/__admin/defect", json={"name": "pii-echo"})
    client.post("/__admin/rate-limit", json={"requestsPerSecond": 1000})
    assert client.post("/__admin/reset").get_json() == {"reset": True, "defects": [], "faults": [], "rateLimit": None}
    db = app.extensions["scoregate.service"].db
    for table in ("decisions", "batches", "batch_results", "reviews"):
        assert db.query_one(f"SELECT COUNT(*) FROM {table}") == (0,), table
    assert client.get("/__admin/faults").get_json() == {"faults": []}
    assert client.get("/__admin/rate-limit").get_json() == {"rateLimit": None}
    assert client.get("/health").get_json()["defects"] == []
