"""Detection of personal data and secrets in text, files, SQLite databases and Robot outputs.

Findings carry the kind and the place, never the value. Files are read line by line (very long
lines in chunks with an overlap), databases row by row.

Detectors:

* US SSN ``ddd-dd-dddd``, except never-issued numbers (area 000, 666 or 900-999, group 00,
  serial 0000), which are safe for synthetic data;
* payment card numbers: 13-19 digits, written as one run or in groups of 4 (or 4-6-5) separated by
  spaces or dashes, first digit 2-6 (the card industries), Luhn check digit valid, not part of a
  longer token (ids, UUIDs, decimals);
* phone numbers: ``+`` and 8-15 digits (E.164, separators allowed), US ``(555) 123-4567`` /
  ``555-123-4567`` / ``555.123.4567``, UK-style ``020 7946 0958`` / ``07700 900123``;
* e-mail addresses outside example.com, example.org and example.net (and their subdomains);
* IBANs: a known country code, 2 check digits and the country's length, mod-97 valid;
* given secrets, as exact substrings (also in their HTML-escaped form).
"""

from __future__ import annotations

import base64
import fnmatch
import html
import json
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

SAFE_EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
CHUNK_CHARS = 1 << 20
ROBOT_OUTPUT_PATTERNS = ("output*.xml", "log*.html", "report*.html", "xunit*.xml")
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27,
    "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28,
    "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23,
    "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28, "IE": 22, "IL": 23, "IQ": 23, "IS": 26,
    "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21,
    "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
    "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22,
    "RU": 33, "SA": 24, "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25,
    "SV": 28, "TL": 23, "TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
}  # fmt: skip

SSN = re.compile(r"(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])")
CARD = re.compile(
    r"(?<![\w.-])(?:\d{13,19}"
    r"|\d{4}(?P<s>[ -])\d{4}(?P=s)\d{4}(?P=s)\d{1,4}(?:(?P=s)\d{1,3})?"
    r"|\d{4}(?P<a>[ -])\d{6}(?P=a)\d{4,5})"
    r"(?![\w-]|\.\d)"
)
PHONE_INTERNATIONAL = re.compile(r"(?<![\w+])\+[1-9](?:[ .-]?\d){7,14}(?![ .-]?\d)")
PHONE_US = re.compile(r"(?<![\w(-])(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}(?![\w-])")
PHONE_UK = re.compile(r"(?<![\w.+-])0\d{2,4} \d{3,4} ?\d{3,4}(?![\w.-])")
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@([A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24})(?![A-Za-z])"
)
IBAN = re.compile(r"(?<![A-Za-z0-9])([A-Z]{2})(\d{2})((?: ?[A-Z0-9]){11,30})")


@dataclass(frozen=True)
class Finding:
    kind: str
    location: str

    def __str__(self) -> str:
        return f"{self.kind} at {self.location}"


def luhn_valid(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def iban_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(char, 36)) for char in rearranged)
    return int(number) % 97 == 1


def _ssns(text: str) -> Iterator[tuple[int, int]]:
    for match in SSN.finditer(text):
        area, group, serial = match.groups()
        synthetic = area in {"000", "666"} or area.startswith("9") or group == "00" or serial == "0000"
        if not synthetic:
            yield match.span()


def _cards(text: str) -> Iterator[tuple[int, int]]:
    for match in CARD.finditer(text):
        digits = re.sub(r"[ -]", "", match.group())
        if 13 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits):
            yield match.span()


def _phones(text: str) -> Iterator[tuple[int, int]]:
    for pattern in (PHONE_INTERNATIONAL, PHONE_US):
        for match in pattern.finditer(text):
            yield match.span()
    for match in PHONE_UK.finditer(text):
        if 10 <= sum(char.isdigit() for char in match.group()) <= 11:
            yield match.span()


def _emails(text: str) -> Iterator[tuple[int, int]]:
    for match in EMAIL.finditer(text):
        domain = match.group(1).lower().rstrip(".")
        if not any(domain == safe or domain.endswith("." + safe) for safe in SAFE_EMAIL_DOMAINS):
            yield match.span()


def _ibans(text: str) -> Iterator[tuple[int, int]]:
    for match in IBAN.finditer(text):
        country = match.group(1)
        length = IBAN_LENGTHS.get(country)
        if length is None:
            continue
        compact = re.sub(r" ", "", match.group())
        if len(compact) < length or not iban_valid(compact[:length]):
            continue
        end = match.start() + _span_for(match.group(), length)
        if end < len(text) and text[end].isalnum():
            continue  # part of a longer token, such as a generated hexadecimal id
        yield match.start(), end


def _span_for(text: str, compact_length: int) -> int:
    seen = 0
    for index, char in enumerate(text):
        seen += char != " "
        if seen == compact_length:
            return index + 1
    return len(text)


DETECTORS = (("SSN", _ssns), ("card number", _cards), ("phone number", _phones), ("e-mail", _emails), ("IBAN", _ibans))


class PiiScanner:
    """Scans text for the detectors and the given secrets; reports kinds and places only."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets: list[tuple[str, list[str]]] = []
        for number, secret in enumerate((s for s in secrets if s), start=1):
            forms = list(dict.fromkeys([secret, html.escape(secret, quote=False), html.escape(secret)]))
            self.secrets.append((f"secret #{number}", forms))
        longest = max((len(f) for _, forms in self.secrets for f in forms), default=0)
        self.overlap = max(256, longest)

    def spans(self, text: str) -> Iterator[tuple[str, int, int]]:
        for kind, detector in DETECTORS:
            for start, end in detector(text):
                yield kind, start, end
        for kind, forms in self.secrets:
            for form in forms:
                start = text.find(form)
                while start >= 0:
                    yield kind, start, start + len(form)
                    start = text.find(form, start + 1)

    def scan_text(self, text: str, location: str) -> list[Finding]:
        """Findings in one piece of text, all at ``location`` (no line numbers)."""
        return [Finding(kind, location) for kind in dict.fromkeys(kind for kind, _, _ in self.spans(text))]

    def scan_lines(self, handle: TextIO, where: str) -> Iterator[Finding]:
        """Findings line by line as ``where:line``; long lines are read in chunks that overlap."""
        line_number = 1
        carry = ""
        while True:
            chunk = handle.readline(CHUNK_CHARS)
            if not chunk:
                break
            text = carry + chunk
            reported = set()
            for kind, _, end in self.spans(text):
                if end > len(carry) and kind not in reported:
                    reported.add(kind)
                    yield Finding(kind, f"{where}:{line_number}")
            if chunk.endswith("\n"):
                line_number += 1
                carry = ""
            else:
                carry = chunk[-self.overlap :]

    def scan_file(self, path: Path, label: str | None = None) -> list[Finding]:
        where = label or str(path)
        with path.open(encoding="utf-8", errors="replace") as handle:
            if path.suffix.lower() == ".html":
                return list(self._scan_robot_html(handle, where))
            return list(self.scan_lines(handle, where))

    def _scan_robot_html(self, handle: TextIO, where: str) -> Iterator[Finding]:
        """Robot log/report: the string tables are decoded (zlib + base64) before scanning."""
        offset = 0
        for line_number, line in enumerate(handle, start=1):
            strings = _robot_strings(line)
            if strings is None:
                for finding in self.scan_lines(_OneLine(line), where):
                    yield Finding(finding.kind, f"{where}:{line_number}")
                continue
            for index, text in enumerate(strings):
                for finding in self.scan_text(text, f"{where}:{line_number} strings[{offset + index}]"):
                    yield finding
            offset += len(strings)

    def scan_directory(self, root: Path, pattern: str = "*") -> list[Finding]:
        if not root.is_dir():
            raise NotADirectoryError(f"not a directory: {root}")
        findings = []
        for path in sorted(p for p in root.rglob("*") if p.is_file() and fnmatch.fnmatch(p.name, pattern)):
            if _is_binary(path):
                continue
            findings.extend(self.scan_file(path, str(path.relative_to(root))))
        return findings

    def scan_sqlite(self, path: Path) -> list[Finding]:
        """Every text value of every column of every table, as ``table.column rowid N``."""
        if not path.is_file():
            raise FileNotFoundError(f"no such database: {path}")
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return list(self._scan_tables(connection))
        finally:
            connection.close()

    def _scan_tables(self, connection: sqlite3.Connection) -> Iterator[Finding]:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table.startswith("sqlite_"):
                continue
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({_quote(table)})")]
            for column in columns:
                yield from self._scan_column(connection, table, column)

    def _scan_column(self, connection: sqlite3.Connection, table: str, column: str) -> Iterator[Finding]:
        where = f"typeof({_quote(column)}) = 'text'"
        try:
            rows = connection.execute(f"SELECT rowid, {_quote(column)} FROM {_quote(table)} WHERE {where}")  # noqa: S608
        except sqlite3.OperationalError:
            plain = connection.execute(f"SELECT {_quote(column)} FROM {_quote(table)} WHERE {where}")  # noqa: S608
            rows = ((f"#{n}", value) for n, (value,) in enumerate(plain, start=1))
        for rowid, value in rows:
            yield from self.scan_text(value, f"{table}.{column} rowid {rowid}")

    def scan_robot_outputs(self, output_dir: Path) -> tuple[list[Path], list[Finding]]:
        """output.xml, log.html, report.html and xunit.xml (and split/renamed variants) of a Robot run."""
        files = sorted({p for pattern in ROBOT_OUTPUT_PATTERNS for p in output_dir.glob(pattern) if p.is_file()})
        findings = []
        for path in files:
            findings.extend(self.scan_file(path, path.name))
        return files, findings


class _OneLine:
    """A single line offered through ``readline`` so it is scanned in chunks like a file."""

    def __init__(self, line: str) -> None:
        self.line = line
        self.position = 0

    def readline(self, limit: int = -1) -> str:
        end = len(self.line) if limit < 0 else min(len(self.line), self.position + limit)
        piece = self.line[self.position : end]
        self.position = end
        return piece


_STRINGS_LINE = re.compile(
    r'^\s*window\.(?:output\["strings"\]\s*=\s*window\.output\["strings"\]\.concat\(|strings\d+\s*=\s*)'
)


_HEX_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\x([0-9a-fA-F]{2})")


def _robot_strings(line: str) -> list[str] | None:
    match = _STRINGS_LINE.match(line)
    if not match:
        return None
    start, end = line.find("[", match.end() - 1), line.rfind("]")
    try:
        items = json.loads(_HEX_ESCAPE.sub(r"\1\\u00\2", line[start : end + 1]))
    except (ValueError, TypeError):
        return None
    return [_decode_robot_string(item) for item in items if isinstance(item, str)]


def _decode_robot_string(item: str) -> str:
    if item.startswith("*") or not item:
        return item[1:]
    try:
        return zlib.decompress(base64.b64decode(item)).decode("utf-8", errors="replace")
    except (ValueError, zlib.error):
        return item


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _is_binary(path: Path) -> bool:
    with path.open("rb") as handle:
        return b"\0" in handle.read(4096)
