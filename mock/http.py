"""HTTP plumbing shared by every endpoint: correlation ids, JSON bodies, error responses."""

from __future__ import annotations

import html
import importlib
import importlib.util
import inspect
import json
import random
import re
from collections.abc import Callable, Mapping
from typing import Any

from flask import Response, current_app, g, request
from werkzeug.http import HTTP_STATUS_CODES

from mock.errors import ApiError

CORRELATION_HEADER = "X-Correlation-ID"
JSON_LIMIT = 64 * 1024
BATCH_LIMIT = 64 * 1024 * 1024
SERVICE_KEY = "scoregate.service"

_CORRELATION_PATTERN = re.compile(r"[\x21-\x7e]{1,128}")
_UUID_CLEAR = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_UUID_SET = (0x4000 << 64) | (0x8000 << 48)
_ENCODER = json.JSONEncoder(separators=(",", ":"))

STATUS_CODES: dict[int, str] = {
    400: "MALFORMED_JSON",
    401: "UNAUTHORIZED",
    403: "FORBIDDEN",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    409: "CONFLICT",
    413: "PAYLOAD_TOO_LARGE",
    415: "UNSUPPORTED_MEDIA_TYPE",
    422: "VALIDATION_FAILED",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}
"""The error code answered for an HTTP status when nothing more specific applies."""


def code_for_status(status: int) -> str:
    """The contract's error code for ``status`` (``CLIENT_ERROR`` / ``SERVER_ERROR`` when it has none)."""
    return STATUS_CODES.get(status, "CLIENT_ERROR" if status < 500 else "SERVER_ERROR")


def new_correlation_id() -> str:
    """A random version-4 UUID string (correlation ids need uniqueness, not secrecy)."""
    bits = (random.getrandbits(128) & _UUID_CLEAR) | _UUID_SET
    text = f"{bits:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def pick_correlation_id(value: str | None) -> str:
    """``value`` when it is 1..128 printable ASCII characters without spaces, else a new UUID."""
    if value and _CORRELATION_PATTERN.fullmatch(value):
        return value
    return new_correlation_id()


def correlation_id() -> str:
    """The correlation id of the current request (set before any view runs)."""
    cid = getattr(g, "correlation_id", None)
    if cid is None:
        cid = g.correlation_id = pick_correlation_id(request.headers.get(CORRELATION_HEADER))
    return cid


def active_defects() -> frozenset[str]:
    """The defects active in the app serving the current request."""
    service = current_app.extensions.get(SERVICE_KEY)
    return service.defects if service is not None else frozenset()


def dumps(body: Any) -> str:
    """Compact JSON text as the mock writes it everywhere (stable, so replays are byte for byte)."""
    return _ENCODER.encode(body)


def json_response(body: Mapping[str, Any] | list | str, status: int = 200, headers: Mapping[str, str] | None = None):
    """A JSON response from a dict/list or from ready JSON text."""
    text = body if isinstance(body, str) else dumps(body)
    return Response(text, status=status, headers=dict(headers or {}), mimetype="application/json")


def is_soap_path(path: str) -> bool:
    return path.startswith("/soap/") or path == "/soap"


def is_admin_path(path: str) -> bool:
    return path.startswith("/__admin/") or path == "/__admin"


_soap_fault: tuple[Callable[..., Response] | None, bool] | None = None


def soap_fault_factory() -> tuple[Callable[..., Response] | None, bool]:
    """``mock.soap.soap_fault_response`` when the SOAP endpoint is installed (else None), and whether it
    takes an ``error_code`` keyword."""
    global _soap_fault
    if _soap_fault is None:
        factory = None
        if importlib.util.find_spec("mock.soap") is not None:
            factory = getattr(importlib.import_module("mock.soap"), "soap_fault_response", None)
        takes_code = factory is not None and "error_code" in inspect.signature(factory).parameters
        _soap_fault = (factory, takes_code)
    return _soap_fault


_HTML_PAGE = """<!DOCTYPE html>
<html><head><title>{status} {reason}</title></head>
<body><h1>{reason}</h1>
<pre>Traceback (most recent call last):
  File "/srv/scoring/server/handlers.py", line 212, in dispatch
    result = self.engine.evaluate(payload)
  File "/srv/scoring/server/engine.py", line 87, in evaluate
    raise ScoringError(code, message)
scoring.errors.ScoringError: {code}: {message}
</pre></body></html>
"""


def _html_error(status: int, code: str, message: str, headers: dict[str, str]) -> Response:
    reason = HTTP_STATUS_CODES.get(status, "Error")
    page = _HTML_PAGE.format(status=status, reason=reason, code=code, message=html.escape(message))
    return Response(page, status=status, headers=headers, mimetype="text/html")


def error_response(
    status: int,
    code: str,
    message: str,
    details: list[dict] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The contract's error for the current request: JSON, or a SOAP Fault on ``/soap`` paths.

    Defect ``html-error-page`` turns REST errors (not admin, not SOAP) into an HTML page.
    """
    extra = dict(headers or {})
    path = request.path
    if is_soap_path(path):
        factory, takes_code = soap_fault_factory()
        if factory is not None:
            faultcode = "Server" if status >= 500 or status == 429 else "Client"
            extra_args = {"error_code": code} if takes_code else {}
            response = factory(faultcode, message, http_status=status, details=details or None, **extra_args)
            response.headers.update(extra)
            return response
    defects = active_defects()
    if not is_admin_path(path) and "html-error-page" in defects:
        return _html_error(status, code, message, extra)
    error: dict[str, Any] = {"code": code, "message": message, "details": list(details or [])}
    if "dropped-correlation-id" not in defects:
        error["correlationId"] = correlation_id()
    return json_response({"error": error}, status, extra)


def api_error_response(exc: ApiError) -> Response:
    """The response for a raised ApiError."""
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def payload_too_large(limit: int, actual: int | None = None) -> ApiError:
    """413 PAYLOAD_TOO_LARGE stating the limit (and the body size when it is known)."""
    size = f"{actual} bytes" if actual is not None else "more bytes"
    return ApiError(413, "PAYLOAD_TOO_LARGE", f"request body has {size}, expected at most {limit} bytes")


def body_limit(method: str, path: str) -> int:
    """The body size limit of a request: 64 MiB for batch submissions, 64 KiB for everything else."""
    if method == "POST" and path.rstrip("/") == "/api/v1/batch-scoring":
        return BATCH_LIMIT
    return JSON_LIMIT


def _is_json_media_type(content_type: str) -> bool:
    return content_type.partition(";")[0].strip().lower() == "application/json"


def read_json_object(*, optional: bool = False) -> dict | None:
    """The request body as a JSON object, enforcing the contract's 413 / 415 / 400 rules.

    With ``optional`` an empty body gives None (no Content-Type needed).
    """
    req = request._get_current_object()
    environ = req.environ
    limit = body_limit(req.method, req.path)
    declared = environ.get("CONTENT_LENGTH")
    length = int(declared) if declared and declared.isdigit() else None
    if length is not None and length > limit:
        raise payload_too_large(limit, length)
    chunked = "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    if optional and not length and not chunked:
        return None
    content_type = environ.get("CONTENT_TYPE", "")
    if not _is_json_media_type(content_type):
        actual = content_type.partition(";")[0].strip() or "none"
        raise ApiError(415, "UNSUPPORTED_MEDIA_TYPE", f"Content-Type must be application/json, got {actual}")
    data = environ["wsgi.input"].read(length) if length is not None and not chunked else req.get_data(cache=False)
    if len(data) > limit:
        raise payload_too_large(limit, len(data))
    if optional and not data:
        return None
    try:
        body = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ApiError(400, "MALFORMED_JSON", f"request body is not valid JSON: {exc}") from None
    if not isinstance(body, dict):
        raise ApiError(400, "MALFORMED_JSON", f"request body must be a JSON object, got {json_type_name(body)}")
    return body


def json_type_name(value: Any) -> str:
    """The JSON name of a parsed value's type (object, array, string, number, boolean, null)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"
