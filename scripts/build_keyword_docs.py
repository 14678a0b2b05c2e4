"""Build the keyword documentation of ScoringLibrary and of every resources/*.resource.

By default writes docs/keywords/<name>.md for the library and each resource file (Markdown that GitHub
renders, with the keyword documentation as libdoc formats it), and the index docs/keywords/README.md.
``--format HTML`` writes libdoc's own searchable HTML pages instead (``make docs-html`` puts them in
results/keywords/), ``--format JSON`` libdoc JSON specs. Source paths are relative to the repository, so
the files do not depend on where the repository lies. Any warning or error libdoc reports (a parse error
in a resource, a library that fails to import) stops the build.

Usage: python scripts/build_keyword_docs.py [--output-dir docs/keywords] [--format MARKDOWN|HTML|JSON]
``make docs`` runs it; utest/project/test_keyword_docs.py fails when the committed files are out of date.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from robot.libdoc import LibraryDocumentation
from robot.output import LOGGER

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "libraries" / "ScoringLibrary"
RESOURCES = ROOT / "resources"
OUTPUT_DIR = ROOT / "docs" / "keywords"
INDEX_NAME = "README.md"
FORMATS = {"MARKDOWN": "md", "HTML": "html", "JSON": "json"}
_HREF = re.compile(r'href="#([^"]*)"')
_HEADING = re.compile(r"<h([2-4])(?: [^>]*)?>(.*?)</h\1>")
_CODE = re.compile(r"<code>(.*?)</code>", re.DOTALL)
_SPACE_RUN = re.compile(r"  +")


@dataclass(frozen=True)
class DocSource:
    """One documented source: the library folder or a resource file, and the name of its document."""

    path: Path
    name: str
    kind: str


class LibdocProblems:
    """Collects the warnings and errors that Robot Framework reports while libdoc reads a source."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def message(self, msg) -> None:
        if msg.level in ("WARN", "ERROR"):
            self.messages.append(f"[{msg.level}] {msg.message}")

    def log_message(self, msg) -> None:
        self.message(msg)


def doc_sources(library: Path = LIBRARY, resources: Path = RESOURCES) -> list[DocSource]:
    """The library first, then the resource files in name order."""
    sources = [DocSource(library, library.name, "library")]
    sources += [DocSource(path, path.stem, "resource") for path in sorted(resources.glob("*.resource"))]
    return sources


def relative_source(source: str | None, root: Path) -> str | None:
    """A source path made relative to ``root`` with forward slashes (kept as is when outside ``root``)."""
    if not source:
        return source
    try:
        return Path(source).resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return source


def build_doc(source: DocSource, root: Path = ROOT):
    """Read one source with libdoc; raise RuntimeError naming the source on any warning or error."""
    problems = LibdocProblems()
    LOGGER.register_logger(problems)
    try:
        doc = LibraryDocumentation(str(source.path))
    finally:
        LOGGER.unregister_logger(problems)
    if problems.messages:
        raise RuntimeError(f"libdoc reported problems in {source.path}: " + "; ".join(problems.messages))
    doc.source = relative_source(doc.source, root)
    for item in [*doc.inits, *doc.keywords]:
        item.source = relative_source(item.source, root)
    return doc


def first_paragraph(doc: str) -> str:
    """The first paragraph of a documentation string on one line, for the index."""
    lines: list[str] = []
    for line in doc.strip().splitlines():
        if not line.strip():
            break
        lines.append(line.strip())
    return " ".join(lines)


def anchor(title: str) -> str:
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", title.strip().lower()).replace(" ", "-")


def _keep_spaces(match: re.Match) -> str:
    return "<code>" + _SPACE_RUN.sub(lambda run: " " + "&nbsp;" * (len(run.group()) - 1), match.group(1)) + "</code>"


def markdown_html(html: str) -> str:
    """Libdoc's HTML of one documentation string, fit for a Markdown page rendered by GitHub.

    Links to keywords and sections point at the page's Markdown headings, the documentation's own
    section titles become Markdown headings, and runs of spaces in code (the separators of a Robot
    example) survive rendering.
    """
    html = _HREF.sub(lambda match: f'href="#{anchor(unquote(match.group(1)))}"', html)
    html = _CODE.sub(_keep_spaces, html)
    html = _HEADING.sub(lambda match: "\n\n" + "#" * (int(match.group(1)) + 1) + " " + match.group(2) + "\n\n", html)
    return html.strip()


def _argument_list(arguments) -> str:
    return ", ".join(f"`{argument}`" for argument in arguments) or "none"


def markdown_page(doc, kind: str) -> str:
    """One Markdown page: the introduction, the import arguments of a library and every keyword."""
    doc.convert_docs_to_html()
    keywords = [keyword for keyword in doc.keywords if not keyword.private]
    described = f"Library `{doc.name}` {doc.version}, scope {doc.scope}" if kind == "library" else "Resource file"
    lines = [
        f"# {doc.name}",
        "",
        f"{described} · source [{doc.source}](../../{doc.source}) · {len(keywords)} keywords · "
        "[all keyword documentation](README.md)",
        "",
        "## Introduction",
        "",
        markdown_html(doc.doc),
        "",
    ]
    if kind == "library":
        lines += ["## Import arguments", ""]
        for init in doc.inits:
            lines += [f"Arguments: {_argument_list(init.args)}", ""]
    lines += ["## Keywords", ""]
    lines += [f"- [{keyword.name}](#{anchor(keyword.name)})" for keyword in keywords]
    lines.append("")
    for keyword in keywords:
        lines += ["", f"### {keyword.name}", "", f"Arguments: {_argument_list(keyword.args)}  "]
        if keyword.tags:
            lines.append(f"Tags: {', '.join(f'`{tag}`' for tag in keyword.tags)}  ")
        if keyword.deprecated:
            lines.append("Deprecated  ")
        lines += [f"Source: [{keyword.source}](../../{keyword.source})", "", markdown_html(keyword.doc) or "", ""]
    return "\n".join(lines).rstrip() + "\n"


def index_markdown(entries: list[tuple[DocSource, str, int]], extension: str = "md") -> str:
    """The index page: one row per document with its kind, keyword count and summary line."""
    lines = [
        "# Keyword documentation",
        "",
        "The keywords of ScoringLibrary and of every resource file. Import `resources/scoregate.resource`",
        "in a suite to get all of them; see [writing tests](../writing-tests.md).",
        "",
        "Rebuild with `make docs` after changing a keyword; `utest/project/test_keyword_docs.py` fails",
        "while these pages are out of date. `make docs-html` builds libdoc's searchable HTML pages of the",
        "same keywords into `results/keywords/`.",
        "",
        "| documentation | kind | keywords | summary |",
        "|---|---|---:|---|",
    ]
    for source, summary, count in entries:
        cell = summary.replace("|", "\\|")
        lines.append(f"| [{source.name}]({source.name}.{extension}) | {source.kind} | {count} | {cell} |")
    return "\n".join(lines) + "\n"


def build(output_dir: Path = OUTPUT_DIR, doc_format: str = "MARKDOWN", root: Path = ROOT) -> list[Path]:
    """Write every document and the index into ``output_dir``; return the written paths."""
    output_dir.mkdir(parents=True, exist_ok=True)
    extension = FORMATS[doc_format]
    written, entries = [], []
    for source in doc_sources(root / "libraries" / "ScoringLibrary", root / "resources"):
        doc = build_doc(source, root)
        summary = first_paragraph(doc.doc)
        target = output_dir / f"{source.name}.{extension}"
        if doc_format == "MARKDOWN":
            target.write_text(markdown_page(doc, source.kind), encoding="utf-8")
        else:
            doc.save(str(target), doc_format)
        written.append(target)
        entries.append((source, summary, sum(not keyword.private for keyword in doc.keywords)))
    index = output_dir / INDEX_NAME
    index.write_text(index_markdown(entries, extension), encoding="utf-8")
    written.append(index)
    expected = {path.name for path in written}
    for stale in sorted(output_dir.glob(f"*.{extension}")):
        if stale.name not in expected:
            stale.unlink()
    return written


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=OUTPUT_DIR)
    parser.add_argument("--format", choices=tuple(FORMATS), default="MARKDOWN", type=str.upper)
    args = parser.parse_args(argv)
    try:
        written = build(args.output_dir, args.format)
    except RuntimeError as error:
        print(error, file=sys.stderr)
        return 1
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
