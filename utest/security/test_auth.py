"""Bearer-token authentication of a real mock started with SCORING_MOCK_TOKEN and SCORING_MOCK_ADMIN_TOKEN.

Every protected REST operation of the OpenAPI document (and SOAP) refuses every wrong credential with 401
before doing anything; the open endpoints stay open; the admin API needs the admin token; with
``--no-admin`` every ``/__admin`` path and method is a JSON 404.
"""

from __future__ import annotations

import base64
import re

import pytest
import requests

from mock.openapi import openapi_document
from utest.security.live_mock import (
    SOAP_PATH,
    LiveMock,
    MockStarter,
    make_request,
    new_token,
    soap_envelope,
    soap_headers,
)

HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
SAMPLE_IDS = {"transactionId": "TX-AUTH-PROBE-0001", "batchId": "BAT-AUTH-PROBE", "caseId": "CASE-AUTH-PROBE"}
OPEN_PATHS = ("/health", "/metrics", "/openapi.json", f"{SOAP_PATH}?wsdl", f"{SOAP_PATH}?xsd=scoring.xsd")
ADMIN_PATHS = ("/__admin/faults", "/__admin/defect", "/__admin/rate-limit", "/__admin/reset")


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda match: SAMPLE_IDS[match.group(1)], path)


def protected_operations() -> list[tuple[str, str]]:
    """(METHOD, concrete path) of every documented operation that inherits the bearer requirement."""
    operations = []
    for path, item in openapi_document()["paths"].items():
        for method, operation in item.items():
            if method != "parameters" and "security" not in operation:
                operations.append((method.upper(), concrete(path)))
    return operations


def wrong_credentials(token: str, admin_token: str) -> dict[str, dict[str, str]]:
    """Authorization headers that must all be refused for ``token``."""
    basic = base64.b64encode(f"scoring:{token}".encode()).decode()
    flipped = token[:-1] + ("A" if token[-1] != "A" else "B")
    return {
        "no header": {},
        "empty header": {"Authorization": ""},
        "scheme only": {"Authorization": "Bearer"},
        "wrong token, same length": {"Authorization": f"Bearer {flipped}"},
        "token prefix (shorter)": {"Authorization": f"Bearer {token[:-1]}"},
        "token plus a character (longer)": {"Authorization": f"Bearer {token}x"},
        "token twice": {"Authorization": f"Bearer {token} {token}"},
        "Basic scheme with the token as password": {"Authorization": f"Basic {basic}"},
        "Token scheme": {"Authorization": f"Token {token}"},
        "lowercase bearer, wrong token": {"Authorization": f"bearer {flipped}"},
        "token without a scheme": {"Authorization": token},
        "admin token on the API": {"Authorization": f"Bearer {admin_token}"},
        "token in another header": {"X-Api-Key": token},
    }


@pytest.fixture(scope="module")
def auth_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock(token=new_token("auth"), admin_token=new_token("authadmin"))


@pytest.fixture(scope="module")
def no_admin_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock("--no-admin", token=new_token("noadm"))


def assert_unauthorized_json(response: requests.Response, where: str, *secrets: str) -> None:
    assert response.status_code == 401, f"{where}: expected 401, got {response.status_code} {response.text[:200]}"
    assert response.headers.get("Content-Type", "").startswith("application/json"), f"{where}: {response.headers}"
    error = response.json()["error"]
    assert error["code"] == "UNAUTHORIZED", f"{where}: expected UNAUTHORIZED, got {error}"
    assert error["correlationId"] == response.headers.get("X-Correlation-ID"), f"{where}: {error}"
    assert response.headers.get("WWW-Authenticate", "").startswith("Bearer"), f"{where}: no WWW-Authenticate"
    for secret in secrets:
        assert secret not in response.text, f"{where}: the 401 body echoes a presented credential"


def test_the_document_lists_the_protected_operations() -> None:
    listed = {f"{method} {path}" for method, path in protected_operations()}
    assert "POST /api/v1/score" in listed and "GET /api/v1/reviews" in listed, listed
    assert all(" /api/" in op for op in listed), f"only /api operations inherit the bearer requirement: {listed}"
    assert len(listed) == 9, f"expected the 9 REST scoring, batch and review operations, got {sorted(listed)}"


@pytest.mark.parametrize(("method", "path"), protected_operations())
def test_every_protected_operation_refuses_every_wrong_credential(auth_mock: LiveMock, method: str, path: str) -> None:
    credentials = wrong_credentials(auth_mock.token, auth_mock.admin_token)
    with requests.Session() as session:
        for label, headers in credentials.items():
            body = make_request(1, prefix="TX-AUTH") if method == "POST" else None
            response = session.request(method, auth_mock.url + path, json=body, headers=headers, timeout=10)
            assert_unauthorized_json(response, f"{method} {path} ({label})", auth_mock.token, auth_mock.admin_token)
    assert auth_mock.query("SELECT COUNT(*) FROM decisions WHERE transaction_id LIKE 'TX-AUTH-%'") == [(0,)]


@pytest.mark.parametrize("path", ["/api/v1/score", "/api/v1/unknown", "/api/v2/score", "/api/"])
@pytest.mark.parametrize("method", HTTP_METHODS)
def test_unauthenticated_callers_learn_nothing_about_api_paths(auth_mock: LiveMock, method: str, path: str) -> None:
    """Wrong methods and unknown /api paths answer 401 too, never 404/405 that would map the API."""
    response = requests.request(method, auth_mock.url + path, timeout=10)
    assert_unauthorized_json(response, f"{method} {path}")


@pytest.mark.parametrize("label", list(wrong_credentials("x" * 8, "y" * 8)))
def test_soap_refuses_every_wrong_credential_with_a_client_fault(auth_mock: LiveMock, label: str) -> None:
    headers = {**soap_headers(), **wrong_credentials(auth_mock.token, auth_mock.admin_token)[label]}
    envelope = soap_envelope(make_request(2, prefix="TX-AUTH"))
    response = requests.post(auth_mock.url + SOAP_PATH, data=envelope, headers=headers, timeout=10)
    assert response.status_code == 401, f"SOAP ({label}): expected 401, got {response.status_code}"
    assert response.headers.get("Content-Type") == "text/xml; charset=utf-8", response.headers
    assert "<faultcode>soap:Client</faultcode>" in response.text, response.text[:300]
    assert auth_mock.token not in response.text and auth_mock.admin_token not in response.text


def test_valid_token_is_accepted_on_rest_and_soap(auth_mock: LiveMock) -> None:
    """The checks above refuse only wrong credentials: the right token scores over REST and SOAP."""
    rest = requests.post(
        auth_mock.url + "/api/v1/score",
        json=make_request(3, prefix="TX-AUTH-OK"),
        headers=auth_mock.auth_headers(),
        timeout=10,
    )
    assert rest.status_code == 200, rest.text
    soap = requests.post(
        auth_mock.url + SOAP_PATH,
        data=soap_envelope(make_request(4, prefix="TX-AUTH-OK")),
        headers=soap_headers(auth_mock.token),
        timeout=10,
    )
    assert soap.status_code == 200, soap.text


def test_scheme_name_is_case_insensitive(auth_mock: LiveMock) -> None:
    """RFC 9110 section 11.1: the auth-scheme is case-insensitive, so ``bearer <right token>`` is accepted."""
    response = requests.post(
        auth_mock.url + "/api/v1/score",
        json=make_request(5, prefix="TX-AUTH-OK"),
        headers={"Authorization": f"bearer {auth_mock.token}"},
        timeout=10,
    )
    assert response.status_code == 200, f"expected 200 for the lowercase scheme, got {response.status_code}"


@pytest.mark.parametrize("path", OPEN_PATHS)
@pytest.mark.parametrize("credential", ["none", "wrong"])
def test_open_endpoints_stay_open(auth_mock: LiveMock, path: str, credential: str) -> None:
    headers = {"Authorization": "Bearer not-the-token"} if credential == "wrong" else {}
    response = requests.get(auth_mock.url + path, headers=headers, timeout=10)
    assert response.status_code == 200, f"GET {path} with {credential} token: expected 200, got {response.status_code}"


ADMIN_CALLS = [
    ("GET", "/__admin/faults", None),
    ("POST", "/__admin/faults", {"path": "/nothing", "type": "latency", "latencyMs": 1, "count": 1}),
    ("DELETE", "/__admin/faults", None),
    ("GET", "/__admin/defect", None),
    ("POST", "/__admin/defect", {"name": "score-jitter"}),
    ("DELETE", "/__admin/defect", None),
    ("GET", "/__admin/rate-limit", None),
    ("POST", "/__admin/rate-limit", {"requestsPerSecond": 1000}),
    ("DELETE", "/__admin/rate-limit", None),
    ("POST", "/__admin/reset", None),
]


@pytest.mark.parametrize(("method", "path", "body"), ADMIN_CALLS)
def test_admin_api_needs_the_admin_token(auth_mock: LiveMock, method: str, path: str, body: dict | None) -> None:
    for label, headers in {
        "no token": {},
        "API token": auth_mock.auth_headers(),
        "wrong admin token": {"Authorization": f"Bearer {auth_mock.admin_token[:-1]}"},
    }.items():
        response = requests.request(method, auth_mock.url + path, json=body, headers=headers, timeout=10)
        assert_unauthorized_json(response, f"{method} {path} ({label})", auth_mock.token, auth_mock.admin_token)
    accepted = requests.request(method, auth_mock.url + path, json=body, headers=auth_mock.admin_headers(), timeout=10)
    assert accepted.ok, f"{method} {path} with the admin token: expected 2xx, got {accepted.status_code}"
    if method == "POST" and path != "/__admin/reset":
        auth_mock.admin("DELETE", path)


@pytest.mark.parametrize("path", [*ADMIN_PATHS, "/__admin", "/__admin/", "/__admin/unknown", "/__admin/faults/x"])
@pytest.mark.parametrize("method", HTTP_METHODS)
def test_no_admin_answers_404_json_on_every_admin_path(no_admin_mock: LiveMock, method: str, path: str) -> None:
    body = {"name": "score-jitter"} if method in ("POST", "PUT", "PATCH") else None
    response = requests.request(method, no_admin_mock.url + path, json=body, timeout=10)
    assert response.status_code == 404, f"{method} {path} with --no-admin: expected 404, got {response.status_code}"
    assert response.json()["error"]["code"] == "NOT_FOUND", response.text


def test_no_admin_left_the_platform_unchanged(no_admin_mock: LiveMock) -> None:
    """The refused admin calls (defect, reset) changed nothing: no active defect, scoring works."""
    health = requests.get(no_admin_mock.url + "/health", timeout=10).json()
    assert health["defects"] == [], f"expected no active defect after refused admin calls, got {health['defects']}"
    response = requests.post(
        no_admin_mock.url + "/api/v1/score",
        json=make_request(6, prefix="TX-NOADM"),
        headers=no_admin_mock.auth_headers(),
        timeout=10,
    )
    assert response.status_code == 200, response.text
