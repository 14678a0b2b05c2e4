"""Robot runs on small suites: the API token never reaches a result file, the bootstrap fails clearly,
the target opens once in nested suites, and command-line variables override the resource defaults."""

from __future__ import annotations

import re
from pathlib import Path

from utest.suites.robot_runner import ROOT, ExternalMock, run_robot, write_suite

TOKEN_SUITE = """*** Test Cases ***
Token Travels Through REST, SOAP And The Log
    [Documentation]    Resolved in the result: ${API_TOKEN.value}
    ${applicant}=    New Applicant    prime    label=mask-rest
    Score Applicant    ${applicant}
    ${other}=    New Applicant    prime    label=mask-soap
    Score Applicant Via SOAP    ${other}
    ${response}=    Request With Wrong Token    GET    /api/v1/reviews
    Log    ${API_TOKEN}
    Log    Leaked on purpose: ${API_TOKEN.value}
    Log Variables

Failure Message Quoting The Token
    Should Be Equal    ${API_TOKEN.value}    something-else
"""
LEAK_MARKER = "Leaked on purpose: ***"
FAILURE_TEST = "Failure Message Quoting The Token"
ALLOWED_BEARER_VALUES = {"***", "SYN-wrong-token-for-negative-tests-0000", "${WRONG_TOKEN}", "realm="}


def _bearer_values(text: str) -> set[str]:
    return set(re.findall(r"Bearer ([^'\"\s&<,\\]+)", text))


def test_known_token_of_an_external_target_is_in_no_result_file(external_mock: ExternalMock, tmp_path: Path):
    suite = write_suite(tmp_path / "suite", "token_masking", TOKEN_SUITE)
    run = run_robot(
        suite,
        tmp_path / "out",
        "--loglevel",
        "TRACE",
        "-v",
        f"SCORING_BASE_URL:{external_mock.url}",
        env={"SCORING_API_TOKEN": external_mock.token},
    )
    assert run.rc == 1, run.console
    texts = run.result_texts()
    for name, text in texts.items():
        assert external_mock.token not in text, f"the API token appears in {name}"
    assert "'Authorization': 'Bearer ***'" in texts["output.xml"], "no masked request header was logged"
    assert LEAK_MARKER in texts["output.xml"]
    assert LEAK_MARKER in texts["log.html"]
    assert "***" in texts["xunit.xml"] and FAILURE_TEST in texts["xunit.xml"]


def test_random_token_of_the_embedded_mock_is_masked(tmp_path: Path):
    suite = write_suite(tmp_path / "suite", "token_masking", TOKEN_SUITE)
    run = run_robot(suite, tmp_path / "out", "--loglevel", "DEBUG")
    assert run.rc == 1, run.console
    texts = run.result_texts()
    assert LEAK_MARKER in texts["output.xml"]
    for name, text in texts.items():
        unexpected = _bearer_values(text) - {
            "***",
            "SYN-wrong-token-for-negative-tests-0000",
            "realm=",
            "${WRONG_TOKEN}",
        }
        assert not unexpected, f"{name} holds bearer values other than the mask and the wrong token"


def test_mock_that_cannot_start_fails_the_setup_with_its_stderr(tmp_path: Path):
    suite = write_suite(tmp_path / "suite", "no_mock", "*** Test Cases ***\nNever Runs\n    Log    unreachable\n")
    temp = tmp_path / "temp"
    temp.mkdir()
    run = run_robot(suite, tmp_path / "out", "-v", "MOCK_DEFECT:no-such-defect", env={"TMPDIR": str(temp)})
    assert run.rc == 1
    assert "exited before announcing its address" in run.console
    assert "unknown defect name(s): no-such-defect" in run.console
    assert not list(temp.glob("scoregate-*")), "the failed start left its temporary files behind"


def test_nested_suites_share_one_target(tmp_path: Path):
    top = tmp_path / "nested"
    child = write_suite(
        top,
        "child",
        "*** Test Cases ***\nTarget Was Opened By The Parent\n"
        "    Should Be Equal    ${SCORING_TARGET_OWNER}    Nested\n"
        "    Should Be Equal    ${LOCAL_MOCK}    ${TRUE}\n",
    )
    (top / "__init__.robot").write_text(child.read_text(encoding="utf-8").split("*** Test Cases ***")[0])
    run = run_robot(top, tmp_path / "out")
    assert run.rc == 0, run.console
    output = (tmp_path / "out" / "output.xml").read_text(encoding="utf-8")
    assert output.count('<kw name="Start Process"') == 1


def _variables_seen(tmp_path: Path, *options: str, env: dict[str, str] | None = None) -> str:
    suite_dir = tmp_path / "variables"
    suite_dir.mkdir(exist_ok=True)
    suite = suite_dir / "show.robot"
    suite.write_text(
        f"*** Settings ***\nResource    {ROOT / 'resources' / 'target.resource'}\n\n"
        "*** Test Cases ***\nShow\n"
        "    Log To Console    \\nSEEN ${SCORING_BASE_URL}|${MODEL_CODE}|${MOCK_DEFECT}|${SCORING_WSDL_URL}\n",
        encoding="utf-8",
    )
    run = run_robot(suite, tmp_path / "out", "--output", "NONE", "--log", "NONE", "--report", "NONE", *options, env=env)
    assert run.rc == 0, run.console
    return re.search(r"SEEN (.*)", run.console).group(1).strip()


def test_resource_defaults_apply_without_options(tmp_path: Path):
    assert _variables_seen(tmp_path) == "|credit_risk_v1||"


def test_variable_file_overrides_resource_defaults(tmp_path: Path):
    seen = _variables_seen(
        tmp_path,
        "-V",
        str(ROOT / "variables" / "external_example.py"),
        env={"SCORING_BASE_URL": "https://scoring.test.example.com"},
    )
    assert seen == (
        "https://scoring.test.example.com|credit_risk_v1||https://scoring.test.example.com/soap/realtime-scoring?wsdl"
    )


def test_command_line_variable_overrides_variable_file_and_defaults(tmp_path: Path):
    seen = _variables_seen(
        tmp_path,
        "-V",
        str(ROOT / "variables" / "local.py"),
        "-v",
        "MODEL_CODE:credit_risk_v2",
        "-v",
        "MOCK_DEFECT:score-jitter",
    )
    assert seen == "|credit_risk_v2|score-jitter|"
