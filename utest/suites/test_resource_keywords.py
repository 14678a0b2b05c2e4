"""The resource layer's acceptance suite (utest/suites/robot) passes against the embedded mock."""

from __future__ import annotations

from pathlib import Path

from utest.suites.robot_runner import ROOT, run_robot

SUITE = ROOT / "utest" / "suites" / "robot" / "resource_keywords.robot"


def test_every_resource_keyword_works_against_the_embedded_mock(tmp_path: Path):
    run = run_robot(SUITE, tmp_path)
    assert run.rc == 0, run.console[-4000:]
    assert "0 failed" in run.console
