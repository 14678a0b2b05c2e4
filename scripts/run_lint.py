"""Run every linter of the project to the end and record each one as a JUnit test case.

The linters: ruff (check and format) on the Python code, Robocop (check and format) on
resources/ and suites/, bandit (configured in pyproject.toml), detect-secrets against the
audited .secrets.baseline (scripts/check_secrets.py) and actionlint on the GitHub workflows.
Each runs even when an earlier one fails; a linter that is not installed fails.

Usage: python scripts/run_lint.py [--junit results/lint.xml] [--only NAME ...]
Exit code 1 when any linter fails.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from xml.etree.ElementTree import Element, SubElement, tostring

ROOT = Path(__file__).resolve().parent.parent
OUTPUT_LIMIT = 20_000
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Check:
    """One linter: its name in the report and its command (the first item is the program)."""

    name: str
    command: tuple[str, ...]


@dataclass(frozen=True)
class Outcome:
    """What one linter did: its exit code (None when it could not start), output and duration."""

    name: str
    command: tuple[str, ...]
    returncode: int | None
    output: str
    seconds: float

    @property
    def passed(self) -> bool:
        return self.returncode == 0


def tool(name: str) -> str:
    """The path of a command: the one next to this Python (the project's virtualenv) first, then PATH."""
    beside = Path(sys.executable).parent / name
    if beside.is_file():
        return str(beside)
    return shutil.which(name) or name


def workflow_files(root: Path = ROOT) -> tuple[str, ...]:
    """The GitHub workflow files, relative to ``root``."""
    folder = root / ".github" / "workflows"
    return tuple(str(path.relative_to(root)) for path in sorted([*folder.glob("*.yml"), *folder.glob("*.yaml")]))


def default_checks() -> list[Check]:
    """The project's linters, in the order they run."""
    python = sys.executable
    return [
        Check("ruff check", (tool("ruff"), "check", ".")),
        Check("ruff format", (tool("ruff"), "format", "--check", "--extend-exclude", "*.md", ".")),
        Check("robocop check", (tool("robocop"), "check", "resources", "suites")),
        Check("robocop format", (tool("robocop"), "format", "--check", "--diff", "resources", "suites")),
        Check("bandit", (tool("bandit"), "-c", "pyproject.toml", "-r", ".", "-q")),
        Check("detect-secrets", (python, "scripts/check_secrets.py")),
        Check("actionlint", (tool("actionlint"), *workflow_files())),
    ]


def clean_output(text: str) -> str:
    """Console output made fit for XML: colour codes and characters XML cannot hold removed, the tail kept."""
    text = _NOT_XML.sub("", _ANSI.sub("", text))
    if len(text) > OUTPUT_LIMIT:
        text = "...\n" + text[-OUTPUT_LIMIT:]
    return text


def run_check(check: Check, cwd: Path = ROOT) -> Outcome:
    """Run one linter to the end and capture its combined output."""
    started = time.monotonic()
    env = {**os.environ, "NO_COLOR": "1", "PY_COLORS": "0"}
    try:
        completed = subprocess.run(
            check.command, cwd=cwd, env=env, capture_output=True, text=True, errors="replace", check=False
        )
    except OSError as error:
        output = f"{check.name}: cannot run {check.command[0]!r}: {error} (is it installed? make setup)"
        return Outcome(check.name, check.command, None, output, time.monotonic() - started)
    output = completed.stdout + completed.stderr
    return Outcome(check.name, check.command, completed.returncode, output, time.monotonic() - started)


def failure_message(outcome: Outcome) -> str:
    """The one-line reason a linter failed."""
    if outcome.returncode is None:
        return f"{outcome.name} did not run: expected the program {outcome.command[0]!r}"
    return f"{outcome.name} found problems: expected exit code 0, got {outcome.returncode}"


def junit_xml(outcomes: list[Outcome], suite_name: str = "lint") -> bytes:
    """A JUnit XML document with one test case per linter."""
    failures = sum(not outcome.passed for outcome in outcomes)
    suite = Element(
        "testsuite",
        name=suite_name,
        tests=str(len(outcomes)),
        failures=str(failures),
        errors="0",
        skipped="0",
        time=f"{sum(outcome.seconds for outcome in outcomes):.3f}",
    )
    for outcome in outcomes:
        case = SubElement(suite, "testcase", classname=suite_name, name=outcome.name, time=f"{outcome.seconds:.3f}")
        output = clean_output(outcome.output)
        if not outcome.passed:
            failure = SubElement(case, "failure", message=failure_message(outcome), type="LintFailure")
            failure.text = output
        SubElement(case, "system-out").text = f"$ {' '.join(outcome.command)}\n{output}"
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + tostring(suite, encoding="utf-8") + b"\n"


def select(checks: list[Check], names: list[str] | None) -> list[Check]:
    """The checks named in ``names`` (all when None); an unknown name is an error."""
    if not names:
        return checks
    known = {check.name: check for check in checks}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise ValueError(f"unknown linter {', '.join(unknown)}: expected one of {', '.join(known)}")
    return [known[name] for name in names]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--junit", type=Path, help="write the JUnit XML report here (for example results/lint.xml)")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this linter (repeatable)")
    args = parser.parse_args(argv)
    try:
        checks = select(default_checks(), args.only)
    except ValueError as error:
        parser.error(str(error))
    outcomes = []
    for check in checks:
        print(f"== {check.name}: {' '.join(check.command)}", flush=True)
        outcome = run_check(check)
        print(outcome.output.rstrip() or "(no output)", flush=True)
        outcomes.append(outcome)
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        args.junit.write_bytes(junit_xml(outcomes))
    for outcome in outcomes:
        verdict = "ok" if outcome.passed else "FAILED"
        print(f"{outcome.name:<16} {verdict:<7} {outcome.seconds:6.1f} s")
    failed = [outcome.name for outcome in outcomes if not outcome.passed]
    verdict = f"failed: {', '.join(failed)}" if failed else "all clean"
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} linters clean ({verdict})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
