"""Baseline and result files: JSON (``{"records": [...]}`` or a list), CSV and NDJSON, read as streams."""

from __future__ import annotations

import csv
import itertools
import json
import operator
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .values import reason_code_list

CSV_SUFFIXES = frozenset({".csv"})
NDJSON_SUFFIXES = frozenset({".ndjson", ".jsonl"})
JSON_SUFFIXES = frozenset({".json"})
VOLATILE_FIELDS = ("scoredAt", "correlationId")
CANDIDATE_MARK = ".candidate"


class RecordSource:
    """Records from a list of dicts or a file; ``rows`` streams projected tuples (key first)."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.metadata: dict[str, Any] = {}

    def columns(self) -> list[str]:
        raise NotImplementedError

    def records(self) -> Iterator[Mapping[str, Any]]:
        raise NotImplementedError

    def rows(self, names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """Tuples ``(key, value, ...)`` for ``names`` (the key field first); the key is always a string."""
        key_name, others = names[0], list(names[1:])
        for record in self.records():
            key = record.get(key_name)
            yield ("" if key is None else str(key), *map(record.get, others))


class DictSource(RecordSource):
    def __init__(
        self, description: str, records: Iterable[Mapping[str, Any]] | Callable[[], Iterator[Mapping]]
    ) -> None:
        super().__init__(description)
        self._records = records

    def _iter(self) -> Iterator[Mapping[str, Any]]:
        return self._records() if callable(self._records) else iter(self._records)

    def columns(self) -> list[str]:
        first = next(self._iter(), None)
        return list(first) if isinstance(first, Mapping) else []

    def records(self) -> Iterator[Mapping[str, Any]]:
        for index, record in enumerate(self._iter()):
            if not isinstance(record, Mapping):
                raise ValueError(f"{self.description}: record {index} is a {type(record).__name__}, expected an object")
            yield record


class CsvSource(RecordSource):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path

    def columns(self) -> list[str]:
        with self.path.open(newline="", encoding="utf-8-sig") as handle:
            return next(csv.reader(handle), [])

    def records(self) -> Iterator[Mapping[str, Any]]:
        with self.path.open(newline="", encoding="utf-8-sig") as handle:
            yield from csv.DictReader(handle)

    def rows(self, names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        """Projected rows; a file without quotes is split on commas directly (twice as fast as ``csv``)."""
        if _has_quotes(self.path):
            yield from self._csv_rows(names)
            return
        with self.path.open(encoding="utf-8-sig") as handle:
            header = handle.readline().rstrip("\n").split(",")
            indexes = self._indexes(header, names)
            lines: Iterator[str] = filter(_NOT_BLANK, handle)
            if len(header) - 1 in indexes:
                lines = map(str.rstrip, lines, itertools.repeat("\n"))
            try:
                yield from map(operator.itemgetter(*indexes), map(str.split, lines, itertools.repeat(",")))
            except IndexError:
                raise ValueError(
                    f"{self.description}: a row has fewer columns than the header ({len(header)})"
                ) from None

    def _csv_rows(self, names: Sequence[str]) -> Iterator[tuple[Any, ...]]:
        with self.path.open(newline="", encoding="utf-8-sig") as handle:
            reader = csv.reader(handle)
            header = next(reader, [])
            getter = operator.itemgetter(*self._indexes(header, names))
            try:
                yield from map(getter, filter(None, reader))
            except IndexError:
                raise ValueError(
                    f"{self.description}:{reader.line_num}: fewer columns than the header ({len(header)})"
                ) from None

    def _indexes(self, header: list[str], names: Sequence[str]) -> list[int]:
        missing = [name for name in names if name not in header]
        if missing:
            raise ValueError(f"{self.description}: no column {', '.join(missing)} (columns: {', '.join(header)})")
        return [header.index(name) for name in names]


_NOT_BLANK = "\n".__ne__


def _has_quotes(path: Path, block: int = 1 << 20) -> bool:
    with path.open("rb") as handle:
        while chunk := handle.read(block):
            if b'"' in chunk:
                return True
    return False


def _ndjson_records(path: Path) -> Callable[[], Iterator[Mapping[str, Any]]]:
    def read() -> Iterator[Mapping[str, Any]]:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as error:
                        raise ValueError(f"{path}:{number}: not JSON ({error.msg})") from None

    return read


def open_records(source: Any, description: str = "records") -> RecordSource:
    """A record source for a list of dicts, a path (str or Path) to JSON/CSV/NDJSON, or a RecordSource."""
    if isinstance(source, RecordSource):
        return source
    if isinstance(source, str | Path):
        return _file_source(Path(source))
    if isinstance(source, Mapping) and isinstance(source.get("records"), list):
        dict_source = DictSource(description, source["records"])
        dict_source.metadata = {k: v for k, v in source.items() if k != "records"}
        return dict_source
    if isinstance(source, list | tuple):
        return DictSource(description, source)
    raise TypeError(f"{description}: expected a list of records or a file path, got {type(source).__name__}")


def _file_source(path: Path) -> RecordSource:
    if not path.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return CsvSource(path)
    if suffix in NDJSON_SUFFIXES:
        return DictSource(str(path), _ndjson_records(path))
    if suffix in JSON_SUFFIXES:
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, Mapping) and isinstance(document.get("records"), list):
            source = DictSource(str(path), document["records"])
            source.metadata = {k: v for k, v in document.items() if k != "records"}
            return source
        if isinstance(document, list):
            return DictSource(str(path), document)
        raise ValueError(f"{path}: expected a list of records or an object with 'records'")
    raise ValueError(f"{path}: unsupported baseline format '{suffix}' (use .json, .csv, .ndjson or .jsonl)")


def candidate_path(path: Path) -> Path:
    """Where a recorded baseline goes: ``path`` if free (or already a candidate), else ``<stem>.candidate<ext>``."""
    if not path.exists() or CANDIDATE_MARK in path.name:
        return path
    return path.with_name(f"{path.stem}{CANDIDATE_MARK}{path.suffix}")


def baseline_record(record: Mapping[str, Any]) -> dict[str, Any]:
    """A result as stored in a baseline: volatile fields dropped, reason codes as plain codes."""
    stored = {k: v for k, v in record.items() if k not in VOLATILE_FIELDS}
    if "reasonCodes" in stored:
        stored["reasonCodes"] = reason_code_list(stored["reasonCodes"])
    return stored


def write_candidate(records: Iterable[Mapping[str, Any]], path: Path, approved_by: str | None = None) -> Path:
    """Write records as a candidate baseline next to (never over) an approved one; return the written path."""
    target = candidate_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    suffix = target.suffix.lower()
    stored = (baseline_record(record) for record in records)
    temporary = target.with_name(target.name + ".tmp")
    if suffix in CSV_SUFFIXES:
        _write_csv(stored, temporary)
    elif suffix in NDJSON_SUFFIXES:
        with temporary.open("w", encoding="utf-8") as handle:
            for record in stored:
                handle.write(json.dumps(record, separators=(",", ":")) + "\n")
    elif suffix in JSON_SUFFIXES:
        rows = list(stored)
        document = {
            "model": _model_of(rows),
            "status": "candidate",
            "approvedBy": approved_by,
            "recordedAt": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "records": rows,
        }
        temporary.write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    else:
        raise ValueError(f"{path}: unsupported baseline format '{suffix}' (use .json, .csv, .ndjson or .jsonl)")
    temporary.replace(target)
    return target


def _write_csv(records: Iterable[dict[str, Any]], path: Path) -> None:
    iterator = iter(records)
    first = next(iterator, None)
    with path.open("w", newline="", encoding="utf-8") as handle:
        if first is None:
            return
        writer = csv.DictWriter(handle, fieldnames=list(first), extrasaction="ignore")
        writer.writeheader()
        for record in itertools.chain([first], iterator):
            writer.writerow({k: _csv_cell(v) for k, v in record.items()})


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "|".join(str(item) for item in value)
    return value


def _model_of(records: list[dict[str, Any]]) -> dict[str, Any] | None:
    models = {(r.get("modelCode"), r.get("modelVersion")) for r in records}
    if len(models) == 1:
        code, version = models.pop()
        return {"modelCode": code, "modelVersion": version}
    return None
