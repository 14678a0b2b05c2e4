"""Send many JSON requests at once: a thread pool with one ``requests.Session`` per thread.

``post_json_in_parallel`` returns one ``ParallelResult`` per payload, in payload order, whatever the order in
which the answers arrived. Transport failures (timeouts, dropped connections) are results with ``status``
None and ``error`` set, never exceptions, so a caller sees every outcome of a concurrent run at once.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import requests

DEFAULT_THREADS = 8
DEFAULT_TIMEOUT_SECONDS = 10.0
MAX_THREADS = 64
START_BARRIER_TIMEOUT_SECONDS = 10.0

SessionFactory = Callable[[], requests.Session]


@dataclass(frozen=True)
class ParallelResult:
    """The outcome of one request: status (None on a transport error), body, headers and latency."""

    index: int
    url: str
    status: int | None
    text: str
    body: Any
    headers: Mapping[str, str] = field(default_factory=dict)
    latency_ms: float = 0.0
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The result as a plain dictionary (the shape the Robot keywords return)."""
        return {
            "index": self.index,
            "url": self.url,
            "status": self.status,
            "text": self.text,
            "body": self.body,
            "headers": dict(self.headers),
            "latencyMs": self.latency_ms,
            "error": self.error,
        }


def join_url(base_url: str, path: str) -> str:
    """``base_url`` and ``path`` joined with exactly one slash."""
    if not path:
        return base_url
    return f"{base_url.rstrip('/')}/{path.lstrip('/')}"


def parse_json(text: str) -> Any:
    """The JSON value of ``text``, or None when it is not JSON."""
    try:
        return json.loads(text)
    except ValueError:
        return None


def describe_error(exc: requests.RequestException, url: str, timeout: float) -> str:
    """A one-line account of a transport failure that names the URL (and the limit for timeouts)."""
    if isinstance(exc, requests.Timeout):
        return f"timeout: no answer from POST {url} within {timeout:g} s"
    if isinstance(exc, requests.ConnectionError):
        return f"connection error on POST {url}: {type(exc).__name__}: {exc}"
    return f"request error on POST {url}: {type(exc).__name__}: {exc}"


class _Worker:
    """Per-thread sessions and the optional start barrier shared by the first requests."""

    def __init__(self, session_factory: SessionFactory, headers: Mapping[str, str], parties: int) -> None:
        self._factory = session_factory
        self._headers = dict(headers)
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()
        self._barrier = threading.Barrier(parties) if parties > 1 else None
        self._parties = parties

    def session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = self._factory()
            session.headers.update(self._headers)
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def wait_for_start(self, index: int) -> None:
        """Hold the first ``parties`` requests until all of them are ready, so they reach the target together."""
        if self._barrier is None or index >= self._parties:
            return
        try:
            self._barrier.wait(START_BARRIER_TIMEOUT_SECONDS)
        except threading.BrokenBarrierError:
            return

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()


def _post(worker: _Worker, index: int, url: str, payload: Any, timeout: float) -> ParallelResult:
    session = worker.session()
    worker.wait_for_start(index)
    started = time.perf_counter()
    try:
        response = session.post(url, json=payload, timeout=timeout)
        text = response.text
    except requests.RequestException as exc:
        elapsed = (time.perf_counter() - started) * 1000
        return ParallelResult(index, url, None, "", None, {}, round(elapsed, 3), describe_error(exc, url, timeout))
    elapsed = (time.perf_counter() - started) * 1000
    return ParallelResult(
        index, url, response.status_code, text, parse_json(text), dict(response.headers), round(elapsed, 3)
    )


def post_json_in_parallel(
    url: str,
    payloads: Sequence[Any],
    threads: int = DEFAULT_THREADS,
    headers: Mapping[str, str] | None = None,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    session_factory: SessionFactory = requests.Session,
    start_together: bool = True,
) -> list[ParallelResult]:
    """POST each payload as JSON to ``url`` from ``threads`` threads; the results in payload order.

    Each thread has its own session (its own connection). With ``start_together`` the first ``threads``
    requests wait for each other before sending, so they hit the target at the same moment.
    """
    if not 1 <= threads <= MAX_THREADS:
        raise ValueError(f"threads must be between 1 and {MAX_THREADS}, got {threads}")
    if timeout <= 0:
        raise ValueError(f"timeout must be above 0 seconds, got {timeout}")
    if not payloads:
        return []
    workers = min(threads, len(payloads))
    worker = _Worker(session_factory, headers or {}, workers if start_together else 1)
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="scoregate-parallel") as pool:
            futures = [
                pool.submit(_post, worker, index, url, payload, timeout) for index, payload in enumerate(payloads)
            ]
            return [future.result() for future in futures]
    finally:
        worker.close()


def status_counts(results: Sequence[ParallelResult | Mapping[str, Any]]) -> dict[str, int]:
    """How many results had each status, keyed by the status as text (``"error"`` for transport failures)."""
    counts: Counter[str] = Counter()
    for result in results:
        status = result.status if isinstance(result, ParallelResult) else result.get("status")
        counts["error" if status is None else str(status)] += 1
    return dict(sorted(counts.items()))


def unexpected_results(results: Sequence[Mapping[str, Any]], expected_status: int) -> list[Mapping[str, Any]]:
    """The results (as dictionaries) whose status is not ``expected_status``."""
    return [result for result in results if result.get("status") != expected_status]


def summarize_result(result: Mapping[str, Any], limit: int = 160) -> str:
    """``#index status: start of body`` (or the transport error) on one line."""
    if result.get("status") is None:
        return f"#{result.get('index')} {result.get('error')}"
    text = str(result.get("text", "")).replace("\n", " ")
    return f"#{result.get('index')} {result.get('status')}: {text[:limit]}"


def differing_fields(expected: Any, actual: Any) -> list[str]:
    """The top-level keys whose values differ between two JSON objects (``$`` when either is not an object)."""
    if not isinstance(expected, Mapping) or not isinstance(actual, Mapping):
        return [] if expected == actual else ["$"]
    keys = sorted(set(expected) | set(actual))
    return [key for key in keys if key not in expected or key not in actual or expected[key] != actual[key]]


def body_differences(results: Sequence[Mapping[str, Any]]) -> list[str]:
    """One line per result whose body text differs from the first result's, naming the differing fields."""
    if not results:
        return []
    first = results[0]
    problems = []
    for result in results[1:]:
        if result.get("text") == first.get("text"):
            continue
        if result.get("status") is None:
            problems.append(f"#{result.get('index')} has no body ({result.get('error')})")
            continue
        fields = differing_fields(first.get("body"), result.get("body"))
        named = ", ".join(fields) if fields else "byte-level formatting only"
        problems.append(f"#{result.get('index')} differs from #{first.get('index')} in {named}")
    return problems


def header_value(result: Mapping[str, Any], name: str) -> str | None:
    """A response header of a result, looked up case-insensitively."""
    wanted = name.lower()
    for key, value in (result.get("headers") or {}).items():
        if str(key).lower() == wanted:
            return str(value)
    return None


def echo_problems(
    results: Sequence[Mapping[str, Any]], payloads: Sequence[Mapping[str, Any]], fields: Sequence[str]
) -> list[str]:
    """Where a result's body does not carry the ``fields`` of the payload sent at the same index."""
    if len(results) != len(payloads):
        return [f"{len(payloads)} requests were sent but {len(results)} results came back"]
    problems = []
    for result, payload in zip(results, payloads, strict=True):
        body = result.get("body")
        if not isinstance(body, Mapping):
            problems.append(f"#{result.get('index')} has no JSON object body (status {result.get('status')})")
            continue
        for name in fields:
            if body.get(name) != payload.get(name):
                problems.append(
                    f"#{result.get('index')} {name}: sent {payload.get(name)!r}, answered {body.get(name)!r}"
                )
    return problems


def stored_response_problems(
    stored: Mapping[str, str], results: Sequence[Mapping[str, Any]], key: str = "transactionId"
) -> list[str]:
    """Where the stored responses (``{transactionId: response text}``) differ from the answers callers got.

    Names answers with no stored response, stored responses that differ from the answer (with the fields
    that differ) and stored responses no answer accounts for.
    """
    problems = []
    answered: set[str] = set()
    for result in results:
        body = result.get("body")
        if not isinstance(body, Mapping) or key not in body:
            problems.append(f"#{result.get('index')} has no {key} to look up (status {result.get('status')})")
            continue
        name = str(body[key])
        answered.add(name)
        if name not in stored:
            problems.append(f"{name}: answered but not stored")
        elif stored[name] != result.get("text"):
            fields = differing_fields(parse_json(stored[name]), body)
            named = ", ".join(fields) if fields else "byte-level formatting only"
            problems.append(f"{name}: stored response differs from the answer in {named}")
    problems.extend(f"{name}: stored but never answered" for name in sorted(set(stored) - answered))
    return problems
