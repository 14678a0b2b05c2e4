"""`Run Load Test` and `Load Test SLO Should Be Met` against a real mock with authentication (Locust really runs)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from robot.api.types import Secret
from ScoringLibrary import ScoringLibrary

from utest.security.live_mock import LiveMock, new_token, start_live_mock, stop_live_mock

RUN_SECONDS = "2s"


@pytest.fixture(scope="module")
def protected_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveMock]:
    mock = start_live_mock(tmp_path_factory.mktemp("load-mock"), token=new_token("LOAD"))
    yield mock
    stop_live_mock(mock)


@pytest.fixture(scope="module")
def library() -> ScoringLibrary:
    return ScoringLibrary()


def test_load_test_with_the_token_meets_its_slos_and_keeps_the_token_out_of_every_file(
    library: ScoringLibrary, protected_mock: LiveMock, tmp_path: Path
) -> None:
    result = library.run_load_test(
        protected_mock.url,
        "realtime_rest",
        users=2,
        spawn_rate=2,
        duration=RUN_SECONDS,
        token=Secret(protected_mock.token),
        csv_prefix=str(tmp_path / "rest"),
    )
    assert result["scenario"] == "realtime_rest"
    assert result["exit_code"] == 0
    assert result["requests"] >= 10
    assert result["failures"] == 0
    assert set(result["endpoints"]) == {"POST /api/v1/score"}
    assert result["p95_ms"] is not None
    assert result["history"]
    library.load_test_slo_should_be_met(result, p95_ms=2000, max_error_ratio=0, min_rps=1)
    reread = library.read_load_test_result(str(tmp_path / "rest"), "realtime_rest")
    assert (reread["requests"], reread["p95_ms"], reread["scenario"]) == (
        result["requests"],
        result["p95_ms"],
        "realtime_rest",
    )
    written = sorted(tmp_path.iterdir())
    assert {path.name for path in written} >= {"rest_stats.csv", "rest_stats_history.csv", "rest.locust.log"}
    for path in written:
        assert protected_mock.token not in path.read_text(errors="replace"), path
    stored = protected_mock.query("SELECT COUNT(*) FROM decisions WHERE transaction_id LIKE 'LD%'")[0][0]
    assert stored >= result["requests"]


def test_a_wrong_token_fails_every_request_and_the_slo_names_the_error_ratio(
    library: ScoringLibrary, protected_mock: LiveMock, tmp_path: Path
) -> None:
    result = library.run_load_test(
        protected_mock.url,
        "realtime_soap",
        users=2,
        spawn_rate=2,
        duration="1s",
        token=Secret(new_token("WRONG")),
        csv_prefix=str(tmp_path / "soap"),
    )
    assert result["exit_code"] == 1
    assert result["requests"] > 0
    assert result["failures"] == result["requests"]
    assert "SOAP Fault" in result["failure_details"][0]["error"]
    with pytest.raises(AssertionError) as failure:
        library.load_test_slo_should_be_met(result, p95_ms=5000, max_error_ratio=0.01, min_rps=10_000)
    message = str(failure.value)
    assert message.startswith(f"Load test realtime_soap (Aggregated, {result['requests']} requests) missed 2 SLOs: ")
    assert "error ratio 1 > SLO 0.01" in message
    assert "req/s < SLO 10000 req/s" in message
    assert "p95 latency" not in message


def test_bad_arguments_fail_before_locust_starts(library: ScoringLibrary, tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="Load test not started: scenario must be one of"):
        library.run_load_test("http://127.0.0.1:9", "ftp", csv_prefix=str(tmp_path / "x"))
    with pytest.raises(AssertionError, match="duration must be a time like 10s"):
        library.run_load_test("http://127.0.0.1:9", duration="soon", csv_prefix=str(tmp_path / "x"))
    with pytest.raises(AssertionError, match="No SLO given"):
        library.load_test_slo_should_be_met({"endpoints": {}, "requests": 1})
    assert not list(tmp_path.iterdir())
