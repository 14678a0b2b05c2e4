"""Load test keywords: headless Locust runs in separate processes, their results and their SLOs."""

from __future__ import annotations

import itertools
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from robot.api.types import Secret
from robot.libraries.BuiltIn import BuiltIn, RobotNotRunningError
from robot.utils import timestr_to_secs
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.secret_masking import REGISTRY

if TYPE_CHECKING:
    from ..core.locust_command import LoadPlan
    from ..core.locust_process import LocustRun

MAX_FAILURE_ROWS = 20
_RUN_NUMBERS = itertools.count(1)


def _seconds(value: str | float | int, what: str) -> float:
    try:
        return float(timestr_to_secs(value))
    except ValueError as error:
        raise ValueError(f"{what} must be a time like 10s or '1 minute', got '{value}': {error}") from None


class LoadKeywords(LibraryComponent):
    """Load tests with Locust, run as child processes (Locust's gevent patching never enters Robot)."""

    def _default_prefix(self, scenario: str, shape: str) -> Path:
        try:
            output_dir = BuiltIn().get_variable_value("${OUTPUT_DIR}")
        except RobotNotRunningError:
            output_dir = None
        folder = Path(output_dir) / "locust" if output_dir else Path(tempfile.mkdtemp(prefix="scoregate-locust-"))
        while True:
            prefix = folder / f"{scenario}-{shape}-{os.getpid()}-{next(_RUN_NUMBERS):03d}"
            if not Path(f"{prefix}_stats.csv").exists():
                return prefix

    def _plan(self, target_url: str, scenario: str, **options: Any) -> LoadPlan:
        from ..core.locust_command import build_plan

        csv_prefix = options.pop("csv_prefix")
        shape = str(options["shape"]).strip().lower()
        try:
            duration_s = _seconds(options.pop("duration"), "duration")
            prefix = Path(csv_prefix) if csv_prefix else self._default_prefix(scenario, shape)
            return build_plan(target_url, scenario, duration_s=duration_s, csv_prefix=prefix, **options)
        except ValueError as error:
            raise AssertionError(f"Load test not started: {error}") from None

    def _environment(self, plan: LoadPlan, token: Secret | None) -> dict[str, str]:
        from ..core.locust_command import child_environment

        value = None if token is None else token.value
        REGISTRY.register(value or "")
        return child_environment(os.environ, plan, value)

    def _finish(self, plan: LoadPlan, run: LocustRun) -> dict[str, Any]:
        from ..core.locust_results import LocustResultError, load_result

        try:
            result = load_result(plan.csv_prefix, {**plan.describe(), **run.describe()})
        except LocustResultError as error:
            raise AssertionError(f"Locust ran but its results could not be read: {error}") from None
        self._log_result(result, run)
        return result

    def _log_result(self, result: Mapping[str, Any], run: LocustRun | None = None) -> None:
        from ..core.locust_chart import load_history_svg
        from ..core.locust_results import SUMMARY_HEADERS, summary_rows

        details = [
            str(result.get("shape") or ""),
            f"{result['users']} users" if result.get("users") else "",
            f"{result['workers']} workers" if result.get("workers") else "",
        ]
        title = f"Load test {result.get('scenario', '')}: " + ", ".join(part for part in details if part)
        title = title.rstrip(": ")
        self.log_table(SUMMARY_HEADERS, summary_rows(result), title)
        failures = result["failure_details"]
        if failures:
            rows = [[item["endpoint"], item["error"], item["occurrences"]] for item in failures[:MAX_FAILURE_ROWS]]
            self.log_table(("endpoint", "error", "occurrences"), rows, f"Failures ({len(failures)} distinct)")
        self.log_html(load_history_svg(result["history"], title))
        files = [f"{result['csv_prefix']}_stats.csv", f"{result['csv_prefix']}_stats_history.csv"]
        if run is not None:
            files += [str(path) for path in run.log_paths]
        self.info("Locust output: " + ", ".join(files))

    def _run(self, plan: LoadPlan, token: Secret | None, timeout: str | None, workers: int = 0) -> dict[str, Any]:
        from ..core.locust_command import display
        from ..core.locust_process import LocustRunError, run_distributed, run_standalone

        env = self._environment(plan, token)
        try:
            limit = _seconds(timeout, "timeout") if timeout else None
            if workers:
                run = run_distributed(plan, env, sys.executable, workers, limit)
            else:
                run = run_standalone(plan, env, sys.executable, limit)
        except (LocustRunError, ValueError) as error:
            raise AssertionError(
                f"Load test {plan.scenario} against {plan.target_url} failed to run: {error}"
            ) from None
        for command in run.commands:
            self.info(f"Ran: {display(command)}")
        return self._finish(plan, run)

    @keyword("Run Load Test", tags=("Load",))
    def run_load_test(
        self,
        target_url: str,
        scenario: str = "realtime_rest",
        users: int = 10,
        spawn_rate: float = 10,
        duration: str = "10s",
        shape: str = "sustained",
        token: Secret | None = None,
        csv_prefix: str | None = None,
        pacing: float = 0.1,
        batch_size: int = 25,
        steps: int = 4,
        locustfile: str | None = None,
        timeout: str | None = None,
    ) -> dict:
        """Runs a headless Locust load test against ``target_url`` in a separate process and returns its result.

        | =Arguments= | =Description= |
        | ``target_url`` | Base URL of the scoring service, e.g. ``${BASE_URL}``. |
        | ``scenario`` | ``realtime_rest``, ``realtime_soap`` or ``batch`` (see below). |
        | ``users`` | Concurrent simulated users (the peak for ``spike`` and ``step``). |
        | ``spawn_rate`` | Users started per second while ramping up. |
        | ``duration`` | Run time, e.g. ``5s`` or ``2 minutes`` (whole seconds, rounded up). |
        | ``shape`` | ``sustained``, ``spike`` or ``step`` (see below). |
        | ``token`` | The bearer token as a ``Secret`` (``${API_TOKEN}``); an empty Secret sends none. |
        | ``csv_prefix`` | Where Locust writes ``PREFIX_stats.csv`` etc. (default under ``${OUTPUT_DIR}/locust/``). |
        | ``pacing`` | Seconds from the start of one request of a user to its next (0: back to back). |
        | ``batch_size`` | Records per batch submission (scenario ``batch``). |
        | ``steps`` | Steps of the ``step`` shape. |
        | ``locustfile`` | Your own locustfile instead of the scenario's. |
        | ``timeout`` | Kill Locust after this long (default: the duration plus 60 s). |

        Scenarios: ``realtime_rest`` posts new synthetic applicants to ``/api/v1/score``; ``realtime_soap``
        sends ScoreApplicant envelopes; ``batch`` submits batches, polls them to COMPLETED and reads the first
        results page (the cycle is the ``BATCH submit to COMPLETED`` endpoint) while realtime REST users
        (weights 1:3) keep scoring. A response is a failure unless it is a valid decision.

        Shapes: ``sustained`` ramps up to ``users`` and holds; ``spike`` runs a fifth of the users, all of them
        in the middle third of the run, then a fifth again; ``step`` climbs in ``steps`` equal steps to ``users``.
        A locustfile of your own needs ``from scoregate_locust import ScoreGateShape`` for shapes to apply.

        The token reaches Locust through the environment variable ``SCORING_API_TOKEN``, never the command
        line, and is masked in the log. Without ``token`` (``${NONE}`` or empty), Locust gets this process's
        own ``SCORING_API_TOKEN`` environment variable when it is set.

        The command is ``python -m locust -f <locustfile> --headless -u -r -t --csv PREFIX --csv-full-history
        --only-summary``. The result is a dictionary: ``requests``, ``failures``, ``error_ratio``, ``rps``,
        ``p50_ms``, ``p95_ms``, ``p99_ms``, ``max_ms``, ``avg_ms`` over all requests, the same per endpoint
        under ``endpoints`` (keys like ``POST /api/v1/score``), ``history`` (one point a second),
        ``failure_details``, and the run's settings. The log shows a table per endpoint and a chart of p50/p95
        latency, throughput and users over time. Percentiles are Locust's (approximated above 100 ms).

        Failed requests do not fail this keyword: check them with `Load Test SLO Should Be Met`. It fails when
        Locust cannot run (bad arguments, a crash, the timeout, no CSV).

        Example:
        | ${result} = | Run Load Test | ${BASE_URL} | realtime_rest | users=5 | duration=5s | token=${API_TOKEN} |
        | Load Test SLO Should Be Met | ${result} | p95_ms=200 | p99_ms=400 | max_error_ratio=0.01 | min_rps=20 |
        | ${spike} = | Run Load Test | ${BASE_URL} | realtime_soap | users=10 | shape=spike | token=${API_TOKEN} |
        """
        plan = self._plan(
            target_url,
            scenario,
            users=users,
            spawn_rate=spawn_rate,
            duration=duration,
            shape=shape,
            csv_prefix=csv_prefix,
            pacing_s=pacing,
            batch_size=batch_size,
            steps=steps,
            locustfile=locustfile,
        )
        return self._run(plan, token, timeout)

    @keyword("Run Distributed Load Test", tags=("Load",))
    def run_distributed_load_test(
        self,
        target_url: str,
        scenario: str = "realtime_rest",
        users: int = 10,
        spawn_rate: float = 10,
        duration: str = "10s",
        shape: str = "sustained",
        token: Secret | None = None,
        csv_prefix: str | None = None,
        workers: int = 2,
        pacing: float = 0.1,
        batch_size: int = 25,
        steps: int = 4,
        locustfile: str | None = None,
        timeout: str | None = None,
    ) -> dict:
        """Runs the load test with a Locust master and ``workers`` worker processes on this host.

        Arguments and result as in `Run Load Test`, plus ``workers`` (1 to 64). The master
        (``--master --expect-workers N``) binds 127.0.0.1 on a free port and starts once every worker
        (``--worker --master-host 127.0.0.1``) has connected; users are spread over the workers and the
        master writes the merged CSV. The result adds ``workers`` and ``workers_connected`` (read from the
        master's log). Fails when fewer workers connect than asked. For workers on several hosts, see
        docs/scaling.md, then read the master's CSV with `Read Load Test Result`.

        Example:
        | ${result} = | Run Distributed Load Test | ${BASE_URL} | users=8 | workers=2 | token=${API_TOKEN} |
        | Should Be Equal As Integers | ${result}[workers_connected] | 2 |
        """
        plan = self._plan(
            target_url,
            scenario,
            users=users,
            spawn_rate=spawn_rate,
            duration=duration,
            shape=shape,
            csv_prefix=csv_prefix,
            pacing_s=pacing,
            batch_size=batch_size,
            steps=steps,
            locustfile=locustfile,
        )
        return self._run(plan, token, timeout, workers=workers)

    @keyword("Read Load Test Result", tags=("Load",))
    def read_load_test_result(self, csv_prefix: str, scenario: str = "load test") -> dict:
        """Reads the CSV files of a Locust run made elsewhere (``--csv PREFIX --csv-full-history``) as a result.

        Use it for a run on several hosts: copy the master's ``PREFIX_*.csv`` files here and check them with
        `Load Test SLO Should Be Met`. The result has the keys described in `Run Load Test`; it is logged the
        same way.

        Example:
        | ${result} = | Read Load Test Result | ${CURDIR}/results/soak | scenario=realtime_rest |
        | Load Test SLO Should Be Met | ${result} | p95_ms=200 |
        """
        from ..core.locust_results import LocustResultError, load_result

        try:
            result = load_result(csv_prefix, {"scenario": scenario})
        except LocustResultError as error:
            raise AssertionError(str(error)) from None
        self._log_result(result)
        return result

    @keyword("Load Test SLO Should Be Met", tags=("Load", "Assertion"))
    def load_test_slo_should_be_met(
        self,
        result: dict,
        p95_ms: float | None = None,
        p99_ms: float | None = None,
        max_error_ratio: float | None = None,
        min_rps: float | None = None,
        max_ms: float | None = None,
        endpoint: str | None = None,
    ) -> None:
        """Fails naming every service-level objective the load test missed, with the measured value and the limit.

        | =Arguments= | =Description= |
        | ``result`` | The dictionary of `Run Load Test`, `Run Distributed Load Test` or `Read Load Test Result`. |
        | ``p95_ms``, ``p99_ms`` | Highest allowed 95th / 99th percentile latency in milliseconds. |
        | ``max_error_ratio`` | Highest allowed share of failed requests (``0.01`` = 1 %). |
        | ``min_rps`` | Lowest allowed throughput in requests per second over the run. |
        | ``max_ms`` | Highest allowed single response time in milliseconds. |
        | ``endpoint`` | Check one endpoint (``POST /api/v1/score``) instead of all requests together. |

        Objectives left at ``${NONE}`` are not checked; a value equal to its limit passes. A run without
        requests fails. The failure reads like
        ``Load test realtime_rest (Aggregated, 212 requests) missed 2 SLOs: p95 latency 812 ms > SLO 200 ms;
        error ratio 0.031 > SLO 0.01``.

        Example:
        | Load Test SLO Should Be Met | ${result} | p95_ms=${LOAD_P95_MS} | max_error_ratio=0.01 | min_rps=20 |
        | Load Test SLO Should Be Met | ${result} | p95_ms=500 | endpoint=POST /api/v1/batch-scoring |
        """
        from ..core.locust_slo import build_slos, failure_message, select_figures, slo_breaches

        try:
            slos = build_slos(p95_ms, p99_ms, max_error_ratio, min_rps, max_ms)
            scope, figures = select_figures(result, endpoint)
        except (TypeError, KeyError, ValueError) as error:
            raise AssertionError(str(error).strip("'\"")) from None
        if not slos:
            self.fail("No SLO given: set at least one of p95_ms, p99_ms, max_error_ratio, min_rps, max_ms")
        rows = [
            [
                slo.label,
                f"{'<=' if slo.ceiling else '>='} {slo.limit:g}{slo.unit}",
                figures.get(slo.key),
                "missed" if slo.breach(figures) else "met",
            ]
            for slo in slos
        ]
        self.log_table(("objective", "limit", "measured", "status"), rows, f"SLOs of {scope}")
        breaches = slo_breaches(figures, slos)
        if breaches:
            self.fail(failure_message(result, scope, figures, breaches))
