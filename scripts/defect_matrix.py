"""The defect-detection matrix: which suites catch each defect the mock can ship.

Runs the suites once against the clean mock and once per defect (`-v MOCK_DEFECT:NAME`),
several runs at a time, then writes `results/defect-matrix.json` and
`results/defect-matrix.html`. Exits non-zero when the clean run has a failure or a
defect is not caught by at least one test of a suite it is expected to be caught by.

Usage: python scripts/defect_matrix.py [--jobs N] [--outputdir results] [--defect NAME ...]
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from robot.api import ExecutionResult  # noqa: E402

from mock.defects import DEFECTS  # noqa: E402

CLEAN = "clean"


def concern_of(test) -> str:
    """The concern (top-level folder under suites/) a test belongs to."""
    suite = test.parent
    chain = []
    while suite is not None:
        chain.append(suite)
        suite = suite.parent
    # chain[-1] is the top-level "Suites" suite; chain[-2] is the concern folder.
    return chain[-2].name.lower().replace(" ", "_") if len(chain) >= 2 else chain[-1].name.lower()


def run_suites(name: str, outdir: Path) -> tuple[str, float, int]:
    """Run the suites for one column of the matrix; returns (name, seconds, robot rc)."""
    outdir.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "robot",
        "--outputdir",
        str(outdir),
        "--log",
        "log.html",
        "--report",
        "report.html",
        "--console",
        "none",
    ]
    if name != CLEAN:
        command += ["--variable", f"MOCK_DEFECT:{name}"]
    command.append(str(ROOT / "suites"))
    started = time.monotonic()
    completed = subprocess.run(command, cwd=ROOT, check=False, env=dict(os.environ))
    return name, time.monotonic() - started, completed.returncode


def read_run(output_xml: Path) -> dict:
    """Totals and failed tests of one run, grouped by concern."""
    if not output_xml.is_file():
        missing = ["<no output.xml: the run did not complete>"]
        return {"tests": 0, "failed": 1, "failed_tests": missing, "by_concern": {}}
    result = ExecutionResult(str(output_xml))
    failed_tests: list[str] = []
    by_concern: dict[str, dict[str, int]] = {}
    for test in _all_tests(result.suite):
        concern = concern_of(test)
        counts = by_concern.setdefault(concern, {"tests": 0, "failed": 0})
        counts["tests"] += 1
        if test.status == "FAIL":
            counts["failed"] += 1
            failed_tests.append(f"{concern} :: {test.name}")
    stats = result.suite.statistics
    return {"tests": stats.total, "failed": stats.failed, "failed_tests": failed_tests, "by_concern": by_concern}


def _all_tests(suite):
    yield from suite.tests
    for child in suite.suites:
        yield from _all_tests(child)


def build_matrix(outputdir: Path, names: list[str], timings: dict[str, float]) -> dict:
    clean = read_run(outputdir / "matrix" / CLEAN / "output.xml")
    matrix = {
        "clean": {
            "tests": clean["tests"],
            "failed": clean["failed"],
            "failed_tests": clean["failed_tests"],
            "seconds": round(timings.get(CLEAN, 0.0), 1),
        },
        "concerns": sorted(clean["by_concern"]),
        "defects": {},
    }
    for name in names:
        run = read_run(outputdir / "matrix" / name / "output.xml")
        expected = list(DEFECTS[name].expected_suites)
        failed_suites = sorted(c for c, counts in run["by_concern"].items() if counts["failed"])
        caught_by_expected = sorted(set(failed_suites) & set(expected))
        matrix["defects"][name] = {
            "description": DEFECTS[name].description,
            "caught": bool(caught_by_expected),
            "expected_suites": expected,
            "failed_suites": failed_suites,
            "caught_outside_expected": sorted(set(failed_suites) - set(expected)),
            "failed_tests": run["failed_tests"],
            "failures_by_suite": {c: counts["failed"] for c, counts in run["by_concern"].items() if counts["failed"]},
            "seconds": round(timings.get(name, 0.0), 1),
        }
    return matrix


def render_html(matrix: dict) -> str:
    concerns = matrix["concerns"]
    head = "".join(f"<th>{html.escape(c)}</th>" for c in concerns)
    rows = []
    for name, entry in matrix["defects"].items():
        cells = []
        for concern in concerns:
            failures = entry["failures_by_suite"].get(concern, 0)
            expected = concern in entry["expected_suites"]
            if failures and expected:
                cls, text = "caught", str(failures)
            elif failures:
                cls, text = "extra", str(failures)
            elif expected:
                cls, text = "missed", "0"
            else:
                cls, text = "", ""
            cells.append(f'<td class="{cls}">{text}</td>')
        verdict = "caught" if entry["caught"] else "NOT CAUGHT"
        rows.append(
            f'<tr><th title="{html.escape(entry["description"])}">{html.escape(name)}</th>'
            f'<td class="{"caught" if entry["caught"] else "missed"}">{verdict}</td>{"".join(cells)}</tr>'
        )
    clean = matrix["clean"]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>ScoreGate defect-detection matrix</title>
<style>
body {{ font-family: sans-serif; margin: 1.5em; }}
table {{ border-collapse: collapse; font-size: 13px; }}
th, td {{ border: 1px solid #ccc; padding: 4px 6px; text-align: center; }}
th {{ background: #f4f4f4; }} tbody th {{ text-align: left; }}
td.caught {{ background: #c8ecc8; }} td.missed {{ background: #f6c4c4; font-weight: bold; }}
td.extra {{ background: #fbeec0; }}
</style></head><body>
<h1>Defect-detection matrix</h1>
<p>Clean run: {clean["tests"]} tests, {clean["failed"]} failed.
Cells count the failing tests of each suite with the defect on. Green: caught by a suite meant to catch it;
yellow: also failed elsewhere; red: a suite meant to catch it did not.</p>
<table><thead><tr><th>defect</th><th>verdict</th>{head}</tr></thead>
<tbody>{"".join(rows)}</tbody></table>
</body></html>
"""


def render_junit(matrix: dict) -> str:
    """One test case per matrix column, so CI counts the matrix with the other tests."""
    cases = []
    clean = matrix["clean"]
    failure = ""
    if clean["failed"]:
        message = html.escape(f"{clean['failed']} failed tests in the clean run")
        failure = f'<failure message="{message}"/>'
    cases.append(f'<testcase classname="defect-matrix" name="clean run has no failures">{failure}</testcase>')
    for name, entry in matrix["defects"].items():
        failure = ""
        if not entry["caught"]:
            message = f"not caught by {', '.join(entry['expected_suites'])}; failed suites: {entry['failed_suites']}"
            failure = f'<failure message="{html.escape(message)}"/>'
        cases.append(f'<testcase classname="defect-matrix" name="{html.escape(name)} is caught">{failure}</testcase>')
    failures = sum(1 for c in cases if "<failure" in c)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<testsuite name="defect-matrix" tests="{len(cases)}" failures="{failures}" errors="0" skipped="0">'
        f"{''.join(cases)}</testsuite>\n"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--outputdir", default=str(ROOT / "results"))
    parser.add_argument("--defect", action="append", dest="defects", help="only these defects (repeatable)")
    args = parser.parse_args(argv)
    outputdir = Path(args.outputdir)
    names = args.defects or list(DEFECTS)
    unknown = [n for n in names if n not in DEFECTS]
    if unknown:
        parser.error(f"unknown defects: {', '.join(unknown)}; known: {', '.join(DEFECTS)}")

    started = time.monotonic()
    timings: dict[str, float] = {}
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = [pool.submit(run_suites, n, outputdir / "matrix" / n) for n in [CLEAN, *names]]
        for future in futures:
            name, seconds, _rc = future.result()
            timings[name] = seconds
            print(f"  {name:<26} {seconds:6.1f} s", flush=True)

    matrix = build_matrix(outputdir, names, timings)
    matrix["seconds"] = round(time.monotonic() - started, 1)
    (outputdir / "defect-matrix.json").write_text(json.dumps(matrix, indent=2) + "\n", encoding="utf-8")
    (outputdir / "defect-matrix.html").write_text(render_html(matrix), encoding="utf-8")
    (outputdir / "defect-matrix.xml").write_text(render_junit(matrix), encoding="utf-8")

    problems = []
    if matrix["clean"]["failed"]:
        clean = matrix["clean"]
        problems.append(f"the clean run has {clean['failed']} failed tests: {clean['failed_tests']}")
    for name, entry in matrix["defects"].items():
        if not entry["caught"]:
            problems.append(
                f"{name} is not caught by its expected suites {entry['expected_suites']} "
                f"(failed suites: {entry['failed_suites'] or 'none'})"
            )
    caught = sum(1 for e in matrix["defects"].values() if e["caught"])
    print(
        f"defect matrix: {caught}/{len(names)} defects caught by their expected suites; "
        f"clean run {matrix['clean']['tests']} tests, {matrix['clean']['failed']} failed; {matrix['seconds']} s"
    )
    for problem in problems:
        print(f"  FAIL: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
