"""REST realtime scoring and the persisted-decision lookup."""

from __future__ import annotations

import json

from flask import Blueprint, current_app

from mock.http import SERVICE_KEY, correlation_id, dumps, json_response, read_json_object
from mock.service import PRESENTATION_DEFECTS, ScoringService, present_score_body

api_blueprint = Blueprint("api", __name__)

REPLAY_HEADERS = {"Idempotent-Replay": "true"}


def _service() -> ScoringService:
    return current_app.extensions[SERVICE_KEY]


@api_blueprint.post("/api/v1/score")
def score():
    service = _service()
    payload = read_json_object()
    text, body, replay = service.score_realtime_text(payload, "REST", correlation_id())
    defects = service.defects
    if defects & PRESENTATION_DEFECTS:
        text = dumps(present_score_body(body if body is not None else json.loads(text), defects))
    return json_response(text, 200, REPLAY_HEADERS if replay else None)


@api_blueprint.get("/api/v1/decisions/<transaction_id>")
def decision(transaction_id: str):
    service = _service()
    body = service.decision(transaction_id)
    defects = service.defects
    if defects & PRESENTATION_DEFECTS:
        body = present_score_body(body, defects)
    return json_response(body)
