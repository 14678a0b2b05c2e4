"""scripts/check_secrets.py: findings outside the audited baseline, unaudited and real entries fail."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from utest.project.script_modules import SCRIPTS, VENV_BIN

# Built from pieces so that this file itself holds no finding.
TOKEN_LINE = "api_" + 'key = "' + "SYN" + '-a8Fq3Lz9Xw2Rt7Mn"\n'
OTHER_TOKEN_LINE = "pass" + 'word = "' + "SYN" + '-Qv5Hc1Kp8Zr4Wd6Y"\n'


def make_repository(folder: Path) -> Path:
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "settings.py").write_text(TOKEN_LINE, encoding="utf-8")
    (folder / "notes.md").write_text("Nothing secret here.\n", encoding="utf-8")
    return folder


def write_baseline(repository: Path, is_secret: bool | None) -> Path:
    scan = subprocess.run(
        [str(VENV_BIN / "detect-secrets"), "scan", "settings.py"], cwd=repository, capture_output=True, check=True
    )
    baseline = json.loads(scan.stdout)
    entries = baseline["results"]["settings.py"]
    assert len(entries) == 1, f"expected one finding in settings.py, got {entries}"
    if is_secret is not None:
        entries[0]["is_secret"] = is_secret
    path = repository / ".secrets.baseline"
    path.write_text(json.dumps(baseline, indent=2), encoding="utf-8")
    return path


def check(repository: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, str(SCRIPTS / "check_secrets.py"), "--root", str(repository)]
    command += ["--baseline", str(repository / ".secrets.baseline")]
    return subprocess.run(command, capture_output=True, text=True, check=False)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return make_repository(tmp_path / "repo")


def test_audited_test_value_passes(repository: Path) -> None:
    write_baseline(repository, is_secret=False)
    completed = check(repository)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "detect-secrets passed: 0 new, 0 unaudited, 0 real" in completed.stdout


def test_new_secret_in_an_untracked_file_fails(repository: Path) -> None:
    write_baseline(repository, is_secret=False)
    (repository / "deploy.py").write_text("# deployment\n" + OTHER_TOKEN_LINE, encoding="utf-8")
    completed = check(repository)
    assert completed.returncode == 1, completed.stdout
    assert "deploy.py:2 Secret Keyword" in completed.stdout, completed.stdout
    assert "1 new" in completed.stdout


def test_unaudited_entry_fails(repository: Path) -> None:
    write_baseline(repository, is_secret=None)
    completed = check(repository)
    assert completed.returncode == 1, completed.stdout
    assert "but not audited" in completed.stdout and "settings.py:1 Secret Keyword" in completed.stdout


def test_entry_audited_as_real_fails(repository: Path) -> None:
    write_baseline(repository, is_secret=True)
    completed = check(repository)
    assert completed.returncode == 1, completed.stdout
    assert "audited as real secrets" in completed.stdout


def test_ignored_files_are_not_scanned(repository: Path) -> None:
    write_baseline(repository, is_secret=False)
    (repository / ".gitignore").write_text("results/\n", encoding="utf-8")
    (repository / "results").mkdir()
    (repository / "results" / "run.py").write_text(OTHER_TOKEN_LINE, encoding="utf-8")
    completed = check(repository)
    assert completed.returncode == 0, completed.stdout


def test_removed_entry_is_reported_without_failing(repository: Path) -> None:
    write_baseline(repository, is_secret=False)
    (repository / "settings.py").write_text("ANSWER = 42\n", encoding="utf-8")
    completed = check(repository)
    assert completed.returncode == 0, completed.stdout
    assert "no longer found" in completed.stdout


def test_missing_baseline_fails(repository: Path) -> None:
    completed = check(repository)
    assert completed.returncode == 1
    assert f"expected a baseline at {repository / '.secrets.baseline'}" in completed.stderr
