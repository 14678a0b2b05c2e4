"""UTC timestamps in the contract's format: ISO 8601 with milliseconds and ``Z``."""

from __future__ import annotations

import time

_cache: tuple[int, str] = (-1, "")


def iso_millis(epoch_seconds: float) -> str:
    """``2026-11-25T10:15:30.123Z`` for a POSIX timestamp."""
    global _cache
    whole = int(epoch_seconds)
    millis = int((epoch_seconds - whole) * 1000)
    second, prefix = _cache
    if second != whole:
        prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(whole))
        _cache = (whole, prefix)
    return f"{prefix}.{millis:03d}Z"


def now_iso() -> str:
    """The current UTC time as ``YYYY-MM-DDTHH:MM:SS.mmmZ``."""
    return iso_millis(time.time())
