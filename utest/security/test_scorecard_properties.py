"""Hypothesis properties of the published scorecards (``mock.scorecard.ModelRegistry``), for every model.

Determinism, monotonicity (income and credit history never lower the score or the decision; debt and the
requested amount never raise them), the 300..850 range, the adverse-action reason-code rules and the Reg B
62+ age rule. The last tests turn on the mock's scoring defects and show each property catching its defect.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import FlakyFailure

from mock.scorecard import ModelRegistry, Scorecard

REGISTRY = ModelRegistry.load()
RELOADED = ModelRegistry.load()
MODEL_CODES = tuple(REGISTRY.codes())
NO_DEFECTS: frozenset[str] = frozenset()
SCORE_MIN, SCORE_MAX = 300, 850
SENIOR_AGE = 62
MAX_REASONS = 4
PUBLISHED_REASONS = {
    "R01": "Monthly income too low for the credit requested",
    "R02": "Existing debt too high relative to income",
    "R03": "Employment status",
    "R04": "Length of credit history too short",
    "R05": "Requested amount too high relative to income",
    "R06": "Age band of applicant",
    "P01": "No verifiable income",
    "P02": "Requested amount exceeds 60 months of income",
}
DECISION_RANK = {"DECLINE": 0, "REFER": 1, "APPROVE": 2}
EMPLOYMENT_STATUSES = ("full_time", "part_time", "self_employed", "retired", "student", "unemployed")
CHANNELS = ("web", "mobile", "branch", "broker", "partner_api")
LIMITS: dict[str, tuple[int, int]] = {
    "age": (18, 100),
    "monthlyIncome": (0, 1_000_000),
    "requestedAmount": (100, 1_000_000),
    "existingDebt": (0, 10_000_000),
    "creditHistoryMonths": (0, 960),
}
INTEGER_FIELDS = frozenset({"age", "creditHistoryMonths"})
PROPERTY_SETTINGS = settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
DEFECT_SETTINGS = settings(
    max_examples=300,
    derandomize=True,
    database=None,
    deadline=None,
    phases=(Phase.explicit, Phase.generate),
    suppress_health_check=[HealthCheck.too_slow],
)


def _bin_edges(field: str) -> list[int]:
    """Every bin edge of ``field`` over all models, with its neighbours, inside the field's range."""
    low, high = LIMITS[field]
    edges = {low, high}
    for card in REGISTRY:
        for characteristic in card.characteristics:
            if characteristic.name == field:
                edges.update(int(b.min) for b in characteristic.bins)
    around = {value + step for value in edges for step in (-1, 0, 1)}
    return sorted(value for value in around if low <= value <= high)


def field_values(field: str) -> st.SearchStrategy[int | float]:
    """Valid values of a numeric request field: anywhere in range, and often at or next to a bin edge."""
    low, high = LIMITS[field]
    anywhere: st.SearchStrategy[int | float] = st.integers(low, high)
    if field not in INTEGER_FIELDS:
        anywhere = anywhere | st.floats(low, high, allow_nan=False, allow_infinity=False)
    edges = _bin_edges(field)
    return anywhere | st.sampled_from(edges) if edges else anywhere


FIELD_VALUES = {field: field_values(field) for field in LIMITS}
_BIN_MINS = {
    field: {int(b.min) for card in REGISTRY for c in card.characteristics if c.name == field for b in c.bins}
    for field in LIMITS
}


def value_pairs(field: str) -> st.SearchStrategy[tuple[int | float, int | float]]:
    """Two values of ``field``: any two, or the two sides of one of its bin edges (boundary value analysis)."""
    low, _ = LIMITS[field]
    crossings = [(edge - 1, edge) for edge in _bin_edges(field) if edge - 1 >= low and edge in _BIN_MINS[field]]
    values = FIELD_VALUES[field]
    return st.sampled_from(crossings) | st.tuples(values, values) if crossings else st.tuples(values, values)


def score_requests() -> st.SearchStrategy[dict[str, Any]]:
    """A valid realtime request (the contract's fields and ranges)."""
    return st.fixed_dictionaries(
        {
            "transactionId": st.integers(0, 10**8 - 1).map(lambda n: f"TX-PROP-{n:08d}"),
            "applicantId": st.integers(0, 10**6 - 1).map(lambda n: f"SYN-PROP{n:06d}"),
            "employmentStatus": st.sampled_from(EMPLOYMENT_STATUSES),
            "channel": st.sampled_from(CHANNELS),
            **FIELD_VALUES,
        }
    )


def _outcome_key(card: Scorecard, request: Mapping[str, Any], defects: frozenset[str]) -> tuple:
    outcome = card.score(request, defects=defects)
    return (
        outcome.score,
        outcome.decision,
        outcome.risk_band,
        outcome.probability_of_default,
        outcome.reason_codes,
        outcome.policy_rule,
    )


def check_score_range(card: Scorecard, request: Mapping[str, Any], defects: frozenset[str] = NO_DEFECTS) -> None:
    outcome = card.score(request, defects=defects)
    assert type(outcome.score) is int, f"{card.code}: expected an integer score, got {outcome.score!r}"
    assert SCORE_MIN <= outcome.score <= SCORE_MAX, (
        f"{card.code}: expected a score in {SCORE_MIN}..{SCORE_MAX}, got {outcome.score} for {dict(request)}"
    )


def check_deterministic(card: Scorecard, request: Mapping[str, Any], defects: frozenset[str] = NO_DEFECTS) -> None:
    """Same request, same outcome: again, in another key order, with other ids and channel, after a reload."""
    first = _outcome_key(card, request, defects)
    others = {
        "again": dict(request),
        "reversed key order": dict(reversed(list(request.items()))),
        "other ids and channel": {
            **request,
            "transactionId": "TX-PROP-OTHER-1",
            "applicantId": "SYN-PROPOTHER1",
            "channel": "partner_api" if request["channel"] != "partner_api" else "web",
        },
    }
    for label, variant in others.items():
        assert _outcome_key(card, variant, defects) == first, f"{card.code}: outcome changed ({label}) for {request}"
    reloaded = _outcome_key(RELOADED.get(card.code), request, defects)
    assert reloaded == first, f"{card.code}: outcome changed after reloading the model for {dict(request)}"


def check_monotone(
    card: Scorecard,
    request: Mapping[str, Any],
    field: str,
    values: tuple[int | float, int | float],
    defects: frozenset[str] = NO_DEFECTS,
) -> None:
    """Raising ``field`` from the smaller to the larger value moves score and decision the published way."""
    low, high = sorted(values)
    before = card.score({**request, field: low}, defects=defects)
    after = card.score({**request, field: high}, defects=defects)
    rising = field in ("monthlyIncome", "creditHistoryMonths")
    direction = "non-decreasing" if rising else "non-increasing"
    change = f"{field} {low} -> {high} ({card.code}, {dict(request)})"
    if rising:
        assert after.score >= before.score, f"expected {direction} score, got {before.score} -> {after.score}: {change}"
        ok = DECISION_RANK[after.decision] >= DECISION_RANK[before.decision]
    else:
        assert after.score <= before.score, f"expected {direction} score, got {before.score} -> {after.score}: {change}"
        ok = DECISION_RANK[after.decision] <= DECISION_RANK[before.decision]
    assert ok, f"expected {direction} decision, got {before.decision} -> {after.decision}: {change}"


def expected_reason_codes(card: Scorecard, request: Mapping[str, Any], policy: str | None) -> list[str]:
    """The contract's codes: the policy rule's first, then shortfalls largest first (ties by code), 4 at most."""
    points = card.explain(request)
    shortfalls = sorted(
        (points[c.name] - c.best_points, c.reason_code) for c in card.characteristics if c.best_points > points[c.name]
    )
    codes = [policy] if policy else []
    codes.extend(code for _, code in shortfalls)
    return codes[:MAX_REASONS]


def check_reason_codes(card: Scorecard, request: Mapping[str, Any], defects: frozenset[str] = NO_DEFECTS) -> None:
    outcome = card.score(request, defects=defects)
    codes = [code for code, _ in outcome.reason_codes]
    where = f"{card.code} {outcome.decision} (score {outcome.score}) for {dict(request)}"
    if outcome.decision == "APPROVE":
        assert codes == [], f"expected no reason codes on APPROVE, got {codes}: {where}"
        return
    assert 1 <= len(codes) <= MAX_REASONS, f"expected 1..{MAX_REASONS} reason codes, got {codes}: {where}"
    assert len(set(codes)) == len(codes), f"expected unique reason codes, got {codes}: {where}"
    for code, description in outcome.reason_codes:
        assert PUBLISHED_REASONS.get(code) == description, f"unpublished reason {code!r} {description!r}: {where}"
    if outcome.policy_rule is not None:
        assert outcome.decision == "DECLINE", f"expected DECLINE with policy rule {outcome.policy_rule}: {where}"
        assert codes[0] == outcome.policy_rule, f"expected {outcome.policy_rule} first, got {codes}: {where}"
    expected = expected_reason_codes(card, request, outcome.policy_rule)
    assert codes == expected, f"expected reason codes {expected} (largest shortfall first), got {codes}: {where}"


def check_senior_age(
    card: Scorecard, request: Mapping[str, Any], senior_age: int, defects: frozenset[str] = NO_DEFECTS
) -> None:
    """Reg B 1002.6(b)(2): at 62+ the age points are never negative nor below any younger age's."""
    younger = card.score(request, defects=defects)
    senior_request = {**request, "age": senior_age}
    senior = card.score(senior_request, defects=defects)
    senior_points = card.explain(senior_request, defects=defects)["age"]
    younger_points = card.explain(request, defects=defects)["age"]
    where = f"{card.code}: age {request['age']} -> {senior_age}"
    assert senior_points >= 0, f"expected non-negative age points at {senior_age}, got {senior_points}: {where}"
    assert senior_points >= younger_points, f"expected >= {younger_points} age points, got {senior_points}: {where}"
    assert senior.score >= younger.score, f"expected a score >= {younger.score}, got {senior.score}: {where}"


models = pytest.mark.parametrize("code", MODEL_CODES)
MONOTONE_FIELDS = ("monthlyIncome", "creditHistoryMonths", "existingDebt", "requestedAmount")


def test_every_published_model_is_checked() -> None:
    assert set(MODEL_CODES) == {"credit_risk_v1", "credit_risk_v2"}, f"unexpected model codes {MODEL_CODES}"


@models
@PROPERTY_SETTINGS
@given(request=score_requests())
def test_score_is_an_integer_in_range(code: str, request: dict) -> None:
    check_score_range(REGISTRY.get(code), request)


@models
@PROPERTY_SETTINGS
@given(request=score_requests())
def test_scoring_is_deterministic(code: str, request: dict) -> None:
    check_deterministic(REGISTRY.get(code), request)


@models
@pytest.mark.parametrize("field", MONOTONE_FIELDS)
@PROPERTY_SETTINGS
@given(data=st.data(), request=score_requests())
def test_score_and_decision_are_monotone(code: str, field: str, data: st.DataObject, request: dict) -> None:
    check_monotone(REGISTRY.get(code), request, field, data.draw(value_pairs(field), label="values"))


@models
@PROPERTY_SETTINGS
@given(request=score_requests())
def test_reason_codes_follow_the_adverse_action_rules(code: str, request: dict) -> None:
    check_reason_codes(REGISTRY.get(code), request)


@models
@PROPERTY_SETTINGS
@given(request=score_requests(), senior_age=st.integers(SENIOR_AGE, LIMITS["age"][1]))
def test_62_and_over_never_score_below_a_younger_age(code: str, request: dict, senior_age: int) -> None:
    check_senior_age(REGISTRY.get(code), request, senior_age)


@models
def test_senior_age_bins_carry_the_most_age_points(code: str) -> None:
    """Structural form of the age rule: no bin from 62 up has fewer points than any bin below 62."""
    age = next(c for c in REGISTRY.get(code).characteristics if c.name == "age")
    younger = max(b.points for b in age.bins if b.min < SENIOR_AGE)
    senior = [b for b in age.bins if b.min >= SENIOR_AGE]
    assert senior, f"{code}: expected an age bin starting at {SENIOR_AGE}, bins {age.bins}"
    assert all(b.points >= max(younger, 0) for b in senior), f"{code}: senior bins {senior}, younger max {younger}"


def _run_under_defect(check: Callable[..., None], defect: str, strategy: st.SearchStrategy) -> None:
    @DEFECT_SETTINGS
    @given(case=strategy)
    def run(case: tuple) -> None:
        check(*case, defects=frozenset({defect}))

    run()


def _card_and_request() -> st.SearchStrategy[tuple]:
    return st.tuples(st.sampled_from([REGISTRY.get(c) for c in MODEL_CODES]), score_requests())


def _monotone_income_case() -> st.SearchStrategy[tuple]:
    return st.tuples(
        st.sampled_from([REGISTRY.get(c) for c in MODEL_CODES]),
        score_requests(),
        st.just("monthlyIncome"),
        value_pairs("monthlyIncome"),
    )


def _senior_case() -> st.SearchStrategy[tuple]:
    return st.tuples(
        st.sampled_from([REGISTRY.get(c) for c in MODEL_CODES]),
        score_requests(),
        st.integers(SENIOR_AGE, LIMITS["age"][1]),
    )


@pytest.mark.parametrize(
    ("defect", "check", "strategy"),
    [
        ("score-jitter", check_deterministic, _card_and_request),
        ("non-monotonic-income", check_monotone, _monotone_income_case),
        ("too-many-reason-codes", check_reason_codes, _card_and_request),
        ("decline-without-reasons", check_reason_codes, _card_and_request),
        ("senior-age-penalty", check_senior_age, _senior_case),
    ],
)
def test_each_property_catches_its_scoring_defect(
    defect: str, check: Callable[..., None], strategy: Callable[[], st.SearchStrategy]
) -> None:
    """The properties are able to fail: with the mock's scoring defect on, each finds a counterexample."""
    with pytest.raises((AssertionError, FlakyFailure)):
        _run_under_defect(check, defect, strategy())
