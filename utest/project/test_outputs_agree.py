"""summary.json and xunit.xml agree with output.xml, for a serial robot run and for a pabot run.

The smoke suites run against the embedded mock with the ``dropped-correlation-id`` defect, so the
outputs hold real passes and real failure messages; a small suite of its own adds a skipped test and
a failure message with markup, quotes, a line break and non-ASCII text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from defusedxml import ElementTree
from robot.api import ExecutionResult, ResultVisitor

from utest.project.script_modules import ROOT, SCRIPTS, VENV_BIN

SELECTION = ("--include", "smoke", "--variable", "MOCK_DEFECT:dropped-correlation-id")
RUN_TIMEOUT_SECONDS = 180
OUTCOMES_SUITE = """*** Test Cases ***
Passing Check
    Log    the decision obeys the cutoffs

Failing Check With Markup
    Fail    expected <score> >= 680 & "decision" == 'APPROVE' for SYN-0001 (Größe),\\nbut got 612

Skipped Check
    Skip    not applicable to this target
"""


@dataclass(frozen=True)
class Outcome:
    """One test as a result file tells it: full name, status and message."""

    name: str
    status: str
    message: str


class _Tests(ResultVisitor):
    def __init__(self) -> None:
        self.outcomes: list[Outcome] = []

    def visit_test(self, test) -> None:
        self.outcomes.append(Outcome(test.full_name, test.status, test.message))


def from_output_xml(path: Path) -> tuple[dict[str, int], list[Outcome]]:
    """Totals and tests of an output.xml, read with Robot's result model."""
    result = ExecutionResult(str(path))
    visitor = _Tests()
    result.suite.visit(visitor)
    stats = result.suite.statistics
    totals = {"tests": stats.total, "passed": stats.passed, "failed": stats.failed, "skipped": stats.skipped}
    return totals, sorted(visitor.outcomes, key=lambda item: item.name)


def from_summary(path: Path) -> tuple[dict[str, int], list[Outcome], list[Outcome]]:
    """Totals, tests and failures of a summary.json."""
    summary = json.loads(path.read_text(encoding="utf-8"))
    tests = [Outcome(item["test"], item["status"], item["message"]) for item in summary["tests"]]
    failures = [Outcome(item["test"], "FAIL", item["message"]) for item in summary["failures"]]
    return summary["totals"], sorted(tests, key=lambda t: t.name), sorted(failures, key=lambda t: t.name)


def from_xunit(path: Path) -> tuple[dict[str, int], list[Outcome]]:
    """Totals (of the top-level test suite) and test cases of a Robot xunit.xml."""
    root = ElementTree.parse(path).getroot()
    assert root.tag == "testsuite", f"{path}: expected a <testsuite> root, got <{root.tag}>"
    tests, failed, errors, skipped = (int(root.get(key, "0")) for key in ("tests", "failures", "errors", "skipped"))
    totals = {
        "tests": tests,
        "passed": tests - failed - errors - skipped,
        "failed": failed + errors,
        "skipped": skipped,
    }
    outcomes = []
    for case in root.iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        failure = case.find("failure")
        if failure is None:
            failure = case.find("error")
        skip = case.find("skipped")
        if failure is not None:
            outcomes.append(Outcome(name, "FAIL", failure.get("message", "")))
        elif skip is not None:
            outcomes.append(Outcome(name, "SKIP", skip.get("message", "")))
        else:
            outcomes.append(Outcome(name, "PASS", ""))
    return totals, sorted(outcomes, key=lambda item: item.name)


def differing(expected: list[Outcome], actual: list[Outcome], compare_pass_message: bool = True) -> list[str]:
    """Readable differences between two lists of test outcomes keyed by test name."""
    wanted = {item.name: item for item in expected}
    got = {item.name: item for item in actual}
    lines = [f"missing test {name!r}" for name in sorted(wanted.keys() - got.keys())]
    lines += [f"unexpected test {name!r}" for name in sorted(got.keys() - wanted.keys())]
    for name in sorted(wanted.keys() & got.keys()):
        want, have = wanted[name], got[name]
        if want.status != have.status:
            lines.append(f"{name}: status expected {want.status}, got {have.status}")
        elif (want.status != "PASS" or compare_pass_message) and want.message != have.message:
            lines.append(f"{name}: message expected {want.message!r}, got {have.message!r}")
    return lines


def assert_outputs_agree(outdir: Path) -> list[Outcome]:
    """Check summary.json and xunit.xml of ``outdir`` against its output.xml; return the tests."""
    for name in ("output.xml", "log.html", "report.html", "xunit.xml", "summary.json"):
        assert (outdir / name).is_file(), (
            f"expected {name} in {outdir}, found {sorted(p.name for p in outdir.iterdir())}"
        )
    totals, tests = from_output_xml(outdir / "output.xml")
    assert tests, f"{outdir / 'output.xml'}: expected at least one test, got none"

    summary_totals, summary_tests, summary_failures = from_summary(outdir / "summary.json")
    assert summary_totals == totals, f"summary.json totals {summary_totals} != output.xml totals {totals}"
    problems = differing(tests, summary_tests)
    assert not problems, "summary.json tests differ from output.xml:\n" + "\n".join(problems)
    problems = differing([item for item in tests if item.status == "FAIL"], summary_failures)
    assert not problems, "summary.json failures differ from output.xml:\n" + "\n".join(problems)

    xunit_totals, xunit_tests = from_xunit(outdir / "xunit.xml")
    assert xunit_totals == totals, f"xunit.xml totals {xunit_totals} != output.xml totals {totals}"
    problems = differing(tests, xunit_tests, compare_pass_message=False)
    assert not problems, "xunit.xml test cases differ from output.xml:\n" + "\n".join(problems)
    return tests


def summarize(outdir: Path) -> None:
    """Write outdir/summary.json with scripts/summarize_results.py, as make run and run-tests.sh do."""
    command = [sys.executable, str(SCRIPTS / "summarize_results.py"), str(outdir / "output.xml")]
    completed = subprocess.run([*command, str(outdir / "summary.json")], capture_output=True, text=True, check=False)
    assert completed.returncode == 0, f"summarize_results.py exited {completed.returncode}: {completed.stderr[-2000:]}"


@pytest.fixture(scope="module")
def smoke_runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The smoke selection run by robot (serial) and by pabot (2 processes) at the same time."""
    base = tmp_path_factory.mktemp("outputs")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    suites = str(ROOT / "suites")
    commands = {
        "robot": [str(VENV_BIN / "robot"), "--console", "dotted", *SELECTION],
        "pabot": [str(VENV_BIN / "pabot"), "--processes", "2", "--pabotlibport", "0", *SELECTION],
    }
    processes = {}
    for name, command in commands.items():
        outdir = base / name
        outdir.mkdir()
        console = (base / f"{name}-console.txt").open("w", encoding="utf-8")
        full = [*command, "--outputdir", str(outdir), "--xunit", "xunit.xml", suites]
        processes[name] = (
            subprocess.Popen(full, cwd=outdir, env=env, stdout=console, stderr=subprocess.STDOUT),
            console,
        )
    for name, (process, console) in processes.items():
        try:
            process.wait(timeout=RUN_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        finally:
            console.close()
        text = (base / f"{name}-console.txt").read_text(encoding="utf-8", errors="replace")
        assert process.returncode < 251, f"{name} exited {process.returncode}: no usable results\n{text[-3000:]}"
    for name in commands:
        summarize(base / name)
    return {name: base / name for name in commands}


def test_serial_robot_outputs_agree(smoke_runs: dict[str, Path]) -> None:
    assert_outputs_agree(smoke_runs["robot"])


def test_pabot_outputs_agree(smoke_runs: dict[str, Path]) -> None:
    assert_outputs_agree(smoke_runs["pabot"])


def test_serial_and_pabot_run_the_same_tests(smoke_runs: dict[str, Path]) -> None:
    serial = {item.name for item in from_output_xml(smoke_runs["robot"] / "output.xml")[1]}
    parallel = {item.name for item in from_output_xml(smoke_runs["pabot"] / "output.xml")[1]}
    assert serial == parallel, f"only serial: {sorted(serial - parallel)}; only pabot: {sorted(parallel - serial)}"


def test_pass_fail_and_skip_with_markup_agree(tmp_path: Path) -> None:
    suite = tmp_path / "outcomes.robot"
    suite.write_text(OUTCOMES_SUITE, encoding="utf-8")
    outdir = tmp_path / "results"
    command = [str(VENV_BIN / "robot"), "--outputdir", str(outdir), "--xunit", "xunit.xml", "--console", "none"]
    completed = subprocess.run([*command, str(suite)], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert completed.returncode == 1, f"expected robot to report 1 failed test, got exit code {completed.returncode}"
    summarize(outdir)
    tests = assert_outputs_agree(outdir)
    assert sorted(item.status for item in tests) == ["FAIL", "PASS", "SKIP"], f"got {tests}"
    failure = next(item for item in tests if item.status == "FAIL")
    assert "<score>" in failure.message and "\n" in failure.message and "Größe" in failure.message, failure.message


def test_a_disagreeing_summary_is_detected(tmp_path: Path) -> None:
    suite = tmp_path / "outcomes.robot"
    suite.write_text(OUTCOMES_SUITE, encoding="utf-8")
    outdir = tmp_path / "results"
    command = [str(VENV_BIN / "robot"), "--outputdir", str(outdir), "--xunit", "xunit.xml", "--console", "none"]
    subprocess.run([*command, str(suite)], cwd=tmp_path, capture_output=True, check=False)
    summarize(outdir)
    summary = json.loads((outdir / "summary.json").read_text(encoding="utf-8"))
    summary["failures"][0]["message"] = "another message"
    (outdir / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    with pytest.raises(AssertionError, match=r"summary\.json failures differ"):
        assert_outputs_agree(outdir)


def test_make_run_writes_summary_and_xunit() -> None:
    completed = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, f"make -n run failed: {completed.stderr}"
    assert "--outputdir results --xunit xunit.xml suites/" in completed.stdout, completed.stdout
    assert "summarize_results.py results/output.xml results/summary.json" in completed.stdout, completed.stdout
