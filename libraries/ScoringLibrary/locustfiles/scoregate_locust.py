"""What every ScoreGate locustfile shares: options, the bearer token, the load shape and exact CSV totals.

Options (command line, or the environment variable in brackets, which `Run Load Test` sets):

| option | default | meaning |
|---|---|---|
| ``--load-shape`` (``SCOREGATE_LOAD_SHAPE``) | ``sustained`` | ``sustained``, ``spike`` or ``step`` |
| ``--pacing`` (``SCOREGATE_PACING``) | ``0.1`` | seconds from the start of one request of a user to its next |
| ``--batch-size`` (``SCOREGATE_BATCH_SIZE``) | ``25`` | records per batch submission |
| ``--batch-pacing`` (``SCOREGATE_BATCH_PACING``) | ``1.0`` | seconds between the batch submissions of one user |
| ``--step-count`` (``SCOREGATE_STEP_COUNT``) | ``4`` | steps of the ``step`` shape |

The bearer token comes from the environment variable ``SCORING_API_TOKEN`` only (never an option, so it is
never on a command line or in Locust's web UI).
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from pathlib import Path
from typing import Any

CORE_DIR = Path(__file__).resolve().parents[1] / "core"
if str(CORE_DIR) not in sys.path:
    sys.path.insert(0, str(CORE_DIR))

import locust_payloads  # noqa: E402
import locust_shapes  # noqa: E402
from locust import HttpUser, LoadTestShape, constant_pacing, events  # noqa: E402
from locust import stats as locust_stats  # noqa: E402

TOKEN_ENV = "SCORING_API_TOKEN"  # noqa: S105 - the name of the variable, not a token
RUN_TAG = locust_payloads.new_run_tag()
_SEQUENCE = itertools.count()


def next_index() -> int:
    """The next request number of this process (transactionIds are ``LD<run tag>-<number>``)."""
    return next(_SEQUENCE)


def reserve_indexes(count: int) -> int:
    """Reserve ``count`` consecutive request numbers; returns the first."""
    first = next(_SEQUENCE)
    for _ in range(count - 1):
        next(_SEQUENCE)
    return first


@events.init_command_line_parser.add_listener
def add_scoregate_options(parser: Any) -> None:
    parser.add_argument(
        "--load-shape",
        choices=locust_shapes.SHAPES,
        default="sustained",
        env_var="SCOREGATE_LOAD_SHAPE",
        help="users over time: sustained, spike or step (over -u, -r and -t)",
    )
    parser.add_argument(
        "--pacing", type=float, default=0.1, env_var="SCOREGATE_PACING", help="seconds between a user's requests"
    )
    parser.add_argument(
        "--batch-size", type=int, default=25, env_var="SCOREGATE_BATCH_SIZE", help="records per batch submission"
    )
    parser.add_argument(
        "--batch-pacing",
        type=float,
        default=1.0,
        env_var="SCOREGATE_BATCH_PACING",
        help="seconds between a user's batch submissions",
    )
    parser.add_argument(
        "--step-count",
        type=int,
        default=locust_shapes.DEFAULT_STEPS,
        env_var="SCOREGATE_STEP_COUNT",
        help="steps of the step shape",
    )


class ScoringUser(HttpUser):
    """A caller of the scoring platform: sends the bearer token of SCORING_API_TOKEN and paces its requests."""

    abstract = True
    pacing_option = "pacing"

    def on_start(self) -> None:
        token = os.environ.get(TOKEN_ENV, "")
        if token:
            self.client.headers["Authorization"] = f"Bearer {token}"

    def wait_time(self) -> float:
        pacing = float(getattr(self.environment.parsed_options, self.pacing_option, 0.1) or 0.0)
        return constant_pacing(pacing)(self)


class ScoreGateShape(LoadTestShape):
    """The shape named by ``--load-shape`` over the users (``-u``), spawn rate (``-r``) and run time (``-t``)."""

    use_common_options = True

    def tick(self) -> tuple[int, float] | None:
        options = self.runner.environment.parsed_options
        return locust_shapes.target_load(
            options.load_shape,
            self.get_run_time(),
            options.num_users,
            options.spawn_rate,
            options.run_time,
            options.step_count,
        )


class FinalFiguresCSVWriter(locust_stats.StatsCSVFileWriter):
    """Locust's CSV writer, plus the final figures when the files are closed.

    Locust rewrites ``PREFIX_stats.csv`` once a second, so the last second of a run would be missing from
    it; this writer writes the totals (and one last history point) once more at the end of the run.
    """

    def close_files(self) -> None:
        self._rewrite(
            self.requests_csv_filehandle, self.requests_csv_writer, self.requests_csv_columns, self._requests_data_rows
        )
        self._rewrite(
            self.failures_csv_filehandle, self.failures_csv_writer, self.failures_columns, self._failures_data_rows
        )
        self._rewrite(
            self.exceptions_csv_filehandle,
            self.exceptions_csv_writer,
            self.exceptions_columns,
            self._exceptions_data_rows,
        )
        if not self.stats_history_csv_filehandle.closed and self.stats_history_csv_filehandle.tell() > 0:
            self._stats_history_data_rows(self.stats_history_csv_writer, time.time())
        super().close_files()

    @staticmethod
    def _rewrite(handle: Any, writer: Any, columns: list[str], rows: Any) -> None:
        if handle.closed:
            return
        handle.seek(0)
        writer.writerow(columns)
        rows(writer)
        handle.truncate()


locust_stats.StatsCSVFileWriter = FinalFiguresCSVWriter
