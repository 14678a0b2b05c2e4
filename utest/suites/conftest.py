"""Fixtures of the Robot-run tests: a mock standing in for an external service with a known token."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator

import pytest

from utest.suites.robot_runner import ROOT, ExternalMock


@pytest.fixture(scope="module")
def external_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ExternalMock]:
    token = f"SYN-secret-{secrets.token_hex(12)}"
    folder = tmp_path_factory.mktemp("external-mock")
    process = subprocess.Popen(
        [sys.executable, "-m", "mock", "--port", "0", "--db", str(folder / "scoring.db")],
        cwd=ROOT,
        env={**os.environ, "SCORING_MOCK_TOKEN": token, "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        match = re.match(r"SCORING MOCK LISTENING (http://\S+)", line)
        if not match:
            raise RuntimeError(f"mock did not announce its address, first stdout line: {line!r}")
        yield ExternalMock(match.group(1), token)
    finally:
        process.terminate()
        process.wait(timeout=30)
