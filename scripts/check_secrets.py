"""Check the repository for secrets against the audited detect-secrets baseline (.secrets.baseline).

Scans every file git knows or would add (tracked, plus untracked files that .gitignore does not
exclude) with the plugins and filters recorded in the baseline, and fails when:

- a finding is not in the baseline (a new secret, or a new test token to audit);
- a baseline entry has not been audited (``is_secret`` unset);
- a baseline entry was audited as a real secret (``is_secret: true``).

Baseline entries that are no longer found are reported but do not fail. The baseline is
never rewritten: update it with ``detect-secrets scan --baseline .secrets.baseline`` and
audit it with ``detect-secrets audit .secrets.baseline`` (see docs/publishing.md).

Usage: python scripts/check_secrets.py [--baseline .secrets.baseline]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from detect_secrets.core import baseline as ds_baseline
from detect_secrets.core.secrets_collection import SecretsCollection

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Finding:
    """One potential secret: where it is and which detector found it."""

    filename: str
    line: int | None
    kind: str

    def __str__(self) -> str:
        return f"{self.filename}:{self.line if self.line is not None else '?'} {self.kind}"


@dataclass
class Report:
    """The result of comparing a scan with the baseline."""

    new: list[Finding]
    unaudited: list[Finding]
    real: list[Finding]
    stale: list[Finding]

    @property
    def passed(self) -> bool:
        return not (self.new or self.unaudited or self.real)


def repository_files(root: Path) -> list[str]:
    """Files git tracks or would add, relative to ``root``, that exist on disk."""
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    names = sorted({name for name in listed.split("\0") if name})
    return [name for name in names if (root / name).is_file()]


def findings(collection: Iterable) -> list[Finding]:
    """The (filename, secret) pairs of a SecretsCollection as sorted findings."""
    items = [Finding(filename, secret.line_number, secret.type) for filename, secret in collection]
    return sorted(items, key=lambda item: (item.filename, item.line or 0, item.kind))


def compare(scanned: SecretsCollection, baseline: SecretsCollection) -> Report:
    """Compare a scan with the baseline: new findings, audit state of the baseline, entries no longer found."""
    audited = list(baseline)
    return Report(
        new=findings(scanned - baseline),
        unaudited=findings((name, secret) for name, secret in audited if secret.is_secret is None),
        real=findings((name, secret) for name, secret in audited if secret.is_secret),
        stale=findings(baseline - scanned),
    )


def check(root: Path, baseline_path: Path) -> Report:
    """Scan the repository at ``root`` with the settings of ``baseline_path`` and compare."""
    baseline_path = baseline_path.resolve()
    baseline = ds_baseline.load(ds_baseline.load_from_file(str(baseline_path)), str(baseline_path))
    files = [name for name in repository_files(root) if (root / name).resolve() != baseline_path]
    scanned = SecretsCollection()
    with contextlib.chdir(root):
        scanned.scan_files(*files, num_processors=min(4, os.cpu_count() or 1))
    return compare(scanned, baseline)


def render(report: Report, baseline_name: str) -> list[str]:
    """Console lines describing the report."""
    lines = []
    sections = (
        (report.new, f"not in {baseline_name} (a secret to remove, or a test value to add and audit)"),
        (report.unaudited, f"in {baseline_name} but not audited (run detect-secrets audit {baseline_name})"),
        (report.real, f"audited as real secrets in {baseline_name}: remove them from the repository"),
        (report.stale, f"in {baseline_name} but no longer found (update the baseline when convenient)"),
    )
    for items, title in sections:
        if items:
            lines.append(f"{len(items)} finding(s) {title}:")
            lines.extend(f"  {item}" for item in items)
    verdict = "passed" if report.passed else "failed"
    lines.append(
        f"detect-secrets {verdict}: {len(report.new)} new, {len(report.unaudited)} unaudited, {len(report.real)} real"
    )
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--baseline", type=Path, default=ROOT / ".secrets.baseline")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository to scan (default: this one)")
    args = parser.parse_args(argv)
    baseline_path = args.baseline if args.baseline.is_absolute() else Path.cwd() / args.baseline
    if not baseline_path.is_file():
        print(f"detect-secrets failed: expected a baseline at {baseline_path}, found none", file=sys.stderr)
        return 1
    report = check(args.root.resolve(), baseline_path)
    print("\n".join(render(report, baseline_path.name)))
    return 0 if report.passed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
