"""The OpenAPI 3.1 description of every REST endpoint of the mock (served at ``/openapi.json``)."""

from __future__ import annotations

import copy
import json
from functools import cache
from typing import Any

from mock.defects import DEFECTS
from mock.faults import FAULT_TYPES, HTTP_METHODS, MAX_LATENCY_MS
from mock.validation import (
    AGE_MAX,
    AGE_MIN,
    AMOUNT_MAX,
    AMOUNT_MIN,
    CHANNELS,
    DEBT_MAX,
    EMPLOYMENT_STATUSES,
    HISTORY_MAX,
    INCOME_MAX,
    MAX_BATCH_RECORDS,
    MODEL_CODES,
)

REASON_CODES = ("R01", "R02", "R03", "R04", "R05", "R06", "P01", "P02")
ISSUES = (
    "missing",
    "unknown_field",
    "wrong_type",
    "not_finite",
    "out_of_range",
    "invalid_enum",
    "invalid_format",
    "duplicate",
)
TIMESTAMP = {"type": "string", "format": "date-time", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"}
NULLABLE_TIMESTAMP = {"type": ["string", "null"], "format": "date-time"}
ERROR_STATUSES: dict[int, tuple[str, str]] = {
    400: ("MalformedJson", "MALFORMED_JSON: the body is not JSON, or not a JSON object"),
    401: ("Unauthorized", "UNAUTHORIZED: bearer token missing or wrong"),
    404: ("NotFound", "NOT_FOUND: unknown path, transaction, batch or case (every admin path with --no-admin)"),
    405: ("MethodNotAllowed", "METHOD_NOT_ALLOWED: wrong method on a known path"),
    409: ("Conflict", "IDEMPOTENCY_CONFLICT, INVALID_TRANSITION or BATCH_NOT_COMPLETED"),
    413: ("PayloadTooLarge", "PAYLOAD_TOO_LARGE: body over the limit, or a batch over 100,000 records"),
    415: ("UnsupportedMediaType", "UNSUPPORTED_MEDIA_TYPE: Content-Type is not application/json"),
    422: ("ValidationFailed", "VALIDATION_FAILED: every invalid field named in details"),
    429: ("RateLimited", "RATE_LIMITED: over the rate limit; retry after Retry-After seconds"),
    500: ("InternalError", "INTERNAL_ERROR: unexpected error (never a traceback)"),
    503: ("ServiceUnavailable", "SERVICE_UNAVAILABLE: injected unavailability; Retry-After when set"),
}
READ_ERRORS = (401, 404, 429, 500, 503)
WRITE_ERRORS = (400, 401, 413, 415, 422, 429, 500, 503)


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _closed(properties: dict[str, Any], required: list[str] | None = None) -> dict:
    """An object schema that rejects any property it does not name."""
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def _request_properties() -> dict[str, Any]:
    return {
        "transactionId": {
            "type": "string",
            "pattern": "^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$",
            "description": "The idempotency key",
        },
        "applicantId": {"type": "string", "pattern": "^SYN-[A-Z0-9]{6,24}$", "description": "Synthetic ids only"},
        "age": {"type": "integer", "minimum": AGE_MIN, "maximum": AGE_MAX},
        "monthlyIncome": {"type": "number", "minimum": 0, "maximum": INCOME_MAX},
        "employmentStatus": {"type": "string", "enum": list(EMPLOYMENT_STATUSES)},
        "requestedAmount": {"type": "number", "minimum": AMOUNT_MIN, "maximum": AMOUNT_MAX},
        "existingDebt": {"type": "number", "minimum": 0, "maximum": DEBT_MAX},
        "creditHistoryMonths": {"type": "integer", "minimum": 0, "maximum": HISTORY_MAX},
        "channel": {"type": "string", "enum": list(CHANNELS)},
    }


def _score_properties() -> dict[str, Any]:
    return {
        "transactionId": {"type": "string"},
        "applicantId": {"type": "string"},
        "modelCode": {"type": "string", "enum": list(MODEL_CODES)},
        "modelVersion": {"type": "string"},
        "score": {"type": "integer", "minimum": 300, "maximum": 850},
        "decision": {"type": "string", "enum": ["APPROVE", "REFER", "DECLINE"]},
        "riskBand": {"type": "string", "enum": ["A", "B", "C", "D", "E"]},
        "probabilityOfDefault": {"type": "number", "minimum": 0, "maximum": 1},
        "reasonCodes": {"type": "array", "items": _ref("ReasonCode"), "maxItems": 4, "uniqueItems": True},
        "policyRule": {"type": ["string", "null"], "enum": ["P01", "P02", None]},
        "scoredAt": TIMESTAMP,
    }


def _scoring_schemas() -> dict[str, Any]:
    record = _request_properties()
    score = _score_properties()
    return {
        "ScoreRequest": _closed({**record, "modelCode": {"type": "string", "enum": list(MODEL_CODES)}}, list(record)),
        "BatchRecord": _closed(record),
        "ReasonCode": _closed(
            {"code": {"type": "string", "enum": list(REASON_CODES)}, "description": {"type": "string"}}
        ),
        "ScoreResponse": _closed({**score, "correlationId": {"type": "string"}}),
        "Decision": _closed(
            {**score, "correlationId": {"type": "string"}, "interface": {"type": "string", "enum": ["REST", "SOAP"]}}
        ),
        "BatchRequest": _closed(
            {
                "records": {
                    "type": "array",
                    "items": _ref("BatchRecord"),
                    "minItems": 1,
                    "maxItems": MAX_BATCH_RECORDS,
                    "description": "transactionId unique within the batch; a record takes the batch's modelCode",
                },
                "modelCode": {"type": "string", "enum": list(MODEL_CODES)},
            },
            ["records"],
        ),
        "BatchStatus": _closed(
            {
                "batchId": {"type": "string", "pattern": "^BAT-[0-9A-F]{16}$"},
                "status": {"type": "string", "enum": ["PENDING", "RUNNING", "COMPLETED", "FAILED"]},
                "modelCode": {"type": "string", "enum": list(MODEL_CODES)},
                "modelVersion": {"type": "string"},
                "totalRecords": {"type": "integer", "minimum": 1, "maximum": MAX_BATCH_RECORDS},
                "processedRecords": {"type": "integer", "minimum": 0},
                "failedRecords": {"type": "integer", "minimum": 0},
                "submittedAt": TIMESTAMP,
                "completedAt": NULLABLE_TIMESTAMP,
                "correlationId": {"type": "string"},
                "error": {"type": "string", "description": "Only on a FAILED batch"},
            },
            [
                "batchId",
                "status",
                "modelCode",
                "modelVersion",
                "totalRecords",
                "processedRecords",
                "failedRecords",
                "submittedAt",
                "completedAt",
                "correlationId",
            ],
        ),
        "BatchResult": _closed(score),
        "BatchResultsPage": _closed(
            {
                "batchId": {"type": "string"},
                "page": {"type": "integer", "minimum": 1},
                "pageSize": {"type": "integer", "minimum": 1, "maximum": 1000},
                "totalRecords": {"type": "integer", "minimum": 0},
                "totalPages": {"type": "integer", "minimum": 0},
                "results": {"type": "array", "items": _ref("BatchResult"), "maxItems": 1000},
            }
        ),
    }


def _review_schemas() -> dict[str, Any]:
    nullable_text = {"type": ["string", "null"]}
    return {
        "ReviewCase": _closed(
            {
                "caseId": {"type": "string", "pattern": "^CASE-[0-9A-F]{16}$"},
                "transactionId": {"type": "string"},
                "applicantId": {"type": "string"},
                "source": {"type": "string", "enum": ["REST", "SOAP", "BATCH"]},
                "batchId": nullable_text,
                "score": {"type": "integer", "minimum": 300, "maximum": 850},
                "status": {"type": "string", "enum": ["PENDING", "APPROVED", "DECLINED"]},
                "createdAt": TIMESTAMP,
                "decidedAt": NULLABLE_TIMESTAMP,
                "reviewer": nullable_text,
                "note": nullable_text,
            }
        ),
        "ReviewList": _closed({"reviews": {"type": "array", "items": _ref("ReviewCase")}}),
        "ReviewDecisionRequest": _closed(
            {
                "reviewer": {"type": "string", "minLength": 1, "maxLength": 64},
                "note": {"type": "string", "minLength": 1, "maxLength": 1000},
            },
            [],
        ),
    }


def _operations_schemas() -> dict[str, Any]:
    return {
        "Health": _closed(
            {
                "status": {"type": "string", "enum": ["UP", "DOWN"]},
                "database": {"type": "string", "enum": ["UP", "DOWN"]},
                "models": {
                    "type": "array",
                    "items": _closed(
                        {
                            "modelCode": {"type": "string"},
                            "modelVersion": {"type": "string"},
                            "champion": {"type": "boolean"},
                        }
                    ),
                },
                "defects": {"type": "array", "items": {"type": "string", "enum": list(DEFECTS)}},
            }
        ),
        "Error": _closed(
            {
                "error": _closed(
                    {
                        "code": {"type": "string"},
                        "message": {"type": "string"},
                        "details": {"type": "array", "items": _ref("ErrorDetail")},
                        "correlationId": {"type": "string"},
                    }
                )
            }
        ),
        "ErrorDetail": _closed(
            {
                "field": {"type": "string"},
                "issue": {"type": "string", "enum": list(ISSUES)},
                "message": {"type": "string"},
            }
        ),
    }


def _admin_schemas() -> dict[str, Any]:
    fault_request = {
        "path": {"type": "string", "minLength": 1, "description": "Glob over the request path"},
        "method": {"type": "string", "enum": list(HTTP_METHODS)},
        "type": {"type": "string", "enum": list(FAULT_TYPES)},
        "latencyMs": {"type": "integer", "minimum": 0, "maximum": MAX_LATENCY_MS},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "retryAfter": {"type": "integer", "minimum": 0},
        "count": {"type": "integer", "minimum": 1},
        "fraction": {"type": "number", "minimum": 0, "maximum": 1},
    }
    fault_rule = {
        **copy.deepcopy(fault_request),
        "id": {"type": "string", "pattern": "^FLT-[0-9A-F]{12}$"},
        "method": {"type": ["string", "null"], "enum": [*HTTP_METHODS, None]},
        "matched": {"type": "integer", "minimum": 0},
        "applied": {"type": "integer", "minimum": 0},
        "remaining": {"type": ["integer", "null"], "minimum": 0},
    }
    rate_limit = {
        "requestsPerSecond": {"type": "number", "exclusiveMinimum": 0},
        "burst": {"type": "integer", "minimum": 1},
    }
    return {
        "FaultRequest": _closed(fault_request, ["path", "type"]),
        "FaultRule": _closed(fault_rule, ["id", "path", "method", "type", "matched", "applied", "remaining"]),
        "FaultList": _closed({"faults": {"type": "array", "items": _ref("FaultRule")}}),
        "DefectRequest": _closed(
            {
                "name": {"type": "string", "enum": list(DEFECTS)},
                "names": {"type": "array", "items": {"type": "string", "enum": list(DEFECTS)}},
            },
            [],
        ),
        "DefectList": _closed(
            {
                "active": {"type": "array", "items": {"type": "string", "enum": list(DEFECTS)}},
                "available": {
                    "type": "array",
                    "items": _closed(
                        {
                            "name": {"type": "string"},
                            "description": {"type": "string"},
                            "expectedSuites": {"type": "array", "items": {"type": "string"}},
                        }
                    ),
                },
            }
        ),
        "RateLimitRequest": _closed(rate_limit, ["requestsPerSecond"]),
        "RateLimitState": _closed({"rateLimit": {"oneOf": [{"type": "null"}, _closed(rate_limit)]}}),
        "ResetResult": _closed(
            {
                "reset": {"const": True},
                "defects": {"type": "array", "maxItems": 0},
                "faults": {"type": "array", "maxItems": 0},
                "rateLimit": {"type": "null"},
            }
        ),
    }


def _json(schema_name: str) -> dict:
    return {"application/json": {"schema": _ref(schema_name)}}


def _responses(ok: dict[str, Any], errors: tuple[int, ...]) -> dict[str, Any]:
    responses = dict(ok)
    for status in errors:
        responses[str(status)] = {"$ref": f"#/components/responses/{ERROR_STATUSES[status][0]}"}
    return responses


def _ok(status: int, description: str, schema_name: str, headers: dict | None = None) -> dict[str, Any]:
    return {
        str(status): {
            "description": description,
            "headers": {"X-Correlation-ID": {"$ref": "#/components/headers/CorrelationId"}, **(headers or {})},
            "content": _json(schema_name),
        }
    }


def _operation(
    summary: str,
    tag: str,
    responses: dict[str, Any],
    *,
    body: str | None = None,
    body_required: bool = True,
    parameters: list[dict] | None = None,
    security: list | None = None,
) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "summary": summary,
        "tags": [tag],
        "operationId": summary.replace(" ", "_").replace("-", "_").lower(),
        "parameters": [{"$ref": "#/components/parameters/CorrelationId"}, *(parameters or [])],
        "responses": responses,
    }
    if body is not None:
        operation["requestBody"] = {"required": body_required, "content": _json(body)}
    if security is not None:
        operation["security"] = security
    return operation


def _path_parameter(name: str, description: str) -> dict:
    return {"name": name, "in": "path", "required": True, "description": description, "schema": {"type": "string"}}


def _query_parameter(name: str, schema: dict, description: str) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _scoring_paths() -> dict[str, Any]:
    replay = {"Idempotent-Replay": {"$ref": "#/components/headers/IdempotentReplay"}}
    location = {"Location": {"$ref": "#/components/headers/Location"}}
    results_ok = {
        "200": {
            "description": "Results in submission order: a JSON page, or every result streamed as CSV or NDJSON",
            "headers": {"X-Correlation-ID": {"$ref": "#/components/headers/CorrelationId"}},
            "content": {
                **_json("BatchResultsPage"),
                "text/csv": {"schema": {"type": "string"}},
                "application/x-ndjson": {"schema": {"type": "string"}},
            },
        }
    }
    return {
        "/api/v1/score": {
            "post": _operation(
                "Score applicant",
                "scoring",
                _responses(
                    _ok(200, "Scored, or an idempotent replay of the stored response", "ScoreResponse", replay),
                    (400, 401, 409, 413, 415, 422, 429, 500, 503),
                ),
                body="ScoreRequest",
            )
        },
        "/api/v1/decisions/{transactionId}": {
            "parameters": [_path_parameter("transactionId", "The transactionId of a realtime decision")],
            "get": _operation(
                "Get decision", "scoring", _responses(_ok(200, "The persisted decision", "Decision"), READ_ERRORS)
            ),
        },
        "/api/v1/batch-scoring": {
            "post": _operation(
                "Submit batch",
                "batch",
                _responses(_ok(202, "Accepted: the batch status", "BatchStatus", location), WRITE_ERRORS),
                body="BatchRequest",
            )
        },
        "/api/v1/batch-scoring/{batchId}": {
            "parameters": [_path_parameter("batchId", "The id answered on submission")],
            "get": _operation(
                "Get batch status", "batch", _responses(_ok(200, "The batch status", "BatchStatus"), READ_ERRORS)
            ),
        },
        "/api/v1/batch-scoring/{batchId}/results": {
            "parameters": [_path_parameter("batchId", "The id answered on submission")],
            "get": _operation(
                "Get batch results",
                "batch",
                _responses(results_ok, (401, 404, 409, 422, 429, 500, 503)),
                parameters=[
                    _query_parameter(
                        "page", {"type": "integer", "minimum": 1, "maximum": 1_000_000_000, "default": 1}, "JSON only"
                    ),
                    _query_parameter(
                        "pageSize", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, "JSON only"
                    ),
                ],
            ),
        },
    }


def _review_paths() -> dict[str, Any]:
    case_id = [_path_parameter("caseId", "A review case id")]
    decide_errors = (400, 401, 404, 409, 413, 415, 422, 429, 500, 503)
    return {
        "/api/v1/reviews": {
            "get": _operation(
                "List reviews",
                "reviews",
                _responses(_ok(200, "Matching cases, oldest first", "ReviewList"), (401, 422, 429, 500, 503)),
                parameters=[
                    _query_parameter("status", {"type": "string", "enum": ["PENDING", "APPROVED", "DECLINED"]}, ""),
                    _query_parameter("transactionId", {"type": "string"}, "Cases of one transaction"),
                    _query_parameter("limit", {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}, ""),
                ],
            )
        },
        "/api/v1/reviews/{caseId}": {
            "parameters": case_id,
            "get": _operation("Get review", "reviews", _responses(_ok(200, "The case", "ReviewCase"), READ_ERRORS)),
        },
        "/api/v1/reviews/{caseId}/approve": {
            "parameters": case_id,
            "post": _operation(
                "Approve review",
                "reviews",
                _responses(_ok(200, "The approved case", "ReviewCase"), decide_errors),
                body="ReviewDecisionRequest",
                body_required=False,
            ),
        },
        "/api/v1/reviews/{caseId}/decline": {
            "parameters": case_id,
            "post": _operation(
                "Decline review",
                "reviews",
                _responses(_ok(200, "The declined case", "ReviewCase"), decide_errors),
                body="ReviewDecisionRequest",
                body_required=False,
            ),
        },
    }


def _operations_paths() -> dict[str, Any]:
    health_ok = _ok(200, "Service and database up", "Health")
    health_ok["503"] = _ok(503, "Database down (Health), or injected unavailability (Error)", "Health")["503"]
    health_ok["503"]["content"]["application/json"]["schema"] = {"oneOf": [_ref("Health"), _ref("Error")]}
    return {
        "/health": {"get": _operation("Health", "operations", health_ok, security=[])},
        "/metrics": {
            "get": _operation(
                "Metrics",
                "operations",
                {
                    "200": {
                        "description": "Prometheus text exposition",
                        "content": {"text/plain": {"schema": {"type": "string"}}},
                    }
                },
                security=[],
            )
        },
        "/openapi.json": {
            "get": _operation(
                "OpenAPI document",
                "operations",
                {
                    "200": {
                        "description": "This document",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    }
                },
                security=[],
            )
        },
    }


def _admin_paths() -> dict[str, Any]:
    admin = [{"adminBearer": []}]
    errors = (400, 401, 404, 413, 415, 422, 500)

    def op(summary: str, ok: dict, body: str | None = None, errs: tuple[int, ...] = (401, 404, 500)) -> dict:
        return _operation(summary, "admin", _responses(ok, errs), body=body, security=admin)

    return {
        "/__admin/faults": {
            "post": op("Add fault", _ok(201, "The rule", "FaultRule"), "FaultRequest", errors),
            "get": op("List faults", _ok(200, "Every rule", "FaultList")),
            "delete": op("Clear faults", _ok(200, "No rules left", "FaultList")),
        },
        "/__admin/defect": {
            "post": op(
                "Activate defects", _ok(200, "Active and available defects", "DefectList"), "DefectRequest", errors
            ),
            "get": op("List defects", _ok(200, "Active and available defects", "DefectList")),
            "delete": op("Clear defects", _ok(200, "Active and available defects", "DefectList")),
        },
        "/__admin/rate-limit": {
            "post": op("Set rate limit", _ok(200, "The limit", "RateLimitState"), "RateLimitRequest", errors),
            "get": op("Get rate limit", _ok(200, "The limit", "RateLimitState")),
            "delete": op("Clear rate limit", _ok(200, "No limit", "RateLimitState")),
        },
        "/__admin/reset": {
            "post": op("Reset", _ok(200, "Database emptied; faults, defects and rate limit cleared", "ResetResult")),
        },
    }


def _error_responses() -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for status, (name, description) in ERROR_STATUSES.items():
        headers: dict[str, Any] = {"X-Correlation-ID": {"$ref": "#/components/headers/CorrelationId"}}
        if status in (429, 503):
            headers["Retry-After"] = {"$ref": "#/components/headers/RetryAfter"}
        if status == 405:
            headers["Allow"] = {"description": "The methods of the path", "schema": {"type": "string"}}
        responses[name] = {"description": description, "headers": headers, "content": _json("Error")}
    return responses


@cache
def _document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "ScoreGate mock scoring platform",
            "version": "1.0.0",
            "description": (
                "Realtime and batch credit scoring, persisted decisions, manual review and test control. "
                "Every error is the JSON error shape; unknown fields are rejected; every response carries "
                "X-Correlation-ID. A wrong method on a known path answers 405 METHOD_NOT_ALLOWED."
            ),
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "tags": [{"name": name} for name in ("scoring", "batch", "reviews", "operations", "admin")],
        "paths": {**_scoring_paths(), **_review_paths(), **_operations_paths(), **_admin_paths()},
        "components": {
            "schemas": {**_scoring_schemas(), **_review_schemas(), **_operations_schemas(), **_admin_schemas()},
            "responses": _error_responses(),
            "parameters": {
                "CorrelationId": {
                    "name": "X-Correlation-ID",
                    "in": "header",
                    "required": False,
                    "description": "Echoed when 1..128 printable ASCII characters without spaces, else replaced",
                    "schema": {"type": "string"},
                }
            },
            "headers": {
                "CorrelationId": {"description": "The request's correlation id", "schema": {"type": "string"}},
                "IdempotentReplay": {
                    "description": "true when the stored response of the transactionId is replayed",
                    "schema": {"type": "string", "enum": ["true"]},
                },
                "Location": {"description": "The new batch's status URL", "schema": {"type": "string"}},
                "RetryAfter": {"description": "Seconds to wait", "schema": {"type": "integer", "minimum": 0}},
            },
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer", "description": "SCORING_MOCK_TOKEN when set"},
                "adminBearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "SCORING_MOCK_ADMIN_TOKEN when set",
                },
            },
        },
    }


def openapi_document() -> dict[str, Any]:
    """A fresh copy of the OpenAPI 3.1 document."""
    return copy.deepcopy(_document())


@cache
def openapi_text() -> str:
    """The OpenAPI document as JSON text (what ``GET /openapi.json`` answers)."""
    return json.dumps(_document(), indent=2)
