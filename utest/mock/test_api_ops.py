"""Health, Prometheus metrics, the OpenAPI document and the conformance of answers to it."""

from __future__ import annotations

import re

import jsonschema
import pytest
from openapi_spec_validator import validate

from mock.openapi import openapi_document


def test_health(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "UP",
        "database": "UP",
        "models": [
            {"modelCode": "credit_risk_v1", "modelVersion": "1.4.2", "champion": True},
            {"modelCode": "credit_risk_v2", "modelVersion": "2.0.0", "champion": False},
        ],
        "defects": [],
    }


def test_health_lists_startup_defects(make_app):
    body = make_app(defects=frozenset({"pii-echo", "lost-write"})).test_client().get("/health").get_json()
    assert body["defects"] == ["lost-write", "pii-echo"]


def test_health_reports_a_dead_database(app, client):
    app.extensions["scoregate.service"].db.close()
    app.extensions["scoregate.service"].db.path = "/nonexistent-dir/x.db"
    response = client.get("/health")
    assert response.status_code == 503
    assert (response.get_json()["status"], response.get_json()["database"]) == ("DOWN", "DOWN")


def _sample(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if not line.startswith(name + "{"):
            continue
        found = dict(re.findall(r'(\w+)="([^"]*)"', line.split("}")[0]))
        if found == labels:
            return float(line.rsplit(" ", 1)[1])
    return None


def test_metrics(client, applicant, refer_fields):
    client.post("/api/v1/score", json=applicant(1))
    client.post("/api/v1/score", json=applicant(2, **refer_fields))
    client.post("/api/v1/score", json=applicant(2, **refer_fields))
    client.get("/api/v1/decisions/TX-UT-00000001")
    client.get("/api/v1/decisions/TX-UT-00000077")
    client.get("/no/such/path")
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    text = response.get_data(as_text=True)
    requests_total = "scoring_requests_total"
    assert _sample(text, requests_total, method="POST", endpoint="/api/v1/score", status="200") == 3.0
    decisions = "/api/v1/decisions/<transaction_id>"
    assert _sample(text, requests_total, method="GET", endpoint=decisions, status="200") == 1.0
    assert _sample(text, requests_total, method="GET", endpoint=decisions, status="404") == 1.0
    assert _sample(text, requests_total, method="GET", endpoint="unmatched", status="404") == 1.0
    assert _sample(text, "scoring_request_duration_seconds_count", endpoint="/api/v1/score") == 3.0
    assert _sample(text, "scoring_request_duration_seconds_bucket", endpoint="/api/v1/score", le="+Inf") == 3.0
    assert _sample(text, "scoring_decisions_total", model_code="credit_risk_v1", decision="APPROVE") == 1.0
    assert _sample(text, "scoring_decisions_total", model_code="credit_risk_v1", decision="REFER") == 1.0


def test_each_app_has_its_own_metrics(make_app, applicant):
    first, second = make_app().test_client(), make_app().test_client()
    first.post("/api/v1/score", json=applicant(1))
    text = second.get("/metrics").get_data(as_text=True)
    assert _sample(text, "scoring_requests_total", method="POST", endpoint="/api/v1/score", status="200") is None


def test_openapi_document_is_valid_openapi_3_1(client):
    document = client.get("/openapi.json").get_json()
    assert document["openapi"].startswith("3.1")
    validate(document)
    assert document == openapi_document()


def test_openapi_covers_every_rest_route(app):
    spec_paths = openapi_document()["paths"]
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/soap", "/static")):
            continue
        template = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", rule.rule)
        template = template.replace("{transaction_id}", "{transactionId}").replace("{batch_id}", "{batchId}")
        template = template.replace("{case_id}", "{caseId}")
        assert template in spec_paths, f"{rule.rule} is not documented"
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            assert method.lower() in spec_paths[template], f"{method} {rule.rule} is not documented"


def test_unknown_fields_are_rejected_by_the_request_schemas():
    schemas = openapi_document()["components"]["schemas"]
    for name in ("ScoreRequest", "BatchRecord", "BatchRequest", "ReviewDecisionRequest", "FaultRequest"):
        assert schemas[name]["additionalProperties"] is False, name
    assert "modelCode" not in schemas["BatchRecord"]["properties"]


@pytest.mark.parametrize("request_body", [{}, {"transactionId": "TX-UT-00000001"}])
def test_request_schema_rejects_incomplete_requests(request_body):
    schema = {"$ref": "#/components/schemas/ScoreRequest", "components": openapi_document()["components"]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(request_body)


def test_a_valid_request_matches_the_request_schema(applicant):
    schema = {"$ref": "#/components/schemas/ScoreRequest", "components": openapi_document()["components"]}
    jsonschema.Draft202012Validator(schema).validate(applicant(1, modelCode="credit_risk_v2"))


def test_the_conformance_check_catches_an_undocumented_field(client, applicant, conforms):
    client.conform = False
    response = client.post("/api/v1/score", json=applicant(1))
    conforms("POST", "/api/v1/score", response)
    response.set_data(response.get_data().replace(b'"riskBand"', b'"risk_band"'))
    with pytest.raises(Exception, match="risk_band"):
        conforms("POST", "/api/v1/score", response)
