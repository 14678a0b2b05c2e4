"""Release gate: run the ScoreGate suites (or read an existing output.xml) and decide whether a release may go.

The gate fails when a test with a must-pass tag fails (or none of its tests passes), when a
regression comparison against the approved baseline recorded records beyond tolerance, or when a
PSI check recorded a PSI over its limit. The figures come from the ``ScoreGate metric`` messages
that ScoringLibrary's regression and drift keywords log, read from output.xml through Robot's
result model. It writes a one-page Markdown summary (``gate.md``) fit for a GitHub job summary or
a Jenkins build description.

Usage:
  python scripts/gate.py [--runner pabot|robot] [--processes N] [--outputdir results]
                         [--must-pass smoke,contract,...] [--link-base URL] [-- ROBOT OPTIONS ...]
  python scripts/gate.py --output results/output.xml          # judge an existing run

Exit status: 0 the gate passes, 1 it fails, 2 the run left no readable output.xml.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "libraries"))

from robot.api import ExecutionResult, ResultVisitor  # noqa: E402
from robot.result import Keyword, TestCase, TestSuite  # noqa: E402
from ScoringLibrary.core.run_metrics import parse_metric  # noqa: E402

DEFAULT_MUST_PASS = ("smoke", "contract", "compliance", "regression", "negative", "privacy")
REGRESSION_TAG = "regression"
DRIFT_TAG = "drift"
EXPECTED_ERROR_KEYWORDS = frozenset({"run keyword and expect error"})
"""Figures recorded under these keywords describe inputs broken on purpose (self-tests): never judged."""
MAX_FAILURES_LISTED = 15


@dataclass(frozen=True)
class TestRecord:
    """One test of the run."""

    full_name: str
    tags: tuple[str, ...]
    status: str
    message: str


@dataclass(frozen=True)
class Figure:
    """One ``ScoreGate metric`` message and where it was logged."""

    kind: str
    data: Mapping[str, Any]
    where: str
    tags: tuple[str, ...]
    expected_error: bool = False


@dataclass
class RunFacts:
    """What the gate reads from one output.xml."""

    tests: list[TestRecord] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class TagResult:
    """The tests carrying one tag and the gate's reading of them."""

    tag: str
    must_pass: bool
    tests: int
    passed: int
    failed: int
    skipped: int

    @property
    def blocking(self) -> bool:
        return self.must_pass and (self.failed > 0 or self.passed == 0)

    @property
    def status(self) -> str:
        if self.failed:
            return "❌ failed" if self.must_pass else "⚠️ failed (not blocking)"
        if not self.passed:
            label = "not run" if not self.tests else "all skipped"
            return f"❌ {label}" if self.must_pass else f"➖ {label}"
        return "✅ passed"


REGRESSION_COUNTS = (
    "compared",
    "matched",
    "within_tolerance",
    "beyond_tolerance",
    "decision_flips",
    "reason_code_changes",
    "failed",
)


@dataclass
class RegressionGroup:
    """The regression comparisons of one test, their counts summed."""

    where: str
    comparisons: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REGRESSION_COUNTS, 0))

    @property
    def ok(self) -> bool:
        return self.counts["failed"] == 0


@dataclass
class GateVerdict:
    """The decision and everything gate.md shows."""

    passed: bool
    reasons: list[str]
    tags: list[TagResult]
    regression: list[RegressionGroup]
    psi_checks: list[tuple[Figure, bool]]
    psi_reports: list[Figure]


# ---------------------------------------------------------------- reading output.xml


def _owner(item: Any) -> TestCase | TestSuite | None:
    while item is not None and not isinstance(item, TestCase | TestSuite):
        item = item.parent
    return item


def _under_expected_error(item: Any) -> bool:
    while item is not None and not isinstance(item, TestCase | TestSuite):
        if isinstance(item, Keyword) and str(item.name or "").lower() in EXPECTED_ERROR_KEYWORDS:
            return True
        item = item.parent
    return False


def _suite_tags(suite: TestSuite) -> tuple[str, ...]:
    return tuple(sorted({str(tag) for test in suite.all_tests for tag in test.tags}))


class _Collector(ResultVisitor):
    """Collects tests and metric messages from the result model."""

    def __init__(self) -> None:
        self.facts = RunFacts()

    def start_test(self, test: TestCase) -> None:
        tags = tuple(str(tag) for tag in test.tags)
        self.facts.tests.append(TestRecord(test.full_name, tags, test.status, test.message))

    def visit_message(self, message: Any) -> None:
        figures = parse_metric(message.message)
        if figures is None:
            return
        owner = _owner(message.parent)
        if isinstance(owner, TestCase):
            where, tags = owner.full_name, tuple(str(tag) for tag in owner.tags)
        elif isinstance(owner, TestSuite):
            where, tags = f"{owner.full_name} (suite setup or teardown)", _suite_tags(owner)
        else:
            where, tags = "(unknown)", ()
        figure = Figure(figures["kind"], figures, where, tags, _under_expected_error(message.parent))
        self.facts.figures.append(figure)


def read_run(output_xml: Path) -> RunFacts:
    """Tests, figures and top-level metadata of one output.xml (raises on a missing or broken file)."""
    result = ExecutionResult(str(output_xml))
    collector = _Collector()
    result.visit(collector)
    collector.facts.metadata = {str(k): str(v) for k, v in result.suite.metadata.items()}
    return collector.facts


# ---------------------------------------------------------------- judging


def tag_results(tests: Sequence[TestRecord], must_pass: Sequence[str], concerns: Iterable[str]) -> list[TagResult]:
    """One result per must-pass tag (in the given order), then per other concern tag present in the run."""
    present = {tag.lower() for test in tests for tag in test.tags}
    must = [tag.lower() for tag in must_pass]
    others = sorted({c.lower() for c in concerns if c.lower() in present} - set(must))
    results = []
    for tag in [*must, *others]:
        statuses = [t.status for t in tests if tag in {x.lower() for x in t.tags}]
        results.append(
            TagResult(
                tag,
                tag in must,
                len(statuses),
                statuses.count("PASS"),
                statuses.count("FAIL"),
                statuses.count("SKIP"),
            )
        )
    return results


def regression_groups(figures: Sequence[Figure]) -> list[RegressionGroup]:
    """Regression figures summed per test; a test passes the gate when no compared record is beyond tolerance.

    ``failed`` counts the compared records with a difference beyond tolerance, a decision flip or a
    reason-code change. Missing and unexpected records are left to the tests' own assertions: a
    comparison of one segment against all results has unexpected records by design.
    """
    groups: dict[str, RegressionGroup] = {}
    for figure in figures:
        group = groups.setdefault(figure.where, RegressionGroup(figure.where))
        group.comparisons += 1
        for name in REGRESSION_COUNTS:
            group.counts[name] += int(figure.data.get(name) or 0)
    return list(groups.values())


def psi_ok(figure: Figure) -> bool:
    """A PSI check passes the gate when the PSI is at most its limit (threshold or chance level)."""
    limit = figure.data.get("limit")
    value = figure.data.get("value")
    return limit is None or (value is not None and float(value) <= float(limit))


def _judged(figures: Sequence[Figure], kind: str) -> list[Figure]:
    return [f for f in figures if f.kind == kind and not f.expected_error]


def _has_tag(figure: Figure, tag: str) -> bool:
    return tag in {t.lower() for t in figure.tags}


def _ran(tests: Sequence[TestRecord], tag: str) -> int:
    return sum(1 for t in tests if t.status in ("PASS", "FAIL") and tag in {x.lower() for x in t.tags})


def _psi_where(figure: Figure) -> str:
    """The test of a PSI figure, with its segment when the figure is one segment's."""
    segment = figure.data.get("segment")
    return _short(figure.where) + (f" (segment {segment})" if segment is not None else "")


def _figure_reasons(facts: RunFacts, regression: list[RegressionGroup], psi_checks: list) -> list[str]:
    reasons = []
    for group in regression:
        if not group.ok:
            c = group.counts
            reasons.append(
                f"regression: {c['failed']} of {c['compared']} compared records beyond tolerance "
                f"({c['beyond_tolerance']} beyond tolerance, {c['decision_flips']} decision flips, "
                f"{c['reason_code_changes']} reason-code changes; {_plural(group.comparisons, 'comparison')}) "
                f"in {_short(group.where)}"
            )
    for figure, ok in psi_checks:
        if not ok:
            d = figure.data
            chance = "no chance level" if d.get("critical_value") is None else f"chance level {d['critical_value']}"
            reasons.append(
                f"drift: PSI {d.get('value')} over its limit {d.get('limit')} (threshold {d.get('threshold')}, "
                f"{chance}, n={d.get('n_expected')}, m={d.get('n_actual')}) in {_psi_where(figure)}"
            )
    missing = [
        (REGRESSION_TAG, "regression", regression),
        (DRIFT_TAG, "PSI", psi_checks),
    ]
    for tag, label, judged in missing:
        ran = _ran(facts.tests, tag)
        if ran and not judged:
            reasons.append(
                f"{tag}: {ran} tests ran but no {label} figures were recorded, so the gate cannot judge them "
                "(run at log level INFO or lower, without --removekeywords)"
            )
    return reasons


def judge(facts: RunFacts, must_pass: Sequence[str], concerns: Iterable[str] = ()) -> GateVerdict:
    """The gate's decision on one run."""
    tags = tag_results(facts.tests, must_pass, concerns)
    regression = regression_groups([f for f in _judged(facts.figures, "regression") if _has_tag(f, REGRESSION_TAG)])
    psi = _judged(facts.figures, "psi")
    psi_checks = [(f, psi_ok(f)) for f in psi if f.data.get("limit") is not None]
    psi_reports = [f for f in psi if f.data.get("limit") is None]
    reasons = []
    if not facts.tests:
        reasons.append("the run has no tests")
    for result in tags:
        if result.blocking and result.failed:
            reasons.append(f"{result.tag}: {result.failed} of {result.tests} tests failed (must pass)")
        elif result.blocking:
            state = "no test ran" if not result.tests else f"all {result.tests} tests were skipped"
            reasons.append(f"{result.tag}: {state} (must pass)")
    reasons += _figure_reasons(facts, regression, psi_checks)
    return GateVerdict(not reasons, reasons, tags, regression, psi_checks, psi_reports)


# ---------------------------------------------------------------- gate.md


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    return text.replace("|", "\\|").replace("\n", " ")


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _short(test_name: str) -> str:
    """``Suites.Drift.Population Drift.Test`` -> ``Drift › Population Drift › Test``."""
    parts = test_name.split(".")
    return " › ".join(parts[1:] if len(parts) > 2 else parts)


def _table(headers: Sequence[str], rows: Iterable[Sequence[Any]], align: str) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def _summary_lines(facts: RunFacts, links: Mapping[str, str], target: str | None) -> list[str]:
    statuses = [t.status for t in facts.tests]
    totals = (
        f"**{len(statuses)} tests**: {statuses.count('PASS')} passed, "
        f"{statuses.count('FAIL')} failed, {statuses.count('SKIP')} skipped"
    )
    details = [totals]
    target = facts.metadata.get("Target") or target
    if target:
        details.append(f"target `{target}`")
    model = " ".join(v for v in (facts.metadata.get("Model Code"), facts.metadata.get("Model Version")) if v)
    if model:
        details.append(f"model `{model}`")
    details += [f"[{name}]({href})" for name, href in links.items()]
    return [" · ".join(details), ""]


def _regression_section(verdict: GateVerdict) -> list[str]:
    lines = ["### Regression against the approved baseline", ""]
    if not verdict.regression:
        return [*lines, "No regression comparisons were recorded.", ""]
    headers = ("test", "comparisons", "compared", "matched", "within tol.", "beyond tol.", "decision flips")
    headers = (*headers, "reason codes", "result")
    align = ("---", *(["--:"] * 7), ":-:")
    rows = [
        (_short(g.where), g.comparisons, *(g.counts[name] for name in REGRESSION_COUNTS[:-1]), "✅" if g.ok else "❌")
        for g in verdict.regression
    ]
    return [*lines, *_table(headers, rows, align), ""]


def _psi_section(verdict: GateVerdict) -> list[str]:
    lines = ["### Drift (PSI)", ""]
    if not verdict.psi_checks and not verdict.psi_reports:
        return [*lines, "No PSI figures were recorded.", ""]
    if verdict.psi_checks:
        headers = ("test", "PSI", "threshold", "chance level", "limit", "n / m", "result")
        rows = [
            (
                _psi_where(f),
                f.data.get("value"),
                f.data.get("threshold"),
                f.data.get("critical_value"),
                f.data.get("limit"),
                f"{f.data.get('n_expected')} / {f.data.get('n_actual')}",
                "✅" if ok else "❌",
            )
            for f, ok in verdict.psi_checks
        ]
        lines += [*_table(headers, rows, ("---", "--:", "--:", "--:", "--:", "--:", ":-:")), ""]
    if verdict.psi_reports:
        largest = max(verdict.psi_reports, key=lambda f: float(f.data.get("value") or 0))
        lines.append(
            f"{len(verdict.psi_reports)} PSI figures reported without a threshold (judged by their tests); "
            f"largest {largest.data.get('value')} in {_short(largest.where)}."
        )
        lines.append("")
    return lines


def _failures_section(facts: RunFacts) -> list[str]:
    failed = [t for t in facts.tests if t.status == "FAIL"]
    if not failed:
        return []
    lines = [f"### Failed tests ({len(failed)})", ""]
    for test in failed[:MAX_FAILURES_LISTED]:
        message = test.message.strip().splitlines()[0] if test.message.strip() else ""
        message = message if len(message) <= 200 else message[:197] + "..."
        lines.append(f"- **{_short(test.full_name)}** ({', '.join(test.tags)}): {message}")
    if len(failed) > MAX_FAILURES_LISTED:
        lines.append(f"- ... and {len(failed) - MAX_FAILURES_LISTED} more: see the log")
    return [*lines, ""]


def render_markdown(verdict: GateVerdict, facts: RunFacts, links: Mapping[str, str], target: str | None = None) -> str:
    """gate.md: the decision, why, pass/fail per concern, regression and drift figures, failed tests."""
    title = "✅ ScoreGate release gate: PASSED" if verdict.passed else "❌ ScoreGate release gate: FAILED"
    lines = [f"## {title}", "", *_summary_lines(facts, links, target)]
    if verdict.reasons:
        lines += ["### Why it failed", "", *[f"- {_cell(reason)}" for reason in verdict.reasons], ""]
    rows = [
        (r.tag, "yes" if r.must_pass else "no", r.tests, r.passed, r.failed, r.skipped, r.status) for r in verdict.tags
    ]
    lines += ["### Concerns", ""]
    headers = ("concern (tag)", "must pass", "tests", "passed", "failed", "skipped", "result")
    lines += [*_table(headers, rows, ("---", ":-:", "--:", "--:", "--:", "--:", "---")), ""]
    lines += _regression_section(verdict)
    lines += _psi_section(verdict)
    lines += _failures_section(facts)
    return "\n".join(lines).rstrip() + "\n"


def render_unreadable(output_xml: Path, error: str) -> str:
    """gate.md when there is no result to judge."""
    return (
        "## ❌ ScoreGate release gate: FAILED\n\n"
        f"No readable result at `{output_xml}`: {_cell(error)}.\n"
        "The suites did not complete, so nothing can be judged.\n"
    )


# ---------------------------------------------------------------- running


def suite_command(
    runner: str, processes: int, outputdir: Path, robot_options: Sequence[str], suites: Path
) -> list[str]:
    """The command running the suites with results (output.xml, log, report, xunit) in ``outputdir``."""
    results = ["--outputdir", str(outputdir), "--xunit", "xunit.xml"]
    if runner == "pabot":
        pabot = [sys.executable, "-m", "pabot.pabot", "--processes", str(processes), "--pabotlibport", "0"]
        return [*pabot, *results, *robot_options, str(suites)]
    return [sys.executable, "-m", "robot", *results, *robot_options, str(suites)]


def _variable(robot_options: Sequence[str], name: str) -> str | None:
    """The last value given to ``name`` with ``-v``/``--variable`` among ``robot_options``."""
    values = [
        option.removeprefix("--variable=").split(":", 1)[1]
        for option in robot_options
        if option.removeprefix("--variable=").startswith(f"{name}:")
    ]
    return values[-1].strip() if values else None


def target_of(robot_options: Sequence[str]) -> str:
    """The target named by ``-v SCORING_BASE_URL:...`` (credentials dropped), else the embedded mock."""
    url = _variable(robot_options, "SCORING_BASE_URL")
    if not url:
        defect = _variable(robot_options, "MOCK_DEFECT")
        return f"embedded mock with defect {defect}" if defect else "embedded mock"
    parts = urlsplit(url)
    if not parts.hostname:
        return url
    host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def run_suites(command: list[str]) -> int:
    """Run the suites with the venv's tools first on PATH (pabot starts ``robot`` from PATH)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return subprocess.run(command, cwd=ROOT, env=env, check=False).returncode


def links_for(output_xml: Path, summary: Path, link_base: str | None) -> dict[str, str]:
    """Links to the log and report next to ``output_xml``, relative to gate.md or under ``link_base``."""
    links = {}
    for name in ("log.html", "report.html"):
        path = output_xml.parent / name
        if not path.is_file():
            continue
        if link_base:
            links[name] = f"{link_base.rstrip('/')}/{name}"
        else:
            links[name] = os.path.relpath(path, summary.parent)
    return links


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", help="judge this existing output.xml instead of running the suites")
    parser.add_argument("--runner", choices=("pabot", "robot"), default="pabot")
    parser.add_argument("--processes", type=int, default=4, help="pabot processes (default 4)")
    parser.add_argument("--outputdir", default=str(ROOT / "results"), help="where the run's results go")
    parser.add_argument("--suites", default=str(ROOT / "suites"), help="the suites to run (default suites/)")
    parser.add_argument(
        "--must-pass",
        default=",".join(DEFAULT_MUST_PASS),
        help=f"comma-separated tags whose tests must all pass (default {','.join(DEFAULT_MUST_PASS)})",
    )
    parser.add_argument("--summary", help="where gate.md goes (default: gate.md next to output.xml)")
    parser.add_argument("--link-base", help="URL of the folder holding log.html and report.html (CI artifacts)")
    return parser


def main(argv: list[str]) -> int:
    gate_args, robot_options = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    parser = _parser()
    args = parser.parse_args(gate_args)
    if any(option in ("-d", "--outputdir") or option.startswith("--outputdir=") for option in robot_options):
        parser.error("give the results folder with the gate's own --outputdir, not as a robot option")
    must_pass = [tag.strip() for tag in args.must_pass.split(",") if tag.strip()]
    suites = Path(args.suites)
    target = None
    if args.output:
        output_xml = Path(args.output)
    else:
        outputdir = Path(args.outputdir)
        command = suite_command(args.runner, args.processes, outputdir, robot_options, suites)
        output_xml = outputdir / "output.xml"
        output_xml.unlink(missing_ok=True)
        print(f"gate: running the suites with {args.runner}", flush=True)
        run_suites(command)
        target = target_of(robot_options)
    summary = Path(args.summary) if args.summary else output_xml.parent / "gate.md"
    summary.parent.mkdir(parents=True, exist_ok=True)
    try:
        facts = read_run(output_xml)
    except Exception as error:  # missing, truncated or not an output.xml: nothing can be judged
        summary.write_text(render_unreadable(output_xml, str(error)), encoding="utf-8")
        print(f"gate: FAILED, no readable output.xml at {output_xml}: {error}", file=sys.stderr)
        return 2
    concerns = [p.name for p in suites.iterdir() if p.is_dir()] if suites.is_dir() else []
    verdict = judge(facts, must_pass, concerns)
    markdown = render_markdown(verdict, facts, links_for(output_xml, summary, args.link_base), target)
    summary.write_text(markdown, encoding="utf-8")
    print(f"gate: {'PASSED' if verdict.passed else 'FAILED'}; summary in {summary}")
    for reason in verdict.reasons:
        print(f"  - {reason}")
    return 0 if verdict.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
