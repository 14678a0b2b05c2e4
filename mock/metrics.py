"""Prometheus metrics of one app, in a registry of its own."""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class Metrics:
    """``scoring_requests_total``, ``scoring_request_duration_seconds`` and ``scoring_decisions_total``."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self._requests = Counter(
            "scoring_requests",
            "HTTP requests answered, by method, route and status",
            ("method", "endpoint", "status"),
            registry=self.registry,
        )
        self._duration = Histogram(
            "scoring_request_duration_seconds",
            "Time to answer a request, by route",
            ("endpoint",),
            buckets=BUCKETS,
            registry=self.registry,
        )
        self._decisions = Counter(
            "scoring_decisions",
            "Decisions made (realtime and batch), by model and decision",
            ("model_code", "decision"),
            registry=self.registry,
        )
        self._request_children: dict[tuple[str, str, str], Counter] = {}
        self._duration_children: dict[str, Histogram] = {}
        self._decision_children: dict[tuple[str, str], Counter] = {}

    def observe_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        """Count one answered request and its duration."""
        key = (method, endpoint, str(status))
        counter = self._request_children.get(key)
        if counter is None:
            counter = self._request_children[key] = self._requests.labels(*key)
        counter.inc()
        histogram = self._duration_children.get(endpoint)
        if histogram is None:
            histogram = self._duration_children[endpoint] = self._duration.labels(endpoint)
        histogram.observe(seconds)

    def count_decisions(self, model_code: str, decision: str, amount: int = 1) -> None:
        """Count ``amount`` decisions of one model and outcome."""
        key = (model_code, decision)
        counter = self._decision_children.get(key)
        if counter is None:
            counter = self._decision_children[key] = self._decisions.labels(*key)
        counter.inc(amount)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
