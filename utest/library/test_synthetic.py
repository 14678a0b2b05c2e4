"""Synthetic applicants, boundary and invalid values, the scorecard oracle and cutoff applicants."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from ScoringLibrary.core.boundaries import MISSING, NUMERIC_FIELDS, boundary_values, invalid_values, with_field
from ScoringLibrary.core.scorecard import applicants_around_cutoff, expected_refusals, load_scorecard, reachable_scores
from ScoringLibrary.core.synthetic import SEGMENTS, age_grid, generate_applicants

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "scorecard_v1.yaml"
TX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")
APPLICANT = re.compile(r"^SYN-[A-Z0-9]{6,24}$")
FIELDS = [
    "transactionId",
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
]


def within_contract(applicant: dict) -> list[str]:
    problems = []
    for name, spec in NUMERIC_FIELDS.items():
        value = applicant[name]
        if isinstance(value, bool) or not spec.valid(value) or (spec.integer and not isinstance(value, int)):
            problems.append(f"{name}={value!r}")
    if not TX.match(applicant["transactionId"]) or not APPLICANT.match(applicant["applicantId"]):
        problems.append("ids")
    return problems


@pytest.mark.parametrize("segment", SEGMENTS)
def test_segments_stay_within_the_contract(segment):
    applicants = generate_applicants(200, segment, seed=5)
    assert [list(a) for a in applicants[:1]] == [FIELDS]
    assert all(not within_contract(a) for a in applicants)
    assert len({a["transactionId"] for a in applicants}) == 200
    assert len({a["channel"] for a in applicants}) >= 3


def test_same_seed_same_data_and_other_seed_other_data():
    assert generate_applicants(50, "mixed", seed=9) == generate_applicants(50, "mixed", seed=9)
    assert generate_applicants(50, "mixed", seed=9) != generate_applicants(50, "mixed", seed=10)


def test_segments_are_realistic():
    seniors = generate_applicants(100, "senior", 1)
    assert all(a["age"] >= 62 for a in seniors)
    young = generate_applicants(100, "young", 1)
    assert all(a["age"] <= 24 and a["creditHistoryMonths"] <= (a["age"] - 18) * 12 for a in young)
    thin = generate_applicants(100, "thin_file", 1)
    assert all(a["creditHistoryMonths"] < 12 for a in thin)
    high = generate_applicants(100, "high_dti", 1)
    assert all(a["existingDebt"] / (12 * a["monthlyIncome"]) >= 0.45 for a in high)
    assert all(a["employmentStatus"] == "self_employed" for a in generate_applicants(50, "self_employed", 1))


def test_ids_follow_the_pattern():
    applicant = generate_applicants(1, "near_prime", 3, id_prefix="RUN7")[0]
    assert applicant["transactionId"] == "RUN7-near-prime-000001"
    assert applicant["applicantId"].startswith("SYN-NP3")


def test_unknown_segment_fails(library):
    with pytest.raises(AssertionError, match="unknown segment 'gold'; segments: prime"):
        library.run_keyword("Generate Synthetic Applicants", [], {"segment": "gold"})


def test_age_boundaries():
    assert boundary_values("age") == [
        {"value": 17, "valid": False, "label": "min-1"},
        {"value": 18, "valid": True, "label": "min"},
        {"value": 19, "valid": True, "label": "min+1"},
        {"value": 99, "valid": True, "label": "max-1"},
        {"value": 100, "valid": True, "label": "max"},
        {"value": 101, "valid": False, "label": "max+1"},
    ]


def test_money_boundaries_have_fractional_steps():
    cases = {c["label"]: (c["value"], c["valid"]) for c in boundary_values("requestedAmount")}
    assert cases == {
        "min-1": (99, False),
        "min-0.01": (99.99, False),
        "min": (100, True),
        "min+0.01": (100.01, True),
        "min+1": (101, True),
        "max-1": (999999, True),
        "max-0.01": (999999.99, True),
        "max": (1000000, True),
        "max+0.01": (1000000.01, False),
        "max+1": (1000001, False),
    }
    income = {c["label"]: c["valid"] for c in boundary_values("monthlyIncome")}
    assert income["min-0.01"] is False and income["min"] is True


def test_every_numeric_field_has_boundaries():
    for name in NUMERIC_FIELDS:
        cases = boundary_values(name)
        assert cases[0]["valid"] is False and cases[-1]["valid"] is False


def test_id_length_boundaries():
    cases = boundary_values("transactionId")
    assert [(len(c["value"]), c["valid"]) for c in cases] == [
        (7, False),
        (8, True),
        (9, True),
        (63, True),
        (64, True),
        (65, False),
    ]
    assert all(TX.match(c["value"]) for c in cases if c["valid"])
    applicant = boundary_values("applicantId")
    assert all(bool(APPLICANT.match(c["value"])) == c["valid"] for c in applicant)


def test_invalid_values_of_an_integer_field():
    cases = {c["label"]: (c["value"], c["issue"]) for c in invalid_values("age")}
    assert cases["numeric string"] == ("30", "wrong_type")
    assert cases["boolean"] == (True, "wrong_type")
    assert cases["null"] == (None, "wrong_type")
    assert cases["fractional float for int"] == (30.5, "wrong_type")
    assert cases["whole float for int"][0] == 30.0 and isinstance(cases["whole float for int"][0], float)
    assert math.isnan(cases["NaN"][0]) and cases["Infinity"][0] == math.inf
    assert cases["negative"] == (-1, "out_of_range")
    assert cases["missing"] == (MISSING, "missing")


def test_invalid_values_of_number_and_enum_fields():
    income = {c["label"]: c["issue"] for c in invalid_values("monthlyIncome")}
    assert income["NaN"] == "not_finite" and "fractional float for int" not in income
    status = {c["label"]: (c["value"], c["issue"]) for c in invalid_values("employmentStatus")}
    assert status["wrong case"] == ("FULL_TIME", "invalid_enum")
    assert status["number"][1] == "wrong_type"
    with pytest.raises(ValueError, match="no invalid values for field 'shoeSize'"):
        invalid_values("shoeSize")


def test_with_and_without_field_copy(library):
    applicant = generate_applicants(1, "prime", 1)[0]
    changed = library.run_keyword("Applicant With Field", [applicant, "age", 17], {})
    assert changed["age"] == 17 and applicant["age"] != 17
    assert "age" not in with_field(applicant, "age", MISSING) and "age" in applicant
    removed = library.run_keyword("Applicant Without Field", [applicant, "channel"], {})
    assert "channel" not in removed and "channel" in applicant
    with pytest.raises(AssertionError, match="applicant has no field 'shoeSize'"):
        library.run_keyword("Applicant Without Field", [applicant, "shoeSize"], {})


# Scorecard oracle

BASE = {
    "transactionId": "TX-oracle-0001",
    "applicantId": "SYN-ORACLE01",
    "age": 40,
    "monthlyIncome": 4000,
    "employmentStatus": "full_time",
    "requestedAmount": 12000,
    "existingDebt": 6000,
    "creditHistoryMonths": 72,
    "channel": "web",
}


@pytest.fixture
def spec():
    return load_scorecard(FIXTURE)


def test_oracle_scores_by_the_published_bins(spec):
    # age 40 -> 40, income 4000 -> 70, dti 0.125 -> 90, full_time 70, history 72 -> 80, lti 0.25 -> 40
    outcome = spec.evaluate(BASE)
    assert outcome.points == {
        "age": 40,
        "monthlyIncome": 70,
        "debtToIncome": 90,
        "employmentStatus": 70,
        "creditHistoryMonths": 80,
        "loanToIncome": 40,
    }
    assert (outcome.score, outcome.decision, outcome.risk_band) == (740, "APPROVE", "B")
    assert outcome.probability_of_default == round(1 / (1 + 30 * 2**7), 6)
    assert outcome.reason_codes == []


def test_oracle_reason_codes_order_by_shortfall_then_code(spec):
    applicant = {**BASE, "age": 23, "monthlyIncome": 1500, "employmentStatus": "part_time", "creditHistoryMonths": 8}
    applicant["existingDebt"] = 0
    applicant["requestedAmount"] = 1500
    outcome = spec.evaluate(applicant)
    # shortfalls: R01 80, R04 80, R06 35, R03 30, R05 0 (lti 0.083), R02 0
    assert outcome.score == 350 + 15 + 20 + 110 + 40 + 15 + 75
    assert outcome.decision == "REFER"
    assert outcome.reason_codes == ["R01", "R04", "R06", "R03"]


def test_oracle_policy_rules(spec):
    zero = spec.evaluate({**BASE, "monthlyIncome": 0})
    assert (zero.decision, zero.policy_rule, zero.reason_codes[0]) == ("DECLINE", "P01", "P01")
    assert zero.points["debtToIncome"] == 0 and zero.points["loanToIncome"] == 0
    big = spec.evaluate({**BASE, "requestedAmount": 240_001})
    assert (big.decision, big.policy_rule, big.reason_codes[:2]) == ("DECLINE", "P02", ["P02", "R05"])
    assert len(big.reason_codes) == 4
    edge = spec.evaluate({**BASE, "requestedAmount": 240_000})
    assert edge.policy_rule is None


def test_bins_are_lower_inclusive(spec):
    assert spec.evaluate({**BASE, "age": 62}).points["age"] == 50
    assert spec.evaluate({**BASE, "age": 61}).points["age"] == 45
    assert spec.evaluate({**BASE, "existingDebt": 4800}).points["debtToIncome"] == 90


def test_unknown_category_is_an_error(spec):
    with pytest.raises(ValueError, match="employmentStatus: 'astronaut' is not a category"):
        spec.evaluate({**BASE, "employmentStatus": "astronaut"})


def test_scores_move_in_steps_of_five(spec):
    assert all(score % 5 == 0 for score in reachable_scores(spec))


def test_applicants_around_cutoff_land_on_the_targets(spec):
    cases = applicants_around_cutoff(spec, 680, seed=4)
    assert [(c["label"], c["expectedScore"], c["expectedDecision"]) for c in cases] == [
        ("below", 675, "REFER"),
        ("at", 680, "APPROVE"),
        ("above", 685, "APPROVE"),
    ]
    for case in cases:
        assert spec.score(case["applicant"]) == case["expectedScore"]
        assert spec.policy_rule(case["applicant"]) is None
        assert not within_contract(case["applicant"])
    refer = applicants_around_cutoff(spec, 600, seed=4, per_score=2)
    assert [c["expectedDecision"] for c in refer] == ["DECLINE", "DECLINE", "REFER", "REFER", "REFER", "REFER"]
    assert applicants_around_cutoff(spec, 680, seed=4) == cases


def test_real_model_files_load_and_obey_the_age_rule():
    for name in ("credit_risk_v1", "credit_risk_v2"):
        path = ROOT / "mock" / "models" / f"{name}.yaml"
        if not path.is_file():
            pytest.skip(f"{path} not present")
        spec = load_scorecard(path)
        assert spec.model_code == name
        age = next(c for c in spec.characteristics if c.name == "age")
        assert age.bins[-1].minimum == 62 and age.bins[-1].points == age.best_points


def test_oracle_agrees_with_the_mock_scorecard():
    scorecard = pytest.importorskip("mock.scorecard")
    for name in ("credit_risk_v1", "credit_risk_v2"):
        path = ROOT / "mock" / "models" / f"{name}.yaml"
        if not path.is_file():
            pytest.skip(f"{path} not present")
        mock_card = scorecard.Scorecard.from_file(path)
        spec = load_scorecard(path)
        applicants = generate_applicants(600, "mixed", seed=21)
        applicants += [
            c["applicant"] for c in applicants_around_cutoff(spec, 680, 2) + applicants_around_cutoff(spec, 600, 2)
        ]
        applicants += [{**BASE, "monthlyIncome": 0}, {**BASE, "requestedAmount": 300_000}]
        for applicant in applicants:
            mine, theirs = spec.evaluate(applicant), mock_card.score(applicant)
            assert (mine.score, mine.decision, mine.risk_band, mine.policy_rule) == (
                theirs.score,
                theirs.decision,
                theirs.risk_band,
                theirs.policy_rule,
            ), applicant["transactionId"]
            assert mine.probability_of_default == theirs.probability_of_default
            assert tuple(mine.reason_codes) == theirs.codes, applicant["transactionId"]


def test_scorecard_keywords(library):
    summary = library.run_keyword("Load Scorecard Spec", [str(FIXTURE)], {})
    assert summary["modelCode"] == "credit_risk_v1" and summary["approveCutoff"] == 680
    assert library.run_keyword("Expected Score For Applicant", [BASE], {}) == 740
    outcome = library.run_keyword("Expected Outcome For Applicant", [BASE], {})
    response = {**BASE, "score": 740, "decision": "APPROVE", "riskBand": "B", "reasonCodes": [], "policyRule": None}
    response["probabilityOfDefault"] = outcome["probabilityOfDefault"]
    library.run_keyword("Score Response Should Match Scorecard", [BASE, response], {})
    wrong = {**response, "score": 735, "reasonCodes": [{"code": "R02"}]}
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Score Response Should Match Scorecard", [BASE, wrong], {})
    assert str(failure.value) == (
        "TX-oracle-0001 differs from credit_risk_v1 1.4.2: score expected 740 got 735; "
        "reasonCodes expected none got R02"
    )
    cases = library.run_keyword("Applicants Around Cutoff", [], {"cutoff": 600, "seed": 2})
    assert [c["expectedScore"] for c in cases] == [595, 600, 605]


def test_expected_refusals_keep_only_the_refused_with_their_transaction_id(spec):
    approved = BASE
    refer = {**BASE, "transactionId": "TX-refer", "monthlyIncome": 1500, "creditHistoryMonths": 8}
    policy = {**BASE, "transactionId": "TX-policy", "monthlyIncome": 0}
    refusals = expected_refusals(spec, [approved, refer, policy])
    assert [r["transactionId"] for r in refusals] == ["TX-refer", "TX-policy"]
    assert refusals[0] == {**spec.evaluate(refer).as_dict(), "transactionId": "TX-refer"}
    assert refusals[1]["reasonCodes"][0] == "P01"
    with pytest.raises(ValueError, match="Cannot score TX-odd with credit_risk_v1: employmentStatus"):
        expected_refusals(spec, [{**BASE, "transactionId": "TX-odd", "employmentStatus": "astronaut"}])


# Age grids


def test_age_grid_varies_only_the_age_in_profile_and_age_order():
    profiles = {"reference": BASE, "young": {**BASE, "applicantId": "SYN-YOUNG01"}}
    grid = age_grid(profiles, "P-1", youngest=18, oldest=20)
    assert [a["transactionId"] for a in grid] == [
        "P-1-reference-18",
        "P-1-reference-19",
        "P-1-reference-20",
        "P-1-young-18",
        "P-1-young-19",
        "P-1-young-20",
    ]
    assert [a["age"] for a in grid] == [18, 19, 20] * 2
    assert list(grid[0]) == list(BASE)
    assert {k: v for k, v in grid[4].items() if k not in ("age", "transactionId")} == {
        k: v for k, v in profiles["young"].items() if k not in ("age", "transactionId")
    }
    assert BASE["age"] == 40 and BASE["transactionId"] == "TX-oracle-0001"
    with pytest.raises(ValueError, match="youngest age 30 is above the oldest 20"):
        age_grid(profiles, "P", youngest=30, oldest=20)


def test_age_grid_and_refusal_keywords(library):
    grid = library.run_keyword("Age Grid Applicants", [{"reference": BASE}, "P-2"], {})
    assert len(grid) == 83 and grid[-1]["transactionId"] == "P-2-reference-100"
    refused = {**BASE, "transactionId": "TX-refused", "monthlyIncome": 0}
    refusals = library.run_keyword("Expected Refusals For Applicants", [[BASE, refused]], {})
    assert [(r["transactionId"], r["decision"], r["policyRule"]) for r in refusals] == [
        ("TX-refused", "DECLINE", "P01")
    ]
