"""benchmarks/parallel_capacity.py: the capacity arithmetic and a short real measurement."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

_spec = importlib.util.spec_from_file_location(
    "scoregate_parallel_capacity", ROOT / "benchmarks" / "parallel_capacity.py"
)
capacity = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = capacity
_spec.loader.exec_module(capacity)


def test_capacity_is_workers_when_running_together_costs_nothing():
    assert capacity.Capacity(2, 0.2, 0.2).cores == pytest.approx(2.0)


def test_capacity_shrinks_as_the_processes_slow_each_other_down():
    measured = capacity.Capacity(2, 0.16, 0.19)
    assert measured.cores == pytest.approx(2 * 0.16 / 0.19)
    assert measured.describe() == (
        "parallel CPU capacity: 1.68 of 2 cores (2 CPU-bound processes at once each run 1.19x slower than one alone)"
    )


def test_a_short_measurement_gives_positive_times_and_at_most_about_the_workers():
    measured = capacity.measure(workers=2, rounds=2, iterations=20_000)
    assert measured.workers == 2
    assert measured.alone_s > 0 and measured.together_s > 0
    assert 0 < measured.cores < 2 * 1.5


def test_the_script_prints_the_capacity_line():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "parallel_capacity.py"), "--workers", "2", "--rounds", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "parallel CPU capacity: " in completed.stdout
    assert " of 2 cores (2 CPU-bound processes at once" in completed.stdout
