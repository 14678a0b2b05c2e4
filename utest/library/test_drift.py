"""Drift statistics: PSI with its chance level, KS, decision-rate shifts, swap sets, the SVG chart."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from ScoringLibrary.base import LibraryComponent
from ScoringLibrary.core.drift import (
    build_swap_set,
    calculate_psi,
    decision_counts,
    decision_rate_shifts,
    ks_test,
    two_proportion_test,
)
from ScoringLibrary.core.run_metrics import parse_metric
from ScoringLibrary.core.svg_chart import histogram_svg


def scores(seed: int, n: int, mean: float = 660, sd: float = 60) -> list[float]:
    return np.random.default_rng(seed).normal(mean, sd, n).round().tolist()


def test_psi_of_identical_samples_is_zero():
    sample = scores(1, 1000)
    assert calculate_psi(sample, sample).psi == pytest.approx(0.0, abs=1e-12)


def test_psi_matches_the_formula_on_fixed_edges():
    expected = [1] * 50 + [3] * 50
    actual = [1] * 25 + [3] * 75
    result = calculate_psi(expected, actual, edges=[2])
    manual = (0.25 - 0.5) * np.log(0.25 / 0.5) + (0.75 - 0.5) * np.log(0.75 / 0.5)
    assert result.psi == pytest.approx(manual)
    assert [b.expected_count for b in result.bins] == [50, 50]
    assert [b.label for b in result.bins] == ["[-inf, 2)", "[2, +inf)"]


def test_empty_bins_are_floored():
    result = calculate_psi([1, 1, 3, 3], [1, 1, 1, 1], edges=[2], floor=0.0001)
    assert np.isfinite(result.psi) and result.psi > 1


def test_quantile_bins_are_deciles_of_the_expected_scores():
    result = calculate_psi(list(range(1000)), list(range(1000)), bins=10)
    assert len(result.bins) == 10
    assert all(b.expected_count == 100 for b in result.bins)


def test_critical_value_matches_the_chi_square_rule():
    result = calculate_psi(scores(1, 100), scores(2, 100))
    assert result.critical_value(0.95) == pytest.approx(16.919 * 0.02, rel=1e-3)


def test_psi_should_be_below_passes_small_samples_without_drift(library):
    library.run_keyword("PSI Should Be Below", [scores(11, 100), scores(12, 100)], {"threshold": 0.10})


def test_small_samples_rarely_raise_false_alarms():
    alarms = 0
    for seed in range(200):
        result = calculate_psi(scores(2 * seed, 100), scores(2 * seed + 1, 100))
        alarms += result.psi > max(0.10, result.critical_value(0.95))
    assert alarms <= 20


def test_raw_threshold_alone_would_raise_false_alarms_on_small_samples():
    over = sum(calculate_psi(scores(2 * s, 100), scores(2 * s + 1, 100)).psi > 0.10 for s in range(100))
    assert over > 50


def test_psi_should_be_below_fails_on_real_drift(library):
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("PSI Should Be Below", [scores(1, 5000), scores(2, 5000, mean=700)], {})
    message = str(failure.value)
    assert message.startswith("PSI 0.")
    assert "exceeds the threshold 0.1 and the critical value 0.0068" in message
    assert "for n=5000 expected and m=5000 actual scores" in message


def test_calculate_psi_keyword_accepts_result_dicts(library):
    champion = [{"score": s} for s in scores(1, 500)]
    challenger = [{"score": s} for s in scores(2, 500)]
    value = library.run_keyword("Calculate PSI", [champion, challenger], {"method": "fixed", "bins": 5})
    assert 0 <= value < 0.1


def test_bad_input_is_reported(library):
    with pytest.raises(AssertionError, match="PSI: score values must be finite"):
        library.run_keyword("Calculate PSI", [[1, 2, float("nan")], [1, 2, 3]], {})
    with pytest.raises(AssertionError, match="method must be quantile or fixed"):
        library.run_keyword("Calculate PSI", [[1, 2, 3], [1, 2, 3]], {"method": "magic"})


def test_ks(library):
    assert ks_test(scores(1, 500), scores(2, 500)).p_value > 0.01
    library.run_keyword("Two Sample KS Should Not Reject", [scores(1, 500), scores(2, 500)], {})
    with pytest.raises(AssertionError, match=r"Score distributions differ: KS D=0\.\d+, p=.* < alpha 0.01"):
        library.run_keyword("Two Sample KS Should Not Reject", [scores(1, 2000), scores(2, 2000, mean=680)], {})


def test_two_proportion_test():
    z, p = two_proportion_test(500, 1000, 500, 1000)
    assert (z, p) == (0.0, 1.0)
    z, p = two_proportion_test(500, 1000, 600, 1000)
    assert z == pytest.approx(4.5, abs=0.05) and p < 1e-4
    assert two_proportion_test(0, 100, 0, 100) == (0.0, 1.0)


def test_decision_inputs():
    assert decision_counts(["APPROVE", "REFER", "APPROVE"]) == {"APPROVE": 2, "REFER": 1}
    assert decision_counts([{"decision": "DECLINE"}]) == {"DECLINE": 1}
    assert decision_counts({"APPROVE": 7}) == {"APPROVE": 7}


def test_decision_rates_shift_is_named(library):
    expected = {"APPROVE": 700, "REFER": 200, "DECLINE": 100}
    library.run_keyword(
        "Decision Rates Should Not Shift", [expected, {"APPROVE": 690, "REFER": 205, "DECLINE": 105}], {}
    )
    with pytest.raises(AssertionError) as failure:
        library.run_keyword(
            "Decision Rates Should Not Shift", [expected, {"APPROVE": 600, "REFER": 200, "DECLINE": 200}], {}
        )
    message = str(failure.value)
    assert message.startswith("Decision rates shifted at alpha 0.01: APPROVE 70.00% -> 60.00% (z=-4.")
    assert "DECLINE 10.00% -> 20.00%" in message
    assert "REFER" not in message
    shifts = {s.decision: s for s in decision_rate_shifts(expected, {"APPROVE": 600, "REFER": 200, "DECLINE": 200})}
    assert shifts["REFER"].p_value == pytest.approx(1.0)


def results(decisions: str, prefix: str = "TX") -> list[dict]:
    return [{"transactionId": f"{prefix}-{i}", "decision": d} for i, d in enumerate(decisions.split())]


def test_swap_set_table_and_counts():
    champion = results("APPROVE APPROVE REFER DECLINE DECLINE REFER")
    challenger = results("APPROVE REFER APPROVE APPROVE DECLINE DECLINE")
    swap = build_swap_set(champion, challenger)
    assert swap.table["APPROVE"] == {"APPROVE": 1, "REFER": 1, "DECLINE": 0}
    assert swap.table["REFER"] == {"APPROVE": 1, "REFER": 0, "DECLINE": 1}
    assert swap.table["DECLINE"] == {"APPROVE": 1, "REFER": 0, "DECLINE": 1}
    assert (swap.paired, swap.flips, swap.swap_ins, swap.swap_outs) == (6, 4, 2, 1)
    assert swap.flip_rate == pytest.approx(4 / 6)


def test_swap_set_keywords(library):
    champion = results("APPROVE REFER DECLINE APPROVE")
    same = library.run_keyword("Build Swap Set", [champion, list(reversed(champion))], {})
    library.run_keyword("Swap Set Should Have No Flips", [same], {})
    changed = library.run_keyword("Build Swap Set", [champion, results("APPROVE REFER APPROVE APPROVE")], {})
    library.run_keyword("Swap Set Flip Rate Should Be At Most", [changed, "25%"], {})
    with pytest.raises(
        AssertionError, match=r"^Flip rate 25.00% \(1 of 4 paired decisions\) exceeds 10.00%: 1 swap-ins"
    ):
        library.run_keyword("Swap Set Flip Rate Should Be At Most", [changed, "0.1"], {})
    with pytest.raises(AssertionError, match=r"1 of 4 decisions flipped \(TX-2 DECLINE->APPROVE\)"):
        library.run_keyword("Swap Set Should Have No Flips", [changed], {})
    partial = library.run_keyword("Build Swap Set", [champion, champion[:3]], {})
    with pytest.raises(AssertionError, match="unpaired records: 1 champion, 0 challenger"):
        library.run_keyword("Swap Set Should Have No Flips", [partial], {})


def test_svg_chart_is_well_formed():
    from defusedxml import ElementTree

    svg = histogram_svg([np.array(scores(1, 300)), np.array(scores(2, 300, mean=700))], ["v1 <old>", "v2"], bins=10)
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert svg.count("<rect") == 2 * 10 + 2
    assert "v1 &lt;old&gt; (n=300)" in svg


def test_log_score_distributions_keyword_returns_svg(library):
    svg = library.run_keyword("Log Score Distributions", [scores(1, 50), scores(2, 50)], {"labels": "baseline,today"})
    assert svg.startswith("<svg") and "baseline (n=50)" in svg


def test_importing_the_library_loads_neither_numpy_nor_scipy():
    libraries = Path(__file__).resolve().parents[2] / "libraries"
    code = (
        f"import sys; sys.path.insert(0, {str(libraries)!r}); import ScoringLibrary; "
        "print(sorted(m for m in ('numpy', 'scipy') if m in sys.modules))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_scores_by_key_and_scores_of_records_keywords(library):
    results = [{"caseId": "A", "score": 700}, {"caseId": "B", "score": 650}]
    scores = library.run_keyword("Get Scores By Key", [results], {})
    assert scores == {"A": 700, "B": 650}
    assert library.run_keyword("Get Scores Of Records", [[{"caseId": "B"}, {"caseId": "A"}], scores], {}) == [650, 700]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Get Scores Of Records", [[{"caseId": "B"}, {"caseId": "C"}, {"caseId": "D"}], scores], {})
    assert str(failure.value) == "2 of 3 records have no score by caseId: C, D"
    with pytest.raises(AssertionError, match="Scores by caseId: 1 of 1 records have no 'score': A"):
        library.run_keyword("Get Scores By Key", [[{"caseId": "A"}]], {})


def segment_cases() -> list[dict]:
    """40 prime and 40 self-employed baseline cases spread over the risk bands (edges 600, 680, 720, 760)."""
    cases = []
    for segment, base in (("prime", 640), ("self_employed", 560)):
        cases += [
            {"caseId": f"{segment}-{i:02d}", "segment": segment, "score": base + (i * 7) % 160} for i in range(40)
        ]
    return cases


BANDS = [600, 680, 720, 760]


def test_segment_psi_is_zero_for_every_segment_scored_the_same(library):
    cases = segment_cases()
    today = [{"caseId": c["caseId"], "score": c["score"]} for c in cases]
    psi = library.run_keyword("Segment PSI Should Be Below", [cases, today], {"edges": BANDS})
    assert psi == {"prime": 0.0, "self_employed": 0.0}


def test_segment_psi_names_only_the_segment_that_moved(library):
    cases = segment_cases()
    today = [
        {"caseId": c["caseId"], "score": c["score"] + (80 if c["segment"] == "self_employed" else 0)} for c in cases
    ]
    whole = library.run_keyword("Calculate PSI", [cases, today], {"edges": BANDS})
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Segment PSI Should Be Below", [cases, today], {"edges": BANDS})
    message = str(failure.value)
    assert message.startswith("PSI above 0.1 in 1 of 2 segments: self_employed PSI "), message
    assert message.endswith(" (40 cases)") and "prime" not in message
    moved = float(message.split("self_employed PSI ")[1].split(" ")[0])
    assert moved > whole > 0, "the segment's own PSI is larger than the PSI of the whole population"


def test_segment_psi_threshold_is_the_limit_itself_without_a_chance_level(library):
    cases = segment_cases()
    today = [{"caseId": c["caseId"], "score": c["score"] + 10} for c in cases]
    psi = library.run_keyword("Segment PSI Should Be Below", [cases, today], {"edges": BANDS, "threshold": 1.0})
    assert set(psi) == {"prime", "self_employed"} and all(value > 0 for value in psi.values())
    smallest = min(psi.values())
    with pytest.raises(AssertionError, match=r"PSI above [0-9.e-]+ in 2 of 2 segments"):
        library.run_keyword("Segment PSI Should Be Below", [cases, today], {"edges": BANDS, "threshold": smallest / 2})


def test_segment_psi_names_baseline_cases_without_a_result(library):
    cases = segment_cases()
    today = [{"caseId": c["caseId"], "score": c["score"]} for c in cases[2:]]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Segment PSI Should Be Below", [cases, today], {"edges": BANDS})
    assert str(failure.value) == "Segment PSI: 2 of 80 baseline cases have no result by caseId: prime-00, prime-01"
    with pytest.raises(AssertionError, match="Segment PSI: 1 of 1 records have no 'segment': A"):
        library.run_keyword("Segment PSI Should Be Below", [[{"caseId": "A", "score": 1}], []], {})


def test_segment_psi_logs_one_gate_metric_per_segment(library, monkeypatch):
    messages = []
    monkeypatch.setattr(LibraryComponent, "info", staticmethod(messages.append))
    cases = segment_cases()
    library.run_keyword("Segment PSI Should Be Below", [cases, list(cases)], {"edges": BANDS})
    figures = [parse_metric(message) for message in messages if message.startswith("ScoreGate metric")]
    assert [(f["segment"], f["value"], f["threshold"], f["limit"], f["critical_value"]) for f in figures] == [
        ("prime", 0.0, 0.1, 0.1, None),
        ("self_employed", 0.0, 0.1, 0.1, None),
    ]
    assert {f["keyword"] for f in figures} == {"Segment PSI Should Be Below"}
