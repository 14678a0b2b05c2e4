"""Parallel JSON requests: ordering, per-thread sessions, concurrency, transport failures and summaries."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from ScoringLibrary.core.parallel_requests import (
    ParallelResult,
    body_differences,
    describe_error,
    differing_fields,
    echo_problems,
    header_value,
    join_url,
    parse_json,
    post_json_in_parallel,
    status_counts,
    stored_response_problems,
    summarize_result,
    unexpected_results,
)


class _Recorder:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self.client_ports: set[int] = set()
        self.authorizations: list[str | None] = []


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    recorder: _Recorder

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_POST(self) -> None:
        recorder = self.server.recorder  # type: ignore[attr-defined]
        with recorder.lock:
            recorder.in_flight += 1
            recorder.max_in_flight = max(recorder.max_in_flight, recorder.in_flight)
            recorder.client_ports.add(self.client_address[1])
            recorder.authorizations.append(self.headers.get("Authorization"))
        try:
            payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            time.sleep(float(payload.get("sleep", 0.02)))
            if self.path == "/drop":
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            status = int(payload.get("status", 200))
            body = b"{not json" if self.path == "/broken" else json.dumps({"echo": payload}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        finally:
            with recorder.lock:
                recorder.in_flight -= 1


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Clients that gave up (timeouts) close their side; that is expected here."""


@pytest.fixture
def server() -> Iterator[tuple[str, _Recorder]]:
    httpd = _QuietServer(("127.0.0.1", 0), _Handler)
    httpd.recorder = _Recorder()  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", httpd.recorder  # type: ignore[attr-defined]
    httpd.shutdown()
    httpd.server_close()


def test_results_come_back_in_payload_order_with_parsed_bodies(server):
    url, _ = server
    payloads = [{"n": n, "sleep": 0.03 if n % 2 else 0.0} for n in range(12)]
    results = post_json_in_parallel(f"{url}/score", payloads, threads=4)
    assert [r.index for r in results] == list(range(12))
    assert [r.body["echo"]["n"] for r in results] == list(range(12))
    assert all(r.status == 200 and r.error is None and r.latency_ms > 0 for r in results)
    assert all(r.headers["Content-Type"] == "application/json" for r in results)
    assert json.loads(results[3].text) == results[3].body


def test_each_thread_uses_its_own_connection_and_requests_overlap(server):
    url, recorder = server
    results = post_json_in_parallel(url, [{"sleep": 0.1}] * 8, threads=4)
    assert len(results) == 8
    assert recorder.max_in_flight == 4
    assert len(recorder.client_ports) == 4


def test_one_thread_sends_one_request_at_a_time(server):
    url, recorder = server
    post_json_in_parallel(url, [{"sleep": 0.01}] * 5, threads=1)
    assert recorder.max_in_flight == 1
    assert len(recorder.client_ports) == 1


def test_headers_reach_every_request(server):
    url, recorder = server
    post_json_in_parallel(url, [{}] * 6, threads=3, headers={"Authorization": "Bearer syn-token-0001"})
    assert recorder.authorizations == ["Bearer syn-token-0001"] * 6


def test_error_statuses_and_non_json_bodies_are_results_not_exceptions(server):
    url, _ = server
    results = post_json_in_parallel(f"{url}/broken", [{"status": 500}, {"status": 409}], threads=2)
    assert [r.status for r in results] == [500, 409]
    assert all(r.body is None and r.text == "{not json" for r in results)


def test_timeout_is_reported_with_url_and_limit(server):
    url, _ = server
    [result] = post_json_in_parallel(f"{url}/slow", [{"sleep": 1.0}], threads=1, timeout=0.2)
    assert result.status is None
    assert result.error == f"timeout: no answer from POST {url}/slow within 0.2 s"
    assert result.latency_ms < 900


def test_dropped_connection_is_reported_as_connection_error(server):
    url, _ = server
    [result] = post_json_in_parallel(f"{url}/drop", [{"sleep": 0}], threads=1, timeout=5)
    assert result.status is None
    assert result.error.startswith(f"connection error on POST {url}/drop")


def test_refused_connection_is_reported_without_raising():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    [result] = post_json_in_parallel(f"http://127.0.0.1:{port}/x", [{}], threads=1, timeout=2)
    assert result.status is None
    assert "connection error" in result.error


@pytest.mark.parametrize("threads", [0, 65])
def test_thread_count_out_of_range_is_rejected(threads):
    with pytest.raises(ValueError, match=f"threads must be between 1 and 64, got {threads}"):
        post_json_in_parallel("http://127.0.0.1:9/x", [{}], threads=threads)


def test_timeout_must_be_positive():
    with pytest.raises(ValueError, match="timeout must be above 0 seconds"):
        post_json_in_parallel("http://127.0.0.1:9/x", [{}], timeout=0)


def test_no_payloads_sends_nothing():
    assert post_json_in_parallel("http://127.0.0.1:9/x", []) == []


def test_status_counts_accept_results_and_dicts():
    results = [
        ParallelResult(0, "u", 200, "{}", {}),
        ParallelResult(1, "u", 409, "{}", {}),
        ParallelResult(2, "u", None, "", None, error="timeout"),
    ]
    assert status_counts(results) == {"200": 1, "409": 1, "error": 1}
    assert status_counts([r.to_dict() for r in results]) == {"200": 1, "409": 1, "error": 1}


def test_unexpected_results_and_summary():
    results = [ParallelResult(i, "u", s, f'{{"n": {i}}}', {"n": i}).to_dict() for i, s in enumerate((200, 500, 200))]
    results.append(ParallelResult(3, "u", None, "", None, error="timeout: no answer").to_dict())
    wrong = unexpected_results(results, 200)
    assert [r["index"] for r in wrong] == [1, 3]
    assert summarize_result(wrong[0]) == '#1 500: {"n": 1}'
    assert summarize_result(wrong[1]) == "#3 timeout: no answer"


@pytest.mark.parametrize(
    ("base", "path", "expected"),
    [
        ("http://h:1", "/api/v1/score", "http://h:1/api/v1/score"),
        ("http://h:1/", "api/v1/score", "http://h:1/api/v1/score"),
        ("http://h:1/", "", "http://h:1/"),
    ],
)
def test_join_url(base, path, expected):
    assert join_url(base, path) == expected


def test_parse_json_returns_none_for_text():
    assert parse_json('{"a": 1}') == {"a": 1}
    assert parse_json("<html>") is None


def test_describe_error_names_kind_url_and_limit():

    assert (
        describe_error(requests.ReadTimeout("x"), "http://h/p", 0.5)
        == "timeout: no answer from POST http://h/p within 0.5 s"
    )
    assert describe_error(requests.ConnectionError("reset"), "http://h/p", 1).startswith("connection error on POST")
    assert describe_error(requests.TooManyRedirects("loop"), "http://h/p", 1).startswith("request error on POST")


def _result(index: int, body: dict | None, status: int | None = 200, **headers: str) -> dict:
    text = "" if body is None else json.dumps(body, separators=(",", ":"))
    return ParallelResult(index, "u", status, text, body, headers).to_dict()


def test_differing_fields_names_changed_added_and_removed_keys():
    assert differing_fields({"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 5, "d": 4}) == ["b", "c", "d"]
    assert differing_fields({"a": 1}, {"a": 1}) == []
    assert differing_fields([1], [2]) == ["$"]
    assert differing_fields("x", "x") == []


def test_body_differences_name_the_differing_fields_of_each_result():
    first = {"transactionId": "TX-1", "correlationId": "c1", "scoredAt": "t1"}
    same = dict(first)
    rescored = {**first, "correlationId": "c2", "scoredAt": "t2"}
    results = [_result(0, first), _result(1, same), _result(2, rescored)]
    assert body_differences(results) == ["#2 differs from #0 in correlationId, scoredAt"]
    assert body_differences([]) == []


def test_body_differences_report_formatting_and_missing_answers():
    body = {"a": 1}
    reformatted = ParallelResult(1, "u", 200, '{"a": 1}', body).to_dict()
    lost = ParallelResult(2, "u", None, "", None, error="timeout: no answer").to_dict()
    assert body_differences([_result(0, body), reformatted, lost]) == [
        "#1 differs from #0 in byte-level formatting only",
        "#2 has no body (timeout: no answer)",
    ]


def test_header_value_is_case_insensitive():
    result = _result(0, {}, **{"Idempotent-Replay": "true"})
    assert header_value(result, "idempotent-replay") == "true"
    assert header_value(result, "X-Other") is None


def test_echo_problems_find_swapped_and_missing_answers():
    payloads = [{"transactionId": "TX-1", "applicantId": "SYN-A"}, {"transactionId": "TX-2", "applicantId": "SYN-B"}]
    swapped = [_result(0, {"transactionId": "TX-2", "applicantId": "SYN-B"}), _result(1, None, status=500)]
    assert echo_problems(swapped, payloads, ["transactionId", "applicantId"]) == [
        "#0 transactionId: sent 'TX-1', answered 'TX-2'",
        "#0 applicantId: sent 'SYN-A', answered 'SYN-B'",
        "#1 has no JSON object body (status 500)",
    ]
    assert echo_problems([_result(0, payloads[0])], payloads, ["transactionId"]) == [
        "2 requests were sent but 1 results came back"
    ]
    assert echo_problems([_result(0, payloads[0])], payloads[:1], ["transactionId"]) == []


def test_stored_response_problems_find_rescored_missing_and_unexpected_rows():
    answered = [_result(0, {"transactionId": "TX-1", "correlationId": "c1"}), _result(1, {"transactionId": "TX-2"})]
    stored = {
        "TX-1": json.dumps({"transactionId": "TX-1", "correlationId": "c9"}, separators=(",", ":")),
        "TX-3": "{}",
    }
    assert stored_response_problems(stored, answered) == [
        "TX-1: stored response differs from the answer in correlationId",
        "TX-2: answered but not stored",
        "TX-3: stored but never answered",
    ]


def test_stored_response_problems_accept_exact_copies():
    answered = [_result(0, {"transactionId": "TX-1", "score": 700})]
    assert stored_response_problems({"TX-1": answered[0]["text"]}, answered) == []
    assert stored_response_problems({}, [_result(0, None, status=None)]) == [
        "#0 has no transactionId to look up (status None)"
    ]


def test_keyword_sends_the_secret_token_and_returns_plain_dicts(server, library):
    from robot.api.types import Secret

    url, recorder = server
    applicants = [{"transactionId": f"TX-{n}"} for n in range(4)]
    results = library.run_keyword(
        "Score Applicants In Parallel",
        [applicants, url],
        {"threads": 2, "token": Secret("syn-token-0002"), "path": "/s"},
    )
    assert [r["status"] for r in results] == [200] * 4
    assert [r["body"]["echo"] for r in results] == applicants
    assert recorder.authorizations == ["Bearer syn-token-0002"] * 4


def test_keyword_needs_a_target(library):
    with pytest.raises(AssertionError, match="Give the target as base_url"):
        library.run_keyword("Score Applicants In Parallel", [[{}]], {})


def test_status_keywords_pass_and_fail_with_counts(library):
    results = [_result(0, {"a": 1}), _result(1, {"a": 1}, status=409), _result(2, None, status=None)]
    library.run_keyword("Parallel Status Counts Should Be", [results], {"200": "1", "409": "1", "error": "1"})
    with pytest.raises(AssertionError, match=r"expected \{'200': 3\}, got \{'200': 1, '409': 1, 'error': 1\}"):
        library.run_keyword("Parallel Status Counts Should Be", [results], {"200": "3"})
    with pytest.raises(AssertionError, match=r"2 of 3 parallel requests did not answer 200 \(statuses 200: 1"):
        library.run_keyword("Parallel Results Should All Have Status", [results, 200], {})
    assert library.run_keyword("Count Parallel Results By Status", [results], {}) == {"200": 1, "409": 1, "error": 1}


def test_identical_bodies_and_replay_header_keywords(library):
    replays = [_result(0, {"a": 1}), _result(1, {"a": 1}, **{"Idempotent-Replay": "true"})]
    library.run_keyword("Parallel Results Should Have Identical Bodies", [replays], {})
    assert library.run_keyword("Count Parallel Results With Header", [replays, "idempotent-replay", "TRUE"], {}) == 1
    assert library.run_keyword("Count Parallel Results With Header", [replays, "Idempotent-Replay"], {}) == 1
    with pytest.raises(AssertionError, match="1 of 2 bodies differ from the first: #1 differs from #0 in a"):
        library.run_keyword("Parallel Results Should Have Identical Bodies", [[replays[0], _result(1, {"a": 2})]], {})
