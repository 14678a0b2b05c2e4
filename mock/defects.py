"""The catalogue of defects the mock can inject, and the suites meant to catch each one."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Defect:
    """One injectable defect: what it breaks and which suites (folder names / tags) should catch it."""

    name: str
    description: str
    expected_suites: tuple[str, ...]


_CATALOGUE: tuple[Defect, ...] = (
    Defect(
        "segment-score-drift",
        "self_employed applicants score +35 points before clamping and cutoffs",
        ("regression",),
    ),
    Defect(
        "moved-cutoff",
        "the APPROVE cutoff is 660 instead of 680 while the risk band still follows 680",
        ("boundary", "contract"),
    ),
    Defect(
        "decline-without-reasons",
        "DECLINE outcomes carry no reason codes",
        ("compliance", "contract"),
    ),
    Defect(
        "too-many-reason-codes",
        "REFER and DECLINE carry every characteristic with a shortfall (up to 6) instead of at most 4",
        ("compliance", "contract"),
    ),
    Defect(
        "non-monotonic-income",
        "the monthly income bin [6000, 10000) earns 30 points, fewer than the [3500, 6000) bin",
        ("metamorphic",),
    ),
    Defect(
        "score-jitter",
        "a random offset of -3..+3 (never 0) is added to the score on every call",
        ("metamorphic", "regression"),
    ),
    Defect(
        "senior-age-penalty",
        "the age bin 62 and over earns 10 points, fewer than younger bins (Reg B 1002.6(b)(2))",
        ("compliance",),
    ),
    Defect(
        "age-17-accepted",
        "validation accepts age 17 (the minimum becomes 17 instead of 18)",
        ("negative", "boundary"),
    ),
    Defect(
        "renamed-field",
        "REST responses name riskBand as risk_band",
        ("contract",),
    ),
    Defect(
        "score-as-string",
        "score is serialised as a JSON string",
        ("contract",),
    ),
    Defect(
        "batch-db-mismatch",
        "the batch results API shows score + 1 compared with the batch_results database row",
        ("database",),
    ),
    Defect(
        "batch-drops-record",
        "the last record of every batch is missing from the results while the counts say all were processed",
        ("batch",),
    ),
    Defect(
        "soap-namespace-changed",
        "SOAP responses use the namespace http://scoregate.example.com/scoring/v2",
        ("contract",),
    ),
    Defect(
        "html-error-page",
        "errors are answered as an HTML page with a stack trace instead of the JSON error shape",
        ("negative",),
    ),
    Defect(
        "pii-echo",
        "score responses carry an extra contactEmail field holding a personal-looking e-mail address",
        ("privacy",),
    ),
    Defect(
        "dropped-correlation-id",
        "no X-Correlation-ID response header and no correlationId in response bodies",
        ("smoke",),
    ),
    Defect(
        "slow-responses",
        "every scoring request is delayed by 600 ms",
        ("performance",),
    ),
    Defect(
        "transient-500",
        "20% of /api calls are answered 500",
        ("resilience",),
    ),
    Defect(
        "lost-write",
        "every 5th realtime decision is answered but never persisted",
        ("database",),
    ),
    Defect(
        "review-reopen",
        "decided review cases can be decided again (no 409 INVALID_TRANSITION)",
        ("review",),
    ),
    Defect(
        "idempotency-broken",
        "a replayed transactionId is scored and stored again with a new correlation id, "
        "and a different payload is not rejected",
        ("concurrency",),
    ),
)

DEFECTS: dict[str, Defect] = {defect.name: defect for defect in _CATALOGUE}

PII_ECHO_EMAIL = "applicant.contact@mailbox.test"
"""The personal-looking address (fictitious, reserved .test domain) that ``pii-echo`` adds to responses."""


def parse_defects(names: str | Iterable[str] | None) -> frozenset[str]:
    """Turn ``"a,b"`` or ``["a", "b"]`` (or None / empty) into a set of known defect names.

    Raises ValueError naming every unknown name and listing the valid ones.
    """
    if names is None:
        return frozenset()
    items = names.split(",") if isinstance(names, str) else list(names)
    wanted: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"defect names must be strings, got {type(item).__name__}: {item!r}")
        name = item.strip()
        if name:
            wanted.append(name)
    unknown = sorted({name for name in wanted if name not in DEFECTS})
    if unknown:
        raise ValueError(f"unknown defect name(s): {', '.join(unknown)}; expected any of: {', '.join(DEFECTS)}")
    return frozenset(wanted)


def list_defects_text() -> str:
    """One line per defect, ``NAME  description``, names padded to one column."""
    width = max(len(name) for name in DEFECTS)
    return "\n".join(f"{defect.name.ljust(width)}  {defect.description}" for defect in DEFECTS.values())
