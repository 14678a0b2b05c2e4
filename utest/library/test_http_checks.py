"""Checks of HTTP responses: status, JSON body, error shape, correlation id, differences."""

from __future__ import annotations

import pytest
from ScoringLibrary.core.http_checks import (
    correlation_problem,
    dict_differences,
    glob_missing,
    json_body,
    json_error_problem,
    listed,
    status_problem,
)

from utest.library.fakes import URL, FakeResponse


def error_response(status=422, code="VALIDATION_FAILED", details=(), correlation="c-1", header="c-1"):
    error = {"code": code, "message": "m", "correlationId": correlation, "details": list(details)}
    headers = {} if header is None else {"X-Correlation-ID": header}
    return FakeResponse(status, {"error": error}, headers=headers)


def test_status_problem_names_the_request_and_the_start_of_the_body():
    assert status_problem(FakeResponse(200, {}), 200) is None
    assert status_problem(FakeResponse(200, {}), "200") is None
    response = FakeResponse(500, text="x" * 400)
    assert status_problem(response, "200") == f"POST {URL}: expected status 200, got 500: {'x' * 300}"


def test_json_body_needs_the_media_type_and_a_parsable_body():
    assert json_body(FakeResponse(200, {"a": 1})) == {"a": 1}
    html = FakeResponse(500, text="<html>boom</html>", headers={"Content-Type": "text/html"})
    with pytest.raises(ValueError, match=rf"^POST {URL} \(status 500\): expected Content-Type application/json, got"):
        json_body(html)
    broken = FakeResponse(400, text="{not json")
    with pytest.raises(ValueError, match=r"body is not JSON \(JSONDecodeError: .*\); it starts with: \{not json$"):
        json_body(broken)


def test_correlation_problem():
    assert correlation_problem(error_response(), {"correlationId": "c-1"}) is None
    assert correlation_problem(error_response(header=None), {}) == "The error response has no X-Correlation-ID header"
    assert correlation_problem(error_response(header="c-2"), {"correlationId": "c-1"}) == (
        "error.correlationId 'c-1' differs from the X-Correlation-ID header 'c-2'"
    )
    assert "error.correlationId 'None' differs" in correlation_problem(error_response(), {})


def test_json_error_passes_and_returns_the_error_object():
    details = [{"field": "age", "issue": "out_of_range"}, {"field": "channel", "issue": "invalid_enum"}]
    response = error_response(details=details)
    problem, error = json_error_problem(response, 422, "VALIDATION_FAILED", ("age:out_of_range", "channel"), True)
    assert problem is None
    assert error["details"] == details


def test_json_error_reports_the_first_problem_in_order():
    details = [{"field": "age", "issue": "out_of_range"}]
    assert json_error_problem(error_response(details=details), 400, "X")[0].startswith(
        f"POST {URL}: expected status 400, got 422"
    )
    assert json_error_problem(error_response(), 422, "NOT_FOUND")[0] == (
        "Error response: $.error.code: expected NOT_FOUND, got 'VALIDATION_FAILED'"
    )
    missing_header = error_response(details=details, header=None)
    assert json_error_problem(missing_header, 422, "VALIDATION_FAILED", ("income",))[0] == (
        "The error response has no X-Correlation-ID header"
    )
    assert json_error_problem(error_response(details=details), 422, "VALIDATION_FAILED", ("income",))[0] == (
        "Error response: $.error.details: expected field income, got age:out_of_range"
    )
    two = [*details, {"field": "channel", "issue": "invalid_enum"}]
    assert json_error_problem(error_response(details=two), 422, "VALIDATION_FAILED", ("age",), True)[0] == (
        "error.details: expected exactly the fields ['age'], got ['age', 'channel']"
    )
    html = FakeResponse(422, text="<html/>", headers={"Content-Type": "text/html"})
    assert "expected Content-Type application/json" in json_error_problem(html, 422, "VALIDATION_FAILED")[0]


def test_dict_differences_name_values_and_keys():
    assert dict_differences({"a": 1, "b": [1]}, {"a": 1.0, "b": [1]}) == []
    assert dict_differences({"a": 2, "x": None}, {"a": 1, "c": "z"}) == [
        "a: expected 1, got 2",
        "missing keys c",
        "unexpected keys x",
    ]


def test_listing_and_glob_matching():
    assert listed(["a", "b", "c"], 2) == "a; b; and 1 more"
    assert listed(["a"], 2) == "a"
    named = ["age:out_of_range", "channel:invalid_enum"]
    assert glob_missing(named, ["age", "channel:invalid_enum", "age:missing", "income"]) == ["age:missing", "income"]
