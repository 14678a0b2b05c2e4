"""Latency keywords: collecting response times and checking percentiles."""

from __future__ import annotations

from typing import Any

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.latency import LatencyCollection, elapsed_ms


class LatencyKeywords(LibraryComponent):
    def _collection(self, name: str) -> LatencyCollection:
        collections = self.library.latencies
        if name not in collections:
            collections[name] = LatencyCollection(name)
        return collections[name]

    @keyword("Start Latency Collection", tags=("Latency",))
    def start_latency_collection(self, name: str = "default") -> None:
        """Starts (or empties) the latency collection ``name``.

        Example:
        | Start Latency Collection | realtime |
        """
        self.library.latencies[name] = LatencyCollection(name)

    @keyword("Record Latency", tags=("Latency",))
    def record_latency(self, milliseconds: float, name: str = "default") -> None:
        """Adds one latency in milliseconds to the collection (started on first use).

        Example:
        | Record Latency | 123.4 | realtime |
        """
        try:
            self._collection(name).record(milliseconds)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Record Response Latency", tags=("Latency",))
    def record_response_latency(self, response: Any, name: str = "default") -> float:
        """Adds the ``elapsed`` time of a ``requests`` response to the collection and returns it in milliseconds.

        ``elapsed`` runs from sending the request until the response headers arrived.

        Example:
        | ${response} = | POST On Session | mock | /api/v1/score | json=${applicant} |
        | Record Response Latency | ${response} | realtime |
        """
        try:
            value = elapsed_ms(response)
            self._collection(name).record(value)
        except (TypeError, ValueError) as error:
            self.fail(str(error))
        return value

    @keyword("Latency Statistics", tags=("Latency",))
    def latency_statistics(self, name: str = "default") -> dict:
        """Returns ``count``, ``min``, ``p50``, ``p95``, ``p99``, ``max`` and ``mean`` in milliseconds and logs them.

        Percentiles use the nearest-rank method: the value at rank ``ceil(p / 100 * n)`` of the
        sorted latencies, always a latency that was measured (no interpolation).

        Example:
        | ${stats} = | Latency Statistics | realtime |
        | Should Be True | ${stats}[p99] < 400 |
        """
        try:
            stats = self._collection(name).statistics()
        except ValueError as error:
            self.fail(str(error))
        self.log_table(
            list(stats), [[f"{v:.1f}" if isinstance(v, float) else v for v in stats.values()]], f"Latency '{name}' (ms)"
        )
        return stats

    @keyword("Latency Percentile Should Be Below", tags=("Latency", "Assertion"))
    def latency_percentile_should_be_below(self, percentile: str, limit_ms: float, name: str = "default") -> None:
        """Fails when the percentile (nearest rank) of the collection exceeds ``limit_ms``.

        | =Arguments= | =Description= |
        | ``percentile`` | ``p95``, ``95`` or ``99.9``. |
        | ``limit_ms`` | The limit in milliseconds; a percentile equal to it passes. |
        | ``name`` | The collection. |

        The failure reads like
        ``p95 latency 812.0 ms exceeds the limit 500 ms over 50 requests (collection 'default')``.

        Example:
        | Latency Percentile Should Be Below | p95 | 200 | realtime |
        | Latency Percentile Should Be Below | p99 | 400 | realtime |
        """
        collection = self._collection(name)
        try:
            problem = collection.limit_problem(percentile, limit_ms)
        except ValueError as error:
            self.fail(str(error))
        if collection.values:
            stats = collection.statistics()
            self.log_table(
                list(stats),
                [[f"{v:.1f}" if isinstance(v, float) else v for v in stats.values()]],
                f"Latency '{name}' (ms)",
            )
        if problem:
            self.fail(problem)
