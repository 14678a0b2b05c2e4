"""Load plans, Locust command lines, load shapes, the scenario payloads and their response checks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from ScoringLibrary.core import locust_payloads as payloads
from ScoringLibrary.core.locust_command import (
    LOCUSTFILE_DIR,
    SCENARIOS,
    TOKEN_ENV,
    build_plan,
    child_environment,
    display,
    master_command,
    standalone_command,
    whole_seconds,
    worker_command,
)
from ScoringLibrary.core.locust_process import workers_connected
from ScoringLibrary.core.locust_shapes import spike_baseline, target_load

from mock.scorecard import ModelRegistry
from mock.soap.documents import SCHEMA
from mock.soap.envelope import read_request_element, render_response
from mock.validation import validate_batch_request, validate_score_request

ROOT = Path(__file__).resolve().parents[2]
SOAP_NAMESPACE = "http://scoregate.example.com/scoring/v1"


def plan(tmp_path: Path, **overrides):
    arguments = {
        "target_url": "http://127.0.0.1:8089/",
        "scenario": "realtime_rest",
        "users": 5,
        "spawn_rate": 2.5,
        "duration_s": 4.2,
        "shape": "Spike",
        "csv_prefix": tmp_path / "run",
    }
    arguments.update(overrides)
    return build_plan(**arguments)


def test_every_scenario_has_its_locustfile() -> None:
    for name in SCENARIOS:
        assert (LOCUSTFILE_DIR / SCENARIOS[name]).is_file(), name


def test_plan_normalises_and_rounds_up(tmp_path: Path) -> None:
    built = plan(tmp_path)
    assert built.target_url == "http://127.0.0.1:8089"
    assert built.duration_s == 5
    assert built.shape == "spike"
    assert built.locustfile == LOCUSTFILE_DIR / "realtime_rest.py"
    assert whole_seconds(4.0) == 4


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"scenario": "graphql"}, "scenario must be one of realtime_rest, realtime_soap, batch"),
        ({"target_url": "127.0.0.1:8089"}, "target URL must start with http:// or https://"),
        ({"users": 0}, "users must be at least 1, got 0"),
        ({"spawn_rate": 0}, "spawn rate must be above 0"),
        ({"duration_s": 0}, "duration must be a positive number of seconds, got 0"),
        ({"shape": "ramp"}, "load shape must be one of sustained, spike, step, got 'ramp'"),
        ({"batch_size": 0}, "batch size must be 1..100000 records, got 0"),
        ({"locustfile": "/nonexistent/locustfile.py"}, "locustfile /nonexistent/locustfile.py"),
    ],
)
def test_invalid_plans_name_the_argument(tmp_path: Path, overrides: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace(".", r"\.").replace("+", r"\+")):
        plan(tmp_path, **overrides)


def test_commands_are_headless_with_full_csv_history_and_never_hold_the_token(tmp_path: Path) -> None:
    built = plan(tmp_path)
    standalone = standalone_command(built, "/usr/bin/python3")
    assert standalone[:3] == ["/usr/bin/python3", "-m", "locust"]
    line = display(standalone)
    for part in ("--headless", "-u 5", "-r 2.5", "-t 5s", f"--csv {tmp_path / 'run'}", "--csv-full-history"):
        assert part in line
    assert "--only-summary" in standalone
    master = master_command(built, "python", 2, 45557)
    assert "--master" in master
    assert master[master.index("--expect-workers") + 1] == "2"
    assert master[master.index("--master-bind-port") + 1] == "45557"
    worker = worker_command(built, "python", 45557, "10.0.0.5")
    assert worker[worker.index("--master-host") + 1] == "10.0.0.5"
    assert "--csv" not in worker
    with pytest.raises(ValueError, match=r"workers must be 1\.\.64, got 0"):
        master_command(built, "python", 0, 1)


def test_token_travels_in_the_environment_only(tmp_path: Path) -> None:
    built = plan(tmp_path)
    env = child_environment({"PATH": "/bin", TOKEN_ENV: "inherited-token"}, built, "SGTload1234567890")
    assert env[TOKEN_ENV] == "SGTload1234567890"
    assert env["SCOREGATE_LOAD_SHAPE"] == "spike"
    assert env["SCOREGATE_PACING"] == "0.1"
    assert "SGTload1234567890" not in display(standalone_command(built, "python"))
    assert TOKEN_ENV not in child_environment({TOKEN_ENV: "inherited-token"}, built, "")
    assert child_environment({TOKEN_ENV: "inherited-token"}, built, None)[TOKEN_ENV] == "inherited-token"


def test_sustained_shape_holds_until_the_run_time() -> None:
    assert target_load("sustained", 0, 5, 2, 10) == (5, 2.0)
    assert target_load("sustained", 9.9, 5, 2, 10) == (5, 2.0)
    assert target_load("sustained", 10, 5, 2, 10) is None
    assert target_load("sustained", 1000, 5, 2, None) == (5, 2.0)


def test_spike_shape_runs_a_fifth_then_all_users_in_the_middle_third() -> None:
    counts = [target_load("spike", second, 10, 2, 9) for second in range(10)]
    assert [count[0] if count else None for count in counts] == [2, 2, 2, 10, 10, 10, 2, 2, 2, None]
    assert all(count[1] >= 10 for count in counts if count)
    assert spike_baseline(3) == 1


def test_step_shape_climbs_in_equal_steps() -> None:
    counts = [target_load("step", second, 10, 5, 8, steps=4)[0] for second in range(8)]
    assert counts == [3, 3, 5, 5, 8, 8, 10, 10]
    with pytest.raises(ValueError, match="step count must be at least 1"):
        target_load("step", 0, 10, 5, 8, steps=0)


def test_score_requests_are_valid_unique_and_cover_every_decision() -> None:
    registry = ModelRegistry.load()
    requests = [payloads.score_request(index, "0A1B2C3D") for index in range(300)]
    for request in requests:
        assert validate_score_request(request) == [], request
        assert request["applicantId"].startswith("SYN-")
    assert len({request["transactionId"] for request in requests}) == 300
    decisions = Counter(registry.get(None).score(request).decision for request in requests)
    assert set(decisions) == {"APPROVE", "REFER", "DECLINE"}, decisions


def test_batch_bodies_are_valid_submissions() -> None:
    body = payloads.batch_body(1000, 25, payloads.new_run_tag())
    assert validate_batch_request(body) == []
    assert len(body["records"]) == 25
    with pytest.raises(ValueError, match="batch size must be at least 1"):
        payloads.batch_body(0, 0, "TAG00000")


def test_soap_envelope_passes_the_published_xsd() -> None:
    element = read_request_element(payloads.soap_envelope(payloads.score_request(7, "0A1B2C3D")))
    SCHEMA.assertValid(element)


def test_rest_response_checks() -> None:
    good = {"transactionId": "LDX-1", "score": 712, "decision": "APPROVE"}
    assert payloads.rest_score_problem(200, json.dumps(good), "LDX-1") is None
    error = json.dumps({"error": {"code": "UNAUTHORIZED"}})
    assert payloads.rest_score_problem(401, error, "LDX-1") == "POST /api/v1/score: expected 200, got 401 UNAUTHORIZED"
    assert "integer score" in payloads.rest_score_problem(200, json.dumps({**good, "score": "712"}), "LDX-1")
    assert payloads.rest_score_problem(200, json.dumps(good), "LDX-2") == (
        "POST /api/v1/score: expected transactionId LDX-2, got 'LDX-1'"
    )
    assert "expected a JSON object" in payloads.rest_score_problem(200, "<html>", "LDX-1")


def test_soap_response_checks() -> None:
    response = {"transactionId": "LDX-1", "score": 640, "decision": "REFER", "reasonCodes": [], "policyRule": None}
    text = render_response(response, SOAP_NAMESPACE).decode()
    assert payloads.soap_score_problem(200, text) is None
    fault = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>'
        "<faultcode>soap:Client</faultcode><faultstring>Unauthorized</faultstring></soap:Fault></soap:Body>"
        "</soap:Envelope>"
    )
    assert payloads.soap_score_problem(401, fault) == (
        "ScoreApplicant: expected a response, got a SOAP Fault soap:Client (HTTP 401)"
    )
    assert "expected a <score>" in payloads.soap_score_problem(200, text.replace("<score>640", "<score>9999"))


def test_batch_response_checks() -> None:
    assert payloads.batch_submit_problem(202, json.dumps({"batchId": "BAT-1"})) == ("BAT-1", None)
    assert payloads.batch_submit_problem(422, "{}")[1] == "POST /api/v1/batch-scoring: expected 202, got 422"
    assert payloads.batch_status_of(200, json.dumps({"status": "RUNNING"})) == ("RUNNING", None)
    assert "expected a status" in payloads.batch_status_of(200, json.dumps({"status": "DONE"}))[1]
    page = {"totalRecords": 25, "results": [{}] * 25}
    assert payloads.batch_results_problem(200, json.dumps(page), 25, 25) is None
    short = {"totalRecords": 25, "results": [{}] * 24}
    assert payloads.batch_results_problem(200, json.dumps(short), 25, 25).endswith(
        "expected 25 results on page 1, got 24"
    )


def test_workers_connected_reads_the_highest_count() -> None:
    log = (
        "... (index 0) reported as ready. 1 workers connected.\n... (index 1) reported as ready. 2 workers connected.\n"
    )
    assert workers_connected(log) == 2
    assert workers_connected("Gave up waiting for workers to connect") == 0


def test_importing_the_library_loads_neither_locust_nor_gevent() -> None:
    code = (
        "import sys; sys.path.insert(0, 'libraries'); import ScoringLibrary; ScoringLibrary.ScoringLibrary(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('locust', 'gevent')))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True, env=dict(os.environ)
    ).stdout
    assert output.strip() == "[]"
