"""The library as Robot Framework sees it: libdoc, documentation of every keyword, a real run."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import robot
from robot.libdoc import libdoc

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = ROOT / "libraries" / "ScoringLibrary"
REQUIRED = [
    "Load OpenAPI Contract",
    "Response Should Conform To Schema",
    "Score Response Should Obey Business Rules",
    "Set Scorecard Rules",
    "Error Response Should Name Fields",
    "SOAP Body Should Conform To XSD",
    "Compare Results With Baseline",
    "Results Should Match Baseline",
    "Record Baseline",
    "Calculate PSI",
    "PSI Should Be Below",
    "Two Sample KS Should Not Reject",
    "Decision Rates Should Not Shift",
    "Build Swap Set",
    "Swap Set Flip Rate Should Be At Most",
    "Swap Set Should Have No Flips",
    "Log Score Distributions",
    "Generate Synthetic Applicants",
    "Boundary Values For Field",
    "Invalid Values For Field",
    "Applicant With Field",
    "Applicant Without Field",
    "Load Scorecard Spec",
    "Expected Score For Applicant",
    "Applicants Around Cutoff",
    "Build Monotonic Variants",
    "Scores Should Be Non-Decreasing",
    "Scores Should Be Non-Increasing",
    "Build Invariance Variants",
    "Outcomes Should Be Identical",
    "Build Dominating Applicant",
    "Dominance Should Hold",
    "Text Should Not Contain PII",
    "File Should Not Contain PII",
    "Directory Should Not Contain PII",
    "Database Should Not Contain PII",
    "Robot Outputs Should Not Contain PII",
    "Start Latency Collection",
    "Record Latency",
    "Record Response Latency",
    "Latency Statistics",
    "Latency Percentile Should Be Below",
]


def test_libdoc_renders_and_every_keyword_has_an_example(tmp_path):
    assert libdoc(str(LIBRARY), str(tmp_path / "ScoringLibrary.html"), quiet=True) == 0
    assert libdoc(str(LIBRARY), str(tmp_path / "ScoringLibrary.json"), format="JSON", quiet=True) == 0
    spec = json.loads((tmp_path / "ScoringLibrary.json").read_text())
    names = {k["name"] for k in spec["keywords"]}
    assert set(REQUIRED) <= names
    for keyword in spec["keywords"]:
        assert "Example" in keyword["doc"], keyword["name"]
        untyped = [a["name"] for a in keyword["args"] if a["kind"] != "VAR_NAMED" and not a["type"]]
        assert not untyped, (keyword["name"], untyped)
    from ScoringLibrary import ScoringLibrary

    for section in ("%TOC%", "= Importing =", "= Tolerances =", "= Privacy guard =", "= Latency ="):
        assert section in ScoringLibrary.__doc__


SUITE = """*** Settings ***
Library    {library}

*** Test Cases ***
Synthetic Applicants Score As The Oracle Says
    ${{applicants}} =    Generate Synthetic Applicants    3    segment=prime    seed=4
    ${{score}} =    Expected Score For Applicant    ${{applicants}}[0]
    Should Be True    300 <= ${{score}} <= 850

Baseline Comparison Fails On A Flip
    VAR    &{{base}}    transactionId=TX-0001    score=${{700}}    decision=APPROVE
    VAR    &{{flip}}    transactionId=TX-0001    score=${{700}}    decision=REFER
    VAR    @{{expected}}    ${{base}}
    VAR    @{{actual}}    ${{flip}}
    Run Keyword And Expect Error    Results differ from the baseline: 1 decision flip*
    ...    Results Should Match Baseline    ${{actual}}    ${{expected}}

Secrets Are Accepted As Secret Values
    VAR    ${{secret: Secret}}    %{{SCOREGATE_UTEST_SECRET}}
    Text Should Not Contain PII    nothing here    ${{secret}}
    Run Keyword And Expect Error    1 personal-data finding in the text (values masked): secret #1 at text
    ...    Text Should Not Contain PII    token %{{SCOREGATE_UTEST_SECRET}}    ${{secret}}

Response Objects Are Accepted
    ${{response}} =    Evaluate    requests.models.Response()    modules=requests
    VAR    ${{detail}}    {{"field": "age", "issue": "out_of_range"}}
    VAR    ${{error}}    {{"code": "VALIDATION_FAILED", "message": "m", "correlationId": "c", "details": [${{detail}}]}}
    VAR    ${{body}}    {{"error": ${{error}}}}
    Evaluate    setattr($response, "_content", $body.encode())
    Error Response Should Name Fields    ${{response}}    age:out_of_range    code=VALIDATION_FAILED
    Run Keyword And Expect Error    Error response: $.error.details: expected field income*
    ...    Error Response Should Name Fields    ${{response}}    income

Latency Percentile
    Record Latency    120
    Record Latency    80
    Latency Percentile Should Be Below    p95    200
"""


def test_library_runs_inside_robot(tmp_path, monkeypatch):
    monkeypatch.setenv("SCOREGATE_UTEST_SECRET", "s3cr3t-robot-token")
    suite = tmp_path / "library.robot"
    suite.write_text(SUITE.format(library=LIBRARY.as_posix() + "/"))
    rc = robot.run(
        str(suite), outputdir=str(tmp_path), stdout=None, stderr=None, console="none", log="NONE", report="NONE"
    )
    statuses = {
        test.get("name"): test.find("status").get("status")
        for test in ET.parse(tmp_path / "output.xml").getroot().iter("test")
    }
    assert rc == 0, statuses
    assert set(statuses.values()) == {"PASS"} and len(statuses) == 5


def test_importing_the_library_leaves_heavy_modules_unloaded():
    import subprocess
    import sys

    heavy = ["xmlschema", "elementpath", "jsonschema", "referencing", "numpy", "scipy", "locust"]
    own = ["ScoringLibrary.core.locust_process", "ScoringLibrary.core.locust_results"]
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import ScoringLibrary; ScoringLibrary.ScoringLibrary(); "
        "print(' '.join(m for m in sys.argv[2:] if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code, str(LIBRARY.parent), *heavy, *own],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert loaded == []
