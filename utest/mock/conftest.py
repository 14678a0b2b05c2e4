"""Fixtures of the mock platform's API tests: apps on a fresh database, a conformance-checking client,
and a real ``python -m mock`` process."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from flask import Flask
from flask.testing import FlaskClient

from mock.app import create_app
from mock.config import MockConfig
from mock.openapi import openapi_document

ROOT = Path(__file__).resolve().parents[2]
SPEC = openapi_document()
_TEMPLATES = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template) for template in SPEC["paths"]]


def make_request(index: int = 1, prefix: str = "TX-UT", **overrides: Any) -> dict:
    """A valid synthetic realtime request; ``overrides`` replace fields (``None`` deletes one)."""
    request = {
        "transactionId": f"{prefix}-{index:08d}",
        "applicantId": f"SYN-UT{index:08d}",
        "age": 40,
        "monthlyIncome": 5000,
        "employmentStatus": "full_time",
        "requestedAmount": 10000,
        "existingDebt": 2000,
        "creditHistoryMonths": 80,
        "channel": "web",
    }
    for key, value in overrides.items():
        if value is None:
            request.pop(key, None)
        else:
            request[key] = value
    return request


REFER_FIELDS = {"age": 30, "monthlyIncome": 3000, "existingDebt": 10000, "creditHistoryMonths": 30}
"""Overrides that score 655 with the champion: a REFER."""


def schema_for(fragment: dict) -> dict:
    """A JSON Schema validating against ``fragment`` with the spec's components resolvable."""
    return {**fragment, "components": SPEC["components"]}


def validate_schema(instance: Any, fragment: dict) -> None:
    jsonschema.Draft202012Validator(schema_for(fragment)).validate(instance)


def find_template(path: str) -> str | None:
    for pattern, template in _TEMPLATES:
        if pattern.match(path):
            return template
    return None


def check_conformance(method: str, path: str, response: Any) -> None:
    """Assert that a response is documented by the OpenAPI spec and its JSON body conforms to it."""
    content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip()
    if path.startswith("/soap"):
        return
    template = find_template(path)
    operation = SPEC["paths"][template].get(method.lower()) if template else None
    if operation is None:
        assert response.status_code in (404, 405), f"{method} {path}: undocumented, got {response.status_code}"
        validate_schema(response.get_json(), {"$ref": "#/components/schemas/Error"})
        return
    documented = operation["responses"].get(str(response.status_code))
    assert documented is not None, f"{method} {template}: status {response.status_code} is not documented"
    if "$ref" in documented:
        documented = SPEC["components"]["responses"][documented["$ref"].rsplit("/", 1)[1]]
    media = documented["content"].get(content_type)
    assert media is not None, f"{method} {template} {response.status_code}: undocumented content type {content_type}"
    if content_type == "application/json":
        validate_schema(response.get_json(), media["schema"])


class ConformingClient(FlaskClient):
    """A test client that checks every answer against the OpenAPI document (unless ``conform`` is off)."""

    conform = True

    def open(self, *args: Any, **kwargs: Any):
        response = super().open(*args, **kwargs)
        if self.conform:
            check_conformance(response.request.method, response.request.path, response)
        return response


@pytest.fixture
def make_app(tmp_path: Path) -> Callable[..., Flask]:
    """``make_app(**MockConfig fields)``: an app on a fresh database (no tokens unless given)."""
    counter = iter(range(1000))

    def factory(**options: Any) -> Flask:
        options.setdefault("token", "")
        options.setdefault("admin_token", "")
        app = create_app(MockConfig(db_path=str(tmp_path / f"mock{next(counter)}.db"), **options))
        app.test_client_class = ConformingClient
        return app

    return factory


@pytest.fixture
def app(make_app: Callable[..., Flask]) -> Flask:
    return make_app()


@pytest.fixture
def client(app: Flask) -> ConformingClient:
    return app.test_client()


def wait_for_batch(client: FlaskClient, batch_id: str, timeout: float = 20.0) -> dict:
    """Poll a batch until it is COMPLETED or FAILED; its last status."""
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"/api/v1/batch-scoring/{batch_id}").get_json()
        if status["status"] in ("COMPLETED", "FAILED") or time.monotonic() > deadline:
            return status
        time.sleep(0.02)


@dataclass
class MockProcess:
    """A running ``python -m mock`` and where it writes."""

    process: subprocess.Popen
    url: str
    db_path: Path
    log_path: Path

    def log_lines(self) -> list[dict]:
        return [json.loads(line) for line in self.log_path.read_text().splitlines() if line.strip()]


def start_mock(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> MockProcess:
    """Start the mock on a free port and wait for its LISTENING line."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    db_path = tmp_path / "process.db"
    log_path = tmp_path / "process.log"
    command = [sys.executable, "-m", "mock", "--port", "0", "--db", str(db_path), "--log-file", str(log_path), *args]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SCORING_MOCK_")}
    environment.update(env or {})
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment
    )
    line = process.stdout.readline()
    if not line.startswith("SCORING MOCK LISTENING http://127.0.0.1:"):
        process.kill()
        raise AssertionError(f"expected the LISTENING line, got {line!r}; stderr: {process.stderr.read()}")
    return MockProcess(process, line.split()[-1], db_path, log_path)


def stop_mock(mock: MockProcess) -> int:
    """SIGTERM the mock; its exit code."""
    mock.process.send_signal(signal.SIGTERM)
    try:
        return mock.process.wait(timeout=15)
    finally:
        if mock.process.poll() is None:
            mock.process.kill()
        mock.process.stdout.close()
        mock.process.stderr.close()


@pytest.fixture
def applicant() -> Callable[..., dict]:
    """``applicant(index, prefix="TX-UT", **overrides)``: a valid request (an override of None deletes a field)."""
    return make_request


@pytest.fixture
def refer_fields() -> dict:
    """Overrides that make ``applicant`` a REFER with the champion model."""
    return dict(REFER_FIELDS)


@pytest.fixture
def wait_batch() -> Callable[..., dict]:
    """``wait_batch(client, batch_id)``: poll until COMPLETED or FAILED."""
    return wait_for_batch


@pytest.fixture
def conforms() -> Callable[[str, str, Any], None]:
    """``conforms(method, path, response)``: assert the response matches the OpenAPI document."""
    return check_conformance


@pytest.fixture
def mock_starter(tmp_path: Path) -> Iterator[Callable[..., MockProcess]]:
    """``mock_starter(*args, env=None)``: start a real mock (stopped after the test if still running)."""
    started: list[MockProcess] = []

    def start(*args: str, env: dict[str, str] | None = None) -> MockProcess:
        mock = start_mock(tmp_path / f"run{len(started)}", *args, env=env)
        started.append(mock)
        return mock

    yield start
    for mock in started:
        if mock.process.poll() is None:
            stop_mock(mock)


@pytest.fixture(scope="module")
def mock_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockProcess]:
    """One real mock process shared by a test module."""
    mock = start_mock(tmp_path_factory.mktemp("mock-process"))
    yield mock
    stop_mock(mock)
