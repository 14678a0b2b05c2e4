"""Schemathesis fuzzing of every REST operation of a real mock, driven by its own ``/openapi.json``.

Positive and negative cases for each operation, with the API token sent, on a mock started with auth on and
``--no-admin`` (test control is not fuzzed: a generated fault rule or reset would change the run itself).
Every response must: not be a 5xx, conform to the documented status codes, content types, headers and schemas,
accept schema-valid data, reject invalid data with a 4xx, and, for every error, carry the contract's JSON error
shape with the code of its status and the response's correlation id.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    FailureGroup,
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    not_a_server_error,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)
from schemathesis.config import SchemathesisConfig
from schemathesis.openapi.checks import RejectedPositiveData

from mock.openapi import openapi_document
from utest.security.live_mock import LiveMock, MockStarter, new_token

MAX_EXAMPLES = 64
"""Generated cases per operation and generation mode (fewer when an operation's input space is smaller)."""
MIN_REQUESTS = 1000
FUZZ_TIME_LIMIT_SECONDS = 90.0
ADMIN_TAG = "admin"
RESULTS_PATH = "/api/v1/batch-scoring/{batchId}/results"
MOCK_PAGE_LIMIT = 10**9
"""The largest ``page`` the mock accepts (mock/batch.py parse_page_args)."""
SCHEMA_PATH = "/openapi.json"
ERROR_CODES: dict[int, frozenset[str]] = {
    400: frozenset({"MALFORMED_JSON"}),
    401: frozenset({"UNAUTHORIZED"}),
    404: frozenset({"NOT_FOUND"}),
    405: frozenset({"METHOD_NOT_ALLOWED"}),
    409: frozenset({"IDEMPOTENCY_CONFLICT", "INVALID_TRANSITION", "BATCH_NOT_COMPLETED"}),
    413: frozenset({"PAYLOAD_TOO_LARGE"}),
    415: frozenset({"UNSUPPORTED_MEDIA_TYPE"}),
    422: frozenset({"VALIDATION_FAILED"}),
    429: frozenset({"RATE_LIMITED"}),
    500: frozenset({"INTERNAL_ERROR"}),
    503: frozenset({"SERVICE_UNAVAILABLE"}),
}
ISSUES = frozenset(
    {
        "missing",
        "unknown_field",
        "wrong_type",
        "not_finite",
        "out_of_range",
        "invalid_enum",
        "invalid_format",
        "duplicate",
    }
)
_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def header(response: Any, name: str) -> str | None:
    """A response header from a requests response or a schemathesis one (lowercase keys, list values)."""
    value = response.headers.get(name.lower(), response.headers.get(name))
    if isinstance(value, list):
        return value[0] if value else None
    return value


def contract_error_problems(response: Any) -> list[str]:
    """What is wrong with an error response against the contract's JSON error shape (empty when it conforms)."""
    where = f"{response.request.method} {response.request.url} -> {response.status_code}"
    content_type = (header(response, "Content-Type") or "").split(";")[0].strip()
    if content_type != "application/json":
        return [f"{where}: expected Content-Type application/json, got {content_type or 'none'}"]
    try:
        body = json.loads(response.content)
    except ValueError as exc:
        return [f"{where}: expected a JSON error body, got unparsable text ({exc}): {response.content[:200]!r}"]
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict) or set(body) != {"error"}:
        return [f"{where}: expected {{'error': {{...}}}} only, got {str(body)[:200]}"]
    problems = []
    expected_codes = ERROR_CODES.get(response.status_code)
    if expected_codes is None or error.get("code") not in expected_codes:
        problems.append(f"{where}: expected error.code in {sorted(expected_codes or [])}, got {error.get('code')!r}")
    if not isinstance(error.get("message"), str) or not error["message"]:
        problems.append(f"{where}: expected a non-empty error.message, got {error.get('message')!r}")
    if "Traceback" in error.get("message", ""):
        problems.append(f"{where}: error.message carries a traceback")
    correlation_id = header(response, "X-Correlation-ID")
    if error.get("correlationId") != correlation_id:
        problems.append(
            f"{where}: expected error.correlationId == X-Correlation-ID header {correlation_id!r}, "
            f"got {error.get('correlationId')!r}"
        )
    details = error.get("details")
    if not isinstance(details, list):
        return [*problems, f"{where}: expected error.details to be a list, got {details!r}"]
    for index, detail in enumerate(details):
        named = isinstance(detail, dict) and isinstance(detail.get("field"), str)
        if not named or detail.get("issue") not in ISSUES:
            expected = f"a field name and an issue in {sorted(ISSUES)}"
            problems.append(f"{where}: details[{index}] expected {expected}, got {detail}")
    return problems


def error_shape_conformance(ctx: Any, response: Any, case: Any) -> bool:
    """Every response carries X-Correlation-ID; every 4xx/5xx is the contract's JSON error."""
    if not header(response, "X-Correlation-ID"):
        raise AssertionError(f"{case.operation.label} -> {response.status_code}: no X-Correlation-ID header")
    if response.status_code >= 400:
        problems = contract_error_problems(response)
        if problems:
            raise AssertionError("; ".join(problems))
    return True


def value_at(body: Any, path: str) -> Any:
    """The value at a contract field path (``age``, ``records[3].age``) of a JSON body; KeyError when absent."""
    value = body
    for name, index in _PATH_PART.findall(path):
        value = value[int(index)] if index else value[name]
    return value


def _duplicated_transaction_id(body: Any, path: str) -> bool:
    """True when ``records[i].transactionId`` repeats the transactionId of an earlier record."""
    match = re.fullmatch(r"records\[(\d+)\]\.transactionId", path)
    if match is None:
        return False
    index = int(match.group(1))
    earlier = {record.get("transactionId") for record in body["records"][:index] if isinstance(record, dict)}
    return body["records"][index].get("transactionId") in earlier


def _beyond_json_schema(body: Any, detail: dict) -> bool:
    try:
        value = value_at(body, detail["field"])
    except (KeyError, IndexError, TypeError):
        return False
    if detail["issue"] == "wrong_type":
        return isinstance(value, float) and value.is_integer()
    return detail["issue"] == "duplicate" and _duplicated_transaction_id(body, detail["field"])


def rejected_only_beyond_json_schema(body: Any, response: Any) -> bool:
    """True for a 422 whose every detail breaks a contract rule that JSON Schema cannot express.

    Two such rules: an integer field refuses ``30.0`` (``wrong_type``; JSON Schema cannot tell ``30.0`` from
    ``30``), and a batch's transactionIds are unique (``duplicate``; ``uniqueItems`` compares whole records).
    Schema-valid cases can break them and are rightly refused.
    """
    if response.status_code != 422:
        return False
    details = json.loads(response.content)["error"]["details"]
    return bool(details) and all(_beyond_json_schema(body, detail) for detail in details)


def results_page_schema() -> dict:
    """The documented schema of the ``page`` query parameter of GET /api/v1/batch-scoring/{batchId}/results."""
    operation = openapi_document()["paths"][RESULTS_PATH]["get"]
    return next(p["schema"] for p in operation["parameters"] if p.get("name") == "page")


def positive_data_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis' positive_data_acceptance, except for the contract rules JSON Schema cannot express
    (see rejected_only_beyond_json_schema)."""
    try:
        return positive_data_acceptance(ctx, response, case)
    except RejectedPositiveData:
        if rejected_only_beyond_json_schema(case.body, response):
            return True
        raise


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    positive_data_accepted,
    ignored_auth,
    missing_required_header,
    unsupported_method,
    error_shape_conformance,
]


@pytest.fixture(scope="module")
def fuzz_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock("--no-admin", token=new_token("fuzz"))


def load_schema(mock: LiveMock) -> Any:
    """The mock's served OpenAPI document; the bearer token is always sent, never generated or left out."""
    config = SchemathesisConfig()
    project = config.projects.default
    project.generation.update(with_security_parameters=False)
    project.update(headers=mock.auth_headers())
    return schemathesis.openapi.from_url(mock.url + SCHEMA_PATH, config=config, timeout=10)


@pytest.fixture(scope="module")
def fuzz_schema(fuzz_mock: LiveMock) -> Any:
    return load_schema(fuzz_mock)


def _is_admin(operation: Any) -> bool:
    return ADMIN_TAG in operation.definition.raw.get("tags", [])


def _fuzz_operation(
    operation: Any, mode: GenerationMode, send: Callable[[Any], None], max_examples: int = MAX_EXAMPLES
) -> int:
    """Run ``send`` on up to ``max_examples`` generated cases of ``operation``; how many were sent."""
    sent = Counter()

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=max_examples,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        sent["cases"] += 1
        send(case)

    run()
    return sent["cases"]


def test_admin_operations_are_documented_as_test_control_only() -> None:
    """The OpenAPI lists /__admin operations; each is tagged admin and needs the admin bearer scheme."""
    paths = openapi_document()["paths"]
    admin_operations = [(path, ops) for path, ops in paths.items() if path.startswith("/__admin")]
    assert admin_operations, "expected the /__admin operations in the OpenAPI document, found none"
    for path, operations in admin_operations:
        for method, operation in operations.items():
            assert operation["tags"] == [ADMIN_TAG], f"{method.upper()} {path}: expected tags [admin], got {operation}"
            assert operation["security"] == [{"adminBearer": []}], (
                f"{method.upper()} {path}: expected security adminBearer, got {operation.get('security')}"
            )
    for path, operations in paths.items():
        for method, operation in operations.items():
            if method != "parameters" and not path.startswith("/__admin"):
                assert ADMIN_TAG not in operation["tags"], f"{method.upper()} {path} is tagged admin"


def test_fuzzing_every_rest_operation_finds_no_failure(fuzz_mock: LiveMock, fuzz_schema: Any) -> None:
    """At least MIN_REQUESTS generated requests over every REST operation, both modes, every check passing."""
    operations = [result.ok() for result in fuzz_schema.get_all_operations()]
    fuzzed = [operation for operation in operations if not _is_admin(operation)]
    documented = {
        f"{method.upper()} {path}"
        for path, ops in openapi_document()["paths"].items()
        for method in ops
        if method != "parameters" and not path.startswith("/__admin") and path != SCHEMA_PATH
    }
    assert {operation.label for operation in fuzzed} == documented, "fuzzed operations differ from the document"
    session = requests.Session()
    headers = fuzz_mock.auth_headers()

    def send(case: Any) -> None:
        case.call_and_validate(session=session, headers=headers, checks=CHECKS, timeout=15)

    counts: dict[str, int] = {}
    failures: list[str] = []
    started = time.monotonic()
    for operation in fuzzed:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            key = f"{operation.label} ({mode.value})"
            try:
                counts[key] = _fuzz_operation(operation, mode, send)
            except (Exception, FailureGroup) as error:  # every operation is fuzzed; failures are reported together
                if mode is GenerationMode.NEGATIVE and "Unable to satisfy assumptions" in str(error):
                    counts[key] = 0  # an operation without any input that can be made invalid
                    continue
                failures.append(f"{key}: {error}")
    elapsed = time.monotonic() - started
    session.close()
    summary = ", ".join(f"{key}: {count}" for key, count in counts.items())
    assert not failures, f"{len(failures)} fuzzing failure(s):\n" + "\n\n".join(failures)
    total = sum(counts.values())
    assert total >= MIN_REQUESTS, f"expected at least {MIN_REQUESTS} generated requests, sent {total}: {summary}"
    assert all(counts[f"{operation.label} (positive)"] > 0 for operation in fuzzed), summary
    assert elapsed < FUZZ_TIME_LIMIT_SECONDS, f"fuzzing took {elapsed:.1f} s, over {FUZZ_TIME_LIMIT_SECONDS:g} s"
    print(f"fuzzed {total} requests in {elapsed:.1f} s: {summary}")


def test_error_shape_check_rejects_a_non_contract_error(fuzz_mock: LiveMock) -> None:
    """The error-shape check used by the fuzzing is able to fail: an HTML 404 body is reported."""
    response = requests.Response()
    response.status_code = 404
    response.headers["Content-Type"] = "text/html"
    response.headers["X-Correlation-ID"] = "cid-1"
    response._content = b"<html>not found</html>"
    response.request = requests.Request("GET", fuzz_mock.url + "/api/v1/nowhere").prepare()
    assert contract_error_problems(response) == [
        f"GET {fuzz_mock.url}/api/v1/nowhere -> 404: expected Content-Type application/json, got text/html"
    ]
    response.headers["Content-Type"] = "application/json"
    response._content = b'{"error": {"code": "VALIDATION_FAILED", "message": "x", "details": [], "correlationId": "c"}}'
    problems = contract_error_problems(response)
    assert len(problems) == 2, problems
    assert "expected error.code in ['NOT_FOUND']" in problems[0]
    assert "correlationId" in problems[1]


def test_fuzzing_catches_errors_outside_the_contract(start_mock: MockStarter) -> None:
    """The fuzzing is able to fail: with defect html-error-page, invalid scoring requests get HTML errors."""
    mock = start_mock("--no-admin", "--defect", "html-error-page", token=new_token("fuzzhtml"))
    operation = next(
        result.ok() for result in load_schema(mock).get_all_operations() if result.ok().path == "/api/v1/score"
    )
    with requests.Session() as session:

        def send(case: Any) -> None:
            case.call_and_validate(session=session, headers=mock.auth_headers(), checks=CHECKS, timeout=15)

        with pytest.raises(FailureGroup, match=r"text/html"):
            _fuzz_operation(operation, GenerationMode.NEGATIVE, send, max_examples=10)


def test_results_page_limit_is_documented(fuzz_mock: LiveMock) -> None:
    """The mock's largest accepted ``page`` is the documented maximum: schema-valid pages are never refused."""
    response = requests.get(
        f"{fuzz_mock.url}/api/v1/batch-scoring/BAT-UNKNOWN/results",
        params={"page": MOCK_PAGE_LIMIT + 1},
        headers=fuzz_mock.auth_headers(),
        timeout=10,
    )
    assert response.status_code == 422, f"expected 422 for page {MOCK_PAGE_LIMIT + 1}, got {response.status_code}"
    assert response.json()["error"]["details"][0]["field"] == "page"
    schema = results_page_schema()
    assert schema.get("maximum") == MOCK_PAGE_LIMIT, (
        f"GET {RESULTS_PATH}: the mock refuses page {MOCK_PAGE_LIMIT + 1} with 422, so the documented page schema "
        f"should have maximum {MOCK_PAGE_LIMIT}; it is {schema}"
    )


def _validation_response(*details: tuple[str, str]) -> requests.Response:
    response = requests.Response()
    response.status_code = 422
    items = [{"field": field, "issue": issue, "message": "m"} for field, issue in details]
    response._content = json.dumps({"error": {"details": items}}).encode()
    return response


def test_exemption_covers_only_rules_beyond_json_schema() -> None:
    """Only ``wrong_type`` on ``30.0`` and a truly repeated batch transactionId are exempt."""
    wrong_type = _validation_response(("records[1].age", "wrong_type"))
    assert rejected_only_beyond_json_schema({"records": [{}, {"age": 30.0}]}, wrong_type)
    assert not rejected_only_beyond_json_schema({"records": [{}, {"age": 30.5}]}, wrong_type)
    assert not rejected_only_beyond_json_schema({"records": [{}, {"age": 30}]}, wrong_type)
    assert not rejected_only_beyond_json_schema({"age": 30.0}, _validation_response(("age", "out_of_range")))
    duplicate = _validation_response(("records[2].transactionId", "duplicate"))
    repeated = {"records": [{"transactionId": "TX-A"}, {"transactionId": "TX-B"}, {"transactionId": "TX-A"}]}
    distinct = {"records": [{"transactionId": "TX-A"}, {"transactionId": "TX-B"}, {"transactionId": "TX-C"}]}
    assert rejected_only_beyond_json_schema(repeated, duplicate)
    assert not rejected_only_beyond_json_schema(distinct, duplicate)
    both = _validation_response(("records[2].transactionId", "duplicate"), ("records[0].age", "missing"))
    assert not rejected_only_beyond_json_schema(repeated, both)


def test_value_at_reads_contract_field_paths() -> None:
    body = {"records": [{"age": 1}, {"age": 2, "nested": {"k": [5, 6]}}]}
    assert value_at(body, "records[1].age") == 2
    assert value_at(body, "records[1].nested.k[1]") == 6
    with pytest.raises(KeyError):
        value_at(body, "records[0].missing")
