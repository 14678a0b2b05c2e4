"""Keywords that send requests through RequestsLibrary and SudsLibrary, with both libraries replaced by fakes."""

from __future__ import annotations

import json

import pytest
from robot.libraries.BuiltIn import BuiltIn
from ScoringLibrary.core.soap_request import score_envelope

from utest.library.fakes import URL, FakeResponse

NS = "http://scoregate.example.com/scoring/v1"


class FakeRequestsLibrary:
    """``<method>_on_session`` like RequestsLibrary's, answering from ``answer(method, url, kwargs)``."""

    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def _send(self, method, alias, url, expected_status=None, **kwargs):
        self.calls.append((method, alias, url, kwargs))
        response = self.answer(method, url, kwargs)
        if expected_status not in (None, "any") and response.status_code != int(expected_status):
            raise AssertionError(f"Url: {response.url} Expected status: {response.status_code} != {expected_status}")
        return response

    def post_on_session(self, alias, url, data=None, json=None, expected_status=None, **kwargs):
        return self._send("POST", alias, url, expected_status, data=data, json=json, **kwargs)

    def get_on_session(self, alias, url, params=None, expected_status=None, **kwargs):
        return self._send("GET", alias, url, expected_status, **kwargs)


class FakeSudsLibrary:
    def __init__(self, answer):
        self.answer = answer
        self.calls = []

    def call_soap_method(self, name, *args):
        self.calls.append((name, args))
        return self.answer(name, args)


@pytest.fixture
def libraries(monkeypatch):
    installed = {}
    monkeypatch.setattr(BuiltIn, "get_library_instance", lambda self, name: installed[name])
    return installed


def body_of(applicant, **changes):
    return {"transactionId": applicant["transactionId"], "score": 700, "decision": "APPROVE", **changes}


APPLICANTS = [{"transactionId": f"TX-{n}", "age": 30 + n} for n in range(1, 4)]


def test_applicants_are_scored_one_by_one_on_the_session(library, libraries):
    fake = libraries["RequestsLibrary"] = FakeRequestsLibrary(lambda m, u, kw: FakeResponse(200, body_of(kw["json"])))
    bodies = library.run_keyword("Score Applicants One By One", [APPLICANTS], {"session": "s1"})
    assert [b["transactionId"] for b in bodies] == ["TX-1", "TX-2", "TX-3"]
    assert [(c[0], c[1], c[2]) for c in fake.calls] == [("POST", "s1", "/api/v1/score")] * 3


def test_a_failing_call_names_the_applicant(library, libraries):
    libraries["RequestsLibrary"] = FakeRequestsLibrary(
        lambda m, u, kw: FakeResponse(500 if kw["json"]["transactionId"] == "TX-2" else 200, {})
    )
    with pytest.raises(AssertionError, match=r"^POST /api/v1/score of TX-2: Url: .* Expected status: 500 != 200$"):
        library.run_keyword("Score Applicants One By One", [APPLICANTS], {})


def test_stored_decisions_are_all_read_before_failing(library, libraries):
    bodies = [body_of(a) for a in APPLICANTS]

    def answer(method, url, kwargs):
        transaction_id = url.rsplit("/", 1)[-1]
        stored = {**body_of({"transactionId": transaction_id}), "interface": "REST"}
        if transaction_id == "TX-2":
            stored["score"] = 701
        if transaction_id == "TX-3":
            stored["interface"] = "SOAP"
        return FakeResponse(200, stored, method="GET")

    libraries["RequestsLibrary"] = FakeRequestsLibrary(answer)
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Decisions API Should Return Responses", [bodies, "REST"], {})
    assert str(failure.value) == (
        "2 of 3 stored decisions differ from the REST responses: "
        "decisions/TX-2: differs from the REST response: score: expected 700, got 701; "
        "decisions/TX-3: expected interface REST, got SOAP"
    )
    libraries["RequestsLibrary"] = FakeRequestsLibrary(
        lambda m, u, kw: FakeResponse(200, {**body_of({"transactionId": u.rsplit("/", 1)[-1]}), "interface": "REST"})
    )
    library.run_keyword("Decisions API Should Return Responses", [bodies, "REST"], {})


def test_rest_replays_need_the_replay_header_and_the_stored_body(library, libraries):
    bodies = [body_of(a) for a in APPLICANTS]

    def answer(method, url, kwargs):
        transaction_id = kwargs["json"]["transactionId"]
        headers = {} if transaction_id == "TX-1" else {"Idempotent-Replay": "true"}
        score = 650 if transaction_id == "TX-3" else 700
        return FakeResponse(200, body_of(kwargs["json"], score=score), headers=headers)

    libraries["RequestsLibrary"] = FakeRequestsLibrary(answer)
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Replays Should Return Stored Responses", ["REST", APPLICANTS, bodies], {})
    assert str(failure.value) == (
        "2 of 3 REST replays do not return the stored decision: "
        "REST replay of TX-1: Idempotent-Replay header is None, expected true; "
        "REST replay of TX-3: differs from the stored decision: score: expected 700, got 650"
    )


def test_soap_replays_and_soap_scoring_use_the_suds_client(library, libraries):
    def answer(name, args):
        fields = {"transactionId": args[0], "score": 700, "decision": "APPROVE"}
        return score_envelope(fields, NS, "s", element="ScoreApplicantResponse")

    suds = libraries["SudsLibrary"] = FakeSudsLibrary(answer)
    fields = ["transactionId", "age", "modelCode"]
    bodies = library.run_keyword("Score Applicants With SOAP Client", [APPLICANTS, fields], {})
    assert bodies == [{**body_of(a), "policyRule": None} for a in APPLICANTS]
    assert suds.calls[0] == ("ScoreApplicant", ("TX-1", 31))
    library.run_keyword("Replays Should Return Stored Responses", ["SOAP", APPLICANTS, bodies], {"soap_fields": fields})
    changed = [*bodies[:2], {**bodies[2], "score": 1}]
    with pytest.raises(AssertionError, match=r"^1 of 3 SOAP replays .*: SOAP replay of TX-3: differs .*score"):
        library.run_keyword(
            "Replays Should Return Stored Responses", ["SOAP", APPLICANTS, changed], {"soap_fields": fields}
        )


def test_a_soap_fault_from_the_client_names_the_applicant(library, libraries):
    def answer(name, args):
        raise RuntimeError("Server raised fault: 'Invalid request'")

    libraries["SudsLibrary"] = FakeSudsLibrary(answer)
    with pytest.raises(AssertionError, match=r"^SOAP ScoreApplicant of TX-1: Server raised fault: 'Invalid request'$"):
        library.run_keyword("Score Applicant With SOAP Client", [APPLICANTS[0], ["transactionId"]], {})


def test_burst_records_every_latency_and_checks_each_status(library, libraries):
    fake = libraries["RequestsLibrary"] = FakeRequestsLibrary(lambda m, u, kw: FakeResponse(200, {}, elapsed_ms=20))
    recorded = library.run_keyword(
        "Record Latencies Of Session Requests", ["rest", "POST", "/api/v1/score", APPLICANTS], {"limit_ms": 100.0}
    )
    assert recorded == 3
    assert library.latencies["rest"].values == [20.0, 20.0, 20.0]
    assert fake.calls[0][3]["json"] == APPLICANTS[0]
    libraries["RequestsLibrary"] = FakeRequestsLibrary(lambda m, u, kw: FakeResponse(503, text="busy", url=URL + "/x"))
    with pytest.raises(AssertionError, match=rf"^POST {URL}/x: expected status 200, got 503: busy$"):
        library.run_keyword("Record Latencies Of Session Requests", ["rest", "POST", "/api/v1/score", APPLICANTS], {})


def test_burst_stops_once_the_percentile_cannot_meet_the_limit(library, libraries, monkeypatch):
    warnings = []
    monkeypatch.setattr("ScoringLibrary.base.logger.warn", warnings.append)
    libraries["RequestsLibrary"] = FakeRequestsLibrary(lambda m, u, kw: FakeResponse(200, {}, elapsed_ms=300))
    items = [{"transactionId": f"TX-{n}"} for n in range(20)]
    recorded = library.run_keyword(
        "Record Latencies Of Session Requests", ["slow", "POST", "/api/v1/score", items], {"limit_ms": 100.0}
    )
    assert recorded == 2
    assert warnings == ["2 of 20 calls exceeded 100 ms: the p95 cannot meet it; burst stopped."]


def test_burst_by_path_and_by_raw_body(library, libraries):
    fake = libraries["RequestsLibrary"] = FakeRequestsLibrary(lambda m, u, kw: FakeResponse(200, {}))
    library.run_keyword(
        "Record Latencies Of Session Requests",
        ["lookup", "GET", "/api/v1/decisions/", ["TX-1", "TX-2"]],
        {"send_as": "path"},
    )
    assert [c[2] for c in fake.calls] == ["/api/v1/decisions/TX-1", "/api/v1/decisions/TX-2"]
    library.run_keyword(
        "Record Latencies Of Session Requests",
        ["soap", "POST", "http://h/soap", ["<a>é</a>"]],
        {"send_as": "data", "headers": {"SOAPAction": '"x"'}},
    )
    assert fake.calls[-1][3] == {"data": "<a>é</a>".encode(), "json": None, "headers": {"SOAPAction": '"x"'}}


def test_parallel_latencies_and_bodies(library):
    results = [{"index": 0, "latencyMs": 12.5, "body": {"a": 1}}, {"index": 1, "latencyMs": 7, "body": None}]
    library.run_keyword("Record Latencies Of Parallel Results", [results, "parallel"], {})
    assert library.latencies["parallel"].values == [12.5, 7.0]
    assert library.run_keyword("Parallel Result Bodies", [results], {}) == [{"a": 1}, None]
    with pytest.raises(AssertionError, match="Parallel result 1: no latency to record"):
        library.run_keyword("Record Latencies Of Parallel Results", [[{"index": 1}], "parallel"], {})


def test_raw_request_text_and_json_values(library):
    text = library.run_keyword(
        "Request Text With Raw JSON Value", [{"transactionId": "TX-1", "age": 3}, "age", "NaN"], {}
    )
    assert text == '{"transactionId": "TX-1", "age": NaN}'
    applicant = library.run_keyword(
        "Applicant With JSON Values",
        [{"age": 1}],
        {"text_fields": "employmentStatus,modelCode", "age": "62", "employmentStatus": "retired", "modelCode": "m2"},
    )
    assert applicant == {"age": 62, "employmentStatus": "retired", "modelCode": "m2"}
    assert json.loads(library.run_keyword("Request Text With Raw JSON Value", [{}, "x", "[1]"], {})) == {"x": [1]}
