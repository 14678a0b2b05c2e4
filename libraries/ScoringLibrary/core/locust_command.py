"""What a load test runs: the plan (scenario, users, shape, duration) and the Locust command lines it becomes.

The API token is never part of a command line: it travels in the environment variable ``SCORING_API_TOKEN``
of the Locust processes (see ``child_environment``).
"""

from __future__ import annotations

import math
import shlex
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .locust_shapes import DEFAULT_STEPS, validate_shape

LOCUSTFILE_DIR = Path(__file__).resolve().parents[1] / "locustfiles"
SCENARIOS = {
    "realtime_rest": "realtime_rest.py",
    "realtime_soap": "realtime_soap.py",
    "batch": "batch_submission.py",
}
TOKEN_ENV = "SCORING_API_TOKEN"  # noqa: S105 - the name of the variable, not a token
SHAPE_ENV = "SCOREGATE_LOAD_SHAPE"
PACING_ENV = "SCOREGATE_PACING"
BATCH_SIZE_ENV = "SCOREGATE_BATCH_SIZE"
STEPS_ENV = "SCOREGATE_STEP_COUNT"
WORKER_WAIT_S = 30
MAX_WORKERS = 64


@dataclass(frozen=True)
class LoadPlan:
    """One load test: everything the Locust processes need except the token."""

    target_url: str
    scenario: str
    locustfile: Path
    users: int
    spawn_rate: float
    duration_s: int
    shape: str
    csv_prefix: Path
    pacing_s: float = 0.1
    batch_size: int = 25
    steps: int = DEFAULT_STEPS

    def describe(self) -> dict[str, object]:
        """The plan as the descriptive keys of a load test result."""
        return {
            "scenario": self.scenario,
            "shape": self.shape,
            "users": self.users,
            "spawn_rate": self.spawn_rate,
            "duration_s": self.duration_s,
            "target_url": self.target_url,
            "locustfile": str(self.locustfile),
        }


def locustfile_for(scenario: str, locustfile: str | Path | None = None) -> Path:
    """The locustfile of ``scenario`` (or the given file); ValueError naming the scenarios or the missing file."""
    if locustfile:
        path = Path(locustfile).expanduser().resolve()
    elif scenario in SCENARIOS:
        path = LOCUSTFILE_DIR / SCENARIOS[scenario]
    else:
        raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)} (or give a locustfile), got '{scenario}'")
    if not path.is_file():
        raise ValueError(f"locustfile {path} for scenario '{scenario}' does not exist")
    return path


def whole_seconds(seconds: float, what: str = "duration") -> int:
    """``seconds`` rounded up to whole seconds (Locust's ``--run-time`` unit); at least 1."""
    if not math.isfinite(seconds) or seconds <= 0:
        raise ValueError(f"{what} must be a positive number of seconds, got {seconds:g}")
    return max(1, math.ceil(seconds - 1e-9))


def build_plan(
    target_url: str,
    scenario: str,
    users: int,
    spawn_rate: float,
    duration_s: float,
    shape: str,
    csv_prefix: str | Path,
    pacing_s: float = 0.1,
    batch_size: int = 25,
    steps: int = DEFAULT_STEPS,
    locustfile: str | Path | None = None,
) -> LoadPlan:
    """A validated plan; ValueError stating the expected and the given value of the first bad argument."""
    url = str(target_url).strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"target URL must start with http:// or https://, got '{target_url}'")
    if int(users) < 1:
        raise ValueError(f"users must be at least 1, got {users}")
    if not float(spawn_rate) > 0:
        raise ValueError(f"spawn rate must be above 0 users per second, got {spawn_rate}")
    if not 0 <= float(pacing_s) <= 3600:
        raise ValueError(f"pacing must be 0..3600 seconds between a user's requests, got {pacing_s}")
    if not 1 <= int(batch_size) <= 100_000:
        raise ValueError(f"batch size must be 1..100000 records, got {batch_size}")
    if int(steps) < 1:
        raise ValueError(f"step count must be at least 1, got {steps}")
    return LoadPlan(
        target_url=url,
        scenario=scenario,
        locustfile=locustfile_for(scenario, locustfile),
        users=int(users),
        spawn_rate=float(spawn_rate),
        duration_s=whole_seconds(float(duration_s)),
        shape=validate_shape(shape),
        csv_prefix=Path(csv_prefix),
        pacing_s=float(pacing_s),
        batch_size=int(batch_size),
        steps=int(steps),
    )


def _rate(value: float) -> str:
    return f"{value:g}"


def load_args(plan: LoadPlan) -> list[str]:
    """The options that set the load (on a standalone run or on the master)."""
    return [
        "--headless",
        "-u",
        str(plan.users),
        "-r",
        _rate(plan.spawn_rate),
        "-t",
        f"{plan.duration_s}s",
        "--csv",
        str(plan.csv_prefix),
        "--csv-full-history",
        "--only-summary",
    ]


def standalone_command(plan: LoadPlan, python: str) -> list[str]:
    """``python -m locust -f FILE -H URL --headless -u -r -t --csv PREFIX --csv-full-history --only-summary``."""
    return [python, "-m", "locust", "-f", str(plan.locustfile), "-H", plan.target_url, *load_args(plan)]


def master_command(plan: LoadPlan, python: str, workers: int, port: int, wait_s: int = WORKER_WAIT_S) -> list[str]:
    """The master of a distributed run: waits for ``workers`` workers on 127.0.0.1:``port``, then runs the plan."""
    check_workers(workers)
    return [
        *standalone_command(plan, python),
        "--master",
        "--expect-workers",
        str(workers),
        "--expect-workers-max-wait",
        str(wait_s),
        "--master-bind-host",
        "127.0.0.1",
        "--master-bind-port",
        str(port),
    ]


def worker_command(plan: LoadPlan, python: str, port: int, master_host: str = "127.0.0.1") -> list[str]:
    """One worker of a distributed run, connecting to the master at ``master_host``:``port``."""
    return [
        python,
        "-m",
        "locust",
        "-f",
        str(plan.locustfile),
        "-H",
        plan.target_url,
        "--worker",
        "--master-host",
        master_host,
        "--master-port",
        str(port),
    ]


def check_workers(workers: int) -> int:
    """``workers`` when it is 1..MAX_WORKERS, else ValueError."""
    if not 1 <= int(workers) <= MAX_WORKERS:
        raise ValueError(f"workers must be 1..{MAX_WORKERS}, got {workers}")
    return int(workers)


def child_environment(base: Mapping[str, str], plan: LoadPlan, token: str | None) -> dict[str, str]:
    """The environment of the Locust processes: ``base`` plus the scenario options and the token.

    ``token`` None keeps whatever ``SCORING_API_TOKEN`` ``base`` has; an empty token removes it, so no
    ``Authorization`` header is sent.
    """
    env = dict(base)
    env[SHAPE_ENV] = plan.shape
    env[PACING_ENV] = f"{plan.pacing_s:g}"
    env[BATCH_SIZE_ENV] = str(plan.batch_size)
    env[STEPS_ENV] = str(plan.steps)
    env["PYTHONUNBUFFERED"] = "1"
    if token is not None:
        if token:
            env[TOKEN_ENV] = token
        else:
            env.pop(TOKEN_ENV, None)
    return env


def display(command: list[str]) -> str:
    """The command as one shell-quoted line, for the log (it never holds the token)."""
    return shlex.join(command)
