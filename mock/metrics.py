"""Prometheus metrics of one app, in a registry of its own.

Requests and decisions are counted in plain dictionaries; ``prometheus_client`` is imported when the
metrics are first rendered, and renders exactly what its own ``Counter`` and ``Histogram`` would.
"""

from __future__ import annotations

import math
import threading
import time
from typing import Any

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
UPPER_BOUNDS = (*BUCKETS, math.inf)

REQUESTS = ("scoring_requests", "HTTP requests answered, by method, route and status", ("method", "endpoint", "status"))
DURATION = ("scoring_request_duration_seconds", "Time to answer a request, by route", ("endpoint",))
DECISIONS = (
    "scoring_decisions",
    "Decisions made (realtime and batch), by model and decision",
    ("model_code", "decision"),
)


class _Series:
    """One labelled child: its value(s) and the time it was created."""

    __slots__ = ("buckets", "created", "sum", "value")

    def __init__(self, histogram: bool = False) -> None:
        self.created = time.time()
        self.value = 0.0
        self.sum = 0.0
        self.buckets = [0.0] * len(UPPER_BOUNDS) if histogram else None


class Metrics:
    """``scoring_requests_total``, ``scoring_request_duration_seconds`` and ``scoring_decisions_total``."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._requests: dict[tuple[str, ...], _Series] = {}
        self._duration: dict[tuple[str, ...], _Series] = {}
        self._decisions: dict[tuple[str, ...], _Series] = {}
        self._registry: Any = None

    def observe_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        key = (str(method), str(endpoint), str(status))
        with self._lock:
            counter = self._requests.get(key)
            if counter is None:
                counter = self._requests[key] = _Series()
            counter.value += 1
            histogram = self._duration.get(key[1:2])
            if histogram is None:
                histogram = self._duration[key[1:2]] = _Series(histogram=True)
            histogram.sum += seconds
            for index, bound in enumerate(UPPER_BOUNDS):
                if seconds <= bound:
                    histogram.buckets[index] += 1
                    break

    def count_decisions(self, model_code: str, decision: str, amount: int = 1) -> None:
        """Count ``amount`` decisions of one model and outcome."""
        key = (str(model_code), str(decision))
        with self._lock:
            counter = self._decisions.get(key)
            if counter is None:
                counter = self._decisions[key] = _Series()
            if amount < 0:
                raise ValueError("Counters can only be incremented by non-negative amounts.")
            counter.value += amount

    @property
    def content_type(self) -> str:
        """The Content-Type of :meth:`render`'s text."""
        from prometheus_client import CONTENT_TYPE_LATEST

        return CONTENT_TYPE_LATEST

    @property
    def registry(self) -> Any:
        """A ``prometheus_client.CollectorRegistry`` holding this app's metrics (and nothing else)."""
        if self._registry is None:
            from prometheus_client import CollectorRegistry

            registry = CollectorRegistry()
            registry.register(_Collector(self))
            self._registry = registry
        return self._registry

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        from prometheus_client import generate_latest

        return generate_latest(self.registry)

    def snapshot(self) -> tuple[list[tuple], list[tuple], list[tuple]]:
        """``(labels, created, value, sum, buckets)`` of every series of requests, durations and decisions."""
        with self._lock:
            return _copy(self._requests), _copy(self._duration), _copy(self._decisions)


def _copy(series: dict[tuple[str, ...], _Series]) -> list[tuple]:
    return [
        (key, item.created, item.value, item.sum, item.buckets and list(item.buckets)) for key, item in series.items()
    ]


class _Collector:
    """The samples ``prometheus_client``'s labelled Counter and Histogram produce, from a :class:`Metrics`."""

    def __init__(self, metrics: Metrics) -> None:
        self._metrics = metrics

    def collect(self) -> list[Any]:
        from prometheus_client import metrics as prometheus_metrics
        from prometheus_client.metrics_core import Metric
        from prometheus_client.utils import floatToGoString

        use_created = getattr(prometheus_metrics, "_use_created", True)
        requests, durations, decisions = self._metrics.snapshot()
        families = []
        for (name, documentation, labelnames), series in ((REQUESTS, requests), (DECISIONS, decisions)):
            family = Metric(name, documentation, "counter")
            for key, created, value, _, _ in series:
                labels = dict(zip(labelnames, key, strict=True))
                family.add_sample(f"{name}_total", labels, value)
                if use_created:
                    family.add_sample(f"{name}_created", dict(labels), created)
            families.append(family)
        name, documentation, labelnames = DURATION
        histogram = Metric(name, documentation, "histogram")
        for key, created, _, total, buckets in durations:
            labels = dict(zip(labelnames, key, strict=True))
            accumulated = 0.0
            for bound, count in zip(UPPER_BOUNDS, buckets, strict=True):
                accumulated += count
                histogram.add_sample(f"{name}_bucket", {**labels, "le": floatToGoString(bound)}, accumulated)
            histogram.add_sample(f"{name}_count", dict(labels), accumulated)
            histogram.add_sample(f"{name}_sum", dict(labels), total)
            if use_created:
                histogram.add_sample(f"{name}_created", dict(labels), created)
        families.insert(1, histogram)
        return families
