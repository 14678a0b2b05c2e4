"""The committed keyword documentation (docs/keywords/) matches the library and the resource files.

Fresh Markdown pages are built into a temporary folder and compared with the committed ones, section by
section, so a failure names the keywords that changed. Regenerate with ``make docs``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from utest.project.script_modules import ROOT, load_script

builder = load_script("build_keyword_docs")
DOCS = ROOT / "docs" / "keywords"
REGENERATE = "Regenerate the pages with `make docs` and commit docs/keywords/."
KEYWORD_HEADING = "\n### "
LINK = re.compile(r'href="#([^"]*)"|\]\(#([^)]*)\)')
HEADING = re.compile(r"^#{1,4} (.+)$", re.MULTILINE)
HEAD = "(introduction and keyword list)"


def pages(folder: Path) -> dict[str, Path]:
    """The keyword pages of a folder by file name (the index left out)."""
    return {path.name: path for path in sorted(folder.glob("*.md")) if path.name != builder.INDEX_NAME}


def sections(text: str) -> dict[str, str]:
    """A page split into its head (everything before the first keyword) and one entry per keyword."""
    head, _, keywords = text.partition("\n## Keywords\n")
    found = {HEAD: head + keywords.split(KEYWORD_HEADING, 1)[0]}
    for block in keywords.split(KEYWORD_HEADING)[1:]:
        name, _, body = block.partition("\n")
        found[name.strip()] = body
    return found


def differences(page: str, current: str, committed: str) -> list[str]:
    """Readable differences between a fresh page and the committed one."""
    fresh, old = sections(current), sections(committed)
    lines = [f"{page}: keyword {name!r} is not documented" for name in fresh if name not in old]
    lines += [f"{page}: keyword {name!r} no longer exists" for name in old if name not in fresh]
    for name in fresh:
        if name in old and fresh[name] != old[name]:
            what = name.strip("()") if name == HEAD else f"keyword {name!r}"
            lines.append(f"{page}: {what} differs from the committed page")
    return lines


@pytest.fixture(scope="module")
def fresh_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keyword-docs")
    builder.build(folder)
    return folder


def test_every_source_has_a_committed_page(fresh_docs: Path) -> None:
    fresh, committed = set(pages(fresh_docs)), set(pages(DOCS))
    assert fresh, f"expected keyword pages built into {fresh_docs}, got none"
    assert not fresh - committed, f"pages missing from docs/keywords/: {sorted(fresh - committed)}. {REGENERATE}"
    assert not committed - fresh, f"pages without a source in docs/keywords/: {sorted(committed - fresh)}. {REGENERATE}"
    assert not list(DOCS.glob("*.html")), "docs/keywords/ holds HTML pages; `make docs-html` writes them to results/"


def test_committed_pages_match_the_keywords(fresh_docs: Path) -> None:
    problems = []
    for name, page in pages(fresh_docs).items():
        committed = DOCS / name
        if committed.is_file():
            problems += differences(name, page.read_text(encoding="utf-8"), committed.read_text(encoding="utf-8"))
    shown = "\n".join(problems[:40]) + (f"\n... and {len(problems) - 40} more" if len(problems) > 40 else "")
    assert not problems, f"docs/keywords/ is out of date:\n{shown}\n{REGENERATE}"


def test_index_lists_every_page(fresh_docs: Path) -> None:
    index = DOCS / builder.INDEX_NAME
    assert index.is_file(), f"expected the index {index}. {REGENERATE}"
    text = index.read_text(encoding="utf-8")
    assert text == (fresh_docs / builder.INDEX_NAME).read_text(encoding="utf-8"), (
        f"{index} differs from a fresh build. {REGENERATE}"
    )
    for name in pages(fresh_docs):
        assert f"]({name})" in text, f"{index} does not link {name}"


def test_every_keyword_of_the_library_has_a_section(fresh_docs: Path) -> None:
    text = (fresh_docs / "ScoringLibrary.md").read_text(encoding="utf-8")
    documented = [name for name in sections(text) if name != HEAD]
    counted = int(re.search(r" · (\d+) keywords · ", text).group(1))
    listed = re.findall(r"^- \[(.+?)\]\(#", text, re.MULTILINE)
    found = f"{counted} keywords counted, {len(listed)} listed, {len(documented)} sections"
    assert len(documented) == counted == len(listed), found
    assert documented == listed
    assert "Compare Results With Baseline" in documented
    assert "Arguments: `max_examples: int = 10`" in text


def test_in_page_links_point_at_one_heading_of_the_page(fresh_docs: Path) -> None:
    broken = []
    for name, page in pages(fresh_docs).items():
        text = page.read_text(encoding="utf-8")
        anchors = [builder.anchor(title) for title in HEADING.findall(text)]
        for html_target, markdown_target in LINK.findall(text):
            target = html_target or markdown_target
            if anchors.count(target) != 1:
                broken.append(f"{name}: #{target} matches {anchors.count(target)} headings")
    assert not broken, "\n".join(broken[:20])


def test_pages_hold_repository_relative_sources(fresh_docs: Path) -> None:
    text = (fresh_docs / "ScoringLibrary.md").read_text(encoding="utf-8")
    assert str(ROOT) not in text, "expected sources relative to the repository, found the checkout path"
    assert "source [libraries/ScoringLibrary/__init__.py](../../libraries/ScoringLibrary/__init__.py)" in text
    for source in re.findall(r"Source: \[([^\]]+)\]", text):
        assert (ROOT / source).is_file(), f"the page names a source that does not exist: {source}"


def test_runs_of_spaces_in_examples_survive_rendering(fresh_docs: Path) -> None:
    text = (fresh_docs / "batch.md").read_text(encoding="utf-8")
    assert "<code>${status}= &nbsp;&nbsp;&nbsp;Batch Should Have Finished &nbsp;&nbsp;&nbsp;${batch_id}</code>" in text


def test_a_changed_keyword_is_reported() -> None:
    committed = (DOCS / "rest.md").read_text(encoding="utf-8")
    names = [name for name in sections(committed) if name != HEAD]
    first, second = names[0], names[1]
    changed = committed.replace(f"### {first}\n", f"### {first}\n\nOne more sentence.\n", 1)
    changed = changed.replace(f"\n### {second}\n", "\n### Brand New Keyword\n", 1)
    found = differences("rest.md", changed, committed)
    assert f"rest.md: keyword {first!r} differs from the committed page" in found, found
    assert "rest.md: keyword 'Brand New Keyword' is not documented" in found, found
    assert f"rest.md: keyword {second!r} no longer exists" in found, found
    assert len(found) == 3, f"expected only the three changes, got {found}"


def test_anchors_follow_github_headings() -> None:
    assert builder.anchor("Drift and champion/challenger") == "drift-and-championchallenger"
    assert builder.anchor("Scores Should Be Non-Decreasing") == "scores-should-be-non-decreasing"
    assert builder.anchor("PSI Should Be Below") == "psi-should-be-below"


def test_html_and_json_formats_still_build(tmp_path: Path) -> None:
    written = builder.build(tmp_path / "html", "HTML")
    page = tmp_path / "html" / "admin.html"
    assert page in written and "libdoc = {" in page.read_text(encoding="utf-8")
    builder.build(tmp_path / "json", "JSON")
    spec = json.loads((tmp_path / "json" / "admin.json").read_text(encoding="utf-8"))
    assert spec["name"] == "admin" and spec["keywords"], spec.get("name")


def test_libdoc_problems_stop_the_build(tmp_path: Path) -> None:
    broken = tmp_path / "broken.resource"
    broken.write_text("*** Settings ***\nNot A Setting    value\n\n*** Keywords ***\nSome Keyword\n    No Operation\n")
    with pytest.raises(RuntimeError, match=r"libdoc reported problems in .*broken\.resource.*Not A Setting"):
        builder.build_doc(builder.DocSource(broken, "broken", "resource"), tmp_path)
