"""Locust CSV parsing, SLO checks and the load chart (pure functions, CSV files written in the Locust format)."""

from __future__ import annotations

import xml.dom.minidom
from pathlib import Path

import pytest
from ScoringLibrary.core.locust_chart import load_history_svg, nice_top
from ScoringLibrary.core.locust_results import (
    LocustResultError,
    load_result,
    number,
    read_history,
    summary_rows,
)
from ScoringLibrary.core.locust_slo import build_slos, failure_message, select_figures, slo_breaches

STATS_HEADER = (
    "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,"
    "Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
)
HISTORY_HEADER = (
    "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%,"
    "Total Request Count,Total Failure Count,Total Median Response Time,Total Average Response Time,"
    "Total Min Response Time,Total Max Response Time,Total Average Content Size"
)


def write_run(prefix: Path, stats_rows: list[str], history_rows: list[str], failures: list[str] = ()) -> Path:
    Path(f"{prefix}_stats.csv").write_text("\n".join([STATS_HEADER, *stats_rows]) + "\n")
    Path(f"{prefix}_stats_history.csv").write_text("\n".join([HISTORY_HEADER, *history_rows]) + "\n")
    Path(f"{prefix}_failures.csv").write_text(
        "\n".join(["Method,Name,Error,Occurrences", *failures]) + "\n", encoding="utf-8"
    )
    return prefix


@pytest.fixture
def run_prefix(tmp_path: Path) -> Path:
    return write_run(
        tmp_path / "run",
        [
            "POST,/api/v1/score,400,12,9,11.2,2.1,812.5,480,40.5,1.2,9,13,15,18,23,31,49,54,700,812,812",
            "GET,/api/v1/batch-scoring/{batchId},10,0,3,3.5,1.0,7.9,300,1.0,0.0,3,3,4,4,5,6,7,7,8,8,8",
            ",Aggregated,410,12,9,11.0,1.0,812.5,475,41.5,1.2,9,13,15,18,23,30,49,54,700,812,812",
        ],
        [
            "1795567560,0,,Aggregated,0.000000,0.000000,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,0,0,0,0.0,0,0,0",
            "1795567561,5,POST,/api/v1/score,10.0,0.0,8,9,9,9,10,12,13,13,13,13,13,20,0,8,8.1,2,13,480",
            "1795567561,5,,Aggregated,10.0,0.0,8,9,9,9,10,12,13,13,13,13,13,20,0,8,8.1,2,13,480",
            "1795567562,5,,Aggregated,40.0,1.0,9,13,15,18,23,31,49,54,700,812,812,200,6,9,11,1,812,480",
            "1795567562,0,,Aggregated,41.5,1.2,9,13,15,18,23,30,49,54,700,812,812,410,12,9,11,1,812,480",
        ],
        ['POST,/api/v1/score,"POST /api/v1/score: expected 200, got 503 SERVICE_UNAVAILABLE",12'],
    )


def test_number_treats_na_and_empty_as_missing() -> None:
    assert number("N/A") is None
    assert number("") is None
    assert number(" 12.5 ") == 12.5
    assert number("nan") is None


def test_load_result_has_aggregated_and_per_endpoint_figures(run_prefix: Path) -> None:
    result = load_result(run_prefix, {"scenario": "realtime_rest"})
    assert result["scenario"] == "realtime_rest"
    assert (result["requests"], result["failures"]) == (410, 12)
    assert result["error_ratio"] == pytest.approx(12 / 410)
    assert (result["rps"], result["p50_ms"], result["p95_ms"], result["p99_ms"]) == (41.5, 9, 30, 54)
    assert result["max_ms"] == 812.5
    score = result["endpoints"]["POST /api/v1/score"]
    assert (score["requests"], score["failures"], score["p95_ms"]) == (400, 12, 31)
    assert result["endpoints"]["GET /api/v1/batch-scoring/{batchId}"]["error_ratio"] == 0.0
    assert result["failure_details"] == [
        {
            "endpoint": "POST /api/v1/score",
            "error": "POST /api/v1/score: expected 200, got 503 SERVICE_UNAVAILABLE",
            "occurrences": 12,
        }
    ]


def test_history_keeps_aggregated_points_and_the_last_of_each_second(run_prefix: Path) -> None:
    history = read_history(run_prefix)
    assert [point["t_s"] for point in history] == [0, 1, 2]
    assert history[0]["p95_ms"] is None
    assert history[1] == {"t_s": 1, "users": 5, "rps": 10.0, "failures_per_s": 0.0, "p50_ms": 8, "p95_ms": 12}
    assert history[2]["users"] == 0
    assert history[2]["rps"] == 41.5


def test_missing_or_foreign_csv_is_reported_with_the_path(tmp_path: Path) -> None:
    with pytest.raises(LocustResultError, match=r"run_stats\.csv does not exist"):
        load_result(tmp_path / "run")
    Path(f"{tmp_path / 'other'}_stats.csv").write_text("a,b\n1,2\n")
    with pytest.raises(LocustResultError, match="expected Locust columns"):
        load_result(tmp_path / "other")


def test_run_without_an_aggregated_row_is_rejected(tmp_path: Path) -> None:
    prefix = write_run(tmp_path / "run", ["POST,/x,1,0,1,1,1,1,1,1,0,1,1,1,1,1,1,1,1,1,1,1"], [])
    with pytest.raises(LocustResultError, match="expected an 'Aggregated' row"):
        load_result(prefix)


def test_summary_rows_end_with_the_total(run_prefix: Path) -> None:
    rows = summary_rows(load_result(run_prefix))
    assert [row[0] for row in rows] == ["POST /api/v1/score", "GET /api/v1/batch-scoring/{batchId}", "Aggregated"]
    assert rows[-1][1:5] == [410, 12, "0.0293", "41.5"]
    assert rows[-1][-1] == "812"


def test_every_breached_slo_is_named_with_measured_and_limit(run_prefix: Path) -> None:
    result = load_result(run_prefix, {"scenario": "realtime_rest"})
    slos = build_slos(p95_ms=20, p99_ms=400, max_error_ratio=0.01, min_rps=50)
    scope, figures = select_figures(result, None)
    breaches = slo_breaches(figures, slos)
    assert breaches == [
        "p95 latency 30.0 ms > SLO 20 ms",
        "error ratio 0.02927 > SLO 0.01",
        "throughput 41.5 req/s < SLO 50 req/s",
    ]
    message = failure_message(result, scope, figures, breaches)
    assert message.startswith("Load test realtime_rest (Aggregated, 410 requests) missed 3 SLOs: p95 latency")
    assert "; error ratio 0.02927 > SLO 0.01; throughput" in message


def test_limits_equal_to_the_measured_values_pass(run_prefix: Path) -> None:
    figures = select_figures(load_result(run_prefix), None)[1]
    slos = build_slos(p95_ms=30, p99_ms=54, max_error_ratio=12 / 410, min_rps=41.5, max_ms=812.5)
    assert slo_breaches(figures, slos) == []


def test_slo_on_one_endpoint_and_unknown_endpoint(run_prefix: Path) -> None:
    result = load_result(run_prefix)
    scope, figures = select_figures(result, "POST /api/v1/score")
    assert scope == "POST /api/v1/score"
    assert slo_breaches(figures, build_slos(max_ms=500)) == ["max latency 812 ms > SLO 500 ms"]
    with pytest.raises(KeyError, match=r"endpoint 'GET /nope' is not in the load test result; endpoints: POST"):
        select_figures(result, "GET /nope")
    with pytest.raises(TypeError, match="expected the result of Run Load Test"):
        select_figures({"requests": 1}, None)


def test_a_run_without_requests_misses_every_slo() -> None:
    figures = {"requests": 0, "failures": 0, "error_ratio": 0.0, "rps": 0.0, "p95_ms": None, "endpoints": {}}
    breaches = slo_breaches(figures, build_slos(p95_ms=200, min_rps=1))
    assert breaches == [
        "no requests completed",
        "p95 latency not measured against SLO 200 ms",
        "throughput 0.0 req/s < SLO 1 req/s",
    ]


def test_invalid_slo_limits_are_rejected() -> None:
    with pytest.raises(ValueError, match="p95 latency must be a finite number >= 0, got -1"):
        build_slos(p95_ms=-1)
    with pytest.raises(ValueError, match="error ratio must be between 0 and 1, got 5"):
        build_slos(max_error_ratio=5)
    assert build_slos() == []


def test_chart_is_well_formed_svg_with_both_panels(run_prefix: Path) -> None:
    svg = load_history_svg(read_history(run_prefix), "Load test <realtime_rest>")
    document = xml.dom.minidom.parseString(svg)
    assert document.documentElement.tagName == "svg"
    assert "Load test &lt;realtime_rest&gt;" in svg
    for label in ("Latency (ms)", "Throughput", "p50 ms", "p95 ms", "requests/s", "failures/s", "users"):
        assert label in svg
    assert svg.count("<polyline") == 5


def test_chart_without_history_says_so() -> None:
    svg = load_history_svg([], "empty")
    xml.dom.minidom.parseString(svg)
    assert "no history recorded" in svg


@pytest.mark.parametrize(
    ("value", "top"), [(0, 1.0), (0.3, 0.5), (1, 1.0), (7, 10.0), (12, 20.0), (24, 25.0), (812, 1000.0), (100, 100.0)]
)
def test_nice_top(value: float, top: float) -> None:
    assert nice_top(value) == pytest.approx(top)
