"""Running Robot Framework on small suites built on the ScoreGate resources, and reading its result files."""

from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
ROBOT_TIMEOUT_SECONDS = 120
RESULT_FILES = ("output.xml", "log.html", "report.html", "xunit.xml")
_STRINGS_LINE = re.compile(r'window\.output\["strings"\] = window\.output\["strings"\]\.concat\((\[.*\])\);')


@dataclass
class RobotRun:
    """The outcome of one ``robot`` run: exit code, console text and the result directory."""

    rc: int
    console: str
    outdir: Path

    def result_texts(self) -> dict[str, str]:
        """Each result file's text; log.html and report.html with their compressed string tables decoded."""
        texts = {}
        for name in RESULT_FILES:
            text = (self.outdir / name).read_text(encoding="utf-8")
            if name.endswith(".html"):
                text += "\n" + "\n".join(decoded_robot_strings(text))
            texts[name] = text
        return texts


def decoded_robot_strings(html: str) -> list[str]:
    """The strings of a Robot log/report (``*raw`` or zlib+base64), as the browser would show them."""
    strings: list[str] = []
    for match in _STRINGS_LINE.finditer(html):
        for item in json.loads(match.group(1).replace("\\x3c", "\\u003c")):
            if item.startswith("*") or not item:
                strings.append(item[1:])
            else:
                strings.append(zlib.decompress(base64.b64decode(item)).decode("utf-8"))
    return strings


def run_robot(suite: Path, outdir: Path, *options: str, env: dict[str, str] | None = None) -> RobotRun:
    """Run ``python -m robot`` on ``suite`` with the result files (incl. xunit) in ``outdir``."""
    command = [sys.executable, "-m", "robot", "--outputdir", str(outdir), "--xunit", "xunit.xml", *options, str(suite)]
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=ROBOT_TIMEOUT_SECONDS,
        check=False,
    )
    return RobotRun(completed.returncode, completed.stdout + completed.stderr, outdir)


def write_suite(directory: Path, name: str, body: str) -> Path:
    """Write a suite that imports scoregate.resource by absolute path and opens the target."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{name}.robot"
    settings = (
        "*** Settings ***\n"
        f"Resource    {RESOURCES / 'scoregate.resource'}\n"
        "Suite Setup    Open Scoring Target\n"
        "Suite Teardown    Close Scoring Target\n\n"
    )
    path.write_text(settings + body, encoding="utf-8")
    return path


@dataclass
class ExternalMock:
    """A mock started outside Robot, standing in for an external service with a known token."""

    url: str
    token: str
