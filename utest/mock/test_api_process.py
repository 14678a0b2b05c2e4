"""The real ``python -m mock`` process: start-up line, shutdown, CLI options, logs, concurrency and drops."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

from mock.defects import list_defects_text

ROOT = Path(__file__).resolve().parents[2]


def test_listening_line_health_and_sigterm(mock_starter):
    mock = mock_starter()
    assert mock.url.startswith("http://127.0.0.1:")
    health = requests.get(f"{mock.url}/health", timeout=5)
    assert health.status_code == 200
    assert health.json()["status"] == "UP"
    mock.process.send_signal(signal.SIGTERM)
    assert mock.process.wait(timeout=15) == 0
    assert mock.process.stdout.read() == ""


def test_sigint_stops_cleanly(mock_starter):
    mock = mock_starter()
    mock.process.send_signal(signal.SIGINT)
    assert mock.process.wait(timeout=15) == 0


def test_log_lines_are_json_without_bodies(mock_starter, applicant):
    mock = mock_starter()
    request = applicant(1, "TX-LOG")
    requests.post(f"{mock.url}/api/v1/score", json=request, headers={"X-Correlation-ID": "log-corr-1"}, timeout=5)
    requests.get(f"{mock.url}/nowhere", timeout=5)
    mock.process.send_signal(signal.SIGTERM)
    mock.process.wait(timeout=15)
    lines = mock.log_lines()
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("POST", "/api/v1/score", 200),
        ("GET", "/nowhere", 404),
    ]
    assert set(lines[0]) == {"ts", "method", "path", "status", "durationMs", "correlationId"}
    assert lines[0]["correlationId"] == "log-corr-1"
    assert isinstance(lines[0]["durationMs"], float)
    assert request["applicantId"] not in mock.log_path.read_text()


def test_log_goes_to_stderr_without_log_file():
    process = subprocess.Popen(
        [sys.executable, "-m", "mock", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = process.stdout.readline().split()[-1]
    requests.get(f"{url}/health", headers={"X-Correlation-ID": "stderr-corr"}, timeout=5)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0
    records = [json.loads(line) for line in stderr.splitlines()]
    request_lines = [(r["path"], r["correlationId"]) for r in records if "method" in r]
    assert request_lines == [("/health", "stderr-corr")], stderr


def test_list_defects_and_unknown_defect():
    listed = subprocess.run([sys.executable, "-m", "mock", "--list-defects"], cwd=ROOT, capture_output=True, text=True)
    assert listed.returncode == 0
    assert listed.stdout.strip() == list_defects_text()
    bad = subprocess.run(
        [sys.executable, "-m", "mock", "--defect", "pii-echo,not-a-defect"], cwd=ROOT, capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert "not-a-defect" in bad.stderr and "pii-echo" in bad.stderr
    assert bad.stdout == ""


def test_command_line_options(mock_starter, applicant):
    mock = mock_starter(
        "--defect", "pii-echo", "--defect", "lost-write,review-reopen", "--no-admin", "--rate-limit", "2"
    )
    assert requests.get(f"{mock.url}/health", timeout=5).json()["defects"] == [
        "lost-write",
        "pii-echo",
        "review-reopen",
    ]
    assert requests.get(f"{mock.url}/__admin/defect", timeout=5).status_code == 404
    statuses = [
        requests.post(f"{mock.url}/api/v1/score", json=applicant(i, "TX-RL"), timeout=5).status_code for i in range(4)
    ]
    assert statuses[:2] == [200, 200] and 429 in statuses[2:]


def test_tokens_from_the_environment(mock_starter, applicant):
    mock = mock_starter(env={"SCORING_MOCK_TOKEN": "proc-token", "SCORING_MOCK_ADMIN_TOKEN": "proc-admin"})
    url = f"{mock.url}/api/v1/score"
    assert requests.post(url, json=applicant(1), timeout=5).status_code == 401
    ok = requests.post(url, json=applicant(1), headers={"Authorization": "Bearer proc-token"}, timeout=5)
    assert ok.status_code == 200
    assert requests.get(f"{mock.url}/__admin/faults", timeout=5).status_code == 401
    admin = requests.get(f"{mock.url}/__admin/faults", headers={"Authorization": "Bearer proc-admin"}, timeout=5)
    assert admin.status_code == 200
    soap = requests.post(f"{mock.url}/soap/realtime-scoring", data="<x/>", headers={"Content-Type": "text/xml"})
    assert soap.status_code == 401 and b"Fault" in soap.content


def _run_threads(count: int, target) -> None:
    threads = [threading.Thread(target=target, args=(slot,)) for slot in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)


def test_concurrent_unique_requests_all_persist(mock_process, applicant):
    statuses: list[int] = []

    def worker(slot: int) -> None:
        with requests.Session() as session:
            for i in range(25):
                request = applicant(slot * 100 + i, "TX-CC")
                statuses.append(session.post(f"{mock_process.url}/api/v1/score", json=request, timeout=10).status_code)

    _run_threads(8, worker)
    assert statuses == [200] * 200
    with sqlite3.connect(mock_process.db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM decisions WHERE transaction_id LIKE 'TX-CC-%'").fetchone() == (200,)


def test_concurrent_identical_requests_make_one_decision(mock_process, applicant, refer_fields):
    request = applicant(1, "TX-SAME", **refer_fields)
    answers: list[tuple[int, bytes, str | None]] = []
    barrier = threading.Barrier(8)

    def worker(slot: int) -> None:
        barrier.wait()
        response = requests.post(f"{mock_process.url}/api/v1/score", json=request, timeout=10)
        answers.append((response.status_code, response.content, response.headers.get("Idempotent-Replay")))

    _run_threads(8, worker)
    assert [a[0] for a in answers] == [200] * 8
    assert len({a[1] for a in answers}) == 1
    assert sorted(a[2] or "" for a in answers) == [""] + ["true"] * 7
    with sqlite3.connect(mock_process.db_path) as conn:
        assert conn.execute(
            "SELECT COUNT(*) FROM decisions WHERE transaction_id = ?", (request["transactionId"],)
        ).fetchone() == (1,)
        assert conn.execute(
            "SELECT COUNT(*) FROM reviews WHERE transaction_id = ?", (request["transactionId"],)
        ).fetchone() == (1,)


def test_drop_fault_breaks_the_connection(mock_process, applicant):
    rule = requests.post(
        f"{mock_process.url}/__admin/faults", json={"path": "/api/v1/score", "type": "drop", "count": 1}, timeout=5
    )
    assert rule.status_code == 201
    request = applicant(1, "TX-DROP")
    with pytest.raises((requests.exceptions.ConnectionError, requests.exceptions.ChunkedEncodingError)):
        requests.post(f"{mock_process.url}/api/v1/score", json=request, timeout=10)
    retry = requests.post(f"{mock_process.url}/api/v1/score", json=request, timeout=10)
    assert retry.status_code == 200
    assert retry.headers["Idempotent-Replay"] == "true"


def test_malformed_fault_over_http(mock_process):
    requests.post(f"{mock_process.url}/__admin/faults", json={"path": "/health", "type": "malformed", "count": 1})
    response = requests.get(f"{mock_process.url}/health", timeout=5)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/json"
    with pytest.raises(requests.exceptions.JSONDecodeError):
        response.json()


STARTUP_PROBE = """
import sys
from mock.__main__ import create_app
from mock.config import MockConfig

create_app(MockConfig(db_path=sys.argv[1]))
print(" ".join(sorted(set(sys.argv[2:]) & set(sys.modules))))
"""
ON_FIRST_USE = ("prometheus_client", "lxml.etree", "defusedxml", "mock.openapi", "mock.soap.documents")


def test_startup_leaves_the_xml_stack_metrics_and_openapi_to_their_first_request(tmp_path):
    probe = [sys.executable, "-c", STARTUP_PROBE, str(tmp_path / "probe.db"), *ON_FIRST_USE]
    result = subprocess.run(probe, cwd=ROOT, capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.split() == [], f"imported while the app was created: {result.stdout.strip()}"


def test_first_request_of_each_kind_answers_on_a_fresh_process(mock_starter, applicant):
    mock = mock_starter()
    soap_ns, scoring_ns = "http://schemas.xmlsoap.org/soap/envelope/", "http://scoregate.example.com/scoring/v1"
    inner = "".join(f"<s:{name}>{value}</s:{name}>" for name, value in applicant(1, "TX-FIRST").items())
    envelope = (
        f'<e:Envelope xmlns:e="{soap_ns}"><e:Body><s:ScoreApplicantRequest xmlns:s="{scoring_ns}">{inner}'
        "</s:ScoreApplicantRequest></e:Body></e:Envelope>"
    )
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{scoring_ns}/ScoreApplicant"'}
    soap = requests.post(f"{mock.url}/soap/realtime-scoring", data=envelope, headers=headers, timeout=10)
    assert soap.status_code == 200, soap.text
    assert "ScoreApplicantResponse" in soap.text
    wsdl = requests.get(f"{mock.url}/soap/realtime-scoring?wsdl", timeout=10)
    assert wsdl.status_code == 200
    assert f'location="{mock.url}/soap/realtime-scoring"' in wsdl.text
    openapi = requests.get(f"{mock.url}/openapi.json", timeout=10)
    assert openapi.status_code == 200
    assert openapi.json()["openapi"].startswith("3.1")
    metrics = requests.get(f"{mock.url}/metrics", timeout=10)
    assert metrics.status_code == 200
    assert 'scoring_requests_total{endpoint="/soap/realtime-scoring",method="POST",status="200"} 1.0' in metrics.text
    assert 'scoring_decisions_total{decision="APPROVE",model_code="credit_risk_v1"} 1.0' in metrics.text
