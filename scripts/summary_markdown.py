"""Print a Markdown digest of a summary.json written by scripts/summarize_results.py.

CI appends it to the job summary page (GitHub's $GITHUB_STEP_SUMMARY) when no gate report
(results/gate.md) was written: the totals, the target and model, the suites and the failures.

Usage: python scripts/summary_markdown.py SUMMARY_JSON [--max-failures N]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

MESSAGE_LIMIT = 300


def cell(text: object, limit: int = MESSAGE_LIMIT) -> str:
    """One Markdown table cell: pipes escaped, line breaks as spaces, cut at ``limit`` characters."""
    flat = " ".join(str(text if text is not None else "").split())
    if len(flat) > limit:
        flat = flat[: limit - 3] + "..."
    return flat.replace("|", "\\|")


def headline(summary: dict) -> str:
    """The one-line verdict: status, counts and duration."""
    totals = summary["totals"]
    return (
        f"**{summary['status']}**: {totals['tests']} tests, {totals['passed']} passed, "
        f"{totals['failed']} failed, {totals['skipped']} skipped ({summary['elapsedSeconds']:.1f} s)"
    )


def target_line(summary: dict) -> str | None:
    """Target and model metadata of the run, when the top-level suite recorded them."""
    parts = [
        f"{label}: `{value}`"
        for label, value in (
            ("Target", summary.get("target")),
            ("Model", summary.get("modelCode")),
            ("Version", summary.get("modelVersion")),
        )
        if value
    ]
    return ", ".join(parts) if parts else None


def suites_table(suites: list[dict]) -> list[str]:
    """A table of the suites that hold tests."""
    lines = ["| suite | status | passed | failed | skipped | seconds |", "|---|---|---:|---:|---:|---:|"]
    for suite in suites:
        lines.append(
            f"| {cell(suite['name'])} | {suite['status']} | {suite['passed']} | {suite['failed']} "
            f"| {suite['skipped']} | {suite['elapsedSeconds']:.1f} |"
        )
    return lines


def failures_table(failures: list[dict], max_failures: int) -> list[str]:
    """A table of the failed tests with their messages, at most ``max_failures`` rows."""
    if not failures:
        return ["No failed tests."]
    lines = ["| test | message |", "|---|---|"]
    lines += [f"| {cell(item['test'], 200)} | {cell(item['message'])} |" for item in failures[:max_failures]]
    if len(failures) > max_failures:
        lines.append(f"\n{len(failures) - max_failures} more failures: see log.html in the results artifact.")
    return lines


def render(summary: dict, max_failures: int = 50) -> str:
    """The Markdown digest of one summary."""
    lines = [f"## Robot Framework results: {cell(summary['suite'], 120)}", "", headline(summary)]
    target = target_line(summary)
    if target:
        lines += ["", target]
    lines += ["", "### Suites", "", *suites_table(summary.get("suites", []))]
    lines += ["", "### Failures", "", *failures_table(summary.get("failures", []), max_failures)]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("summary_json", type=Path)
    parser.add_argument("--max-failures", type=int, default=50)
    args = parser.parse_args(argv)
    if not args.summary_json.is_file():
        print(f"summary not found: expected a file at {args.summary_json}", file=sys.stderr)
        return 1
    summary = json.loads(args.summary_json.read_text(encoding="utf-8"))
    sys.stdout.write(render(summary, args.max_failures))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
