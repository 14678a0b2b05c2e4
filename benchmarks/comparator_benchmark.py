"""Regression comparator benchmark: 1,000,000 baseline and actual records, compared with tolerances.

Generates synthetic results in a temporary directory (CSV and NDJSON), then times, each in a fresh
process so peak memory is that of the comparison alone:

* ``compare_results`` (the function behind ``Compare Results With Baseline``) on CSV and NDJSON;
* a plain per-record loop (a dict per record, baseline indexed by transactionId) on CSV;
* ``compare_results`` on CSV with the actual records shuffled (the worst case for memory).

Wall time, CPU time (user + system) and peak RSS of each child are printed; peak RSS includes the
interpreter and the imported library, printed on its own as "idle peak RSS".

Usage: ``.venv/bin/python benchmarks/comparator_benchmark.py [--records N] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "libraries"))

COLUMNS = [
    "transactionId",
    "applicantId",
    "modelCode",
    "modelVersion",
    "score",
    "decision",
    "riskBand",
    "probabilityOfDefault",
    "reasonCodes",
    "policyRule",
    "scoredAt",
]
TOLERANCES = ["score=abs:0", "probabilityOfDefault=abs:0.000001"]
CODES = ["R01", "R02", "R03", "R04", "R05", "R06"]


def band(score: int) -> str:
    for name, lower in (("A", 760), ("B", 720), ("C", 680), ("D", 600)):
        if score >= lower:
            return name
    return "E"


def decision(score: int) -> str:
    return "APPROVE" if score >= 680 else "REFER" if score >= 600 else "DECLINE"


def result_row(index: int, rng: random.Random) -> list:
    score = min(850, max(300, int(rng.gauss(660, 70))))
    verdict = decision(score)
    codes = "" if verdict == "APPROVE" else "|".join(rng.sample(CODES, rng.randint(1, 4)))
    pd = round(1 / (1 + 30 * 2 ** ((score - 600) / 20)), 6)
    return [
        f"TX-BENCH-{index:08d}",
        f"SYN-BENCH{index:08d}",
        "credit_risk_v1",
        "1.4.2",
        score,
        verdict,
        band(score),
        pd,
        codes,
        "",
        "2026-11-25T10:15:30.123Z",
    ]


def perturb(row: list, index: int, rng: random.Random) -> list:
    """The actual side: 1% PD within tolerance, 0.1% beyond, 0.05% flips, 0.05% code order changes."""
    changed = list(row)
    changed[10] = "2026-11-26T08:00:00.456Z"
    draw = rng.random()
    if draw < 0.01:
        changed[7] = round(float(row[7]) + 0.000001, 6)
    elif draw < 0.011:
        changed[4] = int(row[4]) + 5
    elif draw < 0.0115:
        changed[5] = "DECLINE" if row[5] != "DECLINE" else "REFER"
    elif draw < 0.012 and "|" in row[8]:
        changed[8] = "|".join(reversed(row[8].split("|")))
    return changed


def generate(directory: Path, count: int) -> dict[str, Path]:
    rng = random.Random(20261125)
    paths = {name: directory / name for name in ("baseline.csv", "actual.csv", "baseline.ndjson", "actual.ndjson")}
    with (
        paths["baseline.csv"].open("w", newline="") as b_csv,
        paths["actual.csv"].open("w", newline="") as a_csv,
        paths["baseline.ndjson"].open("w") as b_json,
        paths["actual.ndjson"].open("w") as a_json,
    ):
        b_writer, a_writer = csv.writer(b_csv), csv.writer(a_csv)
        b_writer.writerow(COLUMNS)
        a_writer.writerow(COLUMNS)
        held: list[list] = []
        for index in range(count):
            row = result_row(index, rng)
            actual = perturb(row, index, rng)
            b_writer.writerow(row)
            b_json.write(json.dumps(ndjson_record(row)) + "\n")
            if index % 50_000 == 7:
                held.append(actual)
                continue
            actual_rows = [actual, held.pop()] if held and index % 50_000 == 9 else [actual]
            for out in actual_rows:
                a_writer.writerow(out)
                a_json.write(json.dumps(ndjson_record(out)) + "\n")
        for out in held:
            a_writer.writerow(out)
            a_json.write(json.dumps(ndjson_record(out)) + "\n")
    return paths


def write_shuffled(source: Path, target: Path) -> Path:
    """The actual CSV with its records in random order: the comparator's worst case for memory."""
    with source.open(newline="") as handle:
        header, *lines = handle.readlines()
    random.Random(7).shuffle(lines)
    with target.open("w", newline="") as handle:
        handle.write(header)
        handle.writelines(lines)
    return target


def ndjson_record(row: list) -> dict:
    record = dict(zip(COLUMNS, row, strict=True))
    record["score"] = int(record["score"])
    record["probabilityOfDefault"] = float(record["probabilityOfDefault"])
    record["reasonCodes"] = [{"code": c} for c in str(record["reasonCodes"]).split("|") if c]
    record["policyRule"] = None
    return record


def plain_loop(actual_path: str, baseline_path: str) -> dict:
    """The unoptimised reference: every record a dict, the baseline indexed in memory."""
    with open(baseline_path, newline="") as handle:
        baseline = {row["transactionId"]: row for row in csv.DictReader(handle)}
    counts = {"matched": 0, "within": 0, "failed": 0, "unexpected": 0}
    seen = set()
    with open(actual_path, newline="") as handle:
        for row in csv.DictReader(handle):
            expected = baseline.get(row["transactionId"])
            if expected is None:
                counts["unexpected"] += 1
                continue
            seen.add(row["transactionId"])
            failed = row["decision"] != expected["decision"] or row["reasonCodes"] != expected["reasonCodes"]
            failed = failed or row["riskBand"] != expected["riskBand"]
            failed = failed or float(row["score"]) != float(expected["score"])
            pd_difference = abs(float(row["probabilityOfDefault"]) - float(expected["probabilityOfDefault"]))
            failed = failed or pd_difference > 0.000001 + 1e-12
            if failed:
                counts["failed"] += 1
            elif pd_difference:
                counts["within"] += 1
            else:
                counts["matched"] += 1
    counts["missing"] = len(baseline) - len(seen)
    return counts


def measure(mode: str, actual: str, baseline: str) -> None:
    """Run one measurement in this process and print a JSON line."""
    if mode == "plain":
        cpu_before, start = _cpu(), time.perf_counter()
        summary = plain_loop(actual, baseline)
    else:
        from ScoringLibrary.core.comparator import compare_results

        cpu_before, start = _cpu(), time.perf_counter()
        result = compare_results(actual, baseline, TOLERANCES)
        summary = {k: v for k, v in result.as_dict().items() if isinstance(v, int)}
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_before
    report = {"mode": mode, "seconds": round(seconds, 3), "cpu_seconds": round(cpu, 3)}
    report.update(peak_rss_mb=round(usage.ru_maxrss / 1024, 1), summary=summary)
    print(json.dumps(report))


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_child(mode: str, actual: Path, baseline: Path) -> dict:
    command = [sys.executable, __file__, "--measure", mode, str(actual), str(baseline)]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def idle_rss_mb() -> float:
    command = [
        sys.executable,
        "-c",
        f"import sys, resource; sys.path.insert(0, {str(ROOT / 'libraries')!r}); "
        "import ScoringLibrary.core.comparator; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)",
    ]
    return float(subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip())


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--keep", help="directory to keep the generated files in")
    parser.add_argument("--measure", nargs=3, metavar=("MODE", "ACTUAL", "BASELINE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(*args.measure)
        return
    directory = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="comparator-bench-"))
    directory.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        paths = generate(directory, args.records)
        print(f"generated {args.records:,} baseline + actual records in {time.perf_counter() - start:.1f} s")
        sizes = ", ".join(f"{name} {path.stat().st_size / 1e6:.0f} MB" for name, path in paths.items())
        print(f"files: {sizes}")
        print(f"machine: {os.cpu_count()} CPUs, {cpu_model()}, Python {platform.python_version()}")
        print(f"interpreter + library imported, idle peak RSS: {idle_rss_mb():.0f} MB")
        shuffled = write_shuffled(paths["actual.csv"], directory / "actual-shuffled.csv")
        runs = [
            ("compare_results CSV", run_child("core", paths["actual.csv"], paths["baseline.csv"])),
            ("compare_results NDJSON", run_child("core", paths["actual.ndjson"], paths["baseline.ndjson"])),
            ("plain per-record loop CSV", run_child("plain", paths["actual.csv"], paths["baseline.csv"])),
            ("compare_results CSV shuffled", run_child("core", shuffled, paths["baseline.csv"])),
        ]
        for label, run in runs:
            print(
                f"{label:29s} wall {run['seconds']:6.2f} s  CPU {run['cpu_seconds']:6.2f} s  "
                f"peak RSS {run['peak_rss_mb']:6.0f} MB  {run['summary']}"
            )
        ratio = runs[2][1]["seconds"] / runs[0][1]["seconds"]
        cpu_ratio = runs[2][1]["cpu_seconds"] / runs[0][1]["cpu_seconds"]
        print(f"plain loop / compare_results (CSV): {ratio:.1f}x wall, {cpu_ratio:.1f}x CPU")
    finally:
        if not args.keep:
            shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
