"""The Flask blueprint of ``/soap/realtime-scoring``: the WSDL and XSD on GET, ScoreApplicant on POST.

The XML stack (lxml, defusedxml, the compiled XSD) is imported by the first SOAP request, not with the blueprint.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

import flask
from werkzeug.exceptions import RequestEntityTooLarge

from mock.errors import ApiError, IdempotencyConflict
from mock.soap.faults import SoapFault, client_fault, fault_response
from mock.soap.names import (
    ENDPOINT_PATH,
    MAX_BODY_BYTES,
    SCORING_NS,
    SCORING_NS_V2,
    SOAP_ACTION,
    XML_CONTENT_TYPE,
    XSD_NAME,
)

SERVICE_EXTENSION = "scoregate.service"
LOG_EXTENSION = "scoregate.log"
NAMESPACE_DEFECT = "soap-namespace-changed"
_STATUSES_KEPT = frozenset({401, 413, 429, 503})
_MAX_SHOWN = 80

logger = logging.getLogger(__name__)

soap_blueprint = flask.Blueprint("soap", __name__)


def _correlation_id() -> str:
    value = flask.g.get("correlation_id")
    if not value:
        value = str(uuid.uuid4())
        flask.g.correlation_id = value
    return str(value)


@soap_blueprint.route(ENDPOINT_PATH, methods=["GET"])
def describe() -> flask.Response:
    """``?wsdl`` serves the WSDL (address = this host), ``?xsd=scoring.xsd`` its schema."""
    from mock.soap.documents import XSD_BYTES, render_wsdl

    args = {key.lower(): value for key, value in flask.request.args.items()}
    if "wsdl" in args:
        return flask.Response(render_wsdl(flask.request.host_url), content_type=XML_CONTENT_TYPE)
    if args.get("xsd") == XSD_NAME:
        return flask.Response(XSD_BYTES, content_type=XML_CONTENT_TYPE)
    _correlation_id()
    return fault_response(
        client_fault(
            f"GET {ENDPOINT_PATH} serves ?wsdl and ?xsd={XSD_NAME} only; "
            "POST a SOAP 1.1 envelope to call ScoreApplicant",
            "NOT_FOUND",
            http_status=404,
        )
    )


def _too_large(size: int | None) -> SoapFault:
    actual = "is longer" if size is None else f"is {size} bytes"
    return client_fault(
        f"request body {actual}, over the limit of {MAX_BODY_BYTES} bytes (64 KiB)",
        "PAYLOAD_TOO_LARGE",
        http_status=413,
    )


def _check_content_type(request: flask.Request) -> None:
    mimetype = request.mimetype or ""
    if mimetype != "text/xml":
        shown = (mimetype[:_MAX_SHOWN] + "...") if len(mimetype) > _MAX_SHOWN else (mimetype or "none")
        raise client_fault(
            f"Content-Type must be text/xml (SOAP 1.1), got {shown}", "UNSUPPORTED_MEDIA_TYPE", http_status=500
        )


def _check_soap_action(request: flask.Request) -> None:
    action = request.headers.get("SOAPAction")
    if action is None:
        raise client_fault(
            f'the SOAPAction header is required (SOAP 1.1); expected "{SOAP_ACTION}"', "INVALID_SOAP_ACTION"
        )
    value = action.strip().strip('"')
    if value and value != SOAP_ACTION:
        raise client_fault(
            f'SOAPAction does not name an operation of this endpoint; expected "{SOAP_ACTION}" or ""',
            "INVALID_SOAP_ACTION",
        )


def _read_body(request: flask.Request) -> bytes:
    """The request body after the size, Content-Type and SOAPAction checks (at most 64 KiB is read)."""
    length = request.content_length
    if length is not None and length > MAX_BODY_BYTES:
        raise _too_large(length)
    _check_content_type(request)
    _check_soap_action(request)
    try:
        data = request.get_data(cache=True) if length is not None else request.stream.read(MAX_BODY_BYTES + 1)
    except RequestEntityTooLarge as error:
        raise _too_large(None) from error
    if len(data) > MAX_BODY_BYTES:
        raise _too_large(length)
    return data


def _fault_from_api_error(error: ApiError) -> SoapFault:
    message = error.message
    if isinstance(error, IdempotencyConflict):
        message = "transactionId was already used with a different payload"
    return SoapFault(
        "Server" if error.status >= 500 or error.status == 429 else "Client",
        message,
        http_status=error.status if error.status in _STATUSES_KEPT else 500,
        error_code=error.code,
        details=error.details,
        headers=error.headers,
    )


def _score(correlation_id: str) -> tuple[dict[str, Any], bool, frozenset[str]]:
    from mock.soap.envelope import read_request_element
    from mock.soap.fields import read_request

    request = flask.request
    element = read_request_element(_read_body(request))
    payload = read_request(element)
    service = flask.current_app.extensions[SERVICE_EXTENSION]
    response, replayed = service.score_realtime(payload, interface="SOAP", correlation_id=correlation_id)
    return response, replayed, frozenset(getattr(service, "defects", ()))


def _log_unexpected(error: Exception, correlation_id: str) -> None:
    """One ERROR record in the mock's request log when there is one, else a logged traceback."""
    log = flask.current_app.extensions.get(LOG_EXTENSION)
    if log is None or not hasattr(log, "write"):
        logger.exception("ScoreApplicant failed unexpectedly (correlation id %s)", correlation_id)
        return
    log.write(
        {
            "level": "ERROR",
            "path": flask.request.path,
            "correlationId": correlation_id,
            "error": f"{type(error).__name__}: {error}",
        }
    )


@soap_blueprint.route(ENDPOINT_PATH, methods=["POST"])
def score_applicant() -> flask.Response:
    """ScoreApplicant: a ScoreApplicantResponse envelope (200), or a Fault."""
    correlation_id = _correlation_id()
    try:
        response, replayed, defects = _score(correlation_id)
    except SoapFault as fault:
        return fault_response(fault)
    except ApiError as error:
        return fault_response(_fault_from_api_error(error))
    except Exception as error:
        _log_unexpected(error, correlation_id)
        return fault_response(
            SoapFault(
                "Server", "internal error while scoring; the request was not completed", error_code="INTERNAL_ERROR"
            )
        )
    from mock.soap.envelope import render_response

    namespace = SCORING_NS_V2 if NAMESPACE_DEFECT in defects else SCORING_NS
    result = flask.Response(render_response(response, namespace), status=200, content_type=XML_CONTENT_TYPE)
    if replayed:
        result.headers["Idempotent-Replay"] = "true"
    return result
