"""Metamorphic relations: monotone variants, invariance, dominance."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from ScoringLibrary.core.metamorphic import (
    dominance_problems,
    dominating_applicant,
    invariance_variants,
    monotonic_variants,
    monotonicity_breaks,
    outcome_differences,
)
from ScoringLibrary.core.scorecard import load_scorecard
from ScoringLibrary.core.synthetic import generate_applicants

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scorecard_v1.yaml"
APPLICANT = generate_applicants(1, "near_prime", seed=2)[0]


def responses_for(variants, scores):
    return [
        {"transactionId": v["transactionId"], "score": s, "decision": "REFER"}
        for v, s in zip(variants, scores, strict=True)
    ]


def test_monotonic_variants_differ_only_in_the_field():
    variants = monotonic_variants(APPLICANT, "monthlyIncome", [1000, 2000, 3000])
    assert [v["monthlyIncome"] for v in variants] == [1000, 2000, 3000]
    assert [v["transactionId"] for v in variants] == [f"{APPLICANT['transactionId']}-M{i}" for i in (1, 2, 3)]
    for variant in variants:
        assert {k for k in variant if variant[k] != APPLICANT[k]} == {"monthlyIncome", "transactionId"}


def test_variant_ids_stay_within_64_characters():
    long_id = "TX" + "9" * 62
    variant = monotonic_variants({**APPLICANT, "transactionId": long_id}, "age", [30])[0]
    assert len(variant["transactionId"]) == 64 and variant["transactionId"].endswith("-M1")


def test_non_decreasing_break_names_the_pair(library):
    variants = monotonic_variants(APPLICANT, "monthlyIncome", [3000, 1000, 2000])
    responses = responses_for(variants, [640, 600, 660])
    breaks = monotonicity_breaks(variants, responses, "monthlyIncome", 1)
    assert breaks == [
        f"score decreased as monthlyIncome rose from 2000 to 3000: {variants[2]['transactionId']} scored 660, "
        f"{variants[0]['transactionId']} scored 640"
    ]
    with pytest.raises(AssertionError, match=r"^Scores are not non-decreasing in monthlyIncome: score decreased"):
        library.run_keyword("Scores Should Be Non-Decreasing", [variants, responses, "monthlyIncome"], {})


def test_non_increasing(library):
    variants = monotonic_variants(APPLICANT, "existingDebt", [0, 5000, 20000])
    library.run_keyword(
        "Scores Should Be Non-Increasing",
        [variants, responses_for(variants, [700, 700, 650])],
        {"field": "existingDebt"},
    )
    with pytest.raises(AssertionError, match="score increased as existingDebt rose from 5000 to 20000"):
        library.run_keyword(
            "Scores Should Be Non-Increasing", [variants, responses_for(variants, [700, 650, 660]), "existingDebt"], {}
        )


def test_response_count_must_match(library):
    variants = monotonic_variants(APPLICANT, "age", [30, 40])
    with pytest.raises(AssertionError, match="expected one response per variant: 2 variants, 1 responses"):
        library.run_keyword("Scores Should Be Non-Decreasing", [variants, [{"score": 1}], "age"], {})


def test_oracle_is_monotone_in_the_monotone_fields():
    spec = load_scorecard(FIXTURE)
    for applicant in generate_applicants(50, "mixed", seed=3):
        for field, values, direction in (
            ("monthlyIncome", [500, 1500, 3000, 5000, 9000, 20000], 1),
            ("creditHistoryMonths", [0, 6, 12, 24, 60, 120], 1),
            ("existingDebt", [0, 1000, 10000, 50000, 200000], -1),
            ("requestedAmount", [100, 1000, 10000, 50000], -1),
        ):
            variants = monotonic_variants(applicant, field, values)
            responses = [{"score": spec.score(v)} for v in variants]
            assert monotonicity_breaks(variants, responses, field, direction) == []


def test_invariance_variants():
    variants = invariance_variants(APPLICANT)
    ids = [v["transactionId"] for v in variants]
    assert len(set(ids)) == len(ids) and APPLICANT["transactionId"] not in ids
    assert any(v["applicantId"] != APPLICANT["applicantId"] for v in variants)
    channels = {v["channel"] for v in variants}
    assert channels == {"web", "mobile", "branch", "broker", "partner_api"}
    assert list(variants[-1]) == list(reversed(list(APPLICANT)))
    spec = load_scorecard(FIXTURE)
    assert len({spec.score(v) for v in [APPLICANT, *variants]}) == 1


def test_outcomes_identical_names_the_response_and_field(library):
    base = {
        "transactionId": "TX-A",
        "score": 640,
        "decision": "REFER",
        "riskBand": "D",
        "probabilityOfDefault": 0.008264,
    }
    base["reasonCodes"] = [{"code": "R01"}, {"code": "R04"}]
    same = {**base, "transactionId": "TX-B", "reasonCodes": "R01|R04"}
    library.run_keyword("Outcomes Should Be Identical", [[base, same]], {})
    swapped = {**base, "transactionId": "TX-C", "reasonCodes": ["R04", "R01"]}
    assert outcome_differences([base, same, swapped]) == [
        'reasonCodes of response 3 (TX-C) is ["R04", "R01"], response 1 (TX-A) has ["R01", "R04"]'
    ]
    with pytest.raises(AssertionError, match=r"^Outcomes differ in 2 places: score of response 2 \(TX-D\) is 645"):
        library.run_keyword(
            "Outcomes Should Be Identical",
            [[base, {**base, "transactionId": "TX-D", "score": 645, "decision": "APPROVE"}]],
            {},
        )
    library.run_keyword(
        "Outcomes Should Be Identical", [[base, {**base, "riskBand": "Z"}]], {"fields": "score,decision"}
    )


def test_dominating_applicant_is_better_everywhere():
    better = dominating_applicant(APPLICANT)
    assert better["monthlyIncome"] > APPLICANT["monthlyIncome"]
    assert better["existingDebt"] <= APPLICANT["existingDebt"]
    assert better["requestedAmount"] <= APPLICANT["requestedAmount"]
    assert better["creditHistoryMonths"] >= APPLICANT["creditHistoryMonths"]
    assert better["transactionId"] == APPLICANT["transactionId"] + "-DOM"
    spec = load_scorecard(FIXTURE)
    for applicant in generate_applicants(100, "mixed", seed=8):
        assert spec.score(dominating_applicant(applicant)) >= spec.score(applicant)


def test_dominance_check(library):
    base = {"transactionId": "TX-A", "score": 690, "decision": "APPROVE"}
    library.run_keyword(
        "Dominance Should Hold", [base, {"transactionId": "TX-B", "score": 700, "decision": "APPROVE"}], {}
    )
    assert dominance_problems(base, {"transactionId": "TX-B", "score": 675, "decision": "REFER"}) == [
        "dominating applicant TX-B scored 675, below 690 of TX-A",
        "dominating applicant TX-B got REFER, worse than APPROVE of TX-A",
    ]
    with pytest.raises(AssertionError, match=r"^Dominance broken: dominating applicant TX-B scored 675"):
        library.run_keyword(
            "Dominance Should Hold", [base, {"transactionId": "TX-B", "score": 675, "decision": "APPROVE"}], {}
        )


def test_numeric_strings_become_numbers():
    variants = monotonic_variants(APPLICANT, "monthlyIncome", ["1500", "2500.50", 4000])
    assert [v["monthlyIncome"] for v in variants] == [1500, 2500.5, 4000]
    assert [v["age"] for v in monotonic_variants(APPLICANT, "age", ["30", "40"])] == [30, 40]


def test_dominance_chain_improves_step_by_step_with_fresh_ids():
    from ScoringLibrary.core.metamorphic import dominance_chain

    base = {
        "transactionId": "TX-1",
        "age": 45,
        "monthlyIncome": 5200,
        "existingDebt": 28000,
        "requestedAmount": 30000,
        "creditHistoryMonths": 84,
    }
    chain = dominance_chain(base, 3)
    assert [a["transactionId"] for a in chain] == ["TX-1", "TX-1-CHAIN1", "TX-1-CHAIN2", "TX-1-CHAIN3"]
    assert [a["monthlyIncome"] for a in chain] == [5200, 6500.0, 8125.0, 10156.25]
    assert chain[0] == base and chain[0] is not base
    for low, high in itertools.pairwise(chain):
        assert high["existingDebt"] <= low["existingDebt"] and high["requestedAmount"] <= low["requestedAmount"]
        assert high["creditHistoryMonths"] >= low["creditHistoryMonths"]


def test_pairwise_dominance_names_every_broken_pair():
    from ScoringLibrary.core.metamorphic import pairwise_dominance_problems

    bases = [
        {"transactionId": "A", "score": 700, "decision": "APPROVE"},
        {"transactionId": "B", "score": 640, "decision": "REFER"},
    ]
    better = [
        {"transactionId": "A-DOM", "score": 690, "decision": "APPROVE"},
        {"transactionId": "B-DOM", "score": 650, "decision": "DECLINE"},
    ]
    assert pairwise_dominance_problems(bases, better) == [
        "pair 1: dominating applicant A-DOM scored 690, below 700 of A",
        "pair 2: dominating applicant B-DOM got DECLINE, worse than REFER of B",
    ]
    assert pairwise_dominance_problems(bases, bases) == []
    with pytest.raises(ValueError, match="expected pairs: 2 base responses, 1 dominating"):
        pairwise_dominance_problems(bases, better[:1])


def test_field_repeat_and_reversed_variants():
    from ScoringLibrary.core.metamorphic import field_variants, repeat_variants, reversed_key_order

    applicant = {"transactionId": "TX-9", "channel": "web", "age": 30}
    variants = field_variants(applicant, "channel", ["mobile", "broker"])
    assert [(v["transactionId"], v["channel"]) for v in variants] == [("TX-9-F1", "mobile"), ("TX-9-F2", "broker")]
    assert "channel" not in field_variants(applicant, "channel", ["<missing>"])[0]
    assert [v["transactionId"] for v in repeat_variants(applicant, 3)] == ["TX-9-R1", "TX-9-R2", "TX-9-R3"]
    assert list(reversed_key_order(applicant)) == ["age", "channel", "transactionId"]
    assert applicant == {"transactionId": "TX-9", "channel": "web", "age": 30}
