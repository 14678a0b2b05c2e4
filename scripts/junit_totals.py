"""Print the totals of one or more JUnit/xUnit XML files as `N passed, N failed`.

A file that is missing counts as one failure, so a stage that never ran cannot pass.
"""

from __future__ import annotations

import sys
from pathlib import Path

from defusedxml import ElementTree


def count(path: Path) -> tuple[int, int, int]:
    """Return (passed, failed, skipped) of one JUnit/xUnit file."""
    root = ElementTree.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


def main(paths: list[str]) -> int:
    passed = failed = skipped = 0
    for name in paths:
        path = Path(name)
        if not path.is_file():
            print(f"{name}: missing (the stage did not produce results)", file=sys.stderr)
            failed += 1
            continue
        p, f, s = count(path)
        print(f"{name}: {p} passed, {f} failed, {s} skipped", file=sys.stderr)
        passed, failed, skipped = passed + p, failed + f, skipped + s
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
