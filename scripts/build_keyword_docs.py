"""Build the keyword documentation: libdoc HTML of ScoringLibrary and of every resources/*.resource.

Writes docs/keywords/<name>.html for the library and each resource file, and the index
docs/keywords/README.md. Source paths inside the documents are relative to the repository, so
the files do not depend on where the repository lies. Any warning or error libdoc reports
(a parse error in a resource, a library that fails to import) stops the build.

Usage: python scripts/build_keyword_docs.py [--output-dir docs/keywords] [--format HTML|JSON]
``make docs`` runs it; utest/project/test_keyword_docs.py fails when the committed files are out of date.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from robot.libdoc import LibraryDocumentation
from robot.output import LOGGER

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = ROOT / "libraries" / "ScoringLibrary"
RESOURCES = ROOT / "resources"
OUTPUT_DIR = ROOT / "docs" / "keywords"
INDEX_NAME = "README.md"


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


def index_markdown(entries: list[tuple[DocSource, str, int]], extension: str = "html") -> str:
    """The index page: one row per document with its kind, keyword count and summary line."""
    lines = [
        "# Keyword documentation",
        "",
        "Libdoc pages of ScoringLibrary and of every resource file. Import `resources/scoregate.resource`",
        "in a suite to get all of them; see [writing tests](../writing-tests.md).",
        "",
        "Rebuild with `make docs` after changing a keyword; `utest/project/test_keyword_docs.py` fails",
        "while these pages are out of date.",
        "",
        "| documentation | kind | keywords | summary |",
        "|---|---|---:|---|",
    ]
    for source, summary, count in entries:
        cell = summary.replace("|", "\\|")
        lines.append(f"| [{source.name}]({source.name}.{extension}) | {source.kind} | {count} | {cell} |")
    return "\n".join(lines) + "\n"


def build(output_dir: Path = OUTPUT_DIR, doc_format: str = "HTML", root: Path = ROOT) -> list[Path]:
    """Write every document and the index into ``output_dir``; return the written paths."""
    output_dir.mkdir(parents=True, exist_ok=True)
    extension = doc_format.lower()
    written, entries = [], []
    for source in doc_sources(root / "libraries" / "ScoringLibrary", root / "resources"):
        doc = build_doc(source, root)
        target = output_dir / f"{source.name}.{extension}"
        doc.save(str(target), doc_format)
        written.append(target)
        entries.append((source, first_paragraph(doc.doc), sum(not keyword.private for keyword in doc.keywords)))
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
    parser.add_argument("--format", choices=("HTML", "JSON"), default="HTML")
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
