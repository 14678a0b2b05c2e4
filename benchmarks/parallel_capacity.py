"""How many cores' worth of CPU this machine gives when its cores are all busy at once.

Run: ``.venv/bin/python benchmarks/parallel_capacity.py [--workers N] [--rounds 12]``. Times one CPU-bound
Python loop alone, then ``N`` copies at once in separate processes (default: one per CPU), alternating,
``--rounds`` times; capacity = N x median(alone) / median(all at once). N on a machine with N real, idle
cores; less where virtual CPUs share physical cores or the host is busy. Divide a parallel run's CPU time
by it for the shortest wall time that CPU allows (``benchmarks/suite_timing.py`` prints that floor).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

LOOP = 2_000_000


def spin(iterations: int = LOOP) -> float:
    """Seconds one process takes for a fixed amount of pure-Python arithmetic."""
    started = time.perf_counter()
    total = 0
    for number in range(iterations):
        total += number * number % 7
    return time.perf_counter() - started


@dataclass(frozen=True)
class Capacity:
    workers: int
    alone_s: float
    together_s: float

    @property
    def cores(self) -> float:
        """Cores' worth of CPU with every worker busy (``workers`` when running together costs nothing)."""
        return self.workers * self.alone_s / self.together_s

    def describe(self) -> str:
        slowdown = self.together_s / self.alone_s
        return (
            f"parallel CPU capacity: {self.cores:.2f} of {self.workers} cores "
            f"({self.workers} CPU-bound processes at once each run {slowdown:.2f}x slower than one alone)"
        )


def measure(workers: int | None = None, rounds: int = 12, iterations: int = LOOP) -> Capacity:
    """Median time of the loop alone and with ``workers`` copies at once, alternating ``rounds`` times."""
    count = workers or os.cpu_count() or 1
    alone: list[float] = []
    together: list[float] = []
    with ProcessPoolExecutor(max_workers=count) as pool:
        list(pool.map(spin, [1000] * count))
        for _ in range(rounds):
            alone.append(spin(iterations))
            together.append(max(pool.map(spin, [iterations] * count)))
    return Capacity(count, statistics.median(alone), statistics.median(together))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=None, help="processes at once (default: one per CPU)")
    parser.add_argument("--rounds", type=int, default=12, help="alone/together pairs (default 12)")
    args = parser.parse_args(argv)
    if args.rounds < 1:
        parser.error(f"--rounds must be at least 1, got {args.rounds}")
    capacity = measure(args.workers, args.rounds)
    print(
        f"loop alone: {capacity.alone_s * 1000:.0f} ms; {capacity.workers} at once: {capacity.together_s * 1000:.0f} ms"
    )
    print(capacity.describe())
    return 0


if __name__ == "__main__":
    sys.exit(main())
