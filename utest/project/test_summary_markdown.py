"""scripts/summary_markdown.py: the job-summary digest of a summary.json."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from utest.project.script_modules import SCRIPTS, load_script

digest = load_script("summary_markdown")

SUMMARY = {
    "suite": "Suites",
    "status": "FAIL",
    "elapsedSeconds": 12.345,
    "totals": {"tests": 3, "passed": 1, "failed": 1, "skipped": 1},
    "target": "http://127.0.0.1:5000",
    "modelCode": "credit_risk_v1",
    "modelVersion": None,
    "suites": [
        {"name": "Suites.Smoke", "status": "FAIL", "passed": 1, "failed": 1, "skipped": 1, "elapsedSeconds": 2.0}
    ],
    "failures": [{"test": "Suites.Smoke.Score", "tags": [], "message": "expected a | b\nsecond line " + "x" * 400}],
}


def test_digest_shows_totals_target_suites_and_failures() -> None:
    text = digest.render(SUMMARY)
    assert "**FAIL**: 3 tests, 1 passed, 1 failed, 1 skipped (12.3 s)" in text
    assert "Target: `http://127.0.0.1:5000`, Model: `credit_risk_v1`" in text
    assert "| Suites.Smoke | FAIL | 1 | 1 | 1 | 2.0 |" in text
    row = next(line for line in text.splitlines() if line.startswith("| Suites.Smoke.Score |"))
    assert "expected a \\| b second line" in row and row.endswith("... |") and len(row) < 400, row


def test_failures_beyond_the_limit_are_counted() -> None:
    summary = {**SUMMARY, "failures": [{"test": f"T{n}", "message": "m"} for n in range(5)]}
    text = digest.render(summary, max_failures=2)
    assert "| T1 | m |" in text and "| T2 |" not in text
    assert "3 more failures: see log.html in the results artifact." in text


def test_a_run_without_failures_says_so() -> None:
    assert "No failed tests." in digest.render({**SUMMARY, "failures": []})


def test_missing_summary_fails_with_the_expected_path(tmp_path: Path) -> None:
    missing = tmp_path / "summary.json"
    command = [sys.executable, str(SCRIPTS / "summary_markdown.py"), str(missing)]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 1 and f"expected a file at {missing}" in completed.stderr


def test_command_line_prints_the_digest(tmp_path: Path) -> None:
    path = tmp_path / "summary.json"
    path.write_text(json.dumps(SUMMARY), encoding="utf-8")
    command = [sys.executable, str(SCRIPTS / "summary_markdown.py"), str(path)]
    completed = subprocess.run(command, capture_output=True, text=True, check=True)
    assert completed.stdout.startswith("## Robot Framework results: Suites\n")
