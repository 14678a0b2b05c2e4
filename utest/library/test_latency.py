"""Latency collections: nearest-rank percentiles, statistics and the limit check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from ScoringLibrary.core.latency import LatencyCollection, elapsed_ms, nearest_rank, parse_percentile


def test_nearest_rank_percentiles():
    values = sorted(float(v) for v in range(1, 101))
    assert nearest_rank(values, 50) == 50
    assert nearest_rank(values, 95) == 95
    assert nearest_rank(values, 99) == 99
    assert nearest_rank(values, 100) == 100
    assert nearest_rank([15.0, 20.0, 35.0, 40.0, 50.0], 30) == 20.0
    assert nearest_rank([15.0, 20.0, 35.0, 40.0, 50.0], 40) == 20.0
    assert nearest_rank([15.0, 20.0, 35.0, 40.0, 50.0], 41) == 35.0
    assert nearest_rank([7.0], 99) == 7.0


def test_percentile_spellings():
    assert parse_percentile("p95") == parse_percentile("95") == parse_percentile(95) == 95.0
    assert parse_percentile("P99.9") == 99.9
    for bad in ("0", "101", "pX", "-5"):
        with pytest.raises(ValueError):
            parse_percentile(bad)


def test_statistics():
    collection = LatencyCollection("x")
    for value in [10, 20, 30, 40, 1000]:
        collection.record(value)
    assert collection.statistics() == {
        "count": 5,
        "min": 10.0,
        "p50": 30.0,
        "p95": 1000.0,
        "p99": 1000.0,
        "max": 1000.0,
        "mean": 220.0,
    }


def test_elapsed_from_response_like_objects():
    class Response:
        elapsed = timedelta(milliseconds=123.5)

    assert elapsed_ms(Response()) == pytest.approx(123.5)
    assert elapsed_ms(timedelta(seconds=1)) == 1000
    assert elapsed_ms(42) == 42.0
    with pytest.raises(TypeError):
        elapsed_ms("fast")


def test_invalid_latency_is_rejected(library):
    with pytest.raises(AssertionError, match="latency must be a finite number"):
        library.run_keyword("Record Latency", [-1], {})


def test_limit_message(library):
    library.run_keyword("Start Latency Collection", [], {})
    for value in [100.0] * 47 + [812.0, 900.0, 950.0]:
        library.run_keyword("Record Latency", [value], {})
    library.run_keyword("Latency Percentile Should Be Below", ["p90", 100], {})
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Latency Percentile Should Be Below", ["p95", 500], {})
    assert str(failure.value) == "p95 latency 812.0 ms exceeds the limit 500 ms over 50 requests (collection 'default')"
    stats = library.run_keyword("Latency Statistics", [], {})
    assert stats["count"] == 50 and stats["max"] == 950.0


def test_collections_are_separate_and_restartable(library):
    library.run_keyword("Record Latency", [5], {"name": "a"})
    library.run_keyword("Record Latency", [500], {"name": "b"})
    library.run_keyword("Latency Percentile Should Be Below", ["p99", 10], {"name": "a"})
    library.run_keyword("Start Latency Collection", ["a"], {})
    with pytest.raises(AssertionError, match="no latencies recorded in collection 'a'"):
        library.run_keyword("Latency Percentile Should Be Below", ["p99", 10], {"name": "a"})
    with pytest.raises(AssertionError, match="no latencies recorded in collection 'c'"):
        library.run_keyword("Latency Statistics", ["c"], {})


def test_calls_allowed_over_the_limit_keep_the_nearest_rank_percentile():
    from ScoringLibrary.core.latency import calls_allowed_over

    assert calls_allowed_over(60) == 3
    assert calls_allowed_over(40, "p95") == 2
    assert calls_allowed_over(20, 95) == 1
    assert calls_allowed_over(10, 99) == 0
    assert calls_allowed_over(100, 50) == 50
    within = LatencyCollection("x", [1.0] * 57 + [500.0] * 3)
    assert within.percentile(95) == 1.0
    assert LatencyCollection("y", [1.0] * 56 + [500.0] * 4).percentile(95) == 500.0
