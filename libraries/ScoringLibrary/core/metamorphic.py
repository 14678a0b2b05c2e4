"""Metamorphic relations of a scoring model: monotonicity, invariance, dominance."""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping, Sequence
from typing import Any

from .boundaries import ENUMS, NUMERIC_FIELDS, with_field
from .values import as_body, is_number, reason_code_list

MONOTONE_DIRECTIONS = {"monthlyIncome": 1, "creditHistoryMonths": 1, "existingDebt": -1, "requestedAmount": -1}
OUTCOME_FIELDS = ("score", "decision", "riskBand", "probabilityOfDefault", "reasonCodes")
DECISION_RANK = {"DECLINE": 0, "REFER": 1, "APPROVE": 2}
MAX_ID = 64


def variant_id(transaction_id: str, suffix: str) -> str:
    """``transaction_id`` with ``-suffix``, shortened so the result stays within 64 characters."""
    room = MAX_ID - len(suffix) - 1
    return f"{str(transaction_id)[:room]}-{suffix}"


def monotonic_variants(applicant: Mapping[str, Any], field: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """Copies of the applicant differing only in ``field`` (and a fresh transactionId per value)."""
    if field not in applicant:
        raise KeyError(f"applicant has no field '{field}' (fields: {', '.join(applicant)})")
    if not values:
        raise ValueError("values must not be empty")
    base_id = applicant.get("transactionId", "TX-VARIANT")
    variants = []
    for index, value in enumerate(values, start=1):
        variant = dict(applicant)
        variant[field] = _numeric(field, value)
        variant["transactionId"] = variant_id(base_id, f"M{index}")
        variants.append(variant)
    return variants


def _numeric(field: str, value: Any) -> Any:
    """Numeric strings (as Robot passes list items) become numbers; integer fields get ints."""
    if not isinstance(value, str):
        return value
    try:
        number = float(value)
    except ValueError:
        return value
    spec = NUMERIC_FIELDS.get(field)
    if (spec and spec.integer) or (number.is_integer() and "." not in value and "e" not in value.lower()):
        return int(number) if number.is_integer() else number
    return number


def monotonicity_breaks(
    variants: Sequence[Mapping[str, Any]], responses: Sequence[Any], field: str, direction: int
) -> list[str]:
    """Adjacent pairs (ordered by ``field``) whose scores move against ``direction`` (+1 up, -1 down)."""
    bodies = [as_body(r) for r in responses]
    if len(bodies) != len(variants):
        raise ValueError(f"expected one response per variant: {len(variants)} variants, {len(bodies)} responses")
    pairs = sorted(zip(variants, bodies, strict=True), key=lambda pair: float(pair[0][field]))
    breaks = []
    for (low_v, low_r), (high_v, high_r) in itertools.pairwise(pairs):
        if float(low_v[field]) == float(high_v[field]):
            continue
        low_score, high_score = low_r.get("score"), high_r.get("score")
        if not is_number(low_score) or not is_number(high_score):
            breaks.append(
                f"no numeric score to compare: {low_v.get('transactionId')} has {low_score!r}, "
                f"{high_v.get('transactionId')} has {high_score!r}"
            )
            continue
        if (high_score - low_score) * direction < 0:
            verb = "decreased" if direction > 0 else "increased"
            breaks.append(
                f"score {verb} as {field} rose from {low_v[field]} to {high_v[field]}: "
                f"{low_v.get('transactionId')} scored {low_score}, {high_v.get('transactionId')} scored {high_score}"
            )
    return breaks


def invariance_variants(applicant: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Variants that must score the same: new transactionId, new applicantId, each other channel, reversed keys."""
    base_id = str(applicant.get("transactionId", "TX-VARIANT"))
    variants: list[dict[str, Any]] = [{**applicant, "transactionId": variant_id(base_id, "INV-TX")}]
    applicant_id = str(applicant.get("applicantId", "SYN-VARIANT0"))
    new_applicant = ("SYN-INV" + applicant_id.removeprefix("SYN-"))[:28]
    variants.append({**applicant, "applicantId": new_applicant, "transactionId": variant_id(base_id, "INV-APP")})
    for channel in ENUMS["channel"]:
        if channel != applicant.get("channel"):
            tag = "INV-" + channel.upper().replace("_", "")
            variants.append({**applicant, "channel": channel, "transactionId": variant_id(base_id, tag)})
    reordered = {key: applicant[key] for key in reversed(list(applicant))}
    reordered["transactionId"] = variant_id(base_id, "INV-ORDER")
    variants.append(reordered)
    return variants


def _outcome(body: Mapping[str, Any], field: str) -> Any:
    value = body.get(field)
    return reason_code_list(value) if field == "reasonCodes" else value


def outcome_differences(responses: Sequence[Any], fields: Sequence[str] = OUTCOME_FIELDS) -> list[str]:
    """Every (response, field) differing from the first response."""
    bodies = [as_body(r) for r in responses]
    if len(bodies) < 2:
        raise ValueError(f"need at least two responses to compare, got {len(bodies)}")
    first = bodies[0]
    problems = []
    for index, body in enumerate(bodies[1:], start=2):
        for field in fields:
            expected, actual = _outcome(first, field), _outcome(body, field)
            if expected != actual:
                problems.append(
                    f"{field} of response {index} ({body.get('transactionId')}) is {json.dumps(actual)}, "
                    f"response 1 ({first.get('transactionId')}) has {json.dumps(expected)}"
                )
    return problems


def dominating_applicant(applicant: Mapping[str, Any]) -> dict[str, Any]:
    """At least as good on every monotone characteristic: more income and history, less debt and amount."""
    better = dict(applicant)
    income = float(applicant["monthlyIncome"])
    better["monthlyIncome"] = round(min(1_000_000.0, max(income * 1.25, income + 500)), 2)
    better["existingDebt"] = round(float(applicant["existingDebt"]) * 0.5, 2)
    better["requestedAmount"] = round(max(100.0, float(applicant["requestedAmount"]) * 0.8), 2)
    age = int(applicant["age"])
    better["creditHistoryMonths"] = min(960, max(0, (age - 18) * 12), int(applicant["creditHistoryMonths"]) + 24)
    better["creditHistoryMonths"] = max(better["creditHistoryMonths"], int(applicant["creditHistoryMonths"]))
    better["transactionId"] = variant_id(str(applicant.get("transactionId", "TX-VARIANT")), "DOM")
    return better


def dominance_problems(base: Any, dominating: Any) -> list[str]:
    """The dominating applicant must not score lower nor get a worse decision."""
    first, second = as_body(base), as_body(dominating)
    problems = []
    base_score, better_score = first.get("score"), second.get("score")
    if isinstance(base_score, int | float) and isinstance(better_score, int | float) and better_score < base_score:
        problems.append(
            f"dominating applicant {second.get('transactionId')} scored {better_score}, "
            f"below {base_score} of {first.get('transactionId')}"
        )
    base_rank = DECISION_RANK.get(first.get("decision"), -1)
    better_rank = DECISION_RANK.get(second.get("decision"), -1)
    if better_rank < base_rank:
        problems.append(
            f"dominating applicant {second.get('transactionId')} got {second.get('decision')}, "
            f"worse than {first.get('decision')} of {first.get('transactionId')}"
        )
    return problems


def dominance_chain(applicant: Mapping[str, Any], steps: int) -> list[dict[str, Any]]:
    """``applicant`` and ``steps`` successors, each dominating the one before (transactionIds ``-CHAIN<n>``)."""
    base_id = str(applicant.get("transactionId", "TX-VARIANT"))
    chain = [dict(applicant)]
    for step in range(1, int(steps) + 1):
        better = dominating_applicant(chain[-1])
        better["transactionId"] = variant_id(base_id, f"CHAIN{step}")
        chain.append(better)
    return chain


def field_variants(applicant: Mapping[str, Any], field: str, values: Sequence[Any]) -> list[dict[str, Any]]:
    """One copy of the applicant per value of ``field`` (as given; ``<missing>`` removes the field), with
    transactionIds ``-F1``, ``-F2``, ..."""
    base_id = str(applicant.get("transactionId", "TX-VARIANT"))
    return [
        {**with_field(dict(applicant), field, value), "transactionId": variant_id(base_id, f"F{index}")}
        for index, value in enumerate(values, start=1)
    ]


def repeat_variants(applicant: Mapping[str, Any], times: int) -> list[dict[str, Any]]:
    """``times`` copies of the applicant that differ only in their transactionIds (``-R1``, ``-R2``, ...)."""
    base_id = str(applicant.get("transactionId", "TX-VARIANT"))
    return [{**applicant, "transactionId": variant_id(base_id, f"R{index}")} for index in range(1, int(times) + 1)]


def reversed_key_order(applicant: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the applicant with its keys in reverse order."""
    return {key: applicant[key] for key in reversed(list(applicant))}


def pairwise_dominance_problems(bases: Sequence[Any], dominating: Sequence[Any]) -> list[str]:
    """``pair <n>: <problem>`` for every pair (base, dominating) where dominance is broken."""
    if len(bases) != len(dominating):
        raise ValueError(f"expected pairs: {len(bases)} base responses, {len(dominating)} dominating responses")
    return [
        f"pair {index}: {problem}"
        for index, (base, better) in enumerate(zip(bases, dominating, strict=True), start=1)
        for problem in dominance_problems(base, better)
    ]
