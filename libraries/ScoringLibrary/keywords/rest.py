"""REST keywords: response checks (status, JSON, error shape, correlation id), requests one after the other on
a RequestsLibrary session, stored decisions and replays, Prometheus samples and raw request bodies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from requests import Response
from robot.libraries.BuiltIn import BuiltIn
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.http_checks import (
    CORRELATION_HEADER,
    correlation_problem,
    dict_differences,
    json_body,
    json_error_problem,
    listed,
    status_problem,
)
from ..core.parity import json_text_with_raw_value, with_json_values
from ..core.prometheus_text import sample_has_labels, sum_samples
from .soap import call_score_operation

SCORE_PATH = "/api/v1/score"
DECISIONS_PATH = "/api/v1/decisions"
DEFAULT_SESSION = "scoring"
REPLAY_HEADER = "Idempotent-Replay"
MAX_LISTED = 10


def _requests_library() -> Any:
    return BuiltIn().get_library_instance("RequestsLibrary")


class RestKeywords(LibraryComponent):
    def _fail_listing(self, problems: list[tuple[str, str]], total: int, what: str) -> None:
        """Log every ``(id, problem)`` as a table and fail naming the first ``MAX_LISTED``."""
        self.log_table(("item", "problem"), problems, f"{len(problems)} of {total} {what}")
        self.fail(f"{len(problems)} of {total} {what}: {listed([text for _, text in problems], MAX_LISTED)}")

    @keyword("HTTP Status Should Be", tags=("REST", "Assertion"))
    def http_status_should_be(self, response: Response, status: int) -> None:
        """Fails unless the response has HTTP ``status``, naming the request and showing the start of the body.

        The failure reads ``POST http://host/api/v1/score: expected status 200, got 500: {"error": ...``.

        Example:
        | HTTP Status Should Be | ${response} | 409 |
        """
        problem = status_problem(response, status)
        if problem:
            self.fail(problem)

    @keyword("JSON Body Of Response", tags=("REST", "Assertion"))
    def json_body_of_response(self, response: Response) -> Any:
        """Fails unless the response's Content-Type is JSON and its body parses; returns the body.

        Example:
        | ${body} = | JSON Body Of Response | ${response} |
        """
        try:
            return json_body(response)
        except ValueError as error:
            self.fail(str(error))

    @keyword("JSON Error Response Should Be", tags=("REST", "Assertion"))
    def json_error_response_should_be(
        self, response: Response, status: int, code: str, *fields: str, exact: bool = False
    ) -> dict:
        """Fails unless ``response`` is the contract's JSON error with ``status`` and ``code``; returns ``error``.

        | =Arguments= | =Description= |
        | ``response`` | A ``requests`` response. |
        | ``status`` | The expected HTTP status. |
        | ``code`` | The expected ``error.code``. |
        | ``*fields`` | Fields ``details`` must name: ``age`` or ``age:out_of_range``. |
        | ``exact`` | With ``${TRUE}`` no other field may be named. |

        Checked in this order, failing on the first problem: the status, a JSON body (Content-Type and
        parse), the ``{"error": {"code", "message", "details"?, "correlationId"}}`` shape with ``code``,
        ``error.correlationId`` equal to the ``X-Correlation-ID`` header, then the fields.

        Example:
        | ${error} = | JSON Error Response Should Be | ${response} | 404 | NOT_FOUND |
        | ${error} = | JSON Error Response Should Be | ${response} | 422 | VALIDATION_FAILED | age:out_of_range |
        | ... | exact=${TRUE} |
        """
        problem, error = json_error_problem(response, status, code, fields, exact)
        if problem:
            self.fail(problem)
        return error

    @keyword("Error Correlation Id Should Match Header", tags=("REST", "Assertion"))
    def error_correlation_id_should_match_header(
        self, response: Response, error: dict, header: str = CORRELATION_HEADER
    ) -> None:
        """Fails unless the response has the ``header`` and ``error.correlationId`` equals it.

        Example:
        | Error Correlation Id Should Match Header | ${response} | ${error} |
        """
        problem = correlation_problem(response, error, header)
        if problem:
            self.fail(problem)

    @keyword("Score Applicants One By One", tags=("REST",))
    def score_applicants_one_by_one(
        self, applicants: list[dict], session: str = DEFAULT_SESSION, path: str = SCORE_PATH
    ) -> list[dict]:
        """POSTs each applicant to ``path`` on the RequestsLibrary ``session``, one after the other; returns the bodies.

        Each request is sent with `POST On Session` (the session's token, timeout and logging) and must
        answer 200; the failure names the applicant's transactionId and the status.

        Example:
        | ${bodies} = | Score Applicants One By One | ${applicants} |
        | ${bodies} = | Score Applicants One By One | ${applicants} | session=scoring-retry |
        """
        requests_library = _requests_library()
        bodies = []
        for applicant in applicants:
            try:
                response = requests_library.post_on_session(session, path, json=applicant, expected_status="200")
            except AssertionError as error:
                self.fail(f"POST {path} of {applicant.get('transactionId')}: {error}")
            bodies.append(response.json())
        return bodies

    @keyword("Decisions API Should Return Responses", tags=("REST", "Assertion"))
    def decisions_api_should_return_responses(
        self, bodies: list[dict], interface: str, session: str = DEFAULT_SESSION, path: str = DECISIONS_PATH
    ) -> None:
        """Fails unless ``GET <path>/<transactionId>`` returns each of ``bodies`` unchanged, plus ``interface``.

        Every field must be equal, ``scoredAt`` and ``correlationId`` included. All bodies are read before
        failing; the failure names each differing decision with the fields that differ (expected is the
        response, got the stored decision), the first 10 in the message and all in the log.

        Example:
        | Decisions API Should Return Responses | ${rest_bodies} | REST |
        """
        requests_library = _requests_library()
        problems = []
        for body in bodies:
            transaction_id = body.get("transactionId")
            where = f"decisions/{transaction_id}"
            try:
                response = requests_library.get_on_session(session, f"{path}/{transaction_id}", expected_status="200")
            except AssertionError as error:
                problems.append((str(transaction_id), f"{where}: {error}"))
                continue
            stored = response.json()
            shown = stored.pop("interface", None)
            found = [] if shown == interface else [f"expected interface {interface}, got {shown}"]
            differences = dict_differences(stored, body)
            if differences:
                found.append(f"differs from the {interface} response: {', '.join(differences)}")
            if found:
                problems.append((str(transaction_id), f"{where}: {'; '.join(found)}"))
        if problems:
            self._fail_listing(problems, len(bodies), f"stored decisions differ from the {interface} responses")
        self.info(f"All {len(bodies)} stored decisions equal the {interface} responses")

    def _replay(self, channel: str, applicant: dict, session: str, path: str, soap: tuple) -> tuple[Any, str | None]:
        """The replayed body and a header problem (REST), or raises AssertionError when the call fails."""
        if channel == "SOAP":
            fields, operation = soap
            return call_score_operation(applicant, fields, operation), None
        response = _requests_library().post_on_session(session, path, json=applicant, expected_status="200")
        flag = response.headers.get(REPLAY_HEADER)
        problem = None if flag == "true" else f"{REPLAY_HEADER} header is {flag}, expected true"
        return response.json(), problem

    @keyword("Replays Should Return Stored Responses", tags=("REST", "SOAP", "Assertion"))
    def replays_should_return_stored_responses(
        self,
        channel: str,
        applicants: list[dict],
        bodies: list[dict],
        session: str = DEFAULT_SESSION,
        path: str = SCORE_PATH,
        soap_fields: list[str] | None = None,
        operation: str = "ScoreApplicant",
    ) -> None:
        """Sends every applicant again over ``channel`` (``REST`` or ``SOAP``); each answer must equal ``bodies``.

        | =Arguments= | =Description= |
        | ``channel`` | ``REST`` (POST ``path`` on ``session``) or ``SOAP`` (the current SudsLibrary client). |
        | ``applicants`` | The requests scored before. |
        | ``bodies`` | The stored decisions, in the same order (as many as ``applicants``). |
        | ``soap_fields`` | The SOAP request elements in order (see `SOAP Request Arguments`). |
        | ``operation`` | The SOAP operation. |

        A replay of a stored transaction returns the stored response unchanged (correlationId and scoredAt
        included) and a REST replay says ``Idempotent-Replay: true``. All applicants are replayed before
        failing; the failure names each one that differs.

        Example:
        | Replays Should Return Stored Responses | SOAP | ${applicants} | ${rest_bodies} | soap_fields=${FIELDS} |
        """
        kind = channel.upper()
        if kind not in {"REST", "SOAP"}:
            self.fail(f"channel must be REST or SOAP, got '{channel}'")
        if len(applicants) != len(bodies):
            self.fail(f"expected one stored body per applicant: {len(applicants)} applicants, {len(bodies)} bodies")
        if kind == "SOAP" and not soap_fields:
            self.fail("SOAP replays need soap_fields (the request elements in order)")
        problems = []
        soap = (soap_fields, operation)
        for applicant, stored in zip(applicants, bodies, strict=True):
            transaction_id = str(applicant.get("transactionId"))
            where = f"{kind} replay of {transaction_id}"
            try:
                replayed, header_problem = self._replay(kind, applicant, session, path, soap)
            except AssertionError as error:
                problems.append((transaction_id, f"{where}: {error}"))
                continue
            found = [header_problem] if header_problem else []
            differences = dict_differences(replayed, stored)
            if differences:
                found.append(f"differs from the stored decision: {', '.join(differences)}")
            if found:
                problems.append((transaction_id, f"{where}: {'; '.join(found)}"))
        if problems:
            self._fail_listing(problems, len(applicants), f"{kind} replays do not return the stored decision")
        self.info(f"All {len(applicants)} {kind} replays returned the stored decisions")

    @keyword("Sum Of Metric Samples", tags=("REST",))
    def sum_of_metric_samples(self, text: str, name: str, **labels: str) -> float:
        """Returns the sum of the samples of metric ``name`` whose labels include every ``labels`` pair.

        ``text`` is the Prometheus text format; ``name`` the full sample name; a label value ending in
        ``*`` matches as a prefix. Returns 0.0 when no sample matches.

        Example:
        | ${n} = | Sum Of Metric Samples | ${metrics} | scoring_requests_total | endpoint=/api/v1/* |
        """
        return sum_samples(text, name, labels)

    @keyword("Metric Sample Matches Labels", tags=("REST",))
    def metric_sample_matches_labels(self, sample: str, **labels: str) -> bool:
        """Returns True when the Prometheus ``sample`` line carries every ``labels`` pair (``*`` ends a prefix).

        Example:
        | ${ok} = | Metric Sample Matches Labels | ${line} | decision=APPROVE |
        """
        return sample_has_labels(sample, labels)

    @keyword("Request Text With Raw JSON Value", tags=("REST",))
    def request_text_with_raw_json_value(
        self, request: Mapping[str, Any], field: str, value: str, marker: str = "SCOREGATE-RAW-VALUE-MARKER"
    ) -> str:
        """Returns ``request`` as JSON text with ``field`` holding the raw JSON text ``value``, written as is.

        The value may be JSON a JSON encoder would refuse to write (``NaN``, ``Infinity``, ``"30"``).
        ``marker`` is a placeholder that must not occur in the request.

        Example:
        | ${text} = | Request Text With Raw JSON Value | ${applicant} | monthlyIncome | NaN |
        """
        return json_text_with_raw_value(request, field, value, marker)

    @keyword("Applicant With JSON Values", tags=("REST",))
    def applicant_with_json_values(
        self, applicant: Mapping[str, Any], text_fields: str | list[str] = "employmentStatus", **fields: str
    ) -> dict:
        """Returns a copy of ``applicant`` with each of ``fields`` set to its value read as a JSON literal.

        ``5000`` becomes an integer, ``60000.01`` a number, ``"x"`` a string; the ``text_fields``
        (comma-separated or a list) are kept as the text given.

        Example:
        | ${applicant} = | Applicant With JSON Values | ${applicant} | age=62 | monthlyIncome=5000 |
        | ... | employmentStatus=retired |
        | ${applicant} = | Applicant With JSON Values | ${applicant} | text_fields=employmentStatus,modelCode |
        | ... | age=62 | modelCode=credit_risk_v2 |
        """
        try:
            return with_json_values(applicant, fields, self.split_list(text_fields))
        except ValueError as error:
            self.fail(str(error))
