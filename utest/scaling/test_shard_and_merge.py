"""scripts/shard_and_merge.py: pabot shards as CI agents would run them, merged into one result by rebot."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from robot.api import ExecutionResult

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "shard_and_merge.py"
SUITE_FILES = 5


def load_script():
    spec = importlib.util.spec_from_file_location("shard_and_merge", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


shard_and_merge = load_script()


@pytest.fixture
def suite_dir(tmp_path: Path) -> Path:
    """Five suite files with two smoke tests each (one of them failing) and one untagged test each."""
    folder = tmp_path / "Sharded"
    folder.mkdir()
    for number in range(1, SUITE_FILES + 1):
        failing = "    Fail    planned failure\n" if number == 3 else "    Log    fine\n"
        (folder / f"part{number}.robot").write_text(
            "*** Test Cases ***\n"
            f"Smoke {number} One\n    [Tags]    smoke\n    Log    one\n"
            f"Smoke {number} Two\n    [Tags]    smoke\n{failing}"
            f"Regression {number}\n    Log    not selected\n"
        )
    return folder


def run_script(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )


def full_names(output_xml: Path) -> list[str]:
    return shard_and_merge.collect_tests(output_xml).names


def test_two_shards_merge_into_one_output_with_every_selected_test_exactly_once(
    suite_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    completed = run_script("--shards", "2", "--processes", "2", "--outputdir", str(out), str(suite_dir))
    assert completed.returncode == 1, completed.stdout + completed.stderr
    expected = sorted(
        f"Sharded.Part{number}.Smoke {number} {which}"
        for number in range(1, SUITE_FILES + 1)
        for which in ("One", "Two")
    )
    merged = full_names(out / "output.xml")
    assert sorted(merged) == expected
    shard_1, shard_2 = full_names(out / "shard-1" / "output.xml"), full_names(out / "shard-2" / "output.xml")
    assert shard_1 and shard_2
    assert not set(shard_1) & set(shard_2)
    assert sorted(shard_1 + shard_2) == expected
    result = ExecutionResult(str(out / "output.xml"))
    assert result.suite.name == "Sharded"
    assert (result.statistics.total.passed, result.statistics.total.failed) == (9, 1)
    for name in ("log.html", "report.html", "xunit.xml"):
        assert (out / name).is_file(), name
    assert completed.stdout.strip().splitlines()[-1] == "9 passed, 1 failed"


def test_more_shards_than_suites_is_a_shard_error(tmp_path: Path) -> None:
    folder = tmp_path / "Single"
    folder.mkdir()
    (folder / "only.robot").write_text("*** Test Cases ***\nSmoke Only\n    [Tags]    smoke\n    Log    one\n")
    out = tmp_path / "out"
    completed = run_script("--shards", "2", "--processes", "1", "--outputdir", str(out), str(folder))
    assert completed.returncode == shard_and_merge.SHARD_ERROR_RC, completed.stdout + completed.stderr
    assert "shard 2/2: rc 252" in completed.stdout
    assert "NO output.xml" in completed.stdout
    assert "items (1)" in completed.stdout
    assert not (out / "output.xml").exists()


def test_pabot_command_of_a_shard() -> None:
    command = shard_and_merge.pabot_command(
        "python", 2, 3, 4, Path("/tmp/out/shard-2"), ["--include", "smoke"], [Path("/repo/suites")]
    )
    assert command[:3] == ["python", "-m", "pabot.pabot"]
    line = " ".join(command)
    for part in ("--shard 2/3", "--processes 4", "--pabotlibport 0", "--outputdir /tmp/out/shard-2", "--include smoke"):
        assert part in line
    assert command[-1] == "/repo/suites"


def test_default_selection_is_the_smoke_tag_and_robot_options_pass_through() -> None:
    options, robot_args = shard_and_merge.parse_args(["--shards", "3", "--", "-v", "MOCK_DEFECT:slow-responses"])
    assert options.include == ["smoke"]
    assert options.shards == 3
    assert robot_args == ["-v", "MOCK_DEFECT:slow-responses"]
    assert shard_and_merge.parse_args(["--all-tests"])[0].include == []
    assert shard_and_merge.parse_args(["--include", "contract"])[0].include == ["contract"]
    assert shard_and_merge.selection_options(["a"], ["b"], ["-v", "X:1"]) == [
        "--include",
        "a",
        "--exclude",
        "b",
        "-v",
        "X:1",
    ]


def test_duplicates_are_found() -> None:
    assert shard_and_merge.duplicates(["S.A", "S.B", "S.A", "S.C", "S.B"]) == ["S.A", "S.B"]
    assert shard_and_merge.duplicates(["S.A"]) == []
