"""The committed keyword documentation (docs/keywords/) matches the library and the resource files.

Fresh libdoc pages are built into a temporary folder and compared with the committed ones by
their libdoc model (keyword names, arguments, types, documentation, tags), ignoring the
generation timestamp and line numbers. Regenerate with ``make docs``.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from utest.project.script_modules import ROOT, load_script

builder = load_script("build_keyword_docs")
DOCS = ROOT / "docs" / "keywords"
IGNORED_KEYS = frozenset({"generated", "lineno"})
REGENERATE = "Regenerate the pages with `make docs` and commit docs/keywords/."


def libdoc_model(path: Path) -> dict:
    """The libdoc model embedded in a libdoc HTML page (the ``libdoc = {...}`` line)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("libdoc = "):
            return json.loads(line.removeprefix("libdoc = ").rstrip().rstrip(";"))
    raise AssertionError(f"{path}: expected a libdoc page with a 'libdoc = {{...}}' line, found none")


def normalized(value):
    """The model without generation timestamps and line numbers."""
    if isinstance(value, dict):
        return {key: normalized(item) for key, item in value.items() if key not in IGNORED_KEYS}
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def signature(keyword: dict) -> str:
    """A keyword's arguments as libdoc shows them."""
    return ", ".join(arg["repr"] for arg in keyword.get("args", []))


def keyword_differences(page: str, current: dict, committed: dict) -> list[str]:
    """What differs between two versions of one keyword."""
    name = current["name"]
    lines = []
    for key in sorted(current.keys() | committed.keys()):
        if current.get(key) == committed.get(key):
            continue
        if key == "args":
            lines.append(f"{page}: keyword {name!r} arguments ({signature(committed)}) are now ({signature(current)})")
        else:
            lines.append(f"{page}: keyword {name!r} {key} differs from the committed page")
    return lines


def differences(page: str, current: dict, committed: dict) -> list[str]:
    """Readable differences between a fresh libdoc model and the committed one."""
    current, committed = normalized(current), normalized(committed)
    lines = []
    for key in sorted((current.keys() | committed.keys()) - {"keywords"}):
        if current.get(key) != committed.get(key):
            lines.append(f"{page}: {key} differs from the committed page")
    fresh = {keyword["name"]: keyword for keyword in current.get("keywords", [])}
    old = {keyword["name"]: keyword for keyword in committed.get("keywords", [])}
    lines += [f"{page}: keyword {name!r} is not documented" for name in sorted(fresh.keys() - old.keys())]
    lines += [f"{page}: keyword {name!r} no longer exists" for name in sorted(old.keys() - fresh.keys())]
    for name in sorted(fresh.keys() & old.keys()):
        lines += keyword_differences(page, fresh[name], old[name])
    return lines


@pytest.fixture(scope="module")
def fresh_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("keyword-docs")
    builder.build(folder, "HTML")
    return folder


def test_every_source_has_a_committed_page(fresh_docs: Path) -> None:
    fresh = {path.name for path in fresh_docs.glob("*.html")}
    committed = {path.name for path in DOCS.glob("*.html")}
    assert fresh, f"expected libdoc pages built into {fresh_docs}, got none"
    assert not fresh - committed, f"pages missing from docs/keywords/: {sorted(fresh - committed)}. {REGENERATE}"
    assert not committed - fresh, f"pages without a source in docs/keywords/: {sorted(committed - fresh)}. {REGENERATE}"


def test_committed_pages_match_the_keywords(fresh_docs: Path) -> None:
    problems = []
    for page in sorted(fresh_docs.glob("*.html")):
        committed = DOCS / page.name
        if committed.is_file():
            problems += differences(page.name, libdoc_model(page), libdoc_model(committed))
    shown = "\n".join(problems[:40]) + (f"\n... and {len(problems) - 40} more" if len(problems) > 40 else "")
    assert not problems, f"docs/keywords/ is out of date:\n{shown}\n{REGENERATE}"


def test_index_lists_every_page(fresh_docs: Path) -> None:
    index = DOCS / builder.INDEX_NAME
    assert index.is_file(), f"expected the index {index}. {REGENERATE}"
    assert index.read_text(encoding="utf-8") == (fresh_docs / builder.INDEX_NAME).read_text(encoding="utf-8"), (
        f"{index} differs from a fresh build. {REGENERATE}"
    )
    for page in sorted(fresh_docs.glob("*.html")):
        assert f"]({page.name})" in index.read_text(encoding="utf-8"), f"{index} does not link {page.name}"


def test_pages_hold_repository_relative_sources(fresh_docs: Path) -> None:
    model = libdoc_model(fresh_docs / "ScoringLibrary.html")
    sources = {model["source"], *(keyword["source"] for keyword in model["keywords"])}
    absolute = sorted(source for source in sources if source and Path(source).is_absolute())
    assert not absolute, f"expected sources relative to the repository, got {absolute[:5]}"
    assert model["source"] == "libraries/ScoringLibrary/__init__.py", model["source"]


def test_a_changed_keyword_is_reported() -> None:
    page = DOCS / "rest.html"
    committed = libdoc_model(page)
    changed = copy.deepcopy(committed)
    changed["keywords"][0]["doc"] += "<p>One more sentence.</p>"
    changed["keywords"][1]["args"] = changed["keywords"][1]["args"][:-1]
    changed["keywords"].append({**changed["keywords"][0], "name": "Brand New Keyword"})
    changed["generated"] = "2000-01-01T00:00:00+00:00"
    found = differences("rest.html", changed, committed)
    first, second = committed["keywords"][0]["name"], committed["keywords"][1]["name"]
    assert f"rest.html: keyword {first!r} doc differs from the committed page" in found, found
    assert any(line.startswith(f"rest.html: keyword {second!r} arguments") for line in found), found
    assert "rest.html: keyword 'Brand New Keyword' is not documented" in found, found
    assert len(found) == 3, f"expected only the three changes (the timestamp ignored), got {found}"


def test_libdoc_problems_stop_the_build(tmp_path: Path) -> None:
    broken = tmp_path / "broken.resource"
    broken.write_text("*** Settings ***\nNot A Setting    value\n\n*** Keywords ***\nSome Keyword\n    No Operation\n")
    with pytest.raises(RuntimeError, match=r"libdoc reported problems in .*broken\.resource.*Not A Setting"):
        builder.build_doc(builder.DocSource(broken, "broken", "resource"), tmp_path)
