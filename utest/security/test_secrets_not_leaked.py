"""The API and admin tokens never reach the Robot Framework outputs, the summary or the mock's log.

A real mock runs with distinctive random tokens; ``robot`` runs the smoke suite against it as an external
target (``-v SCORING_BASE_URL:<url>``, tokens in ``SCORING_API_TOKEN`` / ``SCORING_ADMIN_TOKEN``), then
``scripts/summarize_results.py`` writes summary.json. Every output is searched for each token in every form it
could take: as is, URL-encoded, HTML-escaped, base64 (Basic auth), and inside the zlib+base64 string tables
of log.html and report.html.
"""

from __future__ import annotations

import base64
import html
import json
import os
import re
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from utest.security.live_mock import ROOT, LiveMock, MockStarter, new_token

SMOKE_SUITE = ROOT / "suites" / "smoke"
SUMMARIZE = ROOT / "scripts" / "summarize_results.py"
ROBOT_TIMEOUT_SECONDS = 120
OUTPUT_FILES = ("output.xml", "log.html", "report.html", "xunit.xml", "summary.json")
_BASIC = re.compile(r"Basic\s+([A-Za-z0-9+/]{8,}={0,2})")
_STRING_TABLE = re.compile(r'window\.output\["strings"\] = window\.output\["strings"\]\.concat\((\[.*?\])\);', re.S)


def secret_forms(secret: str) -> set[str]:
    """The forms a secret can take in a text output."""
    return {
        secret,
        quote(secret, safe=""),
        html.escape(secret),
        base64.b64encode(secret.encode()).decode().rstrip("="),
        json.dumps(secret)[1:-1],
    }


def robot_html_strings(text: str) -> Iterator[str]:
    """Every entry of the string tables of a Robot log.html / report.html, decoded.

    The tables are JSON except for ``\\x3c`` (Robot's escape of ``<``). Entries starting with ``*`` are raw
    text; the others are zlib-compressed, base64-encoded text.
    """
    for table in _STRING_TABLE.findall(text):
        for entry in json.loads(table.replace("\\x3c", "\\u003c")):
            if entry.startswith("*"):
                yield entry[1:]
            else:
                yield zlib.decompress(base64.b64decode(entry)).decode("utf-8")


def basic_credentials(text: str) -> Iterator[str]:
    """The decoded ``user:password`` of every ``Basic <base64>`` in ``text``."""
    for blob in _BASIC.findall(text):
        try:
            yield base64.b64decode(blob, validate=True).decode("utf-8", errors="replace")
        except ValueError:
            continue


def searchable_text(path: Path) -> str:
    """A file's text plus its decoded Basic credentials and, for Robot HTML outputs, its string tables."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    if path.suffix == ".html":
        text += "\n".join(robot_html_strings(text))
    return text + "\n".join(basic_credentials(text))


def leaks(path: Path, secrets: dict[str, str]) -> list[str]:
    """``<file>: <secret name> as <form>`` for every form of every secret found in ``path``."""
    text = searchable_text(path)
    found = []
    for name, secret in secrets.items():
        found.extend(f"{path.name}: {name} ({len(form)} characters)" for form in secret_forms(secret) if form in text)
    return found


@dataclass
class RobotRun:
    """A finished smoke run: its output folder, exit code, console text and the mock it ran against."""

    outdir: Path
    rc: int
    console: str
    mock: LiveMock
    secrets: dict[str, str]


@pytest.fixture(scope="module")
def robot_run(start_mock: MockStarter, tmp_path_factory: pytest.TempPathFactory) -> RobotRun:
    if not SMOKE_SUITE.is_dir():
        pytest.fail(f"expected the smoke suite at {SMOKE_SUITE}")
    secrets = {"API token": new_token("robotapi"), "admin token": new_token("robotadmin")}
    mock = start_mock(token=secrets["API token"], admin_token=secrets["admin token"])
    outdir = tmp_path_factory.mktemp("robot-secrets")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("SCORING_")}
    environment.update({"SCORING_API_TOKEN": secrets["API token"], "SCORING_ADMIN_TOKEN": secrets["admin token"]})
    command = [
        sys.executable,
        "-m",
        "robot",
        "--outputdir",
        str(outdir),
        "--xunit",
        "xunit.xml",
        "--variable",
        f"SCORING_BASE_URL:{mock.url}",
        "--variable",
        f"SCORING_DB_PATH:{mock.db_path}",
        "--consolecolors",
        "off",
        str(SMOKE_SUITE),
    ]
    robot = subprocess.run(
        command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=ROBOT_TIMEOUT_SECONDS, check=False
    )
    summary = subprocess.run(
        [sys.executable, str(SUMMARIZE), str(outdir / "output.xml"), str(outdir / "summary.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert summary.returncode == 0, f"summarize_results.py failed ({summary.returncode}): {summary.stderr[-1500:]}"
    return RobotRun(outdir, robot.returncode, robot.stdout + robot.stderr, mock, secrets)


def test_robot_ran_and_wrote_every_output(robot_run: RobotRun) -> None:
    assert robot_run.rc < 250, f"robot did not run the suite (rc {robot_run.rc}): {robot_run.console[-2000:]}"
    missing = [name for name in OUTPUT_FILES if not (robot_run.outdir / name).is_file()]
    assert not missing, f"expected {OUTPUT_FILES} in {robot_run.outdir}, missing {missing}"


def test_the_run_was_authenticated(robot_run: RobotRun) -> None:
    """The tokens were really used: authenticated /api calls got 2xx, the summary counts passed tests."""
    lines = [json.loads(line) for line in robot_run.mock.stderr_text().splitlines() if line.startswith("{")]
    accepted = [entry for entry in lines if entry.get("path", "").startswith("/api/") and entry.get("status") == 200]
    refused = [entry for entry in lines if entry.get("status") == 401]
    assert accepted, f"expected authenticated 200s on /api paths in the mock's log, got {len(lines)} lines"
    assert refused, "expected the smoke suite's 401 checks (requests without the token) in the mock's log"
    totals = json.loads((robot_run.outdir / "summary.json").read_text())
    assert totals["totals"]["passed"] > 0, f"expected passed tests in summary.json, got {totals['totals']}"
    assert robot_run.rc == 0, f"the smoke suite failed (rc {robot_run.rc}): {robot_run.console[-2000:]}"


@pytest.mark.parametrize("name", OUTPUT_FILES)
def test_no_token_in_robot_outputs_or_summary(robot_run: RobotRun, name: str) -> None:
    found = leaks(robot_run.outdir / name, robot_run.secrets)
    assert not found, f"secret leaked: {found}"


def test_no_token_in_the_console_the_mock_log_or_the_database(robot_run: RobotRun) -> None:
    console = robot_run.outdir / "console.txt"
    console.write_text(robot_run.console, encoding="utf-8")
    mock = robot_run.mock
    database_files = [Path(f"{mock.db_path}{suffix}") for suffix in ("", "-wal")]
    searched = [path for path in (console, mock.stderr_path, *database_files) if path.exists()]
    found = [leak for path in searched for leak in leaks(path, robot_run.secrets)]
    assert not found, f"secret leaked: {found}"


def test_the_leak_search_finds_a_token_in_every_form(tmp_path: Path) -> None:
    """The search is able to fail: a token hidden raw, URL-encoded, in Basic auth or in a compressed log table."""
    token = new_token("probe")
    secrets = {"probe token": token}
    basic = base64.b64encode(f"user:{token}".encode()).decode()
    packed = base64.b64encode(zlib.compress(f"Authorization: Bearer {token}".encode())).decode()
    samples = {
        "raw.txt": f"header Bearer {token}",
        "encoded.xml": f"url?token={quote(token + '/=', safe='')}",
        "basic.txt": f"Authorization: Basic {basic}",
        "log.html": f'window.output["strings"] = window.output["strings"].concat(["*x","{packed}"]);',
    }
    for name, text in samples.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    assert leaks(tmp_path / "raw.txt", secrets)
    assert leaks(tmp_path / "encoded.xml", {"probe token": token + "/="})
    assert leaks(tmp_path / "log.html", secrets), "a token inside a compressed log.html string was not found"
    assert token not in (tmp_path / "log.html").read_text(), "the compressed sample must not contain it in clear"
    assert leaks(tmp_path / "basic.txt", secrets), "a token inside Basic credentials was not found"
