"""Run the suites under pabot several times back to back and report every test that failed in any run.

Run from the repository root: ``.venv/bin/python scripts/repeat_pabot.py [--runs 10] [--processes 4]
[--include TAG] [--exclude TAG] [--variable NAME:VALUE] [--keep DIR] [PATHS...]`` (default path ``suites``).
Each run is ``pabot --processes N --pabotlibport 0 --outputdir RUN_DIR ...`` with its own output folder, on
the embedded mock unless a variable names another target. Prints one line per run (wall time and totals, and the names
of the failed tests), then every test that failed at least once with how often. A test that fails in some
runs and passes in others is flaky; one that fails in every run is broken.
Exit code 0 when every run passed every test, 1 otherwise (or when a run wrote no output.xml).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from robot.api import ExecutionResult, ResultVisitor

ROOT = Path(__file__).resolve().parents[1]
MAX_NAMED = 10
"""Failed tests named on a run's line; the summary names every one."""


@dataclass
class RunOutcome:
    """What one pabot run did."""

    number: int
    seconds: float
    returncode: int
    total: int = 0
    passed: int = 0
    failed_tests: list[str] = field(default_factory=list)
    wrote_output: bool = True

    def line(self) -> str:
        if not self.wrote_output:
            return f"run {self.number}: no output.xml (exit {self.returncode}) after {self.seconds:.1f} s"
        failed = len(self.failed_tests)
        text = f"run {self.number}: {self.seconds:.1f} s, {self.total} tests, {self.passed} passed, {failed} failed"
        if self.failed_tests:
            shown = self.failed_tests[:MAX_NAMED]
            more = len(self.failed_tests) - len(shown)
            text += " - " + "; ".join(shown) + (f"; and {more} more" if more else "")
        return text


class _FailedTests(ResultVisitor):
    def __init__(self) -> None:
        self.names: list[str] = []

    def visit_test(self, test) -> None:
        if test.failed:
            self.names.append(test.full_name)


def failed_tests(output_xml: Path) -> tuple[int, int, list[str]]:
    """Total, passed and the full names of the failed tests of one output.xml."""
    result = ExecutionResult(str(output_xml))
    visitor = _FailedTests()
    result.visit(visitor)
    stats = result.statistics.total
    return stats.total, stats.passed, visitor.names


def environment() -> dict[str, str]:
    """This environment with the interpreter's bin directory first on PATH (pabot starts ``robot`` by name)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def pabot_command(processes: int, output_dir: Path, robot_args: list[str]) -> list[str]:
    """The pabot command of one run."""
    return [
        sys.executable,
        "-m",
        "pabot.pabot",
        "--processes",
        str(processes),
        "--pabotlibport",
        "0",
        "--outputdir",
        str(output_dir),
        *robot_args,
    ]


def run_once(number: int, processes: int, output_dir: Path, robot_args: list[str]) -> RunOutcome:
    """One pabot run into ``output_dir`` (console in ``console.txt``)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    command = pabot_command(processes, output_dir, robot_args)
    with (output_dir / "console.txt").open("wb") as console:
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, stdout=console, stderr=subprocess.STDOUT, env=environment())
        seconds = time.perf_counter() - started
    outcome = RunOutcome(number, seconds, completed.returncode)
    output_xml = output_dir / "output.xml"
    if not output_xml.is_file():
        outcome.wrote_output = False
        return outcome
    outcome.total, outcome.passed, outcome.failed_tests = failed_tests(output_xml)
    return outcome


def summary(outcomes: list[RunOutcome]) -> list[str]:
    """The closing lines: every test that failed at least once, flaky or broken, or that all runs passed."""
    runs = len(outcomes)
    counts = Counter(name for outcome in outcomes for name in outcome.failed_tests)
    missing = [outcome.number for outcome in outcomes if not outcome.wrote_output]
    lines = []
    if missing:
        lines.append(f"runs without output.xml: {', '.join(map(str, missing))}")
    for name, count in counts.most_common():
        kind = "broken" if count == runs else "flaky"
        lines.append(f"{kind}: {name} failed in {count} of {runs} runs")
    totals = sorted({outcome.total for outcome in outcomes if outcome.wrote_output})
    if not counts and not missing:
        lines.append(f"{runs} consecutive pabot runs, {' / '.join(map(str, totals))} tests each: 0 failures")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="pabot runs, one after the other (default 10)")
    parser.add_argument("--processes", type=int, default=4, help="pabot processes (default 4)")
    parser.add_argument("--include", action="append", default=[], help="tag to include in every run")
    parser.add_argument("--exclude", action="append", default=[], help="tag to exclude from every run")
    parser.add_argument("-v", "--variable", action="append", default=[], help="NAME:VALUE for every run")
    parser.add_argument("--keep", help="keep every run's results in this directory")
    parser.add_argument("paths", nargs="*", default=["suites"], help="suite folders (default: suites)")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error(f"--runs must be at least 1, got {args.runs}")
    robot_args = [option for tag in args.include for option in ("--include", tag)]
    robot_args += [option for tag in args.exclude for option in ("--exclude", tag)]
    robot_args += [option for variable in args.variable for option in ("--variable", variable)]
    robot_args += args.paths
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scoregate-repeat-pabot-"))
    outcomes: list[RunOutcome] = []
    try:
        for number in range(1, args.runs + 1):
            outcomes.append(run_once(number, args.processes, work / f"run-{number:02d}", robot_args))
            print(outcomes[-1].line(), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for line in summary(outcomes):
        print(line)
    clean = all(outcome.wrote_output and not outcome.failed_tests for outcome in outcomes)
    return 0 if clean else 1


if __name__ == "__main__":
    sys.exit(main())
