"""A token-bucket rate limit for the scoring endpoints."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class RateLimitSettings:
    requests_per_second: float
    burst: int

    def to_dict(self) -> dict:
        return {"requestsPerSecond": self.requests_per_second, "burst": self.burst}


class TokenBucket:
    """Allows ``burst`` requests at once, refilled at ``requests_per_second``; None settings disable it."""

    def __init__(self, settings: RateLimitSettings | None = None, clock=time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self.configure(settings)

    @property
    def settings(self) -> RateLimitSettings | None:
        return self._settings

    def configure(self, settings: RateLimitSettings | None) -> None:
        """Replace the limit (None switches it off); the bucket starts full."""
        with self._lock:
            self._settings = settings
            self._tokens = float(settings.burst) if settings else 0.0
            self._stamp = self._clock()

    def acquire(self) -> int | None:
        """Take one token: None when allowed, else the seconds to wait (an integer >= 1)."""
        settings = self._settings
        if settings is None:
            return None
        with self._lock:
            now = self._clock()
            rate = settings.requests_per_second
            self._tokens = min(float(settings.burst), self._tokens + (now - self._stamp) * rate)
            self._stamp = now
            if self._tokens >= 1.0:
                self._tokens -= 1.0
                return None
            return max(1, math.ceil((1.0 - self._tokens) / rate))
