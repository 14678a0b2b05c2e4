"""A Locust master with two worker processes on this host, against a real mock (users spread over the workers)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from ScoringLibrary.core.locust_command import build_plan, child_environment
from ScoringLibrary.core.locust_process import LocustRunError, run_distributed
from ScoringLibrary.core.locust_results import load_result

from utest.security.live_mock import LiveMock, new_token, start_live_mock, stop_live_mock


@pytest.fixture(scope="module")
def protected_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveMock]:
    mock = start_live_mock(tmp_path_factory.mktemp("distributed-mock"), token=new_token("DIST"))
    yield mock
    stop_live_mock(mock)


def test_master_and_two_workers_share_the_users_and_the_master_merges_the_results(
    protected_mock: LiveMock, tmp_path: Path
) -> None:
    plan = build_plan(protected_mock.url, "realtime_rest", 4, 4, 2, "sustained", tmp_path / "dist")
    run = run_distributed(plan, child_environment(os.environ, plan, protected_mock.token), sys.executable, 2)
    assert run.exit_code == 0
    assert run.workers_connected == 2
    assert run.worker_exit_codes == [0, 0]
    assert len(run.commands) == 3
    assert "--master" in run.commands[0]
    assert all("--worker" in command for command in run.commands[1:])
    master_log = (tmp_path / "dist.master.log").read_text()
    assert "Sending spawn jobs of 4 users at 4.00 spawn rate to 2 ready workers" in master_log
    result = load_result(plan.csv_prefix, {**plan.describe(), **run.describe()})
    assert result["requests"] > 0
    assert result["failures"] == 0
    tags = {
        row[0].split("-")[0]
        for row in protected_mock.query("SELECT transaction_id FROM decisions WHERE transaction_id LIKE 'LD%'")
    }
    assert len(tags) == 2, f"expected decisions from 2 worker processes (2 run tags), got {sorted(tags)}"
    for path in tmp_path.iterdir():
        assert protected_mock.token not in path.read_text(errors="replace"), path


WORKERLESS_LOCUSTFILE = """
import sys

from locust import HttpUser, task

if "--worker" in sys.argv:
    raise SystemExit("this locustfile refuses to run as a worker")


class IdleUser(HttpUser):
    @task
    def idle(self):
        pass
"""


def test_missing_workers_fail_the_run_with_the_master_log(tmp_path: Path) -> None:
    locustfile = tmp_path / "workerless.py"
    locustfile.write_text(WORKERLESS_LOCUSTFILE)
    plan = build_plan(
        "http://127.0.0.1:9", "custom", 2, 2, 1, "sustained", tmp_path / "workerless", locustfile=locustfile
    )
    with pytest.raises(LocustRunError, match=r"expected 2 Locust workers to connect to the master on port \d+, 0 did"):
        run_distributed(plan, child_environment(os.environ, plan, ""), sys.executable, 2, worker_wait_s=1)
