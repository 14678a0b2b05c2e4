"""Throughput of the mock scoring platform against a trivial Flask + waitress + SQLite endpoint.

Run from the repository root: ``.venv/bin/python benchmarks/mock_throughput.py [--seconds 6] [--threads 8]``.
Starts ``python -m mock --port 0`` (fresh database) and a trivial endpoint doing one SQLite insert per
request (same waitress threads, WAL), drives both with the same keep-alive http.client workers at 1 and
8 client threads, then SOAP scoring (when the endpoint is installed) and a 100,000-record batch.
Prints a Markdown table; ``--markdown FILE`` also writes it there.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LISTENING = "LISTENING http://"
SOAP_NS = "http://scoregate.example.com/scoring/v1"
SOAP_ACTION = f"{SOAP_NS}/ScoreApplicant"
ROUNDS = 3
"""Each comparison alternates mock and trivial runs this many times, so load from elsewhere hits both alike."""


@dataclass
class RunResult:
    clients: int
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def applicant(index: int, prefix: str) -> dict:
    """A synthetic realtime request, varied by index."""
    statuses = ("full_time", "part_time", "self_employed", "retired", "student", "unemployed")
    return {
        "transactionId": f"{prefix}-{index:010d}",
        "applicantId": f"SYN-B{index:08d}",
        "age": 18 + index % 70,
        "monthlyIncome": 800 + (index * 37) % 12000,
        "employmentStatus": statuses[index % len(statuses)],
        "requestedAmount": 1000 + (index * 91) % 50000,
        "existingDebt": (index * 53) % 30000,
        "creditHistoryMonths": index % 240,
        "channel": "web",
    }


def soap_envelope(request: dict) -> bytes:
    fields = "".join(f"<s:{name}>{value}</s:{name}>" for name, value in request.items())
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        f'xmlns:s="{SOAP_NS}"><soapenv:Body><s:ScoreApplicantRequest>{fields}'
        "</s:ScoreApplicantRequest></soapenv:Body></soapenv:Envelope>"
    ).encode()


def start_process(args: list[str], log_path: Path) -> tuple[subprocess.Popen, int]:
    """Start a server process and wait for its LISTENING line; the process and its port."""
    log = open(log_path, "ab")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=log, text=True)
    line = process.stdout.readline()
    if LISTENING not in line:
        process.kill()
        raise RuntimeError(f"expected a LISTENING line from {args}, got {line!r} (see {log_path})")
    return process, int(line.rsplit(":", 1)[1])


def stop_process(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def drive(port: int, clients: int, seconds: float, make_request: Callable[[int], tuple[str, bytes, dict]]) -> RunResult:
    """``clients`` threads, each with one keep-alive connection, sending requests for ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    counter = iter(range(10**12))
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker(slot: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = latencies[slot]
        while time.perf_counter() < deadline:
            with lock:
                index = next(counter)
            path, body, headers = make_request(index)
            started = time.perf_counter()
            conn.request("POST", path, body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            mine.append((time.perf_counter() - started) * 1000)
            if response.status != 200:
                errors[slot] += 1
        conn.close()

    threads = [threading.Thread(target=worker, args=(slot,)) for slot in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    merged = [value for values in latencies for value in values]
    return RunResult(clients, len(merged), sum(errors), elapsed, merged)


def merge(parts: list[RunResult]) -> RunResult:
    """Several runs of the same workload as one (requests and seconds summed, latencies pooled)."""
    return RunResult(
        parts[0].clients,
        sum(p.requests for p in parts),
        sum(p.errors for p in parts),
        sum(p.seconds for p in parts),
        [value for p in parts for value in p.latencies_ms],
    )


def json_request(prefix: str, path: str) -> Callable[[int], tuple[str, bytes, dict]]:
    headers = {"Content-Type": "application/json"}
    return lambda index: (path, json.dumps(applicant(index, prefix)).encode(), headers)


def soap_request(prefix: str) -> Callable[[int], tuple[str, bytes, dict]]:
    headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{SOAP_ACTION}"'}
    return lambda index: ("/soap/realtime-scoring", soap_envelope(applicant(index, prefix)), headers)


def run_batch(port: int, records: int) -> tuple[float, str]:
    """Submit ``records`` records and poll until the batch is done; seconds from submit to the end, status."""
    body = json.dumps({"records": [applicant(i, "BT") for i in range(records)]}).encode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    conn.request("POST", "/api/v1/batch-scoring", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    status = json.loads(response.read())
    if response.status != 202:
        raise RuntimeError(f"batch submission: expected 202, got {response.status}: {status}")
    while status["status"] in ("PENDING", "RUNNING"):
        time.sleep(0.05)
        conn.request("GET", f"/api/v1/batch-scoring/{status['batchId']}")
        status = json.loads(conn.getresponse().read())
    return time.perf_counter() - started, status["status"]


def has_soap(port: int) -> bool:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/soap/realtime-scoring?wsdl")
    response = conn.getresponse()
    response.read()
    return response.status == 200


def machine() -> str:
    model = platform.processor() or "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


def serve_trivial(port: int, threads: int, db_path: str) -> None:
    """The reference endpoint: parse JSON, one SQLite insert, answer JSON (Flask + waitress, WAL)."""
    from flask import Flask, jsonify, request
    from waitress import create_server

    setup = sqlite3.connect(db_path)
    setup.execute("PRAGMA journal_mode=WAL")
    setup.execute("CREATE TABLE IF NOT EXISTS hits (id TEXT PRIMARY KEY, body TEXT NOT NULL)")
    setup.close()
    local = threading.local()
    app = Flask("trivial")

    def connection() -> sqlite3.Connection:
        conn = getattr(local, "conn", None)
        if conn is None:
            conn = local.conn = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False, timeout=15)
            conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @app.post("/score")
    def score():
        payload = request.get_json()
        connection().execute(
            "INSERT INTO hits VALUES (?, ?)", (payload["transactionId"], request.get_data(as_text=True))
        )
        return jsonify({"transactionId": payload["transactionId"], "stored": True})

    server = create_server(app, host="127.0.0.1", port=port, threads=threads)
    print(f"TRIVIAL LISTENING http://127.0.0.1:{server.effective_port}", flush=True)
    server.run()


def markdown(rows: list[list[str]], header: list[str]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)


def benchmark(seconds: float, threads: int, batch_records: int) -> str:
    work = Path(tempfile.mkdtemp(prefix="scoregate-bench-"))
    python = sys.executable
    mock, mock_port = start_process(
        [
            python,
            "-m",
            "mock",
            "--port",
            "0",
            "--db",
            str(work / "mock.db"),
            "--threads",
            str(threads),
            "--log-file",
            str(work / "mock.log"),
        ],
        work / "mock.stderr",
    )
    trivial, trivial_port = start_process(
        [
            python,
            str(Path(__file__).resolve()),
            "--serve-trivial",
            "--threads",
            str(threads),
            "--db",
            str(work / "trivial.db"),
        ],
        work / "trivial.stderr",
    )
    try:
        drive(mock_port, 2, 1.0, json_request("WARM", "/api/v1/score"))
        drive(trivial_port, 2, 1.0, json_request("WARM", "/score"))
        runs: list[tuple[RunResult, RunResult]] = []
        for clients in (1, 8):
            mock_parts, trivial_parts = [], []
            for part in range(ROUNDS):
                mock_parts.append(
                    drive(mock_port, clients, seconds / ROUNDS, json_request(f"M{clients}R{part}", "/api/v1/score"))
                )
                trivial_parts.append(
                    drive(trivial_port, clients, seconds / ROUNDS, json_request(f"T{clients}R{part}", "/score"))
                )
            runs.append((merge(mock_parts), merge(trivial_parts)))
        soap_run = None
        if has_soap(mock_port):
            soap_run = drive(mock_port, 8, seconds, soap_request("S8"))
        batch_seconds, batch_status = run_batch(mock_port, batch_records)
    finally:
        stop_process(mock)
        stop_process(trivial)
    rows = []
    for mock_run, trivial_run in runs:
        rows.append(
            [
                f"REST /api/v1/score, {mock_run.clients} client(s)",
                f"{mock_run.rps:.0f}",
                f"{mock_run.percentile(0.5):.2f}",
                f"{mock_run.percentile(0.95):.2f}",
                f"{trivial_run.rps:.0f}",
                f"{trivial_run.percentile(0.5):.2f}",
                f"{trivial_run.percentile(0.95):.2f}",
                f"{mock_run.rps / trivial_run.rps:.2f}",
                str(mock_run.errors + trivial_run.errors),
            ]
        )
    if soap_run is not None:
        rows.append(
            [
                "SOAP ScoreApplicant, 8 clients",
                f"{soap_run.rps:.0f}",
                f"{soap_run.percentile(0.5):.2f}",
                f"{soap_run.percentile(0.95):.2f}",
                "",
                "",
                "",
                "",
                str(soap_run.errors),
            ]
        )
    header = [
        "workload",
        "mock req/s",
        "mock p50 ms",
        "mock p95 ms",
        "trivial req/s",
        "trivial p50 ms",
        "trivial p95 ms",
        "mock/trivial",
        "errors",
    ]
    table = markdown(rows, header)
    summary = (
        f"Machine: {machine()}; waitress threads: {threads}; {seconds:g} s per workload "
        f"({ROUNDS} alternating rounds of mock and trivial).\n\n{table}\n\n"
        f"Batch of {batch_records:,} records, submit to {batch_status}: {batch_seconds:.2f} s\n"
    )
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="duration of each measured run")
    parser.add_argument("--threads", type=int, default=8, help="waitress threads of both servers")
    parser.add_argument("--batch-records", type=int, default=100_000)
    parser.add_argument("--markdown", help="also write the result to this file")
    parser.add_argument("--serve-trivial", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve_trivial:
        serve_trivial(0, args.threads, args.db)
        return 0
    summary = benchmark(args.seconds, args.threads, args.batch_records)
    print(summary)
    if args.markdown:
        Path(args.markdown).write_text(summary, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
