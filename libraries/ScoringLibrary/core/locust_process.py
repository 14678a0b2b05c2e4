"""Run Locust as separate processes: one standalone process, or a master with N workers on this host.

Locust monkey-patches the interpreter with gevent, so it never runs inside the Robot Framework process:
each run is ``python -m locust`` in a child process whose stdout and stderr go to files beside the CSVs
(``PREFIX.locust.log``; ``PREFIX.master.log`` and ``PREFIX.worker-N.log`` in a distributed run).
"""

from __future__ import annotations

import re
import socket
import subprocess
import time
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path

from .locust_command import (
    WORKER_WAIT_S,
    LoadPlan,
    check_workers,
    master_command,
    standalone_command,
    worker_command,
)
from .locust_results import stats_path

OK_EXIT_CODES = (0, 1)
"""Locust exits 1 when requests failed: the failures are in the CSV, judged by the SLOs, not an error of the run."""
STARTUP_ALLOWANCE_S = 60
WORKER_EXIT_WAIT_S = 15
_WORKERS_CONNECTED = re.compile(r"(\d+) workers connected")


class LocustRunError(RuntimeError):
    """Locust did not run the load test to the end (crash, time-out, workers missing, no CSV)."""


@dataclass
class LocustRun:
    """What the processes of one load test did."""

    exit_code: int
    seconds: float
    commands: list[list[str]]
    log_paths: list[Path]
    workers: int = 0
    workers_connected: int = 0
    worker_exit_codes: list[int] = field(default_factory=list)

    def describe(self) -> dict[str, object]:
        """The run as descriptive keys of a load test result."""
        return {
            "exit_code": self.exit_code,
            "wall_time_s": round(self.seconds, 2),
            "workers": self.workers,
            "workers_connected": self.workers_connected,
        }


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port that is free on ``host`` right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def tail(path: Path, lines: int = 15) -> str:
    """The last ``lines`` lines of a log file ("" when it does not exist)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""
    return "\n".join(text.splitlines()[-lines:])


def workers_connected(log_text: str) -> int:
    """The most workers the master reported connected (``"... 2 workers connected."``), 0 when none."""
    return max((int(count) for count in _WORKERS_CONNECTED.findall(log_text)), default=0)


def default_timeout(plan: LoadPlan) -> float:
    """How long a run may take before it is killed: the duration plus start-up and shut-down time."""
    return plan.duration_s + STARTUP_ALLOWANCE_S


def _stop(process: subprocess.Popen, wait_s: float = 5) -> int:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return process.returncode


def _check_outcome(plan: LoadPlan, exit_code: int, log_path: Path) -> None:
    if exit_code not in OK_EXIT_CODES:
        raise LocustRunError(
            f"Locust exited with {exit_code} (expected 0, or 1 when requests failed) for {plan.locustfile.name}; "
            f"log {log_path}:\n{tail(log_path)}"
        )
    if not stats_path(plan.csv_prefix).is_file():
        raise LocustRunError(f"Locust wrote no {stats_path(plan.csv_prefix)}; log {log_path}:\n{tail(log_path)}")


def run_standalone(plan: LoadPlan, env: Mapping[str, str], python: str, timeout_s: float | None = None) -> LocustRun:
    """Run the plan in one Locust process and wait for it; LocustRunError when it does not finish cleanly."""
    plan.csv_prefix.parent.mkdir(parents=True, exist_ok=True)
    command = standalone_command(plan, python)
    log_path = Path(f"{plan.csv_prefix}.locust.log")
    limit = timeout_s or default_timeout(plan)
    started = time.monotonic()
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, stdout=log, stderr=subprocess.STDOUT, env=dict(env), stdin=subprocess.DEVNULL
        )
        try:
            exit_code = process.wait(timeout=limit)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise LocustRunError(
                f"Locust did not finish within {limit:g} s (run time {plan.duration_s} s) and was stopped; "
                f"log {log_path}:\n{tail(log_path)}"
            ) from None
    _check_outcome(plan, exit_code, log_path)
    return LocustRun(exit_code, time.monotonic() - started, [command], [log_path])


def run_distributed(
    plan: LoadPlan,
    env: Mapping[str, str],
    python: str,
    workers: int,
    timeout_s: float | None = None,
    worker_wait_s: int = WORKER_WAIT_S,
) -> LocustRun:
    """Run the plan with a master and ``workers`` worker processes on this host, all separate processes.

    The master binds 127.0.0.1 on a free port and waits (at most ``worker_wait_s``) for every worker before
    it starts. LocustRunError when a process fails, the run times out or fewer workers connected than asked.
    """
    count = check_workers(workers)
    plan.csv_prefix.parent.mkdir(parents=True, exist_ok=True)
    port = free_port()
    master = master_command(plan, python, count, port, worker_wait_s)
    worker_cmds = [worker_command(plan, python, port) for _ in range(count)]
    master_log = Path(f"{plan.csv_prefix}.master.log")
    worker_logs = [Path(f"{plan.csv_prefix}.worker-{index + 1}.log") for index in range(count)]
    limit = timeout_s or default_timeout(plan)
    started = time.monotonic()
    processes: list[subprocess.Popen] = []
    with ExitStack() as stack:
        try:
            master_out = stack.enter_context(master_log.open("wb"))
            master_process = subprocess.Popen(
                master, stdout=master_out, stderr=subprocess.STDOUT, env=dict(env), stdin=subprocess.DEVNULL
            )
            processes.append(master_process)
            for command, path in zip(worker_cmds, worker_logs, strict=True):
                handle = stack.enter_context(path.open("wb"))
                processes.append(
                    subprocess.Popen(
                        command, stdout=handle, stderr=subprocess.STDOUT, env=dict(env), stdin=subprocess.DEVNULL
                    )
                )
            try:
                exit_code = master_process.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                raise LocustRunError(
                    f"distributed Locust run did not finish within {limit:g} s and was stopped; "
                    f"master log {master_log}:\n{tail(master_log)}"
                ) from None
            worker_codes = [_wait_worker(process) for process in processes[1:]]
        finally:
            for process in processes:
                _stop(process)
    connected = workers_connected(master_log.read_text(encoding="utf-8", errors="replace"))
    if connected < count:
        raise LocustRunError(
            f"expected {count} Locust workers to connect to the master on port {port}, {connected} did; "
            f"master log {master_log}:\n{tail(master_log)}\nworker 1 log:\n{tail(worker_logs[0])}"
        )
    _check_outcome(plan, exit_code, master_log)
    return LocustRun(
        exit_code,
        time.monotonic() - started,
        [master, *worker_cmds],
        [master_log, *worker_logs],
        workers=count,
        workers_connected=connected,
        worker_exit_codes=worker_codes,
    )


def _wait_worker(process: subprocess.Popen) -> int:
    """A worker's exit code; workers quit when the master does, a hung one is stopped after a grace period."""
    try:
        return process.wait(timeout=WORKER_EXIT_WAIT_S)
    except subprocess.TimeoutExpired:
        return _stop(process)
