"""The Jenkinsfile: a well-formed declarative pipeline that publishes what docs/publishing.md describes."""

from __future__ import annotations

import re

import pytest

from utest.project.script_modules import ROOT

JENKINSFILE = ROOT / "Jenkinsfile"
PAIRS = {"}": "{", ")": "(", "]": "["}


def code_only(text: str) -> str:
    """The Groovy text with comments removed and string literals emptied (quotes kept)."""
    out, i = [], 0
    while i < len(text):
        if text.startswith("//", i):
            i = text.find("\n", i) if "\n" in text[i:] else len(text)
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            assert end != -1, "unterminated /* comment"
            i = end + 2
        elif text.startswith(("'''", '"""'), i):
            quote = text[i : i + 3]
            end = text.find(quote, i + 3)
            assert end != -1, f"unterminated {quote} string"
            out.append(quote * 2)
            i = end + 3
        elif text[i] in "'\"":
            quote, j = text[i], i + 1
            while j < len(text) and text[j] != quote:
                assert text[j] != "\n", f"unterminated {quote} string at offset {i}"
                j += 2 if text[j] == "\\" else 1
            out.append(quote * 2)
            i = j + 1
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def unbalanced(code: str) -> str | None:
    """The first bracket that does not pair up, or None."""
    stack: list[tuple[str, int]] = []
    for line_number, line in enumerate(code.splitlines(), start=1):
        for char in line:
            if char in "{([":
                stack.append((char, line_number))
            elif char in PAIRS:
                if not stack or stack[-1][0] != PAIRS[char]:
                    return f"unexpected {char!r} on line {line_number}"
                stack.pop()
    return f"unclosed {stack[-1][0]!r} from line {stack[-1][1]}" if stack else None


@pytest.fixture(scope="module")
def text() -> str:
    return JENKINSFILE.read_text(encoding="utf-8")


def test_brackets_and_strings_are_balanced(text: str) -> None:
    assert unbalanced(code_only(text)) is None, unbalanced(code_only(text))


def test_bracket_check_catches_a_missing_brace() -> None:
    assert unbalanced(code_only("pipeline {\n  stages {\n    stage('x') { steps { sh 'make' } }\n}\n")) == (
        "unclosed '{' from line 1"
    )


def test_declarative_pipeline_has_the_stages(text: str) -> None:
    assert text.lstrip("/ \n").find("pipeline {") != -1
    stages = re.findall(r"stage\('([^']+)'\)", text)
    assert stages == ["Setup", "Lint", "Unit tests", "Suites (pabot)"], stages
    assert "sh 'make setup'" in text and "sh 'make lint'" in text


def test_pabot_writes_results_and_xunit(text: str) -> None:
    pabot = next(line for line in text.splitlines() if "pabot --processes" in line)
    for option in ("--pabotlibport 0", "--outputdir results", "--xunit xunit.xml", "suites/"):
        assert option in pabot, f"expected {option!r} in {pabot.strip()}"


def test_results_are_published_always(text: str) -> None:
    post = text[text.index("post {") :]
    assert "always {" in post
    assert re.search(r"robot\(\s*outputPath: 'results'", post), "expected the robot step on results/"
    assert "passThreshold: 100.0" in post and re.search(r"unstableThreshold: \d+(\.\d+)?", post)
    assert "junit(" in post and "results/xunit.xml" in post
    assert "archiveArtifacts(artifacts: 'results/**'" in post
    assert "scripts/summarize_results.py results/output.xml results/summary.json" in post
