"""Load shapes over time: how many users run at each moment of a load test.

Standalone on purpose (standard library only): the locustfiles import it by path in the Locust process.

| shape | users over the run |
|---|---|
| ``sustained`` | ramp to ``users`` at ``spawn_rate`` and hold until the end |
| ``spike`` | a baseline of a fifth of ``users`` (at least 1), all ``users`` in the middle third, baseline again |
| ``step`` | ``steps`` equal steps: ``users * k / steps`` users (rounded up) in step ``k`` |
"""

from __future__ import annotations

import math

SHAPES = ("sustained", "spike", "step")
DEFAULT_STEPS = 4
DEFAULT_RUN_TIME_S = 60
SPIKE_WINDOW = (1 / 3, 2 / 3)


def validate_shape(shape: str) -> str:
    """The shape name in lower case; ValueError naming the shapes when it is not one of them."""
    name = str(shape).strip().lower()
    if name not in SHAPES:
        raise ValueError(f"load shape must be one of {', '.join(SHAPES)}, got '{shape}'")
    return name


def spike_baseline(users: int) -> int:
    """Users outside the spike: a fifth of ``users``, at least 1."""
    return max(1, math.ceil(users / 5))


def target_load(
    shape: str,
    elapsed_s: float,
    users: int | None,
    spawn_rate: float | None,
    run_time_s: float | None,
    steps: int = DEFAULT_STEPS,
) -> tuple[int, float] | None:
    """``(user_count, spawn_rate)`` at ``elapsed_s`` seconds into the run, or None once the run is over.

    ``users`` and ``spawn_rate`` default to 1 (Locust's own defaults); ``run_time_s`` None means a
    sustained load never ends and a spike or step takes ``DEFAULT_RUN_TIME_S``. A spike adds and removes
    its users within a second (the spawn rate is at least ``users``).
    """
    name = validate_shape(shape)
    count = max(1, int(users or 1))
    rate = float(spawn_rate or 1)
    if steps < 1:
        raise ValueError(f"step count must be at least 1, got {steps}")
    if run_time_s is None and name == "sustained":
        return count, rate
    total = float(run_time_s) if run_time_s else float(DEFAULT_RUN_TIME_S)
    if elapsed_s >= total:
        return None
    if name == "sustained":
        return count, rate
    if name == "spike":
        start, end = (total * edge for edge in SPIKE_WINDOW)
        in_spike = start <= elapsed_s < end
        return (count if in_spike else spike_baseline(count)), max(rate, float(count))
    step = min(steps, int(elapsed_s // (total / steps)) + 1)
    return math.ceil(count * step / steps), rate
