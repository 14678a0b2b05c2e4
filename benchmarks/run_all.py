"""Run every benchmark under benchmarks/ and print one table of their headline figures.

``make bench`` calls ``.venv/bin/python benchmarks/run_all.py``. Each ``benchmarks/*.py`` script (except this
one) runs in its own process, one after the other; its output is printed when it ends and its headline
figures are read from it into the table printed last. ``--quick`` passes smaller workloads to the known scripts
(for a quick look, not for the figures in docs/performance.md); ``--only NAME`` runs the named ones.
Exit code 1 when a benchmark fails.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
QUICK_ARGS = {
    "mock_throughput": ["--seconds", "2", "--batch-records", "10000"],
    "comparator_benchmark": ["--records", "100000"],
    "suite_timing": ["--include", "smoke"],
    "parallel_capacity": ["--rounds", "3"],
}
Figure = tuple[str, str]
CPU_FLOOR = r"^  CPU floor of (.+?): ([\d.]+ s) \("


def markdown_rows(text: str) -> list[dict[str, str]]:
    """The rows of the first Markdown table in ``text`` as dictionaries keyed by the header cells."""
    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("|")]
    if len(lines) < 2:
        return []
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        if len(cells) == len(header):
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def mock_throughput_figures(output: str) -> list[Figure]:
    """Requests per second, p95 and the mock/reference ratio per workload, and the batch time."""
    figures: list[Figure] = []
    for row in markdown_rows(output):
        workload = row.get("workload", "?")
        figures.append((f"{workload}: req/s", row.get("mock req/s", "")))
        figures.append((f"{workload}: p95 ms", row.get("mock p95 ms", "")))
        ratio = row.get("mock/trivial") or row.get("mock/reference")
        if ratio:
            figures.append((f"{workload}: mock/reference", ratio))
    batch = re.search(r"Batch of ([\d,]+) records, submit to (\w+): ([\d.]+) s", output)
    if batch:
        figures.append((f"batch of {batch.group(1)} records to {batch.group(2)}", f"{batch.group(3)} s"))
    return figures


COMPARATOR_LINE = re.compile(
    r"^(?P<label>\S.*?)\s+(?:wall\s+)?(?P<wall>[\d.]+) s\s+"
    r"(?:CPU\s+(?P<cpu>[\d.]+) s\s+)?peak RSS\s+(?P<rss>[\d.]+) MB",
    re.MULTILINE,
)


def comparator_figures(output: str) -> list[Figure]:
    """Wall time (and CPU time when printed) and peak memory of each comparison, and the plain loop's ratio."""
    figures: list[Figure] = []
    for match in COMPARATOR_LINE.finditer(output):
        cpu = f", CPU {match['cpu']} s" if match["cpu"] else ""
        figures.append((match["label"], f"{match['wall']} s{cpu}, peak RSS {match['rss']} MB"))
    ratio = re.search(r"^plain loop / compare_results \(CSV\): (.+)$", output, re.MULTILINE)
    if ratio:
        figures.append(("plain loop / compare_results (CSV)", ratio.group(1).strip()))
    return figures


def suite_timing_figures(output: str) -> list[Figure]:
    """Wall and CPU time of the serial and the pabot run, and the speed-up."""
    pattern = r"^((?:serial robot|pabot) .+?): ([\d.]+) s wall, ([\d.]+) s CPU, (.+)$"
    figures = [
        (label, f"{seconds} s wall, {cpu} s CPU, {totals}")
        for label, seconds, cpu, totals in re.findall(pattern, output, re.MULTILINE)
    ]
    figures += re.findall(r"^((?:median )?speed-up [^:]+): ([\d.]+x)", output, re.MULTILINE)
    figures += [(f"CPU floor of {label}", value) for label, value in re.findall(CPU_FLOOR, output, re.MULTILINE)]
    return figures


def parallel_capacity_figures(output: str) -> list[Figure]:
    """The cores' worth of CPU with every core busy."""
    return re.findall(r"^(parallel CPU capacity): ([\d.]+ of \d+ cores)", output, re.MULTILINE)


def last_line(output: str) -> list[Figure]:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return [("last line", lines[-1] if lines else "(no output)")]


PARSERS: dict[str, Callable[[str], list[Figure]]] = {
    "mock_throughput": mock_throughput_figures,
    "comparator_benchmark": comparator_figures,
    "suite_timing": suite_timing_figures,
    "parallel_capacity": parallel_capacity_figures,
}


def benchmark_scripts(only: list[str]) -> list[Path]:
    """The benchmark scripts, in name order (``only`` restricts them by stem)."""
    scripts = sorted(path for path in HERE.glob("*.py") if path.name not in ("run_all.py", "__init__.py"))
    if only:
        unknown = sorted(set(only) - {path.stem for path in scripts})
        if unknown:
            raise SystemExit(f"unknown benchmark(s) {', '.join(unknown)}; known: {', '.join(p.stem for p in scripts)}")
        scripts = [path for path in scripts if path.stem in only]
    return scripts


def run(script: Path, quick: bool) -> tuple[int, float, str]:
    """Exit code, wall time and combined output of one benchmark."""
    command = [sys.executable, str(script), *(QUICK_ARGS.get(script.stem, []) if quick else [])]
    print(f"== {script.stem}: {' '.join(command[1:])}", flush=True)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    output = completed.stdout + (f"\n[stderr]\n{completed.stderr}" if completed.returncode else "")
    print(output.rstrip(), flush=True)
    return completed.returncode, time.perf_counter() - started, completed.stdout


def table(rows: list[tuple[str, str, str]]) -> str:
    header = ("benchmark", "figure", "value")
    widths = [max(len(row[index]) for row in [header, *rows]) for index in range(3)]
    lines = [" | ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller workloads for the known benchmarks")
    parser.add_argument("--only", action="append", default=[], help="run only this benchmark (script stem)")
    args = parser.parse_args(argv)
    rows: list[tuple[str, str, str]] = []
    failed = 0
    for script in benchmark_scripts(args.only):
        code, seconds, output = run(script, args.quick)
        figures = PARSERS.get(script.stem, last_line)(output) or last_line(output)
        if code:
            failed += 1
            figures = [("FAILED", f"exit {code}")]
        rows += [(script.stem, label, value) for label, value in figures]
        rows.append((script.stem, "benchmark wall time", f"{seconds:.1f} s"))
    print("\n" + table(rows))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
