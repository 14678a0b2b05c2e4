"""Business rules of a score response (cutoffs, reason codes, risk band, PD formula, timestamp)."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from .values import is_finite_number, reason_code_list

DECISIONS = ("APPROVE", "REFER", "DECLINE")
ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$")


@dataclass(frozen=True)
class ScorecardRules:
    """The published decision rules; defaults are the contract's."""

    approve_cutoff: int = 680
    refer_cutoff: int = 600
    bands: tuple[tuple[str, float], ...] = (("A", 760), ("B", 720), ("C", 680), ("D", 600), ("E", -math.inf))
    reason_codes: tuple[str, ...] = ("R01", "R02", "R03", "R04", "R05", "R06", "P01", "P02")
    policy_codes: tuple[str, ...] = ("P01", "P02")
    max_reason_codes: int = 4
    min_score: int = 300
    max_score: int = 850
    pd_base_odds: float = 30.0
    pd_base_score: float = 600.0
    pd_points_to_double_odds: float = 20.0
    pd_decimals: int = 6
    pd_tolerance: float = 1e-6

    def updated(self, **changes: Any) -> ScorecardRules:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    def decision_for(self, score: int) -> str:
        if score >= self.approve_cutoff:
            return "APPROVE"
        if score >= self.refer_cutoff:
            return "REFER"
        return "DECLINE"

    def band_for(self, score: float) -> str:
        for band, lower in self.bands:
            if score >= lower:
                return band
        return self.bands[-1][0]

    def probability_of_default(self, score: float) -> float:
        odds = self.pd_base_odds * 2 ** ((score - self.pd_base_score) / self.pd_points_to_double_odds)
        return round(1 / (1 + odds), self.pd_decimals)


def parse_bands(text: str) -> tuple[tuple[str, float], ...]:
    """``"A=760,B=720,C=680,D=600,E"``: band names with lower score bounds, highest first; the last has none."""
    bands: list[tuple[str, float]] = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        name, _, lower = part.partition("=")
        bands.append((name.strip(), float(lower) if lower.strip() else -math.inf))
    if not bands or bands[-1][1] != -math.inf:
        raise ValueError(f"bands must end with a band without a lower bound (like 'E'), got '{text}'")
    if any(a[1] <= b[1] for a, b in itertools.pairwise(bands)):
        raise ValueError(f"band lower bounds must be strictly descending, got '{text}'")
    return tuple(bands)


def parse_codes(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(item.strip() for item in items if str(item).strip())


def parse_utc_timestamp(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_score_response(
    body: Mapping[str, Any], rules: ScorecardRules, now: datetime | None = None, max_age_seconds: float = 300
) -> list[str]:
    """Every business-rule violation of one score response (empty when it obeys the rules)."""
    if not isinstance(body, Mapping):
        return [f"$: expected a JSON object, got {type(body).__name__}"]
    problems = _score_problems(body, rules)
    score = body.get("score") if not problems else None
    problems += _decision_problems(body, rules, score)
    problems += _reason_code_problems(body, rules)
    problems += _band_problems(body, rules, score)
    problems += _pd_problems(body, rules, score)
    problems += _timestamp_problems(body, now or datetime.now(UTC), max_age_seconds)
    return problems


def _score_problems(body: Mapping[str, Any], rules: ScorecardRules) -> list[str]:
    score = body.get("score")
    if not isinstance(score, int) or isinstance(score, bool):
        return [f"score: expected an integer in {rules.min_score}..{rules.max_score}, got {score!r}"]
    if not rules.min_score <= score <= rules.max_score:
        return [f"score: expected {rules.min_score}..{rules.max_score}, got {score}"]
    return []


def _decision_problems(body: Mapping[str, Any], rules: ScorecardRules, score: int | None) -> list[str]:
    decision = body.get("decision")
    policy = body.get("policyRule")
    if decision not in DECISIONS:
        return [f"decision: expected one of {', '.join(DECISIONS)}, got {decision!r}"]
    if policy is not None:
        if policy not in rules.policy_codes:
            return [f"policyRule: expected null or one of {', '.join(rules.policy_codes)}, got {policy!r}"]
        if decision != "DECLINE":
            return [f"decision: expected DECLINE with policyRule {policy}, got {decision}"]
        return []
    if score is None:
        return []
    expected = rules.decision_for(score)
    if decision != expected:
        return [
            f"decision: expected {expected} for score {score} (approve >= {rules.approve_cutoff}, "
            f"refer >= {rules.refer_cutoff}) without a policyRule, got {decision}"
        ]
    return []


def _reason_code_problems(body: Mapping[str, Any], rules: ScorecardRules) -> list[str]:
    decision = body.get("decision")
    policy = body.get("policyRule")
    if "reasonCodes" not in body:
        return ["reasonCodes: missing"]
    try:
        codes = reason_code_list(body.get("reasonCodes"))
    except ValueError as error:
        return [f"reasonCodes: {error}"]
    problems = []
    if decision == "APPROVE" and codes:
        problems.append(f"reasonCodes: expected none on APPROVE, got {'|'.join(codes)}")
    if decision in {"REFER", "DECLINE"} and not 1 <= len(codes) <= rules.max_reason_codes:
        shown = "|".join(codes) or "none"
        problems.append(f"reasonCodes: expected 1..{rules.max_reason_codes} on {decision}, got {len(codes)} ({shown})")
    duplicates = sorted({code for code in codes if codes.count(code) > 1})
    if duplicates:
        problems.append(f"reasonCodes: expected unique codes, got duplicates {', '.join(duplicates)}")
    unknown = [code for code in codes if code not in rules.reason_codes]
    if unknown:
        problems.append(f"reasonCodes: expected codes from the published list, got unknown {', '.join(unknown)}")
    problems += _policy_code_problems(codes, policy, rules)
    return problems


def _policy_code_problems(codes: list[str], policy: Any, rules: ScorecardRules) -> list[str]:
    if policy in rules.policy_codes and (not codes or codes[0] != policy):
        return [f"reasonCodes: expected policy code {policy} first, got {'|'.join(codes) or 'none'}"]
    stray = [code for code in codes if code in rules.policy_codes and code != policy]
    if stray:
        return [f"reasonCodes: policy code {', '.join(stray)} without a matching policyRule (policyRule {policy!r})"]
    return []


def _band_problems(body: Mapping[str, Any], rules: ScorecardRules, score: int | None) -> list[str]:
    band = body.get("riskBand")
    if score is None:
        return [] if isinstance(band, str) else [f"riskBand: expected a band name, got {band!r}"]
    expected = rules.band_for(score)
    return [] if band == expected else [f"riskBand: expected {expected} for score {score}, got {band!r}"]


def _pd_problems(body: Mapping[str, Any], rules: ScorecardRules, score: int | None) -> list[str]:
    pd = body.get("probabilityOfDefault")
    if not is_finite_number(pd) or not 0 <= pd <= 1:
        return [f"probabilityOfDefault: expected a number in [0, 1], got {pd!r}"]
    if score is None:
        return []
    expected = rules.probability_of_default(score)
    if abs(pd - expected) > rules.pd_tolerance * (1 + 1e-9):
        return [
            f"probabilityOfDefault: expected {expected} for score {score} "
            f"(odds = {rules.pd_base_odds:g} * 2 ** ((score - {rules.pd_base_score:g}) / "
            f"{rules.pd_points_to_double_odds:g}), tolerance {rules.pd_tolerance:g}), got {pd}"
        ]
    return []


def _timestamp_problems(body: Mapping[str, Any], now: datetime, max_age_seconds: float) -> list[str]:
    scored_at = body.get("scoredAt")
    if not isinstance(scored_at, str) or not ISO_UTC.match(scored_at):
        return [f"scoredAt: expected UTC ISO 8601 ending in Z (2026-11-25T10:15:30.123Z), got {scored_at!r}"]
    try:
        moment = parse_utc_timestamp(scored_at)
    except ValueError:
        return [f"scoredAt: expected a valid date and time, got {scored_at!r}"]
    age = (now - moment).total_seconds()
    if abs(age) > max_age_seconds:
        where = "in the future" if age < 0 else "old"
        return [
            f"scoredAt: expected within {max_age_seconds:g} s of {_iso(now)}, "
            f"got {scored_at} ({abs(age):.0f} s {where})"
        ]
    return []


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def as_datetime(value: Any) -> datetime | None:
    """``None``, a datetime, or an ISO 8601 string (``Z`` allowed); naive values are taken as UTC."""
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else parse_utc_timestamp(str(value))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def violations_by_response(
    bodies: Iterable[Any], rules: ScorecardRules, now: datetime | None = None, max_age_seconds: float = 300
) -> list[tuple[str, list[str]]]:
    """``(transactionId, problems)`` of every response that breaks a rule, in order (see `check_score_response`)."""
    moment = now or datetime.now(UTC)
    violations = []
    for index, body in enumerate(bodies):
        problems = check_score_response(body, rules, moment, max_age_seconds)
        if problems:
            where = body.get("transactionId") if isinstance(body, Mapping) else None
            violations.append((str(where) if where is not None else f"response {index + 1}", problems))
    return violations


def refusals_stating(bodies: Iterable[Mapping[str, Any]], code: str) -> tuple[int, list[str]]:
    """How many REFER/DECLINE responses there are, and ``transactionId (codes)`` of those stating ``code``."""
    refusals, stating = 0, []
    for body in bodies:
        if body.get("decision") == "APPROVE":
            continue
        refusals += 1
        codes = reason_code_list(body.get("reasonCodes"))
        if code in codes:
            stating.append(f"{body.get('transactionId')} ({'|'.join(codes)})")
    return refusals, stating
