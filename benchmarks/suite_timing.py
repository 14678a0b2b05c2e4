"""Wall time of the acceptance suites: serial ``robot`` against ``pabot --processes N``, back to back.

Run from the repository root: ``.venv/bin/python benchmarks/suite_timing.py [--processes 4] [--include TAG]
[--keep DIR] [PATHS...]`` (default path ``suites``). Both runs use the same selection and write to
temporary directories (kept with ``--keep``); each gets its own embedded mock per Robot process, as in CI.
Prints the machine, each run's wall time, CPU time (user + system of all its processes) and test totals,
and the speed-up (serial time / pabot time). Each round first measures the machine's parallel CPU capacity
(``parallel_capacity.py``); for each pabot run it prints the CPU floor, the run's CPU time divided by that
capacity (no schedule on this machine finishes that work sooner), and the speed-up that floor would allow.
``--chunk`` adds a third run, ``pabot --processes N --chunk``, which groups the suite files into N robot
processes instead of one process per suite file (fewer process and mock start-ups).
``--rounds N`` repeats the serial/pabot pair N times back to back and prints the median speed-up.
Failing tests do not stop the measurement; a run that writes no output.xml does (exit 1).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from parallel_capacity import measure as measure_capacity
from robot.api import ExecutionResult

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class TimedRun:
    label: str
    seconds: float
    cpu_seconds: float
    returncode: int
    output_xml: Path

    def totals(self) -> str:
        if not self.output_xml.is_file():
            return f"no output.xml (exit {self.returncode})"
        stats = ExecutionResult(str(self.output_xml)).statistics.total
        return f"{stats.total} tests ({stats.passed} passed, {stats.failed} failed, {stats.skipped} skipped)"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    return f"{os.cpu_count()} CPUs ({cpu_model()}), Python {platform.python_version()}, {platform.system()}"


def environment() -> dict[str, str]:
    """This environment with the interpreter's bin directory first on PATH (pabot starts ``robot`` by name)."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def timed(label: str, command: list[str], output_dir: Path) -> TimedRun:
    """Run ``command`` (console to ``output_dir/console.txt``) and time it."""
    output_dir.mkdir(parents=True, exist_ok=True)
    with (output_dir / "console.txt").open("wb") as console:
        cpu_before = children_cpu_seconds()
        started = time.perf_counter()
        completed = subprocess.run(command, cwd=ROOT, stdout=console, stderr=subprocess.STDOUT, env=environment())
        seconds = time.perf_counter() - started
        cpu_seconds = children_cpu_seconds() - cpu_before
    return TimedRun(label, seconds, cpu_seconds, completed.returncode, output_dir / "output.xml")


def children_cpu_seconds() -> float:
    """User + system CPU of every finished child process (and their waited-for children) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def pabot_run(work: Path, processes: int, selection: list[str], paths: list[str], chunk: bool) -> tuple:
    """The label, command and output directory of one pabot run."""
    output_dir = work / ("pabot-chunk" if chunk else "pabot")
    options = ["--processes", str(processes), "--pabotlibport", "0", *(["--chunk"] if chunk else [])]
    return (
        f"pabot {' '.join(options[:2] + options[4:])} {' '.join(paths)}",
        [sys.executable, "-m", "pabot.pabot", *options, "--outputdir", str(output_dir), *selection, *paths],
        output_dir,
    )


def commands(
    work: Path, processes: int, selection: list[str], paths: list[str], chunk: bool = False
) -> list[tuple[str, list[str], Path]]:
    """Serial robot, pabot, and with ``chunk`` pabot --chunk: label, command and output directory of each."""
    serial_dir = work / "serial"
    runs = [
        (
            f"serial robot {' '.join(paths)}",
            [sys.executable, "-m", "robot", "--outputdir", str(serial_dir), *selection, *paths],
            serial_dir,
        ),
        pabot_run(work, processes, selection, paths, chunk=False),
    ]
    if chunk:
        runs.append(pabot_run(work, processes, selection, paths, chunk=True))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", default=["suites"], help="suite folders (default: suites)")
    parser.add_argument("--processes", type=int, default=4, help="pabot processes (default 4)")
    parser.add_argument("--include", action="append", default=[], help="tag to include in both runs")
    parser.add_argument("--exclude", action="append", default=[], help="tag to exclude from both runs")
    parser.add_argument("--chunk", action="store_true", help="also time pabot --chunk")
    parser.add_argument("--rounds", type=int, default=1, help="serial/pabot pairs to run back to back (default 1)")
    parser.add_argument("--keep", help="keep the runs' results in this directory")
    args = parser.parse_args(argv)
    selection = [option for tag in args.include for option in ("--include", tag)]
    selection += [option for tag in args.exclude for option in ("--exclude", tag)]
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="scoregate-suite-timing-"))
    print(f"machine: {machine()}", flush=True)
    speed_ups: dict[str, list[float]] = {}
    try:
        for round_number in range(1, args.rounds + 1):
            round_dir = work / f"round-{round_number}" if args.rounds > 1 else work
            capacity = measure_capacity()
            print(capacity.describe(), flush=True)
            runs = []
            for spec in commands(round_dir, args.processes, selection, args.paths, args.chunk):
                runs.append(timed(*spec))
                run = runs[-1]
                print(f"{run.label}: {run.seconds:.1f} s wall, {run.cpu_seconds:.1f} s CPU, {run.totals()}", flush=True)
                if len(runs) > 1:
                    floor = run.cpu_seconds / capacity.cores
                    print(
                        f"  CPU floor of {run.label}: {floor:.1f} s ({run.cpu_seconds:.1f} s CPU / "
                        f"{capacity.cores:.2f} cores), allowing at most {runs[0].seconds / floor:.2f}x",
                        flush=True,
                    )
            if not all(run.output_xml.is_file() for run in runs):
                print(f"a run wrote no output.xml; consoles under {round_dir}")
                return 1
            serial = runs[0]
            for name, run in zip(("serial/pabot", "serial/pabot --chunk"), runs[1:], strict=False):
                speed_ups.setdefault(name, []).append(serial.seconds / run.seconds)
                print(f"speed-up {name}: {serial.seconds / run.seconds:.2f}x", flush=True)
        if args.rounds > 1:
            for name, ratios in speed_ups.items():
                listed = ", ".join(f"{ratio:.2f}x" for ratio in ratios)
                print(f"median speed-up {name} over {len(ratios)} rounds: {statistics.median(ratios):.2f}x ({listed})")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
