"""The GitHub workflows pass actionlint and run what docs/publishing.md says they run."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from utest.project.script_modules import ROOT, VENV_BIN

WORKFLOWS = ROOT / ".github" / "workflows"
CI = WORKFLOWS / "ci.yml"
SECURITY = WORKFLOWS / "security.yml"
STABILITY = WORKFLOWS / "stability.yml"


def actionlint() -> str:
    """The actionlint program installed from requirements-dev.txt."""
    program = VENV_BIN / "actionlint"
    if program.is_file():
        return str(program)
    found = shutil.which("actionlint")
    assert found, f"expected actionlint at {program} or on PATH (pip install -r requirements-dev.txt)"
    return found


def run_actionlint(*paths: Path) -> subprocess.CompletedProcess:
    command = [actionlint(), "-no-color", *(str(path) for path in paths)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: expected a mapping, got {type(data).__name__}"
    # YAML 1.1 reads the key `on` as the boolean True.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(path: Path) -> list[dict]:
    return [step for job in workflow(path)["jobs"].values() for step in job["steps"]]


def runs(path: Path) -> str:
    return "\n".join(step.get("run", "") for step in steps(path))


def step_using(path: Path, action: str) -> dict:
    found = [step for step in steps(path) if step.get("uses", "").startswith(f"{action}@")]
    assert found, f"{path.name}: expected a step using {action}, found {[step.get('uses') for step in steps(path)]}"
    return found[0]


@pytest.mark.parametrize("path", [CI, SECURITY, STABILITY], ids=lambda path: path.name)
def test_workflow_passes_actionlint(path: Path) -> None:
    completed = run_actionlint(path)
    assert completed.returncode == 0, f"actionlint found problems in {path.name}:\n{completed.stdout}{completed.stderr}"


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text(
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.no_such_property }}\n      - uses: actions/checkout@v5\n        with:\n"
        "          no-such-input: x\n"
    )
    completed = run_actionlint(broken)
    assert completed.returncode != 0, f"expected actionlint to reject {broken}, got exit 0: {completed.stdout}"
    assert "no_such_property" in completed.stdout and "no-such-input" in completed.stdout, completed.stdout


@pytest.mark.parametrize("path", [CI, SECURITY], ids=lambda path: path.name)
def test_workflow_runs_on_push_and_pull_request_with_python_311(path: Path) -> None:
    triggers = workflow(path)["on"]
    assert "push" in triggers and "pull_request" in triggers, f"{path.name}: triggers {triggers}"
    python = step_using(path, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11", python
    assert "make setup" in runs(path), f"{path.name}: expected `make setup`"


def test_ci_lints_tests_and_runs_the_suites_under_pabot() -> None:
    commands = runs(CI)
    assert "make lint" in commands
    assert ".venv/bin/pytest utest" in commands
    pabot = next(step["run"] for step in steps(CI) if "pabot" in step.get("run", ""))
    for option in ("--pabotlibport 0", "--outputdir results", "--xunit xunit.xml", "suites/"):
        assert option in pabot, f"expected {option!r} in the pabot step: {pabot}"
    assert "scripts/summarize_results.py results/output.xml results/summary.json" in commands
    assert "make docs-html" in commands, "expected the libdoc HTML pages in the uploaded results/"


def test_ci_always_uploads_results_and_publishes_the_xunit() -> None:
    upload = step_using(CI, "actions/upload-artifact")
    assert upload.get("if") == "${{ always() }}", f"expected the upload to run always, got if={upload.get('if')!r}"
    assert upload["with"]["path"].rstrip("/") == "results", upload
    publish = step_using(CI, "EnricoMi/publish-unit-test-result-action")
    assert "results/xunit.xml" in publish["with"]["files"], publish
    permissions = workflow(CI)["jobs"]["test"]["permissions"]
    assert permissions.get("checks") == "write", f"publishing a check run needs checks: write, got {permissions}"


def test_ci_writes_the_gate_report_or_the_summary_to_the_step_summary() -> None:
    summary_step = next(step for step in steps(CI) if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    script = summary_step["run"]
    assert script.index("results/gate.md") < script.index("scripts/summary_markdown.py results/summary.json"), script


def test_security_runs_bandit_pip_audit_and_detect_secrets() -> None:
    commands = runs(SECURITY)
    assert "bandit -c pyproject.toml -r ." in commands
    assert "pip-audit" in commands
    assert "scripts/check_secrets.py" in commands


def test_stability_repeats_pabot_nightly_and_by_hand_and_keeps_every_run() -> None:
    triggers = workflow(STABILITY)["on"]
    assert "schedule" in triggers and "workflow_dispatch" in triggers, f"stability.yml: triggers {triggers}"
    assert str(triggers["workflow_dispatch"]["inputs"]["runs"]["default"]) == "10"
    assert "make setup" in runs(STABILITY)
    repeat = next(step["run"] for step in steps(STABILITY) if "repeat_pabot.py" in step.get("run", ""))
    for part in ('--runs "$RUNS"', "--keep results/repeat-pabot", "set -o pipefail"):
        assert part in repeat, f"expected {part!r} in the repeat step: {repeat}"
    upload = step_using(STABILITY, "actions/upload-artifact")
    assert upload.get("if") == "${{ always() }}" and upload["with"]["path"].rstrip("/") == "results", upload
