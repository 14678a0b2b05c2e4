"""The release gate on output.xml files of small suites run by Robot Framework: tags, figures, gate.md, CLI."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from ScoringLibrary.core.run_metrics import metric_message, parse_metric

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "libraries" / "ScoringLibrary"

_spec = importlib.util.spec_from_file_location("scoregate_gate", ROOT / "scripts" / "gate.py")
gate = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = gate
_spec.loader.exec_module(gate)

SETTINGS = """*** Settings ***
Library    LIBRARY_PATH/

*** Variables ***
@{BASELINE}    ${{ {'transactionId': 'SYN-TX-0001', 'score': 700, 'decision': 'APPROVE'} }}
...            ${{ {'transactionId': 'SYN-TX-0002', 'score': 610, 'decision': 'REFER'} }}
@{FLIPPED}     ${{ {'transactionId': 'SYN-TX-0001', 'score': 700, 'decision': 'APPROVE'} }}
...            ${{ {'transactionId': 'SYN-TX-0002', 'score': 590, 'decision': 'DECLINE'} }}
${SCORES}      ${{ [300 + (i * 7) % 550 for i in range(400)] }}
${SHIFTED}     ${{ [600 + (i * 3) % 250 for i in range(400)] }}

""".replace("LIBRARY_PATH", str(LIBRARY))

HEALTHY = {
    "smoke.robot": """*** Test Cases ***
Service Answers
    [Tags]    smoke
    Should Be Equal    ok    ok
""",
    "contract.robot": """*** Test Cases ***
Response Conforms
    [Tags]    contract
    Should Be Equal    ${1}    ${1}
""",
    "regression.robot": """*** Test Cases ***
Results Match The Baseline
    [Tags]    regression
    Results Should Match Baseline    ${BASELINE}    ${BASELINE}    score=abs:0

A Flipped Decision Is Reported By The Comparison
    [Tags]    regression
    Run Keyword And Expect Error    Results differ from the baseline*
    ...    Results Should Match Baseline    ${FLIPPED}    ${BASELINE}
""",
    "drift.robot": """*** Test Cases ***
Same Population Is Stable
    [Tags]    drift
    PSI Should Be Below    ${SCORES}    ${SCORES}    threshold=0.10

Challenger Shift Is Reported
    [Tags]    drift
    ${psi}=    Calculate PSI    ${SCORES}    ${SHIFTED}
    Should Be True    ${psi} > 1
""",
}

BROKEN = {
    "contract.robot": """*** Test Cases ***
Response Conforms
    [Tags]    contract
    Should Be Equal    risk_band    riskBand
""",
    "performance.robot": """*** Test Cases ***
Latency Meets The SLO
    [Tags]    performance
    Fail    p95 812 ms over the limit 500 ms
""",
    "regression.robot": """*** Test Cases ***
Comparison Without Assertion
    [Tags]    regression
    ${summary}=    Compare Results With Baseline    ${FLIPPED}    ${BASELINE}
    Should Be Equal As Integers    ${summary}[compared]    2
""",
    "drift.robot": """*** Test Cases ***
Drift Check Whose Failure Is Ignored
    [Tags]    drift
    Run Keyword And Ignore Error    PSI Should Be Below    ${SCORES}    ${SHIFTED}    threshold=0.10
""",
}


def write_suites(directory: Path, files: dict[str, str]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        (directory / name).write_text(SETTINGS + body, encoding="utf-8")
    return directory


def run_robot(suites: Path, outdir: Path, *options: str) -> Path:
    command = [sys.executable, "-m", "robot", "--outputdir", str(outdir), "--console", "none", *options, str(suites)]
    subprocess.run(command, cwd=ROOT, check=False, timeout=120)
    return outdir / "output.xml"


@pytest.fixture(scope="module")
def healthy(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("healthy")
    return run_robot(write_suites(base / "suites", HEALTHY), base / "results")


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("broken")
    files = {**HEALTHY, **BROKEN}
    return run_robot(write_suites(base / "suites", files), base / "results")


def test_healthy_run_passes_with_its_figures(healthy):
    facts = gate.read_run(healthy)
    verdict = gate.judge(facts, ["smoke", "contract", "regression"], ["drift"])
    assert verdict.passed, verdict.reasons
    assert [r.tag for r in verdict.tags] == ["smoke", "contract", "regression", "drift"]
    assert [(g.counts["compared"], g.comparisons, g.ok) for g in verdict.regression] == [(2, 1, True)]
    assert [(f.data["value"], f.data["threshold"], ok) for f, ok in verdict.psi_checks] == [(0.0, 0.1, True)]
    assert len(verdict.psi_reports) == 1 and verdict.psi_reports[0].data["value"] > 1


def test_figures_of_self_tests_under_expected_error_are_never_judged(healthy):
    facts = gate.read_run(healthy)
    flipped = [f for f in facts.figures if f.kind == "regression" and f.data["decision_flips"]]
    assert len(flipped) == 1 and flipped[0].expected_error
    assert flipped[0].where.endswith("A Flipped Decision Is Reported By The Comparison")
    assert flipped[0].data["check"] is True and flipped[0].data["keyword"] == "Results Should Match Baseline"


def test_broken_run_fails_on_tags_and_on_figures_of_passing_tests(broken):
    facts = gate.read_run(broken)
    verdict = gate.judge(facts, ["smoke", "contract", "regression"], ["drift", "performance"])
    assert not verdict.passed
    reasons = "\n".join(verdict.reasons)
    assert "contract: 1 of 1 tests failed (must pass)" in reasons
    assert "performance" not in reasons, "a failing concern that is not must-pass does not block"
    assert "regression: 1 of 2 compared records beyond tolerance" in reasons
    assert "1 decision flips" in reasons and "Comparison Without Assertion" in reasons
    assert "drift: PSI" in reasons and "over its limit 0.1" in reasons and "Drift Check Whose Failure" in reasons
    performance = next(r for r in verdict.tags if r.tag == "performance")
    assert performance.status == "⚠️ failed (not blocking)" and not performance.blocking


def test_a_must_pass_tag_without_tests_blocks(healthy):
    verdict = gate.judge(gate.read_run(healthy), ["smoke", "privacy"])
    assert not verdict.passed
    assert verdict.reasons == ["privacy: no test ran (must pass)"]
    assert next(r for r in verdict.tags if r.tag == "privacy").status == "❌ not run"


def test_missing_figures_block_when_regression_and_drift_tests_ran(tmp_path, healthy):
    output = run_robot(healthy.parent.parent / "suites", tmp_path, "--loglevel", "WARN")
    verdict = gate.judge(gate.read_run(output), ["smoke"])
    reasons = "\n".join(verdict.reasons)
    assert "regression: 2 tests ran but no regression figures were recorded" in reasons
    assert "drift: 2 tests ran but no PSI figures were recorded" in reasons


def test_gate_markdown_shows_decision_reasons_figures_and_links(broken):
    facts = gate.read_run(broken)
    verdict = gate.judge(facts, ["contract", "regression"], ["drift", "performance"])
    links = gate.links_for(broken, broken.parent / "gate.md", None)
    text = gate.render_markdown(verdict, facts, links, target="embedded mock")
    assert text.startswith("## ❌ ScoreGate release gate: FAILED\n")
    assert "[log.html](log.html) · [report.html](report.html)" in text
    assert "target `embedded mock`" in text
    assert "### Why it failed" in text and "- contract: 1 of 1 tests failed (must pass)" in text
    assert "| contract | yes | 1 | 0 | 1 | 0 | ❌ failed |" in text
    assert "| performance | no | 1 | 0 | 1 | 0 | ⚠️ failed (not blocking) |" in text
    assert "### Regression against the approved baseline" in text and "Comparison Without Assertion" in text
    assert "### Drift (PSI)" in text and "| 0.1 |" in text
    assert "### Failed tests (2)" in text and "p95 812 ms over the limit 500 ms" in text


def test_links_can_point_at_ci_artifacts(healthy):
    links = gate.links_for(healthy, Path("/elsewhere/gate.md"), "https://ci.example.com/job/7/artifact/results/")
    assert links == {
        "log.html": "https://ci.example.com/job/7/artifact/results/log.html",
        "report.html": "https://ci.example.com/job/7/artifact/results/report.html",
    }


def test_cli_judges_an_existing_output_and_exits_non_zero_when_it_fails(broken, tmp_path):
    summary = tmp_path / "gate.md"
    assert gate.main(["--output", str(broken), "--summary", str(summary), "--must-pass", "smoke"]) == 1
    assert "drift: PSI" in summary.read_text(encoding="utf-8")


def test_cli_exits_2_and_writes_a_failed_summary_without_output(tmp_path):
    missing = tmp_path / "output.xml"
    assert gate.main(["--output", str(missing)]) == 2
    text = (tmp_path / "gate.md").read_text(encoding="utf-8")
    assert text.startswith("## ❌ ScoreGate release gate: FAILED") and str(missing) in text


def test_cli_runs_the_suites_with_the_robot_options_passed_through(tmp_path):
    suites = write_suites(
        tmp_path / "suites", {"smoke.robot": HEALTHY["smoke.robot"].replace("ok    ok", "${X}    ok")}
    )
    outdir = tmp_path / "results"
    argv = ["--runner", "robot", "--suites", str(suites), "--outputdir", str(outdir), "--must-pass", "smoke"]
    assert gate.main([*argv, "--", "--variable", "X:ok", "--console", "none"]) == 0
    assert (outdir / "xunit.xml").is_file()
    assert "✅ ScoreGate release gate: PASSED" in (outdir / "gate.md").read_text(encoding="utf-8")
    assert gate.main([*argv, "--", "--variable", "X:not-ok", "--console", "none"]) == 1


def test_outputdir_must_be_the_gates_own_option():
    with pytest.raises(SystemExit):
        gate.main(["--", "--outputdir", "elsewhere"])


def test_pabot_and_robot_commands():
    pabot = gate.suite_command("pabot", 3, Path("out"), ["-v", "A:1"], Path("suites"))
    pabot_options = ["-m", "pabot.pabot", "--processes", "3", "--pabotlibport", "0"]
    assert pabot[1:] == [*pabot_options, "--outputdir", "out", "--xunit", "xunit.xml", "-v", "A:1", "suites"]
    robot = gate.suite_command("robot", 3, Path("out"), [], Path("suites"))
    assert robot[1:] == ["-m", "robot", "--outputdir", "out", "--xunit", "xunit.xml", "suites"]


@pytest.mark.parametrize(
    ("options", "target"),
    [
        ([], "embedded mock"),
        (["-v", "MOCK_DEFECT:score-jitter"], "embedded mock with defect score-jitter"),
        (
            ["-v", "SCORING_BASE_URL:https://reader:synthetic@scoring.example.com/api"],  # pragma: allowlist secret
            "https://scoring.example.com/api",
        ),
        (["--variable=SCORING_BASE_URL:http://127.0.0.1:9000"], "http://127.0.0.1:9000"),
    ],
)
def test_target_is_named_without_credentials(options, target):
    assert gate.target_of(options).rstrip("/") == target.rstrip("/")


def test_metric_messages_round_trip_and_other_messages_are_ignored():
    message = metric_message("psi", {"value": 0.25, "threshold": 0.1, "critical_value": float("inf")})
    assert message.startswith("ScoreGate metric: {")
    assert parse_metric(message) == {"kind": "psi", "value": 0.25, "threshold": 0.1, "critical_value": None}
    for other in ("PSI 0.25", "ScoreGate metric: not json", 'ScoreGate metric: {"value": 1}', "ScoreGate metric: [1]"):
        assert parse_metric(other) is None
    with pytest.raises(ValueError, match="a metric needs a kind"):
        metric_message("", {})


SEGMENT_DRIFT = {
    "drift.robot": (
        "*** Variables ***\n"
        "${CASES}    ${{ [{'caseId': f'{s}-{i}', 'segment': s, 'score': b + (i * 7) % 160} "
        "for s, b in (('prime', 640), ('self_employed', 560)) for i in range(40)] }}\n"
        "${SAME}     ${{ [{'caseId': c['caseId'], 'score': c['score']} for c in $CASES] }}\n"
        "${MOVED}    ${{ [{'caseId': c['caseId'], "
        "'score': c['score'] + (80 if c['segment'] == 'self_employed' else 0)} for c in $CASES] }}\n"
        "${BANDS}    ${{ [600, 680, 720, 760] }}\n"
        """
*** Test Cases ***
Every Segment Is Stable
    [Tags]    drift
    Segment PSI Should Be Below    ${CASES}    ${SAME}    edges=${BANDS}

Segment Drift Whose Failure Is Ignored
    [Tags]    drift
    Run Keyword And Ignore Error    Segment PSI Should Be Below    ${CASES}    ${MOVED}    edges=${BANDS}
"""
    ),
}


def test_the_gate_judges_each_segment_and_names_the_one_that_moved(tmp_path):
    output = run_robot(write_suites(tmp_path / "suites", SEGMENT_DRIFT), tmp_path / "results")
    facts = gate.read_run(output)
    verdict = gate.judge(facts, [], ["drift"])
    judged = [(f.where.rsplit(".", 1)[-1], f.data["segment"], ok) for f, ok in verdict.psi_checks]
    assert judged == [
        ("Every Segment Is Stable", "prime", True),
        ("Every Segment Is Stable", "self_employed", True),
        ("Segment Drift Whose Failure Is Ignored", "prime", True),
        ("Segment Drift Whose Failure Is Ignored", "self_employed", False),
    ]
    assert len(verdict.reasons) == 1, verdict.reasons
    assert verdict.reasons[0].startswith("drift: PSI ")
    assert "over its limit 0.1 (threshold 0.1, no chance level, n=40, m=40)" in verdict.reasons[0]
    assert verdict.reasons[0].endswith("Segment Drift Whose Failure Is Ignored (segment self_employed)")
    text = gate.render_markdown(verdict, facts, gate.links_for(output, tmp_path / "gate.md", None), target="mock")
    assert "Segment Drift Whose Failure Is Ignored (segment self_employed) |" in text
