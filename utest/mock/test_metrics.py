"""The mock's metrics render what prometheus_client's own Counter and Histogram render for the same events."""

from __future__ import annotations

import re
import time

import prometheus_client
import pytest
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

from mock.metrics import BUCKETS, DECISIONS, DURATION, REQUESTS, Metrics

CREATED = re.compile(r"^(\w+_created\{[^}]*\}) (\S+)$", re.MULTILINE)

REQUEST_EVENTS = [
    ("POST", "/api/v1/score", 200, 0.0042),
    ("POST", "/api/v1/score", 422, 0.001),
    ("GET", "/health", 200, 0.0),
    ("POST", "/api/v1/score", 200, 0.0025),
    ("GET", "unmatched", 404, 12.5),
    ("GET", "/api/v1/decisions/<transaction_id>", 200, 10.0),
    ("POST", "/api/v1/score", 200, 0.30000000000000004),
    ("GET", "/health", 503, 1.0000001),
]
DECISION_EVENTS = [
    ("credit_risk_v1", "APPROVE", 1),
    ("credit_risk_v1", "REFER", 1),
    ("credit_risk_v2", "DECLINE", 0),
    ("credit_risk_v1", "APPROVE", 250),
]


class Reference:
    """The metrics as prometheus_client objects, fed the same events."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        name, documentation, labels = REQUESTS
        self.requests = Counter(name, documentation, labels, registry=self.registry)
        name, documentation, labels = DURATION
        self.duration = Histogram(name, documentation, labels, buckets=BUCKETS, registry=self.registry)
        name, documentation, labels = DECISIONS
        self.decisions = Counter(name, documentation, labels, registry=self.registry)

    def observe_request(self, method: str, endpoint: str, status: int, seconds: float) -> None:
        self.requests.labels(method, endpoint, str(status)).inc()
        self.duration.labels(endpoint).observe(seconds)

    def count_decisions(self, model_code: str, decision: str, amount: int = 1) -> None:
        self.decisions.labels(model_code, decision).inc(amount)


def feed(target: Metrics | Reference) -> None:
    for event in REQUEST_EVENTS:
        target.observe_request(*event)
    for event in DECISION_EVENTS:
        target.count_decisions(*event)


def split_created(text: str) -> tuple[str, dict[str, float]]:
    """The text with every ``_created`` value blanked, and those values by series."""
    created = {series: float(value) for series, value in CREATED.findall(text)}
    return CREATED.sub(r"\1 <created>", text), created


def test_rendering_matches_prometheus_client_for_the_same_events() -> None:
    started = time.time()
    metrics, reference = Metrics(), Reference()
    feed(metrics)
    feed(reference)
    finished = time.time()
    actual, actual_created = split_created(metrics.render().decode())
    expected, expected_created = split_created(generate_latest(reference.registry).decode())
    assert actual == expected, f"mock metrics:\n{actual}\nprometheus_client:\n{expected}"
    assert list(actual_created) == list(expected_created)
    late = {series: value for series, value in actual_created.items() if not started <= value <= finished}
    assert not late, f"_created outside [{started}, {finished}]: {late}"


def test_an_empty_registry_renders_like_prometheus_client() -> None:
    assert Metrics().render() == generate_latest(Reference().registry)


def test_counts_accumulate_between_renders() -> None:
    metrics = Metrics()
    metrics.observe_request("POST", "/api/v1/score", 200, 0.01)
    first = metrics.render().decode()
    metrics.observe_request("POST", "/api/v1/score", 200, 0.01)
    second = metrics.render().decode()
    line = 'scoring_requests_total{endpoint="/api/v1/score",method="POST",status="200"}'
    assert f"{line} 1.0" in first
    assert f"{line} 2.0" in second


def test_negative_decision_amount_is_refused_like_a_prometheus_counter() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        Metrics().count_decisions("credit_risk_v1", "APPROVE", -1)


def test_content_type_is_the_prometheus_text_format() -> None:
    assert Metrics().content_type == prometheus_client.CONTENT_TYPE_LATEST
