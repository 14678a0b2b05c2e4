"""Write results/summary.json from a Robot Framework output.xml.

The summary is read from the result model (robot.api.ExecutionResult), never by regex:
totals, counts per tag, duration per suite, every test with its status and message, every
failure with its message, and the target and model metadata that the top-level suite records.

Usage: python scripts/summarize_results.py OUTPUT_XML [SUMMARY_JSON]
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from robot.api import ExecutionResult, ResultVisitor

OUTCOMES = {"PASS": "passed", "FAIL": "failed", "SKIP": "skipped"}


class _Collector(ResultVisitor):
    def __init__(self) -> None:
        self.tags: dict[str, dict[str, int]] = defaultdict(lambda: {"passed": 0, "failed": 0, "skipped": 0})
        self.suites: list[dict] = []
        self.tests: list[dict] = []
        self.failures: list[dict] = []

    def visit_suite(self, suite) -> None:
        if suite.tests:
            stats = suite.statistics
            self.suites.append(
                {
                    "name": suite.full_name,
                    "source": str(suite.source) if suite.source else None,
                    "status": suite.status,
                    "elapsedSeconds": round(suite.elapsed_time.total_seconds(), 3),
                    "passed": stats.passed,
                    "failed": stats.failed,
                    "skipped": stats.skipped,
                }
            )
        suite.tests.visit(self)
        suite.suites.visit(self)

    def visit_test(self, test) -> None:
        outcome = OUTCOMES.get(test.status, "failed")
        for tag in test.tags:
            self.tags[tag][outcome] += 1
        self.tests.append(
            {
                "test": test.full_name,
                "status": test.status,
                "message": test.message,
                "elapsedSeconds": round(test.elapsed_time.total_seconds(), 3),
            }
        )
        if test.status == "FAIL":
            self.failures.append({"test": test.full_name, "tags": list(test.tags), "message": test.message})


def summarize(output_xml: Path) -> dict:
    """Build the summary dictionary of one output.xml."""
    result = ExecutionResult(str(output_xml))
    collector = _Collector()
    result.suite.visit(collector)
    stats = result.suite.statistics
    metadata = dict(result.suite.metadata)
    return {
        "outputXml": str(output_xml),
        "suite": result.suite.name,
        "status": result.suite.status,
        "startTime": result.suite.start_time.isoformat() if result.suite.start_time else None,
        "elapsedSeconds": round(result.suite.elapsed_time.total_seconds(), 3),
        "totals": {"tests": stats.total, "passed": stats.passed, "failed": stats.failed, "skipped": stats.skipped},
        "target": metadata.get("Target"),
        "modelCode": metadata.get("Model Code"),
        "modelVersion": metadata.get("Model Version"),
        "metadata": metadata,
        "tags": dict(sorted(collector.tags.items())),
        "suites": collector.suites,
        "tests": collector.tests,
        "failures": collector.failures,
    }


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    output_xml = Path(argv[0])
    target = Path(argv[1]) if len(argv) > 1 else output_xml.with_name("summary.json")
    summary = summarize(output_xml)
    target.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    totals = summary["totals"]
    print(f"{target}: {totals['tests']} tests, {totals['passed']} passed, {totals['failed']} failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
