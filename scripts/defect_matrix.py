"""The defect-detection matrix: which suites catch each defect the mock can ship.

Runs the suites once against the clean mock and once per defect (`-v MOCK_DEFECT:NAME`), several
runs at a time, re-runs the failed tests of every run once more with the same defect, then writes
`defect-matrix.json`, `defect-matrix.html` (defects x suites) and `defect-matrix.xml` (JUnit, one
case per run) to the output directory. A failure counts as a catch only when the test passes in
the clean run and fails again on the re-run; anything else is listed as unconfirmed.

Exits non-zero when the clean run has a failure, or a defect is not caught by a test of every
suite it is expected to be caught by (`expected_suites` in mock/defects.py): caught only by other
suites, caught only by unconfirmed failures, not active in its run, or not caught at all.

Usage: python scripts/defect_matrix.py [--jobs N] [--outputdir results] [--defect NAME ...]
                                       [--exclude TAG ... | --include-all] [--split NAME ... | --no-split]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from robot.api import ExecutionResult  # noqa: E402

from mock.defects import DEFECTS  # noqa: E402

CLEAN = "clean"
SUITES = ROOT / "suites"
ACTIVATION_TEST = "Health Names Exactly The Defects This Run Activated"
"""The smoke test that passes only when /health lists exactly the defects of ``-v MOCK_DEFECT``."""
DEFAULT_JOBS = 4
DEFAULT_EXCLUDES = ("load",)
"""Tags left out of every matrix run: the Locust load tests (about 25 s a run, time-boxed)."""
DEFAULT_SPLIT = ("slow-responses",)
"""Runs split into one robot process per concern folder: every scoring request of ``slow-responses``
sleeps 600 ms, so its run takes about 7 minutes in one process and about 2 minutes when split."""
SPLIT_PROCESSES = 6
EXCLUDED_NOTE = " (the Locust load tests; the performance suite's latency and throughput tests stay in)"
RUN_TIMEOUT_SECONDS = 900
VERDICT_TEXT = {
    "caught": "caught",
    "partly-missed": "missed by an expected suite",
    "accidental": "caught only by unconfirmed failures",
    "wrong-suite": "caught only by other suites",
    "missed": "not caught",
    "not-active": "defect not active",
    "no-result": "run did not complete",
}


@dataclass(frozen=True)
class TestOutcome:
    """One test of one run: its concern (top-level suite folder), name, status and message."""

    concern: str
    name: str
    status: str
    message: str = ""


Outcomes = dict[str, TestOutcome]
"""The tests of one run by full name (``Suites.Contract.Rest And Soap Messages.<test>``)."""


@dataclass
class ColumnRun:
    """Where one column's results landed and how long its runs took."""

    name: str
    outdir: Path
    seconds: float = 0.0
    rerun_seconds: float = 0.0
    outcomes: Outcomes | None = None
    rerun: Outcomes | None = None
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- reading results


def concern_of(test) -> str:
    """The concern (top-level folder under suites/) a result-model test belongs to."""
    chain = []
    suite = test.parent
    while suite is not None:
        chain.append(suite)
        suite = suite.parent
    top = chain[-2] if len(chain) >= 2 else chain[-1]
    return top.name.lower().replace(" ", "_")


def _walk_tests(suite) -> Iterable:
    yield from suite.tests
    for child in suite.suites:
        yield from _walk_tests(child)


def read_outcomes(output_xml: Path) -> Outcomes | None:
    """Every test of an output.xml by full name, or None when the file is missing or unreadable."""
    if not output_xml.is_file():
        return None
    try:
        result = ExecutionResult(str(output_xml), include_keywords=False)
    except Exception:  # a truncated output.xml (killed run) cannot be judged
        return None
    return {
        test.full_name: TestOutcome(concern_of(test), test.name, test.status, test.message)
        for test in _walk_tests(result.suite)
    }


# ---------------------------------------------------------------- judging


def _unconfirmed_reason(test_id: str, clean: Outcomes | None, rerun: Outcomes | None) -> str | None:
    """Why a failure is not attributable to the defect, or None when it is (fails again, passes clean)."""
    clean_status = (clean or {}).get(test_id)
    if clean_status is None:
        return "not in the clean run"
    if clean_status.status != "PASS":
        return f"{clean_status.status} in the clean run too"
    again = (rerun or {}).get(test_id)
    if again is None:
        return "not re-run"
    if again.status != "FAIL":
        return f"{again.status} on the re-run"
    return None


def defect_active(outcomes: Outcomes) -> bool | None:
    """True when the activation test passed, False when it failed, None when it did not run."""
    statuses = [o.status for o in outcomes.values() if o.name == ACTIVATION_TEST]
    if not statuses or all(status == "SKIP" for status in statuses):
        return None
    return all(status in ("PASS", "SKIP") for status in statuses)


def _verdict(active: bool | None, expected: Sequence[str], confirmed: Counter, unconfirmed: Counter) -> str:
    if active is not True:
        return "not-active"
    caught_by = [suite for suite in expected if confirmed[suite]]
    if caught_by:
        return "caught" if len(caught_by) == len(expected) else "partly-missed"
    if any(unconfirmed[suite] for suite in expected):
        return "accidental"
    return "wrong-suite" if confirmed else "missed"


def judge_defect(
    expected: Sequence[str], outcomes: Outcomes | None, rerun: Outcomes | None, clean: Outcomes | None
) -> dict[str, Any]:
    """The matrix entry of one defect from its run, the re-run of its failures and the clean run."""
    expected = list(expected)
    if outcomes is None:
        return {
            "verdict": "no-result",
            "caught": False,
            "expected_suites": expected,
            "failed_suites": [],
            "caught_by": [],
            "missed_by": expected,
            "also_failed": [],
            "failed_tests": [],
            "unconfirmed_tests": [],
            "failures_by_suite": {},
            "unconfirmed_by_suite": {},
            "tests": 0,
            "defect_active": None,
        }
    confirmed: Counter = Counter()
    unconfirmed: Counter = Counter()
    failed_tests: list[str] = []
    unconfirmed_tests: list[dict[str, str]] = []
    for test_id, outcome in outcomes.items():
        if outcome.status != "FAIL":
            continue
        label = f"{outcome.concern} :: {outcome.name}"
        reason = _unconfirmed_reason(test_id, clean, rerun)
        if reason is None:
            confirmed[outcome.concern] += 1
            failed_tests.append(label)
        else:
            unconfirmed[outcome.concern] += 1
            unconfirmed_tests.append({"test": label, "reason": reason})
    active = defect_active(outcomes)
    verdict = _verdict(active, expected, confirmed, unconfirmed)
    failed_suites = sorted(confirmed)
    return {
        "verdict": verdict,
        "caught": any(confirmed[suite] for suite in expected) and active is True,
        "expected_suites": expected,
        "failed_suites": failed_suites,
        "caught_by": [suite for suite in expected if confirmed[suite]],
        "missed_by": [suite for suite in expected if not confirmed[suite]],
        "also_failed": [suite for suite in failed_suites if suite not in expected],
        "failed_tests": failed_tests,
        "unconfirmed_tests": unconfirmed_tests,
        "failures_by_suite": dict(sorted(confirmed.items())),
        "unconfirmed_by_suite": dict(sorted(unconfirmed.items())),
        "tests": len(outcomes),
        "defect_active": active,
    }


def judge_clean(outcomes: Outcomes | None, rerun: Outcomes | None) -> dict[str, Any]:
    """The clean column: totals and its failures, each marked as reproduced on the re-run or not."""
    if outcomes is None:
        return {"tests": 0, "failed": 1, "failed_tests": ["<no output.xml: the run did not complete>"], "flaky": []}
    failed = [(test_id, o) for test_id, o in outcomes.items() if o.status == "FAIL"]
    flaky = [f"{o.concern} :: {o.name}" for test_id, o in failed if (rerun or {}).get(test_id, o).status == "PASS"]
    return {
        "tests": len(outcomes),
        "failed": len(failed),
        "failed_tests": [f"{o.concern} :: {o.name}" for _, o in failed],
        "flaky": flaky,
    }


def build_matrix(
    runs: Mapping[str, ColumnRun], catalogue: Mapping[str, tuple[str, Sequence[str]]], settings: Mapping[str, Any]
) -> dict[str, Any]:
    """The whole matrix: the clean column, one entry per defect of ``catalogue`` (description, expected suites)."""
    clean_run = runs[CLEAN]
    clean = judge_clean(clean_run.outcomes, clean_run.rerun)
    clean.update(_timing(clean_run))
    concerns = {o.concern for o in (clean_run.outcomes or {}).values()}
    defects: dict[str, Any] = {}
    for name, (description, expected) in catalogue.items():
        run = runs[name]
        entry = judge_defect(expected, run.outcomes, run.rerun, clean_run.outcomes)
        defects[name] = {"description": description, **entry, **_timing(run)}
        concerns.update(o.concern for o in (run.outcomes or {}).values())
        concerns.update(expected)
    return {**settings, "clean": clean, "concerns": sorted(concerns), "defects": defects}


def _timing(run: ColumnRun) -> dict[str, Any]:
    return {
        "seconds": round(run.seconds, 1),
        "rerun_seconds": round(run.rerun_seconds, 1),
        "log": f"matrix/{run.name}/log.html",
        "notes": list(run.notes),
    }


def problems_of(matrix: Mapping[str, Any]) -> list[str]:
    """One line per reason the matrix fails: clean-run failures and defects not caught as expected."""
    problems = []
    clean = matrix["clean"]
    if clean["failed"]:
        flaky = f" ({len(clean['flaky'])} passed on the re-run: {clean['flaky']})" if clean["flaky"] else ""
        problems.append(f"the clean run has {clean['failed']} failed tests: {clean['failed_tests']}{flaky}")
    for name, entry in matrix["defects"].items():
        if entry["verdict"] != "caught":
            problems.append(f"{name}: {describe(entry)}")
    return problems


def describe(entry: Mapping[str, Any]) -> str:
    """The verdict of one defect in one line: what was expected, what caught it, what did not."""
    verdict = entry["verdict"]
    expected = ", ".join(entry["expected_suites"])
    if verdict == "no-result":
        return f"{VERDICT_TEXT[verdict]} (no readable output.xml); expected suites: {expected}"
    if verdict == "not-active":
        state = "did not run" if entry["defect_active"] is None else "failed"
        return f"{VERDICT_TEXT[verdict]}: '{ACTIVATION_TEST}' {state}, so the run cannot be judged"
    others = ", ".join(entry["also_failed"]) or "none"
    unconfirmed = ", ".join(f"{item['test']} ({item['reason']})" for item in entry["unconfirmed_tests"][:5])
    if verdict == "caught":
        return f"caught by {', '.join(entry['caught_by'])}"
    if verdict == "partly-missed":
        return (
            f"{VERDICT_TEXT[verdict]}: caught by {', '.join(entry['caught_by'])}, "
            f"no confirmed failure in {', '.join(entry['missed_by'])}"
        )
    if verdict == "accidental":
        return f"{VERDICT_TEXT[verdict]} in {expected}: {unconfirmed}"
    if verdict == "wrong-suite":
        return f"{VERDICT_TEXT[verdict]}: no test of {expected} failed; failing suites: {others}"
    return f"{VERDICT_TEXT[verdict]}: no test of {expected} failed; other failing suites: {others}"


# ---------------------------------------------------------------- rendering


def _cell(entry: Mapping[str, Any], concern: str) -> str:
    confirmed = entry["failures_by_suite"].get(concern, 0)
    unconfirmed = entry["unconfirmed_by_suite"].get(concern, 0)
    expected = concern in entry["expected_suites"]
    if confirmed and expected:
        cls = "caught"
    elif confirmed:
        cls = "extra"
    elif expected:
        cls = "missed"
    else:
        cls = ""
    text = str(confirmed) if confirmed or expected else ""
    if unconfirmed:
        title = f"{unconfirmed} failure(s) not confirmed (failed only once, or also in the clean run)"
        text += f' <span class="unconfirmed" title="{title}">+{unconfirmed}?</span>'
    return f'<td class="{cls}">{text}</td>'


def render_html(matrix: Mapping[str, Any]) -> str:
    """Defects x suites at a glance: failing tests per suite, green where expected, red where missed."""
    concerns = matrix["concerns"]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in concerns)
    rows = []
    for name, entry in matrix["defects"].items():
        cells = "".join(_cell(entry, concern) for concern in concerns)
        verdict_cls = "caught" if entry["verdict"] == "caught" else "missed"
        link = f'<a href="{html.escape(entry["log"])}">{html.escape(name)}</a>'
        rows.append(
            f'<tr><th title="{html.escape(entry["description"])}">{link}</th>'
            f'<td class="{verdict_cls}" title="{html.escape(describe(entry))}">'
            f"{html.escape(VERDICT_TEXT[entry['verdict']])}</td>{cells}</tr>"
        )
    clean = matrix["clean"]
    excluded_tags = matrix.get("excluded_tags", [])
    excluded = ", ".join(excluded_tags) or "none"
    split = ", ".join(matrix.get("split_columns", [])) or "none"
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ScoreGate defect-detection matrix</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 6px; text-align: center; }}
th {{ background: #f4f4f4; }} tbody th {{ text-align: left; }}
td.caught {{ background: #c8ecc8; }} td.missed {{ background: #f6c4c4; font-weight: bold; }}
td.extra {{ background: #fbeec0; }} .unconfirmed {{ color: #888; font-size: 11px; }}
</style></head><body>
<h1>Defect-detection matrix</h1>
<p>Clean run (<a href="matrix/clean/log.html">log</a>): {clean["tests"]} tests, {clean["failed"]} failed.
{len(matrix["defects"])} defects, {matrix.get("jobs", "?")} runs at a time, {matrix.get("seconds", "?")} s in all.
Tags left out of every run: <b>{html.escape(excluded)}</b>{EXCLUDED_NOTE if "load" in excluded_tags else ""}.
Runs split by concern folder: {html.escape(split)}.</p>
<p>Each cell counts the tests of a suite that fail with the defect on, pass in the clean run and fail again
when re-run with the defect. Green: caught by a suite meant to catch it; red: a suite meant to catch it has
no such failure; yellow: a suite not listed for the defect also fails. <span class="unconfirmed">+n?</span>:
failures not confirmed (passed on the re-run, or failing in the clean run too), which never count as a catch.
Hover a verdict for the details; the defect name links to its log.</p>
<table><thead><tr><th>defect</th><th>verdict</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</body></html>
"""


def render_junit(matrix: Mapping[str, Any]) -> str:
    """One test case per matrix column, so CI counts the matrix with the other tests."""
    cases = []
    clean = matrix["clean"]
    failure = ""
    if clean["failed"]:
        message = f"{clean['failed']} failed tests in the clean run: {', '.join(clean['failed_tests'])}"
        failure = f'<failure message="{html.escape(message)}"/>'
    cases.append(f'<testcase classname="defect-matrix" name="clean run has no failures">{failure}</testcase>')
    for name, entry in matrix["defects"].items():
        failure = ""
        if entry["verdict"] != "caught":
            failure = f'<failure message="{html.escape(describe(entry))}"/>'
        cases.append(f'<testcase classname="defect-matrix" name="{html.escape(name)} is caught">{failure}</testcase>')
    failures = sum(1 for c in cases if "<failure" in c)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="defect-matrix" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0">'
        f"{''.join(cases)}</testsuite>\n"
    )


# ---------------------------------------------------------------- running


def robot_command(outdir: Path, defect: str | None, excludes: Sequence[str], *selection: str) -> list[str]:
    """The robot command of one run: results in ``outdir``, the defect switched on, ``selection`` options."""
    command = [sys.executable, "-m", "robot", "--outputdir", str(outdir), "--output", "output.xml"]
    command += ["--log", "log.html", "--report", "NONE", "--console", "dotted"]
    for tag in excludes:
        command += ["--exclude", tag]
    if defect:
        command += ["--variable", f"MOCK_DEFECT:{defect}"]
    return [*command, *selection, str(SUITES)]


def _execute(command: list[str], outdir: Path) -> None:
    """Run one robot process, console to ``outdir/console.txt``; kill its process group after the timeout."""
    outdir.mkdir(parents=True, exist_ok=True)
    with (outdir / "console.txt").open("w", encoding="utf-8") as console:
        process = subprocess.Popen(command, cwd=ROOT, stdout=console, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            process.wait(timeout=RUN_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            console.write(f"\nkilled after {RUN_TIMEOUT_SECONDS} s\n")


def concern_folders(suites: Path | None = None) -> list[str]:
    """The concern folders under suites/ (each a top-level suite)."""
    suites = suites or SUITES
    return sorted(p.name for p in suites.iterdir() if p.is_dir() and any(p.glob("*.robot")))


def _run_split(run: ColumnRun, defect: str | None, excludes: Sequence[str], processes: int) -> None:
    """One robot process per concern folder (``--suite suites.<folder>``), merged into one output.xml."""
    parts = run.outdir / "parts"
    folders = concern_folders()
    with ThreadPoolExecutor(max_workers=processes) as pool:
        futures = []
        for folder in folders:
            selection = ("--suite", f"{SUITES.name}.{folder}", "--log", "NONE")
            command = robot_command(parts / folder, defect, excludes, *selection)
            futures.append(pool.submit(_execute, command, parts / folder))
        for future in futures:
            future.result()
    outputs = [str(parts / f / "output.xml") for f in folders if (parts / f / "output.xml").is_file()]
    missing = [f for f in folders if not (parts / f / "output.xml").is_file()]
    if missing:
        run.notes.append(f"no output.xml from the parts: {', '.join(missing)}")
    if outputs:
        merge = [sys.executable, "-m", "robot.rebot", "--merge", "--outputdir", str(run.outdir)]
        merge += ["--output", "output.xml", "--log", "log.html", "--report", "NONE", *outputs]
        _execute(merge, run.outdir / "merge")


def run_column(name: str, outputdir: Path, excludes: Sequence[str], split: bool, processes: int) -> ColumnRun:
    """Run one column (clean or a defect), then re-run its failed tests once with the same defect."""
    outdir = outputdir / "matrix" / name
    shutil.rmtree(outdir, ignore_errors=True)
    run = ColumnRun(name, outdir)
    defect = None if name == CLEAN else name
    started = time.monotonic()
    if split:
        _run_split(run, defect, excludes, processes)
    else:
        _execute(robot_command(outdir, defect, excludes), outdir)
    run.seconds = time.monotonic() - started
    run.outcomes = read_outcomes(outdir / "output.xml")
    if run.outcomes and any(o.status == "FAIL" for o in run.outcomes.values()):
        started = time.monotonic()
        rerun_dir = outdir / "rerun"
        _execute(robot_command(rerun_dir, defect, excludes, "--rerunfailed", str(outdir / "output.xml")), rerun_dir)
        run.rerun_seconds = time.monotonic() - started
        run.rerun = read_outcomes(rerun_dir / "output.xml")
        if run.rerun is None:
            run.notes.append("the re-run of the failed tests produced no output.xml")
    return run


def previous_seconds(path: Path) -> dict[str, float]:
    """Seconds per column from an earlier defect-matrix.json (empty when there is none)."""
    try:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        seconds = {CLEAN: float(earlier["clean"]["seconds"])}
        seconds.update(
            {n: float(e["seconds"]) + float(e.get("rerun_seconds", 0)) for n, e in earlier["defects"].items()}
        )
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    return seconds


def schedule(names: Sequence[str], split: Iterable[str], earlier: Mapping[str, float]) -> list[str]:
    """The order to start the columns: split ones first, then the longest of an earlier matrix first."""
    split = set(split)
    position = {name: index for index, name in enumerate(names)}
    return sorted(names, key=lambda n: (n not in split, -earlier.get(n, 0.0), position[n]))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"runs at a time (default {DEFAULT_JOBS})")
    parser.add_argument("--outputdir", default=str(ROOT / "results"))
    parser.add_argument("--defect", action="append", dest="defects", help="only these defects (repeatable)")
    parser.add_argument(
        "--exclude",
        action="append",
        dest="excludes",
        help=f"tags to leave out (default: {', '.join(DEFAULT_EXCLUDES)})",
    )
    parser.add_argument("--include-all", action="store_true", help="leave out no tags (the load tests run too)")
    parser.add_argument(
        "--split", action="append", help=f"runs split by concern folder (default: {', '.join(DEFAULT_SPLIT)})"
    )
    parser.add_argument("--no-split", action="store_true", help="every run in one robot process")
    parser.add_argument("--split-processes", type=int, default=SPLIT_PROCESSES, help="processes of a split run")
    args = parser.parse_args(argv)
    outputdir = Path(args.outputdir).resolve()
    names = args.defects or list(DEFECTS)
    unknown = [n for n in names + (args.split or []) if n not in DEFECTS and n != CLEAN]
    if unknown:
        parser.error(f"unknown defects: {', '.join(unknown)}; known: {', '.join(DEFECTS)}")
    excludes = [] if args.include_all else (args.excludes or list(DEFAULT_EXCLUDES))
    wanted = [] if args.no_split else (args.split if args.split is not None else DEFAULT_SPLIT)
    split = [n for n in wanted if n in [CLEAN, *names]]
    order = schedule([CLEAN, *names], split, previous_seconds(outputdir / "defect-matrix.json"))

    started = time.monotonic()
    runs: dict[str, ColumnRun] = {}
    print(f"defect matrix: {len(order)} runs, {args.jobs} at a time, excluding tags: {excludes or 'none'}", flush=True)
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_column, n, outputdir, excludes, n in split, args.split_processes) for n in order]
        for future in as_completed(futures):
            run = future.result()
            runs[run.name] = run
            tests = len(run.outcomes) if run.outcomes is not None else "no"
            print(
                f"  {run.name:<26} {run.seconds:6.1f} s  re-run {run.rerun_seconds:5.1f} s  {tests} tests", flush=True
            )

    settings = {"jobs": args.jobs, "excluded_tags": excludes, "split_columns": split}
    catalogue = {n: (DEFECTS[n].description, DEFECTS[n].expected_suites) for n in names}
    matrix = build_matrix(runs, catalogue, settings)
    matrix["seconds"] = round(time.monotonic() - started, 1)
    (outputdir / "defect-matrix.json").write_text(json.dumps(matrix, indent=2) + "\n", encoding="utf-8")
    (outputdir / "defect-matrix.html").write_text(render_html(matrix), encoding="utf-8")
    (outputdir / "defect-matrix.xml").write_text(render_junit(matrix), encoding="utf-8")

    for name, entry in matrix["defects"].items():
        print(f"  {name:<26} {describe(entry)}")
    problems = problems_of(matrix)
    caught = sum(1 for e in matrix["defects"].values() if e["verdict"] == "caught")
    print(
        f"defect matrix: {caught}/{len(names)} defects caught by their expected suites; "
        f"clean run {matrix['clean']['tests']} tests, {matrix['clean']['failed']} failed; {matrix['seconds']} s"
    )
    for problem in problems:
        print(f"  FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
