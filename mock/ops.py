"""Operations endpoints: health, Prometheus metrics and the OpenAPI document."""

from __future__ import annotations

from flask import Blueprint, Response, current_app

from mock.http import SERVICE_KEY, json_response
from mock.service import ScoringService

ops_blueprint = Blueprint("ops", __name__)


def health_body(service: ScoringService) -> dict:
    """The contract's health document (``status`` DOWN when the database does not answer)."""
    database = "UP" if service.db.ping() else "DOWN"
    return {
        "status": "UP" if database == "UP" else "DOWN",
        "database": database,
        "models": [
            {"modelCode": card.code, "modelVersion": card.version, "champion": card.champion}
            for card in service.registry
        ],
        "defects": sorted(service.defects),
    }


@ops_blueprint.get("/health")
def health():
    body = health_body(current_app.extensions[SERVICE_KEY])
    return json_response(body, 200 if body["status"] == "UP" else 503)


@ops_blueprint.get("/metrics")
def metrics():
    service: ScoringService = current_app.extensions[SERVICE_KEY]
    return Response(service.metrics.render(), mimetype=None, content_type=service.metrics.content_type)


@ops_blueprint.get("/openapi.json")
def openapi():
    from mock.openapi import openapi_text

    return json_response(openapi_text())
