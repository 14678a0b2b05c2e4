"""scripts/run_lint.py: every linter runs, each becomes one JUnit test case that junit_totals counts."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from defusedxml import ElementTree

from utest.project.script_modules import load_script

lint = load_script("run_lint")
totals = load_script("junit_totals")


def test_the_project_linters_are_all_configured() -> None:
    names = [check.name for check in lint.default_checks()]
    assert names == [
        "ruff check",
        "ruff format",
        "robocop check",
        "robocop format",
        "bandit",
        "detect-secrets",
        "actionlint",
    ], names
    actionlint = next(check for check in lint.default_checks() if check.name == "actionlint")
    assert ".github/workflows/ci.yml" in actionlint.command and ".github/workflows/security.yml" in actionlint.command


def test_passing_and_failing_linters_become_test_cases(tmp_path: Path) -> None:
    passing = lint.run_check(lint.Check("clean", (sys.executable, "-c", "print('all good')")), tmp_path)
    failing = lint.run_check(
        lint.Check(
            "dirty", (sys.executable, "-c", "import sys; print('x.py:1 E501 \\x1b[31mlong\\x1b[0m\\x07'); sys.exit(3)")
        ),
        tmp_path,
    )
    report = tmp_path / "lint.xml"
    report.write_bytes(lint.junit_xml([passing, failing]))
    suite = ElementTree.parse(report).getroot()
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1"), suite.attrib
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert cases["clean"].find("failure") is None
    failure = cases["dirty"].find("failure")
    assert failure.get("message") == "dirty found problems: expected exit code 0, got 3", failure.attrib
    assert "x.py:1 E501 long" in failure.text and "\x1b" not in failure.text and "\x07" not in failure.text
    assert totals.count(report) == (1, 1, 0)


def test_a_linter_that_is_not_installed_fails(tmp_path: Path) -> None:
    outcome = lint.run_check(lint.Check("ghost", (str(tmp_path / "no-such-linter"), "check")), tmp_path)
    assert outcome.returncode is None and not outcome.passed
    assert (
        lint.failure_message(outcome) == f"ghost did not run: expected the program {str(tmp_path / 'no-such-linter')!r}"
    )


def test_long_output_keeps_its_tail() -> None:
    text = lint.clean_output("head\n" + "x" * (lint.OUTPUT_LIMIT + 10) + "\ntail")
    assert text.startswith("...\n") and text.endswith("\ntail") and len(text) <= lint.OUTPUT_LIMIT + 4


def test_only_selects_known_linters() -> None:
    checks = lint.default_checks()
    assert [check.name for check in lint.select(checks, ["bandit"])] == ["bandit"]
    with pytest.raises(ValueError, match="unknown linter pylint: expected one of ruff check"):
        lint.select(checks, ["pylint"])


def test_main_runs_every_linter_even_after_a_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    checks = [
        lint.Check("first", (sys.executable, "-c", "raise SystemExit(1)")),
        lint.Check("second", (sys.executable, "-c", "print('ran')")),
    ]
    monkeypatch.setattr(lint, "default_checks", lambda: checks)
    report = tmp_path / "results" / "lint.xml"
    assert lint.main(["--junit", str(report)]) == 1
    assert totals.count(report) == (1, 1, 0)
