"""Record a candidate regression baseline for the champion model from a clean scoring target.

The baseline is a fixed, segmented population of synthetic applicants with the outcome the
champion model gives each of them. This script generates the population (seeded, so the same
seed gives the same applicants), scores it in one batch on a target with no defects and writes a
CANDIDATE file for review. It never writes an approved baseline: a reviewer checks the candidate,
fills ``approvedBy`` and ``approvedOn``, sets ``status`` to ``approved`` and renames it to the
approved file name (without ``.candidate``).

By default the embedded mock (``python -m mock``) is started on a free port with a temporary
database and stopped afterwards; ``--base-url`` records from a running target instead (token in
``SCORING_API_TOKEN``).

Usage:
    python scripts/record_regression_baseline.py
    python scripts/record_regression_baseline.py --output /tmp/credit_risk_v1-1.4.2.candidate.json
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BASELINE_DIR = ROOT / "suites" / "regression" / "baselines"
MODEL_CODE = "credit_risk_v1"
MODEL_VERSION = "1.4.2"
DEFAULT_SEED = 20261125
CASES_PER_SEGMENT = 32
CANDIDATE_MARK = ".candidate"
EXPECTED_FIELDS = ("score", "decision", "riskBand", "probabilityOfDefault", "reasonCodes")
LISTENING_PREFIX = "SCORING MOCK LISTENING "
CHANNELS = ("web", "mobile", "branch", "broker", "partner_api")
BATCH_TIMEOUT_SECONDS = 60.0
EMBEDDED_SOURCE = "embedded mock (python -m mock, no defects)"

Applicant = dict[str, Any]
Segment = Callable[[random.Random], Applicant]


def _money(rng: random.Random, low: float, high: float) -> float:
    return round(rng.uniform(low, high), 2)


def _applicant(
    rng: random.Random,
    age: int,
    income: float,
    employment: str,
    debt_ratio: float,
    loan_ratio: float,
    history: int,
) -> Applicant:
    """Inputs of one applicant from ratios to yearly income (amounts kept inside the contract's ranges)."""
    yearly = 12 * income
    requested = min(max(round(loan_ratio * yearly, -1), 100.0), 1_000_000.0)
    debt = min(round(debt_ratio * yearly, 2), 10_000_000.0)
    return {
        "age": age,
        "monthlyIncome": income,
        "employmentStatus": employment,
        "requestedAmount": requested,
        "existingDebt": debt,
        "creditHistoryMonths": max(0, min(history, (age - 18) * 12)),
        "channel": rng.choice(CHANNELS),
    }


def prime(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(36, 64),
        _money(rng, 6000, 16000),
        rng.choices(["full_time", "self_employed", "retired"], [8, 2, 1])[0],
        rng.uniform(0.0, 0.18),
        rng.uniform(0.02, 0.3),
        rng.randint(60, 300),
    )


def near_prime(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(26, 58),
        _money(rng, 2200, 6500),
        rng.choices(["full_time", "part_time", "self_employed"], [5, 2, 2])[0],
        rng.uniform(0.12, 0.42),
        rng.uniform(0.1, 0.7),
        rng.randint(12, 90),
    )


def subprime(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(21, 60),
        _money(rng, 900, 3200),
        rng.choices(["part_time", "unemployed", "student", "full_time", "self_employed"], [3, 2, 1, 2, 2])[0],
        rng.uniform(0.3, 0.9),
        rng.uniform(0.4, 2.5),
        rng.randint(3, 48),
    )


def thin_file(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(19, 34),
        _money(rng, 1500, 6000),
        rng.choices(["full_time", "part_time", "student", "self_employed"], [4, 2, 2, 1])[0],
        rng.uniform(0.0, 0.25),
        rng.uniform(0.05, 0.8),
        rng.randint(0, 20),
    )


def high_dti(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(25, 61),
        _money(rng, 2500, 12000),
        rng.choices(["full_time", "self_employed", "part_time"], [5, 3, 1])[0],
        rng.uniform(0.35, 1.4),
        rng.uniform(0.05, 0.9),
        rng.randint(24, 240),
    )


def senior(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(62, 95),
        _money(rng, 1200, 7000),
        rng.choices(["retired", "full_time", "part_time", "self_employed"], [6, 1, 1, 1])[0],
        rng.uniform(0.0, 0.45),
        rng.uniform(0.02, 0.8),
        rng.randint(100, 700),
    )


def young(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(18, 25),
        _money(rng, 600, 4000),
        rng.choices(["student", "part_time", "full_time", "unemployed", "self_employed"], [3, 3, 3, 1, 1])[0],
        rng.uniform(0.0, 0.5),
        rng.uniform(0.05, 1.5),
        rng.randint(0, 60),
    )


def self_employed(rng: random.Random) -> Applicant:
    return _applicant(
        rng,
        rng.randint(24, 66),
        _money(rng, 2000, 14000),
        "self_employed",
        rng.uniform(0.0, 0.6),
        rng.uniform(0.05, 1.0),
        rng.randint(12, 300),
    )


def policy_decline(rng: random.Random) -> Applicant:
    """Zero income (P01) or a request above 60 months of income (P02), half each."""
    if rng.random() < 0.5:
        applicant = _applicant(rng, rng.randint(18, 80), 1.0, "unemployed", 0.0, 0.1, rng.randint(0, 200))
        applicant["monthlyIncome"] = 0.0
        applicant["existingDebt"] = _money(rng, 0, 5000)
        applicant["requestedAmount"] = float(rng.randrange(500, 20000, 100))
        return applicant
    return _applicant(
        rng,
        rng.randint(22, 75),
        _money(rng, 800, 4000),
        rng.choice(["full_time", "part_time", "self_employed", "retired"]),
        rng.uniform(0.0, 0.4),
        rng.uniform(5.05, 9.0),
        rng.randint(6, 300),
    )


SEGMENTS: dict[str, Segment] = {
    "prime": prime,
    "near_prime": near_prime,
    "subprime": subprime,
    "thin_file": thin_file,
    "high_dti": high_dti,
    "senior": senior,
    "young": young,
    "self_employed": self_employed,
    "policy_decline": policy_decline,
}


def baseline_population(seed: int = DEFAULT_SEED, per_segment: int = CASES_PER_SEGMENT) -> list[dict[str, Any]]:
    """The cases ``{caseId, segment, applicant}``, ``per_segment`` of each segment, reproducible from ``seed``."""
    cases = []
    for offset, (name, build) in enumerate(SEGMENTS.items()):
        rng = random.Random(seed * 100 + offset)
        for number in range(1, per_segment + 1):
            case_id = f"RB-{name}-{number:03d}"
            applicant = {"applicantId": f"SYN-RB{offset:02d}{number:04d}", **build(rng)}
            cases.append({"caseId": case_id, "segment": name, "applicant": applicant})
    return cases


def baseline_document(
    cases: list[Mapping[str, Any]], results: list[Mapping[str, Any]], seed: int, source: str
) -> dict[str, Any]:
    """The candidate document: header plus one record per case with the outcome the target gave."""
    if len(cases) != len(results):
        raise ValueError(f"expected {len(cases)} results, got {len(results)}")
    records = []
    for case, result in zip(cases, results, strict=True):
        if result.get("modelCode") != MODEL_CODE or result.get("modelVersion") != MODEL_VERSION:
            raise ValueError(
                f"{case['caseId']}: expected model {MODEL_CODE} {MODEL_VERSION}, "
                f"got {result.get('modelCode')} {result.get('modelVersion')}"
            )
        expected = {name: result[name] for name in EXPECTED_FIELDS}
        expected["reasonCodes"] = [
            item["code"] if isinstance(item, Mapping) else item for item in result["reasonCodes"]
        ]
        records.append({**case, **expected})
    return {
        "modelCode": MODEL_CODE,
        "modelVersion": MODEL_VERSION,
        "status": "candidate",
        "approvedBy": None,
        "approvedOn": None,
        "recordedAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "recordedFrom": source,
        "seed": seed,
        "segments": dict(Counter(case["segment"] for case in cases)),
        "decisions": dict(sorted(Counter(r["decision"] for r in records).items())),
        "records": records,
    }


def candidate_output(path: Path) -> Path:
    """``path`` if it names a candidate file; ValueError for anything that could be an approved baseline."""
    if CANDIDATE_MARK not in path.name:
        raise ValueError(f"{path}: the output must be a candidate file (name containing '{CANDIDATE_MARK}')")
    return path


class Target:
    """A scoring target reached over HTTP with an optional bearer token."""

    def __init__(self, base_url: str, token: str = "") -> None:
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers, method=method)  # noqa: S310
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return json.loads(response.read().decode("utf-8"))

    def check_clean(self) -> None:
        health = self.call("GET", "/health")
        if health.get("defects"):
            raise RuntimeError(f"{self.base_url}: expected no active defects, found {health['defects']}")
        champion = [m for m in health.get("models", []) if m.get("champion")]
        versions = [(m.get("modelCode"), m.get("modelVersion")) for m in champion]
        if versions != [(MODEL_CODE, MODEL_VERSION)]:
            raise RuntimeError(f"{self.base_url}: expected champion {MODEL_CODE} {MODEL_VERSION}, found {versions}")

    def score_batch(self, requests: list[Applicant]) -> list[dict[str, Any]]:
        status = self.call("POST", "/api/v1/batch-scoring", {"records": requests, "modelCode": MODEL_CODE})
        batch_id = status["batchId"]
        deadline = time.monotonic() + BATCH_TIMEOUT_SECONDS
        while status["status"] in {"PENDING", "RUNNING"}:
            if time.monotonic() > deadline:
                raise RuntimeError(f"batch {batch_id} still {status['status']} after {BATCH_TIMEOUT_SECONDS:g} s")
            time.sleep(0.1)
            status = self.call("GET", f"/api/v1/batch-scoring/{batch_id}")
        if status["status"] != "COMPLETED":
            raise RuntimeError(f"batch {batch_id} ended {status['status']}, expected COMPLETED")
        page = self.call("GET", f"/api/v1/batch-scoring/{batch_id}/results?page=1&pageSize=1000")
        return page["results"]


@contextmanager
def embedded_mock() -> Iterator[str]:
    """Start the clean mock on a free port with a temporary database; yield its base URL."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCORING_MOCK_")}
    with tempfile.TemporaryDirectory(prefix="scoregate-baseline-") as folder:
        command = [sys.executable, "-m", "mock", "--port", "0", "--db", str(Path(folder) / "scoring.db")]
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        )
        try:
            line = process.stdout.readline() if process.stdout else ""
            if not line.startswith(LISTENING_PREFIX):
                raise RuntimeError(f"mock did not start: expected '{LISTENING_PREFIX}<url>', got {line!r}")
            yield line[len(LISTENING_PREFIX) :].strip()
        finally:
            process.terminate()
            process.wait(timeout=10)


def dump_document(document: Mapping[str, Any]) -> str:
    """The document as JSON text with one line per record, so a review diff shows changed cases only."""
    header = {k: v for k, v in document.items() if k != "records"}
    lines = [json.dumps(record, separators=(", ", ": ")) for record in document["records"]]
    head = json.dumps(header, indent=1)[:-2]
    return head + ',\n "records": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"


def record(target: Target, output: Path, seed: int, per_segment: int, source: str) -> dict[str, Any]:
    """Score the population on ``target`` and write the candidate document to ``output``."""
    target.check_clean()
    cases = baseline_population(seed, per_segment)
    requests = [{"transactionId": f"REC-{seed}-{case['caseId']}", **case["applicant"]} for case in cases]
    results = target.score_batch(requests)
    document = baseline_document(cases, results, seed, source)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(dump_document(document), encoding="utf-8")
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Record a candidate regression baseline for review.")
    default_output = BASELINE_DIR / f"{MODEL_CODE}-{MODEL_VERSION}{CANDIDATE_MARK}.json"
    parser.add_argument("--output", type=Path, default=default_output, help=f"candidate file ({default_output})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"population seed ({DEFAULT_SEED})")
    parser.add_argument("--per-segment", type=int, default=CASES_PER_SEGMENT, help="cases per segment")
    parser.add_argument("--base-url", help="record from this running target instead of the embedded mock")
    args = parser.parse_args(argv)
    output = candidate_output(args.output)
    if args.base_url:
        target = Target(args.base_url, os.environ.get("SCORING_API_TOKEN", ""))
        document = record(target, output, args.seed, args.per_segment, target.base_url)
    else:
        with embedded_mock() as url:
            document = record(Target(url), output, args.seed, args.per_segment, EMBEDDED_SOURCE)
    print(f"Candidate baseline: {output} ({len(document['records'])} cases, decisions {document['decisions']})")
    print("Review it, set status, approvedBy and approvedOn, then rename it without '.candidate'.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
