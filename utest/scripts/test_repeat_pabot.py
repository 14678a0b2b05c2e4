"""scripts/repeat_pabot.py: repeated pabot runs over small suites, flaky versus broken, exit codes."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location("scoregate_repeat_pabot", ROOT / "scripts" / "repeat_pabot.py")
repeat = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = repeat
_spec.loader.exec_module(repeat)

STEADY = """*** Test Cases ***
Always Passes
    Should Be Equal    ${1}    ${1}
"""
COIN = """*** Test Cases ***
Passes On Even Runs
    ${count}=    Evaluate    len(__import__('os').listdir(r'MARKS'))
    Evaluate    open(r'MARKS/' + str(${count}), 'w').close()
    Should Be Equal As Integers    ${count % 2}    0
"""
BROKEN = """*** Test Cases ***
Always Fails
    Fail    expected 1 but got 2
"""


def suites(tmp_path: Path, *files: tuple[str, str]) -> Path:
    folder = tmp_path / "suites"
    folder.mkdir()
    marks = tmp_path / "marks"
    marks.mkdir()
    for name, text in files:
        (folder / name).write_text(text.replace("MARKS", str(marks)), encoding="utf-8")
    return folder


def run_script(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "repeat_pabot.py"), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_runs_that_all_pass_report_zero_failures_and_exit_0(tmp_path):
    folder = suites(tmp_path, ("steady.robot", STEADY), ("other.robot", STEADY))
    completed = run_script("--runs", "2", "--processes", "2", folder)
    lines = completed.stdout.splitlines()
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert lines[0].startswith("run 1: ") and lines[0].endswith("2 tests, 2 passed, 0 failed")
    assert lines[1].startswith("run 2: ")
    assert lines[-1] == "2 consecutive pabot runs, 2 tests each: 0 failures"


def test_a_test_failing_in_some_runs_is_flaky_and_one_failing_in_all_is_broken(tmp_path):
    folder = suites(tmp_path, ("coin.robot", COIN), ("broken.robot", BROKEN), ("steady.robot", STEADY))
    completed = run_script("--runs", "2", "--processes", "2", "--keep", tmp_path / "runs", folder)
    out = completed.stdout
    assert completed.returncode == 1, out + completed.stderr
    assert "broken: Suites.Broken.Always Fails failed in 2 of 2 runs" in out
    assert "flaky: Suites.Coin.Passes On Even Runs failed in 1 of 2 runs" in out
    assert "0 failures" not in out
    assert (tmp_path / "runs" / "run-01" / "output.xml").is_file()
    assert (tmp_path / "runs" / "run-02" / "output.xml").is_file()


def test_tags_select_the_tests_of_every_run(tmp_path):
    tagged = STEADY.replace("*** Test Cases ***", "*** Settings ***\nTest Tags    chosen\n\n*** Test Cases ***")
    folder = suites(tmp_path, ("tagged.robot", tagged), ("broken.robot", BROKEN))
    completed = run_script("--runs", "1", "--processes", "2", "--include", "chosen", folder)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "1 tests, 1 passed, 0 failed" in completed.stdout


def test_a_run_without_output_is_named_and_fails_the_check():
    outcomes = [
        repeat.RunOutcome(1, 1.0, 0, total=3, passed=3),
        repeat.RunOutcome(2, 0.5, 252, wrote_output=False),
    ]
    assert repeat.summary(outcomes) == ["runs without output.xml: 2"]
    assert outcomes[1].line() == "run 2: no output.xml (exit 252) after 0.5 s"


def test_summary_lists_the_most_frequent_failure_first():
    outcomes = [
        repeat.RunOutcome(1, 1.0, 1, total=2, passed=0, failed_tests=["S.A", "S.B"]),
        repeat.RunOutcome(2, 1.0, 1, total=2, passed=1, failed_tests=["S.B"]),
        repeat.RunOutcome(3, 1.0, 1, total=2, passed=1, failed_tests=["S.B"]),
    ]
    assert repeat.summary(outcomes) == ["broken: S.B failed in 3 of 3 runs", "flaky: S.A failed in 1 of 3 runs"]


@pytest.mark.parametrize("runs", ["0", "-1"])
def test_fewer_than_one_run_is_refused(runs):
    completed = run_script("--runs", runs)
    assert completed.returncode == 2
    assert f"--runs must be at least 1, got {runs}" in completed.stderr


def test_a_run_line_names_ten_failed_tests_and_counts_the_rest():
    names = [f"S.Test {index}" for index in range(1, 13)]
    line = repeat.RunOutcome(4, 2.0, 1, total=12, passed=0, failed_tests=names).line()
    assert line.startswith("run 4: 2.0 s, 12 tests, 0 passed, 12 failed - S.Test 1; S.Test 2; ")
    assert line.endswith("S.Test 10; and 2 more")
