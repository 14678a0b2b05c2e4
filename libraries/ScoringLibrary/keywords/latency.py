"""Latency keywords: collecting response times and checking percentiles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from robot.libraries.BuiltIn import BuiltIn
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.http_checks import status_problem
from ..core.latency import LatencyCollection, calls_allowed_over, elapsed_ms, parse_percentile

SEND_AS = ("json", "data", "path")


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

    @keyword("Record Latencies Of Parallel Results", tags=("Latency",))
    def record_latencies_of_parallel_results(self, results: Sequence[Mapping[str, Any]], name: str = "default") -> None:
        """Starts (or empties) the collection ``name`` and adds the ``latencyMs`` of every parallel result to it.

        ``results`` come from `Score Applicants In Parallel` or `Post JSON In Parallel`.

        Example:
        | ${results} = | Score Applicants In Parallel | ${applicants} | session=scoring | threads=8 |
        | Record Latencies Of Parallel Results | ${results} | parallel |
        """
        collection = LatencyCollection(name)
        for result in results:
            try:
                collection.record(result["latencyMs"])
            except (KeyError, TypeError, ValueError) as error:
                self.fail(f"Parallel result {result.get('index')}: no latency to record: {error}")
        self.library.latencies[name] = collection

    @keyword("Record Latencies Of Session Requests", tags=("Latency",))
    def record_latencies_of_session_requests(
        self,
        name: str,
        method: str,
        path: str,
        items: list,
        send_as: str = "json",
        limit_ms: float | None = None,
        percentile: str = "p95",
        session: str = "scoring",
        headers: dict | None = None,
        status: int = 200,
    ) -> int:
        """Sends one request per item on a RequestsLibrary session, one after the other, and records each latency.

        | =Arguments= | =Description= |
        | ``name`` | The latency collection; started (emptied) first. |
        | ``method`` | ``GET``, ``POST``, ... |
        | ``path`` | The path (or URL) on the session. |
        | ``items`` | One item per request. |
        | ``send_as`` | ``json`` (the item is the JSON body), ``data`` (body text) or ``path`` (``path/item``). |
        | ``limit_ms`` | With a limit, the burst stops early once more calls exceeded it than ``percentile`` allows. |
        | ``percentile`` | The percentile the limit applies to (``p95``). |
        | ``session`` | The RequestsLibrary session alias (its token, timeout and logging apply). |
        | ``headers`` | Extra request headers. |
        | ``status`` | The HTTP status every answer must have. |

        Each request is sent with ``<method> On Session``; each answer must have ``status`` (the failure names
        the request and shows the start of the body, like `HTTP Status Should Be`), and its ``elapsed`` time
        (sending until the response headers arrived) is recorded as by `Record Response Latency`. A burst that
        stops early logs a warning; the percentile check that follows then fails. Returns the number of
        latencies recorded.

        Example:
        | Record Latencies Of Session Requests | rest | POST | /api/v1/score | ${applicants} | limit_ms=100 |
        | Record Latencies Of Session Requests | lookup | GET | /api/v1/decisions | ${ids} | send_as=path |
        """
        mode = send_as.lower()
        if mode not in SEND_AS:
            self.fail(f"send_as must be one of {', '.join(SEND_AS)}, got '{send_as}'")
        send = getattr(BuiltIn().get_library_instance("RequestsLibrary"), f"{method.lower()}_on_session", None)
        if send is None:
            self.fail(f"RequestsLibrary has no '{method.upper()} On Session'")
        wanted = parse_percentile(percentile)
        allowed = calls_allowed_over(len(items), wanted)
        collection = self.library.latencies[name] = LatencyCollection(name)
        over = 0
        for item in items:
            arguments, options = self._request(path, item, mode, headers)
            response = send(session, *arguments, expected_status="any", **options)
            problem = status_problem(response, status)
            if problem:
                self.fail(problem)
            elapsed = elapsed_ms(response)
            collection.record(elapsed)
            if limit_ms is not None and elapsed > limit_ms:
                over += 1
                if over > allowed:
                    self.warn(
                        f"{over} of {len(items)} calls exceeded {limit_ms:g} ms: the p{wanted:g} cannot meet it; "
                        "burst stopped."
                    )
                    break
        return len(collection.values)

    @staticmethod
    def _request(path: str, item: Any, mode: str, headers: dict | None) -> tuple[tuple[str], dict[str, Any]]:
        """The URL argument and keyword arguments of one ``<method> On Session`` call."""
        options: dict[str, Any] = {"headers": headers} if headers else {}
        if mode == "path":
            return (f"{path.rstrip('/')}/{item}",), options
        if mode == "data":
            options["data"] = item.encode("utf-8") if isinstance(item, str) else item
        else:
            options["json"] = item
        return (path,), options
