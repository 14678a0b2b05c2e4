"""The defect-detection matrix on small suite trees run by Robot Framework: runs, re-runs, verdicts, rendering."""

from __future__ import annotations

import importlib.util
import json
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from defusedxml import ElementTree

ROOT = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location("scoregate_defect_matrix", ROOT / "scripts" / "defect_matrix.py")
matrix_script = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = matrix_script
_spec.loader.exec_module(matrix_script)

DEFECT_VARIABLE = """*** Variables ***
${MOCK_DEFECT}    ${EMPTY}

"""

TREE = {
    "__init__.robot": "*** Settings ***\nDocumentation    Tiny suites for the matrix.\n",
    "smoke/health.robot": DEFECT_VARIABLE
    + """*** Test Cases ***
Health Names Exactly The Defects This Run Activated
    Should Not Be Equal    ${MOCK_DEFECT}    inactive-defect

Service Answers
    Should Not Be Equal    ${MOCK_DEFECT}    wrong-suite-defect
""",
    "contract/fields.robot": DEFECT_VARIABLE
    + """*** Test Cases ***
Field Names Follow The Contract
    Should Not Be Equal    ${MOCK_DEFECT}    renamed-field

Scores Are Numbers
    Should Not Be Equal    ${MOCK_DEFECT}    renamed-field
""",
    "regression/baseline.robot": "*** Settings ***\nLibrary    OperatingSystem\n\n"
    + DEFECT_VARIABLE
    + """*** Test Cases ***
Outcome Is Stable
    [Documentation]    Fails on the first run with flaky-defect only: the re-run passes.
    IF    $MOCK_DEFECT == 'flaky-defect'
        ${first}=    Run Keyword And Return Status    File Should Not Exist    ${CURDIR}/flaky.marker
        Create File    ${CURDIR}/flaky.marker
        Should Not Be True    ${first}    msg=failed on the first run only
    END
""",
}

CATALOGUE = {
    "renamed-field": ("riskBand is named risk_band", ("contract",)),
    "wrong-suite-defect": ("breaks the service answer", ("contract",)),
    "flaky-defect": ("fails one test once", ("regression",)),
    "inactive-defect": ("never switched on", ("contract",)),
    "quiet-defect": ("breaks nothing a test checks", ("regression",)),
}


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("matrix")
    suites = base / "suites"
    for name, text in TREE.items():
        (suites / name).parent.mkdir(parents=True, exist_ok=True)
        (suites / name).write_text(text, encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setattr(matrix_script, "SUITES", suites)
    outputdir = base / "results"
    names = ["clean", *CATALOGUE]
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = [pool.submit(matrix_script.run_column, n, outputdir, [], n == "renamed-field", 3) for n in names]
        result = {future.result().name: future.result() for future in futures}
    patch.undo()
    return outputdir, result


@pytest.fixture(scope="module")
def matrix(runs):
    _, result = runs
    settings = {"jobs": 3, "excluded_tags": ["load"], "split_columns": ["renamed-field"]}
    return matrix_script.build_matrix(result, CATALOGUE, settings)


def test_outcomes_are_read_by_full_name_with_their_concern(runs):
    outputdir, _ = runs
    outcomes = matrix_script.read_outcomes(outputdir / "matrix" / "clean" / "output.xml")
    assert outcomes["Suites.Contract.Fields.Field Names Follow The Contract"] == matrix_script.TestOutcome(
        "contract", "Field Names Follow The Contract", "PASS", ""
    )
    assert {o.concern for o in outcomes.values()} == {"contract", "regression", "smoke"}
    assert matrix_script.read_outcomes(outputdir / "missing.xml") is None


def test_split_run_is_merged_into_one_output_like_a_whole_run(runs):
    outputdir, result = runs
    split = result["renamed-field"]
    assert set(split.outcomes) == set(result["clean"].outcomes)
    assert (outputdir / "matrix" / "renamed-field" / "parts" / "contract" / "output.xml").is_file()
    assert (outputdir / "matrix" / "renamed-field" / "log.html").is_file()
    assert {o.name for o in split.rerun.values()} == {"Field Names Follow The Contract", "Scores Are Numbers"}


def test_clean_run_is_not_re_run(runs):
    _, result = runs
    assert result["clean"].rerun is None and result["clean"].rerun_seconds == 0


def test_verdicts(matrix):
    verdicts = {name: entry["verdict"] for name, entry in matrix["defects"].items()}
    assert verdicts == {
        "renamed-field": "caught",
        "wrong-suite-defect": "wrong-suite",
        "flaky-defect": "accidental",
        "inactive-defect": "not-active",
        "quiet-defect": "missed",
    }
    caught = matrix["defects"]["renamed-field"]
    assert caught["caught"] and caught["caught_by"] == ["contract"] and caught["failures_by_suite"] == {"contract": 2}
    assert caught["failed_tests"] == ["contract :: Field Names Follow The Contract", "contract :: Scores Are Numbers"]
    assert matrix["defects"]["wrong-suite-defect"]["also_failed"] == ["smoke"]
    assert not matrix["defects"]["wrong-suite-defect"]["caught"]
    flaky = matrix["defects"]["flaky-defect"]
    assert flaky["unconfirmed_tests"] == [{"test": "regression :: Outcome Is Stable", "reason": "PASS on the re-run"}]
    assert flaky["failed_suites"] == [] and not flaky["caught"]
    assert (matrix["clean"]["tests"], matrix["clean"]["failed"], matrix["clean"]["flaky"]) == (5, 0, [])
    assert matrix["concerns"] == ["contract", "regression", "smoke"]


def test_a_defect_missed_by_one_of_its_expected_suites_is_partly_missed(runs):
    _, result = runs
    run = result["renamed-field"]
    entry = matrix_script.judge_defect(("contract", "smoke"), run.outcomes, run.rerun, result["clean"].outcomes)
    assert entry["verdict"] == "partly-missed" and entry["caught"] and entry["missed_by"] == ["smoke"]


def test_failures_also_failing_in_the_clean_run_are_not_a_catch():
    failing = matrix_script.TestOutcome("contract", "Scores Are Numbers", "FAIL", "boom")
    outcomes = {
        "S.C.Scores Are Numbers": failing,
        "S.Smoke.H": matrix_script.TestOutcome("smoke", matrix_script.ACTIVATION_TEST, "PASS"),
    }
    entry = matrix_script.judge_defect(["contract"], outcomes, outcomes, outcomes)
    assert entry["verdict"] == "accidental"
    assert entry["unconfirmed_tests"][0]["reason"] == "FAIL in the clean run too"


def test_a_run_without_output_is_no_result():
    entry = matrix_script.judge_defect(["contract"], None, None, {})
    assert entry["verdict"] == "no-result" and not entry["caught"]
    assert matrix_script.judge_clean(None, None)["failed"] == 1


def test_problems_name_each_defect_and_what_happened(matrix):
    problems = "\n".join(matrix_script.problems_of(matrix))
    assert "renamed-field" not in problems
    assert "wrong-suite-defect: caught only by other suites: no test of contract failed; failing suites: smoke" in (
        problems
    )
    assert "flaky-defect: caught only by unconfirmed failures in regression: regression :: Outcome Is Stable" in (
        problems
    )
    assert f"inactive-defect: defect not active: '{matrix_script.ACTIVATION_TEST}' failed" in problems
    assert "quiet-defect: not caught: no test of regression failed" in problems


def test_html_shows_defects_by_suites(matrix):
    page = matrix_script.render_html(matrix)
    assert "<th>contract</th><th>regression</th><th>smoke</th>" in page
    assert '<a href="matrix/renamed-field/log.html">renamed-field</a>' in page
    row = page[page.index("renamed-field</a>") :].split("</tr>")[0]
    assert '<td class="caught">2</td><td class=""></td><td class=""></td>' in row
    flaky = page[page.index("flaky-defect</a>") :].split("</tr>")[0]
    assert '<td class="missed">0 <span class="unconfirmed"' in flaky and "+1?" in flaky
    wrong = page[page.index("wrong-suite-defect</a>") :].split("</tr>")[0]
    assert '<td class="extra">1</td>' in wrong
    assert "Tags left out of every run: <b>load</b>" in page


def test_junit_has_one_case_per_column(matrix):
    root = ElementTree.fromstring(matrix_script.render_junit(matrix))
    assert root.get("tests") == "6" and root.get("failures") == "4"
    failed = {case.get("name") for case in root if case.find("failure") is not None}
    assert failed == {
        f"{n} is caught" for n in ("wrong-suite-defect", "flaky-defect", "inactive-defect", "quiet-defect")
    }


def test_matrix_is_json_with_the_documented_shape(matrix):
    data = json.loads(json.dumps(matrix))
    assert set(data["clean"]) >= {"tests", "failed"}
    assert set(data["defects"]["renamed-field"]) >= {"caught", "expected_suites", "failed_suites", "failed_tests"}


def test_robot_command_switches_the_defect_on_and_leaves_tags_out():
    command = matrix_script.robot_command(Path("out"), "score-jitter", ["load"], "--rerunfailed", "old.xml")
    assert command[1:3] == ["-m", "robot"]
    assert command[-5:] == ["--variable", "MOCK_DEFECT:score-jitter", "--rerunfailed", "old.xml", str(command[-1])]
    assert command[command.index("--exclude") : command.index("--exclude") + 2] == ["--exclude", "load"]
    assert "MOCK_DEFECT" not in " ".join(matrix_script.robot_command(Path("out"), None, []))


def test_schedule_starts_split_runs_then_the_longest_earlier_runs(tmp_path):
    earlier = tmp_path / "defect-matrix.json"
    earlier.write_text(
        json.dumps(
            {"clean": {"seconds": 50}, "defects": {"a": {"seconds": 40}, "b": {"seconds": 60, "rerun_seconds": 5}}}
        )
    )
    seconds = matrix_script.previous_seconds(earlier)
    assert seconds == {"clean": 50.0, "a": 40.0, "b": 65.0}
    assert matrix_script.schedule(["clean", "a", "b", "c"], ["c"], seconds) == ["c", "b", "clean", "a"]
    assert matrix_script.previous_seconds(tmp_path / "none.json") == {}
