"""Concurrency keywords: many scoring requests at once, and checks of what came back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from robot.api.types import Secret
from robot.libraries.BuiltIn import BuiltIn
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.latency import nearest_rank
from ..core.parallel_requests import (
    DEFAULT_THREADS,
    DEFAULT_TIMEOUT_SECONDS,
    body_differences,
    echo_problems,
    header_value,
    join_url,
    post_json_in_parallel,
    status_counts,
    stored_response_problems,
    summarize_result,
    unexpected_results,
)
from ..core.secret_masking import REGISTRY
from .session import JSON_HEADERS, bearer_headers

SCORE_PATH = "/api/v1/score"
MAX_SHOWN = 5


class ConcurrencyKeywords(LibraryComponent):
    def _target(self, base_url: str | None, session: str | None, token: Secret | None) -> tuple[str, dict[str, str]]:
        """The base URL and request headers, from a RequestsLibrary session alias or from ``base_url`` + ``token``."""
        if session:
            requests_library = BuiltIn().get_library_instance("RequestsLibrary")
            try:
                opened = requests_library._cache.get_connection(session)
            except RuntimeError as error:
                self.fail(f"No RequestsLibrary session '{session}' to take the target from: {error}")
            headers = {str(name): str(value) for name, value in opened.headers.items()}
            return base_url or opened.url, headers
        if not base_url:
            self.fail("Give the target as base_url (with token=) or as session=<RequestsLibrary alias>")
        REGISTRY.register("" if token is None else token.value)
        return base_url, {**JSON_HEADERS, **bearer_headers(token)}

    def _send(
        self,
        url: str,
        payloads: Sequence[Any],
        headers: Mapping[str, str],
        threads: int,
        timeout: float,
    ) -> list[dict[str, Any]]:
        try:
            results = post_json_in_parallel(url, list(payloads), threads=threads, headers=headers, timeout=timeout)
        except ValueError as error:
            self.fail(str(error))
        dicts = [result.to_dict() for result in results]
        self._log_run(url, dicts, threads)
        return dicts

    def _log_run(self, url: str, results: list[dict[str, Any]], threads: int) -> None:
        latencies = sorted(result["latencyMs"] for result in results)
        counts = ", ".join(f"{status}: {count}" for status, count in status_counts(results).items())
        items: list[tuple[str, Any]] = [("URL", url), ("requests", len(results)), ("threads", threads)]
        items.append(("statuses", counts or "none"))
        if latencies:
            items.append(
                ("latency p50 / p95 / max (ms)", " / ".join(f"{nearest_rank(latencies, p):.1f}" for p in (50, 95, 100)))
            )
        self.log_summary(items, "Parallel POST requests")

    @keyword("Score Applicants In Parallel", tags=("Concurrency",))
    def score_applicants_in_parallel(
        self,
        applicants: Sequence[Mapping[str, Any]],
        base_url: str | None = None,
        threads: int = DEFAULT_THREADS,
        token: Secret | None = None,
        session: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        path: str = SCORE_PATH,
    ) -> list[dict[str, Any]]:
        """POSTs every applicant to the realtime scoring endpoint from ``threads`` threads at once.

        Returns one result per applicant, in the order of ``applicants``: a dictionary with ``index``,
        ``url``, ``status`` (None when the request failed without an answer), ``text`` (the body as
        received), ``body`` (parsed JSON or None), ``headers``, ``latencyMs`` and ``error`` (a timeout
        or connection failure naming the URL, else None). Failing statuses do not fail the keyword:
        assert them with `Parallel Results Should All Have Status` or `Parallel Status Counts Should Be`.

        | =Arguments= | =Description= |
        | ``applicants`` | List of request bodies. |
        | ``base_url`` | The target, e.g. ``${BASE_URL}``; not needed with ``session``. |
        | ``threads`` | Threads (1..64), each with its own HTTP session; the first ``threads`` start together. |
        | ``token`` | Bearer token as a Robot ``Secret`` (never logged); ignored with ``session``. |
        | ``session`` | A RequestsLibrary session alias to take the base URL and headers (token included) from. |
        | ``timeout`` | Seconds to wait for each answer. |
        | ``path`` | The endpoint path (default ``/api/v1/score``). |

        Example:
        | ${results} = | Score Applicants In Parallel | ${applicants} | session=scoring | threads=8 |
        | ${results} = | Score Applicants In Parallel | ${applicants} | ${BASE_URL} | token=${API_TOKEN} |
        """
        url, headers = self._target(base_url, session, token)
        return self._send(join_url(url, path), applicants, headers, threads, timeout)

    @keyword("Post JSON In Parallel", tags=("Concurrency",))
    def post_json_in_parallel(
        self,
        path: str,
        payloads: Sequence[Any],
        base_url: str | None = None,
        threads: int = DEFAULT_THREADS,
        token: Secret | None = None,
        session: str | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> list[dict[str, Any]]:
        """POSTs every payload as JSON to ``path`` from ``threads`` threads at once.

        Arguments and results are those of `Score Applicants In Parallel`.

        Example:
        | ${results} = | Post JSON In Parallel | /api/v1/batch-scoring | ${batches} | session=scoring | threads=4 |
        """
        url, headers = self._target(base_url, session, token)
        return self._send(join_url(url, path), payloads, headers, threads, timeout)

    @keyword("Parallel Results Should All Have Status", tags=("Concurrency", "Assertion"))
    def parallel_results_should_all_have_status(self, results: Sequence[Mapping[str, Any]], status: int = 200) -> None:
        """Fails unless every result of a parallel run has HTTP ``status``; names the first offenders.

        The failure reads like
        ``3 of 200 parallel requests did not answer 200 (statuses 200: 197, 500: 3): #4 500: {"error": ...}; ...``.

        Example:
        | Parallel Results Should All Have Status | ${results} | 200 |
        """
        if not results:
            self.fail(f"No parallel results to check (expected every request to answer {status})")
        wrong = unexpected_results(results, status)
        if not wrong:
            self.info(f"All {len(results)} parallel requests answered {status}")
            return
        self.log_table(
            ("index", "status", "error", "body"),
            ([r.get("index"), r.get("status"), r.get("error"), str(r.get("text", ""))[:200]] for r in wrong),
            f"Requests that did not answer {status}",
        )
        counts = ", ".join(f"{key}: {value}" for key, value in status_counts(results).items())
        shown = "; ".join(summarize_result(result) for result in wrong[:MAX_SHOWN])
        more = f"; and {len(wrong) - MAX_SHOWN} more" if len(wrong) > MAX_SHOWN else ""
        self.fail(
            f"{len(wrong)} of {len(results)} parallel requests did not answer {status} "
            f"(statuses {counts}): {shown}{more}"
        )

    @keyword("Parallel Result Bodies", tags=("Concurrency",))
    def parallel_result_bodies(self, results: Sequence[Mapping[str, Any]]) -> list:
        """Returns the parsed JSON body of every result, in order (None for a result without a JSON body).

        Example:
        | Parallel Results Should All Have Status | ${results} | 200 |
        | ${bodies} = | Parallel Result Bodies | ${results} |
        """
        return [result.get("body") for result in results]

    @keyword("Count Parallel Results By Status", tags=("Concurrency",))
    def count_parallel_results_by_status(self, results: Sequence[Mapping[str, Any]]) -> dict[str, int]:
        """Returns how many results had each status: ``{"200": 1, "409": 15}`` (``"error"`` for no answer).

        Example:
        | ${counts} = | Count Parallel Results By Status | ${results} |
        | Should Be Equal As Integers | ${counts}[200] | 1 |
        """
        return status_counts(results)

    @keyword("Parallel Status Counts Should Be", tags=("Concurrency", "Assertion"))
    def parallel_status_counts_should_be(self, results: Sequence[Mapping[str, Any]], **expected: int) -> None:
        """Fails unless the results have exactly the given number of each status (and no other status).

        Name each status with its count: ``200=1    409=15``; ``error=`` counts requests without an answer.

        Example:
        | Parallel Status Counts Should Be | ${results} | 200=1 | 409=15 |
        """
        wanted = {str(status): int(count) for status, count in expected.items() if int(count)}
        actual = status_counts(results)
        if actual == dict(sorted(wanted.items())):
            self.info(f"Parallel statuses as expected: {actual}")
            return
        self.fail(f"Parallel statuses differ: expected {dict(sorted(wanted.items()))}, got {actual}")

    def _fail_with(self, problems: list[str], summary: str) -> None:
        shown = "; ".join(problems[:MAX_SHOWN])
        more = f"; and {len(problems) - MAX_SHOWN} more" if len(problems) > MAX_SHOWN else ""
        self.fail(f"{summary}: {shown}{more}")

    @keyword("Parallel Results Should Have Identical Bodies", tags=("Concurrency", "Assertion"))
    def parallel_results_should_have_identical_bodies(self, results: Sequence[Mapping[str, Any]]) -> None:
        """Fails unless every result's body is byte for byte the first result's body; names the fields that differ.

        Replays of one transaction must return the stored response unchanged: a new ``correlationId``
        or ``scoredAt`` means the request was scored again.

        Example:
        | Parallel Results Should Have Identical Bodies | ${replays} |
        """
        if not results:
            self.fail("No parallel results to compare")
        problems = body_differences(results)
        if problems:
            self._fail_with(problems, f"{len(problems)} of {len(results)} bodies differ from the first")
        self.info(f"All {len(results)} bodies are identical")

    @keyword("Parallel Results Should Answer Their Requests", tags=("Concurrency", "Assertion"))
    def parallel_results_should_answer_their_requests(
        self,
        results: Sequence[Mapping[str, Any]],
        payloads: Sequence[Mapping[str, Any]],
        fields: str | Sequence[str] = "transactionId,applicantId",
    ) -> None:
        """Fails unless each result's body carries the ``fields`` of the request sent at the same position.

        Catches answers that were lost, swapped between concurrent requests or given to the wrong caller.

        Example:
        | Parallel Results Should Answer Their Requests | ${results} | ${applicants} |
        """
        problems = echo_problems(results, payloads, self.split_list(fields))
        if problems:
            self._fail_with(problems, f"{len(problems)} answers do not match their requests")
        self.info(f"All {len(results)} answers carry their own request's {', '.join(self.split_list(fields))}")

    @keyword("Count Parallel Results With Header", tags=("Concurrency",))
    def count_parallel_results_with_header(
        self, results: Sequence[Mapping[str, Any]], name: str, value: str | None = None
    ) -> int:
        """Returns how many results carry response header ``name`` (with ``value``, compared case-insensitively).

        Example:
        | ${replays} = | Count Parallel Results With Header | ${results} | Idempotent-Replay | true |
        """
        found = [header_value(result, name) for result in results]
        if value is None:
            return sum(item is not None for item in found)
        return sum(item is not None and item.lower() == str(value).lower() for item in found)

    @keyword("Stored Responses Should Match Parallel Results", tags=("Concurrency", "Assertion"))
    def stored_responses_should_match_parallel_results(
        self, stored: Mapping[str, str], results: Sequence[Mapping[str, Any]], key: str = "transactionId"
    ) -> None:
        """Fails unless each answer was stored exactly as it was given, and nothing else was stored.

        | =Arguments= | =Description= |
        | ``stored`` | ``{transactionId: stored response text}``, e.g. from the decisions table. |
        | ``results`` | The results of `Score Applicants In Parallel`. |
        | ``key`` | The body field that names a stored response. |

        A stored response that differs from the answer (another ``correlationId``, a new ``scoredAt``)
        means the transaction was scored again after the caller got its answer.

        Example:
        | ${stored} = | Evaluate | {row['transaction_id']: row['response_json'] for row in $rows} |
        | Stored Responses Should Match Parallel Results | ${stored} | ${results} |
        """
        problems = stored_response_problems(stored, results, key)
        if problems:
            self._fail_with(problems, f"{len(problems)} of {len(results)} answers and stored responses disagree")
        self.info(f"All {len(results)} answers are stored exactly as given")
