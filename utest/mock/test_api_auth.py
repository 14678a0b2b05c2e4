"""Bearer-token authentication of the API, SOAP and admin paths, and ``--no-admin``."""

from __future__ import annotations

import pytest

TOKEN = "unit-test-token-1"
ADMIN_TOKEN = "unit-test-admin-token-2"
PROTECTED = [
    ("POST", "/api/v1/score"),
    ("GET", "/api/v1/decisions/TX-UT-00000001"),
    ("POST", "/api/v1/batch-scoring"),
    ("GET", "/api/v1/batch-scoring/BAT-0000000000000000"),
    ("GET", "/api/v1/batch-scoring/BAT-0000000000000000/results"),
    ("GET", "/api/v1/reviews"),
    ("GET", "/api/v1/reviews/CASE-0000000000000000"),
    ("POST", "/api/v1/reviews/CASE-0000000000000000/approve"),
    ("POST", "/api/v1/reviews/CASE-0000000000000000/decline"),
]
ADMIN = [
    ("GET", "/__admin/faults"),
    ("POST", "/__admin/faults"),
    ("DELETE", "/__admin/faults"),
    ("GET", "/__admin/defect"),
    ("POST", "/__admin/defect"),
    ("DELETE", "/__admin/defect"),
    ("POST", "/__admin/rate-limit"),
    ("DELETE", "/__admin/rate-limit"),
    ("POST", "/__admin/reset"),
]
OPEN = ["/health", "/metrics", "/openapi.json"]


@pytest.fixture
def secured(make_app):
    return make_app(token=TOKEN, admin_token=ADMIN_TOKEN).test_client()


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("header", [None, "Bearer wrong-token", f"Basic {TOKEN}", f"Bearer {ADMIN_TOKEN}", "Bearer"])
def test_protected_paths_need_the_token(secured, method, path, header):
    headers = {"Authorization": header} if header else {}
    response = secured.open(path, method=method, headers=headers, json={})
    assert response.status_code == 401
    error = response.get_json()["error"]
    assert error["code"] == "UNAUTHORIZED"
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert TOKEN not in response.get_data(as_text=True)


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_protected_paths_pass_with_the_token(secured, method, path):
    response = secured.open(path, method=method, headers={"Authorization": f"Bearer {TOKEN}"}, json={})
    assert response.status_code in (200, 404, 422)


@pytest.mark.parametrize("path", OPEN)
def test_open_paths_need_no_token(secured, path):
    assert secured.get(path).status_code == 200


@pytest.mark.parametrize(("method", "path"), ADMIN)
def test_admin_paths_need_the_admin_token(secured, method, path):
    for header in (None, f"Bearer {TOKEN}"):
        headers = {"Authorization": header} if header else {}
        response = secured.open(path, method=method, headers=headers)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "UNAUTHORIZED"
    allowed = secured.open(path, method=method, headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}, json={})
    assert allowed.status_code != 401


def test_tokens_are_read_from_the_environment(make_app, monkeypatch, applicant):
    monkeypatch.setenv("SCORING_MOCK_TOKEN", "env-token-3")
    app = make_app(token=None, admin_token=None)
    client = app.test_client()
    assert client.post("/api/v1/score", json=applicant(1)).status_code == 401
    ok = client.post("/api/v1/score", json=applicant(1), headers={"Authorization": "Bearer env-token-3"})
    assert ok.status_code == 200
    assert client.get("/__admin/defect").status_code == 200


def test_soap_needs_the_token_but_not_for_the_wsdl(secured):
    fault = secured.post("/soap/realtime-scoring", data="<x/>", content_type="text/xml")
    assert fault.status_code == 401
    assert b"Fault" in fault.data and b"Client" in fault.data
    assert secured.get("/soap/realtime-scoring?wsdl").status_code == 200
    assert secured.get("/soap/realtime-scoring?xsd=scoring.xsd").status_code == 200


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE", "PATCH"])
@pytest.mark.parametrize(
    "path", ["/__admin/faults", "/__admin/defect", "/__admin/reset", "/__admin/anything", "/__admin"]
)
def test_no_admin_answers_404_everywhere(make_app, method, path):
    client = make_app(admin_enabled=False, admin_token=ADMIN_TOKEN).test_client()
    response = client.open(path, method=method, json={"name": "pii-echo"})
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "NOT_FOUND"


def test_soap_errors_of_the_http_layer_are_faults(make_app):
    client = make_app().test_client()
    too_large = client.post("/soap/realtime-scoring", data=b" " * (64 * 1024 + 1), content_type="text/xml")
    assert too_large.status_code == 413
    assert b"soap:Client" in too_large.data and b"PAYLOAD_TOO_LARGE" in too_large.data
    client.post("/__admin/rate-limit", json={"requestsPerSecond": 0.01, "burst": 1})
    client.get("/soap/realtime-scoring?wsdl")
    limited = client.get("/soap/realtime-scoring?wsdl")
    assert limited.status_code == 429
    assert b"soap:Server" in limited.data and int(limited.headers["Retry-After"]) >= 1
