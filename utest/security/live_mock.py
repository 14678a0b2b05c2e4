"""A real ``python -m mock`` process for the security and reliability tests.

``start_live_mock`` launches the mock on a free port with its own SQLite file, the environment the test asks
for (tokens) and stderr (its JSON request log) written to a file, waits for the
``SCORING MOCK LISTENING <url>`` line and returns a ``LiveMock``; ``stop_live_mock`` sends SIGTERM.
"""

from __future__ import annotations

import os
import secrets
import select
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

ROOT = Path(__file__).resolve().parents[2]
LISTENING_PREFIX = "SCORING MOCK LISTENING "
START_TIMEOUT_SECONDS = 30.0
STOP_TIMEOUT_SECONDS = 15.0
TOKEN_ENV = "SCORING_MOCK_TOKEN"
ADMIN_TOKEN_ENV = "SCORING_MOCK_ADMIN_TOKEN"
SOAP_PATH = "/soap/realtime-scoring"
SOAP_ACTION = "http://scoregate.example.com/scoring/v1/ScoreApplicant"
SCORING_NS = "http://scoregate.example.com/scoring/v1"
SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
REQUEST_FIELDS = (
    "transactionId",
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
)


def new_token(label: str) -> str:
    """A random bearer token that is easy to find in any output: ``SGT<label>`` plus 40 hex characters."""
    return f"SGT{label}{secrets.token_hex(20)}"


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of ``token`` (empty for no token)."""
    return {"Authorization": f"Bearer {token}"} if token else {}


@dataclass
class LiveMock:
    """A running mock process: its URL, database file, stderr log file and tokens."""

    process: subprocess.Popen
    url: str
    db_path: Path
    stderr_path: Path
    token: str = ""
    admin_token: str = ""
    sessions: list[requests.Session] = field(default_factory=list)

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_kib(self) -> int:
        """The resident set size of the mock process (VmRSS of /proc/<pid>/status), in KiB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise AssertionError(f"/proc/{self.pid}/status has no VmRSS line; is the mock (pid {self.pid}) running?")

    def auth_headers(self) -> dict[str, str]:
        return bearer(self.token)

    def admin_headers(self) -> dict[str, str]:
        return bearer(self.admin_token)

    def session(self, *, authenticated: bool = True) -> requests.Session:
        """A keep-alive session on the mock (closed when the mock stops), sending the API token when asked."""
        session = requests.Session()
        if authenticated:
            session.headers.update(self.auth_headers())
        self.sessions.append(session)
        return session

    def admin(self, method: str, path: str, body: Mapping[str, Any] | None = None) -> requests.Response:
        """Call an ``/__admin`` endpoint with the admin token; fails unless it answers 2xx."""
        response = requests.request(method, self.url + path, json=body, headers=self.admin_headers(), timeout=10)
        assert response.ok, f"{method} {path}: expected 2xx, got {response.status_code} {response.text[:300]}"
        return response

    def stderr_text(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        """Rows of a read-only query on the mock's SQLite file (WAL readers do not block the writer)."""
        conn = sqlite3.connect(f"file:{self.db_path}?mode=ro", uri=True, timeout=15)
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()


def _mock_environment(token: str, admin_token: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SCORING_MOCK_")}
    environment["PYTHONUNBUFFERED"] = "1"
    if token:
        environment[TOKEN_ENV] = token
    if admin_token:
        environment[ADMIN_TOKEN_ENV] = admin_token
    return environment


def _read_listening_line(process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    stream = process.stdout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([stream], [], [], 0.1)
        if ready:
            return stream.readline()
        if process.poll() is not None:
            return ""
    return ""


def start_live_mock(workdir: Path, *args: str, token: str = "", admin_token: str = "") -> LiveMock:
    """Start ``python -m mock --port 0 --db <workdir>/scoring.db`` and wait for its LISTENING line."""
    workdir.mkdir(parents=True, exist_ok=True)
    db_path = workdir / "scoring.db"
    stderr_path = workdir / "mock-stderr.log"
    command = [sys.executable, "-m", "mock", "--port", "0", "--db", str(db_path), *args]
    with stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            env=_mock_environment(token, admin_token),
        )
    line = _read_listening_line(process, START_TIMEOUT_SECONDS)
    if not line.startswith(LISTENING_PREFIX):
        process.kill()
        process.wait(5)
        tail = stderr_path.read_text(errors="replace")[-2000:]
        raise AssertionError(
            f"{' '.join(command)}: expected '{LISTENING_PREFIX}<url>' within {START_TIMEOUT_SECONDS:g} s, "
            f"got {line!r}; stderr: {tail}"
        )
    url = line[len(LISTENING_PREFIX) :].strip()
    return LiveMock(process, url, db_path, stderr_path, token, admin_token)


def stop_live_mock(mock: LiveMock) -> int | None:
    """SIGTERM the mock and wait for it (killed after ``STOP_TIMEOUT_SECONDS``); its exit code."""
    for session in mock.sessions:
        session.close()
    if mock.process.poll() is None:
        mock.process.send_signal(signal.SIGTERM)
        try:
            mock.process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            mock.process.kill()
            mock.process.wait(5)
    mock.process.stdout.close()
    return mock.process.returncode


def make_request(index: int, prefix: str = "TX-SEC", **overrides: Any) -> dict[str, Any]:
    """A valid synthetic realtime request numbered ``index``; ``overrides`` replace fields."""
    request: dict[str, Any] = {
        "transactionId": f"{prefix}-{index:08d}",
        "applicantId": f"SYN-LOAD{index:08d}",
        "age": 25 + index % 50,
        "monthlyIncome": 1500 + (index * 37) % 9000,
        "employmentStatus": ("full_time", "part_time", "self_employed", "retired", "student")[index % 5],
        "requestedAmount": 1000 + (index * 53) % 30000,
        "existingDebt": (index * 71) % 20000,
        "creditHistoryMonths": (index * 7) % 200,
        "channel": ("web", "mobile", "branch", "broker", "partner_api")[index % 5],
    }
    request.update(overrides)
    return request


def soap_envelope(request: Mapping[str, Any], *, doctype: str = "", extra_body: str = "") -> str:
    """A SOAP 1.1 ScoreApplicant envelope for ``request``, optionally with a DOCTYPE and extra XML in a field."""
    fields = "".join(f"<sc:{name}>{request[name]}</sc:{name}>" for name in REQUEST_FIELDS if name in request)
    return (
        f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}'
        f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV_NS}" xmlns:sc="{SCORING_NS}">'
        f"<soapenv:Body><sc:ScoreApplicantRequest>{fields}{extra_body}</sc:ScoreApplicantRequest></soapenv:Body>"
        "</soapenv:Envelope>"
    )


def soap_headers(token: str = "") -> dict[str, str]:
    """The headers of a SOAP 1.1 ScoreApplicant call."""
    return {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{SOAP_ACTION}"', **bearer(token)}


class MockStarter:
    """Starts mocks in numbered folders under ``root`` and stops every one of them on ``stop_all``."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.started: list[LiveMock] = []

    def __call__(self, *args: str, token: str = "", admin_token: str = "") -> LiveMock:
        mock = start_live_mock(self.root / f"mock{len(self.started)}", *args, token=token, admin_token=admin_token)
        self.started.append(mock)
        return mock

    def stop_all(self) -> None:
        for mock in self.started:
            stop_live_mock(mock)
        self.started.clear()
