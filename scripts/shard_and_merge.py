"""Run the suites as N pabot shards, as N CI agents would, and merge their results into one report.

Each shard is ``pabot --shard i/N --processes P --pabotlibport 0 --outputdir OUT/shard-i`` over the same
selection, run in its own working directory (pabot keeps its ``.pabotsuitenames`` there); by default the
shards run at the same time, like agents of a CI matrix. ``rebot --merge`` then combines the shards'
output.xml files into OUT/output.xml, log.html, report.html and xunit.xml, and the merged output is checked
to hold every test exactly once.

Usage (from the repository root)::

    .venv/bin/python scripts/shard_and_merge.py                      # suites/ --include smoke, 2 shards
    .venv/bin/python scripts/shard_and_merge.py --shards 3 --include contract --include negative suites
    .venv/bin/python scripts/shard_and_merge.py --all-tests -- -v MOCK_DEFECT:moved-cutoff

Options after ``--`` go to every robot process. Exit code: 0 when every test passed, the number of failed
tests (at most 250) otherwise, 252 when a shard produced no output or a test ran in more than one shard.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from robot.api import ExecutionResult, ResultVisitor

ROOT = Path(__file__).resolve().parents[1]
SHARD_ERROR_RC = 252
MAX_FAILED_RC = 250


@dataclass
class ShardRun:
    """One pabot shard: its command, exit code, wall time and output."""

    index: int
    total: int
    command: list[str]
    output_dir: Path
    process: subprocess.Popen | None = None
    started: float = 0.0
    seconds: float = 0.0
    returncode: int | None = None

    @property
    def output_xml(self) -> Path:
        return self.output_dir / "output.xml"

    @property
    def console_log(self) -> Path:
        return self.output_dir / "pabot-console.txt"


class ResultTests(ResultVisitor):
    """Collects the full name and status of every test in a result."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.statuses: Counter[str] = Counter()

    def visit_test(self, test) -> None:
        self.names.append(test.full_name)
        self.statuses[test.status] += 1


def collect_tests(output_xml: Path) -> ResultTests:
    """Full names and status counts of the tests in ``output_xml``."""
    names = ResultTests()
    ExecutionResult(str(output_xml)).visit(names)
    return names


def duplicates(names: list[str]) -> list[str]:
    """Test names that occur more than once, sorted."""
    return sorted(name for name, count in Counter(names).items() if count > 1)


def pabot_command(
    python: str, index: int, total: int, processes: int, output_dir: Path, selection: list[str], paths: list[Path]
) -> list[str]:
    """The pabot command line of shard ``index``/``total``."""
    return [
        python,
        "-m",
        "pabot.pabot",
        "--shard",
        f"{index}/{total}",
        "--processes",
        str(processes),
        "--pabotlibport",
        "0",
        "--outputdir",
        str(output_dir),
        *selection,
        *(str(path) for path in paths),
    ]


def selection_options(includes: list[str], excludes: list[str], robot_args: list[str]) -> list[str]:
    """``--include``/``--exclude`` options followed by the pass-through robot options."""
    options: list[str] = []
    for tag in includes:
        options += ["--include", tag]
    for tag in excludes:
        options += ["--exclude", tag]
    return options + robot_args


def child_environment() -> dict[str, str]:
    """This environment with the interpreter's bin directory first on PATH, so pabot finds ``robot``."""
    env = dict(os.environ)
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    return env


def start_shard(shard: ShardRun, env: dict[str, str]) -> None:
    shard.output_dir.mkdir(parents=True, exist_ok=True)
    console = shard.console_log.open("wb")
    shard.started = time.monotonic()
    shard.process = subprocess.Popen(
        shard.command, cwd=shard.output_dir, stdout=console, stderr=subprocess.STDOUT, env=env
    )
    console.close()


def wait_shard(shard: ShardRun) -> None:
    assert shard.process is not None
    shard.returncode = shard.process.wait()
    shard.seconds = time.monotonic() - shard.started


def run_shards(shards: list[ShardRun], sequential: bool) -> None:
    """Run every shard, one after the other or all at once."""
    env = child_environment()
    if sequential:
        for shard in shards:
            start_shard(shard, env)
            wait_shard(shard)
        return
    for shard in shards:
        start_shard(shard, env)
    for shard in shards:
        wait_shard(shard)


def merge(outputs: list[Path], output_dir: Path, name: str | None) -> int:
    """``rebot --merge`` of the shard outputs into output_dir; rebot's exit code."""
    command = [
        sys.executable,
        "-m",
        "robot.rebot",
        "--merge",
        "--outputdir",
        str(output_dir),
        "--output",
        "output.xml",
        "--log",
        "log.html",
        "--report",
        "report.html",
        "--xunit",
        "xunit.xml",
    ]
    if name:
        command += ["--name", name]
    return subprocess.run([*command, *(str(path) for path in outputs)], check=False).returncode


def tail(path: Path, lines: int = 8) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def report_shards(shards: list[ShardRun]) -> list[Path]:
    """Print one line per shard; the output.xml files that exist."""
    outputs = []
    for shard in shards:
        if shard.output_xml.is_file():
            names = collect_tests(shard.output_xml)
            counts = ", ".join(f"{count} {status.lower()}" for status, count in sorted(names.statuses.items()))
            print(
                f"shard {shard.index}/{shard.total}: rc {shard.returncode}, {shard.seconds:.1f} s, "
                f"{len(names.names)} tests ({counts or 'none'}) -> {shard.output_xml}"
            )
            outputs.append(shard.output_xml)
        else:
            print(
                f"shard {shard.index}/{shard.total}: rc {shard.returncode}, {shard.seconds:.1f} s, NO output.xml "
                f"(console {shard.console_log}):\n{tail(shard.console_log)}"
            )
    return outputs


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    args = list(sys.argv[1:] if argv is None else argv)
    robot_args: list[str] = []
    if "--" in args:
        split = args.index("--")
        args, robot_args = args[:split], args[split + 1 :]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, help="suite folders or files (default: suites)")
    parser.add_argument("--shards", type=int, default=2, help="how many shards, as CI agents (default 2)")
    parser.add_argument("--processes", type=int, default=2, help="pabot processes per shard (default 2)")
    parser.add_argument("--outputdir", type=Path, default=ROOT / "results" / "sharded", help="where results go")
    parser.add_argument("--include", action="append", default=[], help="tag to include (default: smoke)")
    parser.add_argument("--exclude", action="append", default=[], help="tag to exclude")
    parser.add_argument("--all-tests", action="store_true", help="no default --include smoke")
    parser.add_argument("--sequential", action="store_true", help="run the shards one after the other")
    parser.add_argument("--name", help="top-level suite name of the merged result")
    options = parser.parse_args(args)
    if options.shards < 1 or options.processes < 1:
        parser.error(f"--shards and --processes must be at least 1, got {options.shards} and {options.processes}")
    if not options.include and not options.all_tests:
        options.include = ["smoke"]
    return options, robot_args


def main(argv: list[str] | None = None) -> int:
    options, robot_args = parse_args(argv)
    paths = [path.resolve() for path in (options.paths or [ROOT / "suites"])]
    output_dir = options.outputdir.resolve()
    selection = selection_options(options.include, options.exclude, robot_args)
    shards = [
        ShardRun(
            index,
            options.shards,
            pabot_command(
                sys.executable,
                index,
                options.shards,
                options.processes,
                output_dir / f"shard-{index}",
                selection,
                paths,
            ),
            output_dir / f"shard-{index}",
        )
        for index in range(1, options.shards + 1)
    ]
    started = time.monotonic()
    run_shards(shards, options.sequential)
    outputs = report_shards(shards)
    if not outputs:
        print("no shard produced an output.xml: nothing to merge")
        return SHARD_ERROR_RC
    merge_rc = merge(outputs, output_dir, options.name)
    merged = output_dir / "output.xml"
    if not merged.is_file():
        print(f"rebot --merge exited {merge_rc} and wrote no {merged}")
        return SHARD_ERROR_RC
    names = collect_tests(merged)
    repeated = duplicates(names.names)
    passed, failed = names.statuses["PASS"], names.statuses["FAIL"]
    print(
        f"merged {len(outputs)} of {len(shards)} shards in {time.monotonic() - started:.1f} s: "
        f"{len(names.names)} tests -> {merged}"
    )
    if repeated:
        print(f"{len(repeated)} tests ran in more than one shard: {', '.join(repeated[:10])}")
    print(f"{passed} passed, {failed} failed")
    if repeated or len(outputs) < len(shards):
        return SHARD_ERROR_RC
    return min(failed, MAX_FAILED_RC)


if __name__ == "__main__":
    sys.exit(main())
