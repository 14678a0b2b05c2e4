"""The mock's log: one JSON line per request (never a body or a token)."""

from __future__ import annotations

import json
import logging
import os
import sys
from json.encoder import encode_basestring_ascii

from mock.clock import now_iso

_ENCODER = json.JSONEncoder(separators=(",", ":"))


class RequestLog:
    """Appends JSON lines to stderr (default) or to a file, one ``write`` system call per line."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644) if path else sys.stderr.fileno()

    def _emit(self, line: str) -> None:
        try:
            os.write(self._fd, line.encode("utf-8"))
        except OSError:
            return

    def write(self, record: dict) -> None:
        """Append one record as a JSON line (with ``ts`` first when the record has none)."""
        if "ts" not in record:
            record = {"ts": now_iso(), **record}
        self._emit(_ENCODER.encode(record) + "\n")

    def request(self, method: str, path: str, status: int, duration_ms: float, correlation_id: str) -> None:
        """The line written for every request: ts, method, path, status, durationMs, correlationId."""
        self._emit(
            f'{{"ts":"{now_iso()}","method":{encode_basestring_ascii(method)},"path":{encode_basestring_ascii(path)},'
            f'"status":{status},"durationMs":{duration_ms:.3f},"correlationId":{encode_basestring_ascii(correlation_id)}}}\n'
        )

    def close(self) -> None:
        if self.path:
            os.close(self._fd)


class JsonLogHandler(logging.Handler):
    """Sends records of Python loggers (the server's own warnings) to the same JSON-lines log."""

    def __init__(self, log: RequestLog, level: int = logging.WARNING) -> None:
        super().__init__(level)
        self._log = log

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self._log.write(
                {"ts": now_iso(), "level": record.levelname, "logger": record.name, "message": record.getMessage()}
            )
        except Exception:
            self.handleError(record)
