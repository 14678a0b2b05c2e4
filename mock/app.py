"""The Flask application of the mock scoring platform."""

from __future__ import annotations

import importlib
import importlib.util
import time

from flask import Flask, Request, Response, g, request
from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from mock.admin import FAULTS_KEY, RATE_LIMIT_KEY, admin_blueprint
from mock.api import api_blueprint
from mock.auth import require_token
from mock.batch import BATCH_KEY, BatchRunner, batch_blueprint
from mock.config import MockConfig
from mock.db import Database
from mock.errors import ApiError
from mock.faults import FaultRule, FaultStore
from mock.http import (
    BATCH_LIMIT,
    CORRELATION_HEADER,
    SERVICE_KEY,
    api_error_response,
    body_limit,
    code_for_status,
    error_response,
    is_admin_path,
    is_soap_path,
    new_correlation_id,
    payload_too_large,
    pick_correlation_id,
)
from mock.logs import RequestLog
from mock.metrics import Metrics
from mock.ops import ops_blueprint
from mock.ratelimit import RateLimitSettings, TokenBucket
from mock.reviews import reviews_blueprint
from mock.scorecard import ModelRegistry
from mock.service import ScoringService

LOG_KEY = "scoregate.log"


def _soap_blueprint():
    """The SOAP endpoint's blueprint, when ``mock.soap`` provides one."""
    if importlib.util.find_spec("mock.soap") is None:
        return None
    return getattr(importlib.import_module("mock.soap"), "soap_blueprint", None)


def _fault_before(rule: FaultRule) -> Response | None:
    """Apply the part of a fault that acts before the view; a response when it answers instead of the view."""
    if rule.type in ("latency", "hang"):
        time.sleep(rule.sleep_seconds)
        return None
    if rule.type == "status":
        status = rule.status or 503
        headers = {"Retry-After": str(rule.retry_after)} if rule.retry_after is not None else None
        reason = HTTP_STATUS_CODES.get(status, "Error")
        return error_response(status, code_for_status(status), f"{reason} (injected fault {rule.id})", headers=headers)
    g.fault = rule
    return None


def _single(chunk: bytes):
    yield chunk


def _fault_after(rule: FaultRule, response: Response) -> Response:
    """``malformed``: 200 with the body cut in half; ``drop``: a Content-Length the body never reaches."""
    data = response.get_data().rstrip()
    if rule.type == "malformed":
        broken = Response(data[: max(1, len(data) // 2)], status=200, mimetype="application/json")
        return broken
    dropped = Response(_single(data[: len(data) // 2]), status=response.status_code)
    dropped.headers["Content-Type"] = response.headers.get("Content-Type", "application/json")
    dropped.headers["Content-Length"] = str(len(data) + 64)
    return dropped


def _check_scoring_request(req: Request, service: ScoringService, bucket: TokenBucket, token: str) -> None:
    """Rate limit, body size, authentication and defect ``transient-500`` of ``/api`` and ``/soap`` paths."""
    retry_after = bucket.acquire()
    if retry_after is not None:
        raise ApiError(
            429,
            "RATE_LIMITED",
            f"more than {bucket.settings.requests_per_second:g} requests per second; retry after {retry_after} s",
            headers={"Retry-After": str(retry_after)},
        )
    environ = req.environ
    declared = environ.get("CONTENT_LENGTH")
    if declared and declared.isdigit():
        limit = body_limit(req.method, req.path)
        if int(declared) > limit:
            raise payload_too_large(limit, int(declared))
    if token and not (req.method == "GET" and ("wsdl" in req.args or "xsd" in req.args)):
        require_token(token, environ.get("HTTP_AUTHORIZATION"), "the scoring API")
    if req.path.startswith("/api/") and service.transient_failure():
        raise ApiError(500, "INTERNAL_ERROR", "unexpected error while handling the request")


def _register_hooks(app: Flask, config: MockConfig) -> None:
    service: ScoringService = app.extensions[SERVICE_KEY]
    faults: FaultStore = app.extensions[FAULTS_KEY]
    bucket: TokenBucket = app.extensions[RATE_LIMIT_KEY]
    token = config.resolved_token()
    admin_token = config.resolved_admin_token() if config.admin_enabled else ""
    metrics = service.metrics

    @app.before_request
    def before() -> Response | None:
        req = request._get_current_object()
        ctx_globals = g._get_current_object()
        ctx_globals.start = time.perf_counter()
        ctx_globals.correlation_id = pick_correlation_id(req.environ.get("HTTP_X_CORRELATION_ID"))
        path = req.path
        req.max_content_length = body_limit(req.method, path)
        if is_admin_path(path):
            require_token(admin_token, req.environ.get("HTTP_AUTHORIZATION"), "the admin API")
            return None
        rule = faults.match(req.method, path)
        if rule is not None:
            answer = _fault_before(rule)
            if answer is not None:
                return answer
        if path.startswith("/api/") or is_soap_path(path):
            _check_scoring_request(req, service, bucket, token)
        return None

    @app.after_request
    def after(response: Response) -> Response:
        req = request._get_current_object()
        ctx_globals = g._get_current_object()
        rule = ctx_globals.pop("fault", None)
        if rule is not None:
            response = _fault_after(rule, response)
        cid = ctx_globals.get("correlation_id") or new_correlation_id()
        if "dropped-correlation-id" not in service.defects:
            response.headers[CORRELATION_HEADER] = cid
        seconds = time.perf_counter() - ctx_globals.get("start", time.perf_counter())
        url_rule = req.url_rule
        status = response.status_code
        metrics.observe_request(req.method, url_rule.rule if url_rule is not None else "unmatched", status, seconds)
        log: RequestLog | None = app.extensions.get(LOG_KEY)
        if log is not None:
            log.request(req.method, req.path, status, seconds * 1000, cid)
        return response


def _register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def on_api_error(exc: ApiError) -> Response:
        return api_error_response(exc)

    @app.errorhandler(HTTPException)
    def on_http_error(exc: HTTPException) -> Response:
        status = exc.code or 500
        headers: dict[str, str] = {}
        if status == 404:
            message = f"no resource at {request.path}"
        elif status == 405:
            allowed = sorted(getattr(exc, "valid_methods", None) or [])
            headers["Allow"] = ", ".join(allowed)
            message = f"method {request.method} is not allowed on {request.path}; expected one of: {', '.join(allowed)}"
        elif status == 413:
            return api_error_response(payload_too_large(request.max_content_length or BATCH_LIMIT))
        else:
            message = exc.description or HTTP_STATUS_CODES.get(status, "error")
        return error_response(status, code_for_status(status), message, headers=headers)

    @app.errorhandler(Exception)
    def on_unexpected(exc: Exception) -> Response:
        log: RequestLog | None = app.extensions.get(LOG_KEY)
        if log is not None:
            log.write(
                {
                    "level": "ERROR",
                    "path": request.path,
                    "correlationId": g.get("correlation_id"),
                    "error": f"{type(exc).__name__}: {exc}",
                }
            )
        return error_response(500, "INTERNAL_ERROR", "unexpected error while handling the request")


def create_app(config: MockConfig, request_log: RequestLog | None = None) -> Flask:
    """The mock platform as a Flask app: REST, SOAP (when installed), operations and admin endpoints.

    The scoring service is ``app.extensions["scoregate.service"]``.
    """
    app = Flask("mock")
    app.config["MAX_CONTENT_LENGTH"] = BATCH_LIMIT
    registry = ModelRegistry.load()
    db = Database(config.db_path)
    metrics = Metrics()
    service = ScoringService(db, registry, config.defects, metrics)
    app.extensions[SERVICE_KEY] = service
    faults = FaultStore()
    app.extensions[FAULTS_KEY] = faults
    app.extensions[BATCH_KEY] = BatchRunner(db, registry, metrics, config.batch_chunk_size, faults)
    settings = None
    if config.rate_limit:
        settings = RateLimitSettings(config.rate_limit, config.rate_burst or max(1, int(config.rate_limit)))
    app.extensions[RATE_LIMIT_KEY] = TokenBucket(settings)
    app.extensions[LOG_KEY] = request_log
    for blueprint in (api_blueprint, batch_blueprint, reviews_blueprint, ops_blueprint):
        app.register_blueprint(blueprint)
    if config.admin_enabled:
        app.register_blueprint(admin_blueprint)
    soap = _soap_blueprint()
    if soap is not None:
        app.register_blueprint(soap)
    _register_hooks(app, config)
    _register_error_handlers(app)
    return app
