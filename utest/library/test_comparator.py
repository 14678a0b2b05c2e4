"""Regression comparator: tolerances, flips, reason codes, missing/unexpected records, files, candidates."""

from __future__ import annotations

import csv
import json

import pytest
from ScoringLibrary.core.baseline_files import candidate_path, write_candidate
from ScoringLibrary.core.comparator import compare_results
from ScoringLibrary.core.tolerances import Tolerance, parse_tolerance, parse_tolerances


def record(tx: str, score=700, decision="APPROVE", band="C", pd=0.000916, codes=(), **extra) -> dict:
    return {
        "transactionId": tx,
        "score": score,
        "decision": decision,
        "riskBand": band,
        "probabilityOfDefault": pd,
        "reasonCodes": [{"code": c, "description": "d"} for c in codes],
        "scoredAt": "2026-11-25T10:15:30.123Z",
        **extra,
    }


@pytest.fixture
def baseline() -> list[dict]:
    return [
        record("TX-0001"),
        record("TX-0002", 640, "REFER", "D", 0.008264, ("R01", "R04")),
        record("TX-0003", 560, "DECLINE", "E", 0.117647, ("R02", "R05", "R01")),
        record("TX-0004", 720, "APPROVE", "B", 0.000458),
    ]


def test_identical_results_match(baseline):
    result = compare_results([dict(r, scoredAt="2026-11-26T00:00:00Z") for r in baseline], baseline)
    assert result.passed
    assert (result.compared, result.matched, result.within_tolerance) == (4, 4, 0)


def test_decision_flip_is_reported(baseline):
    actual = [dict(r) for r in baseline]
    actual[1]["decision"] = "DECLINE"
    result = compare_results(actual, baseline)
    assert not result.passed
    assert (result.decision_flips, result.failed, result.matched) == (1, 1, 3)
    assert result.as_dict()["decision_flip_counts"] == {"REFER->DECLINE": 1}
    assert "TX-0002 decision expected REFER actual DECLINE" in result.failure_message()


def test_reason_code_order_change_is_a_change(baseline):
    actual = [dict(r) for r in baseline]
    actual[2] = dict(actual[2], reasonCodes="R05|R02|R01")
    result = compare_results(actual, baseline)
    assert result.reason_code_changes == 1
    assert "TX-0003 reasonCodes expected R02|R05|R01 actual R05|R02|R01 (ordered, exact)" in result.failure_message()


def test_reason_code_forms_are_equivalent(baseline):
    actual = [dict(r) for r in baseline]
    actual[1] = dict(actual[1], reasonCodes=["R01", "R04"])
    actual[2] = dict(actual[2], reasonCodes="R02|R05|R01")
    assert compare_results(actual, baseline).passed


def test_missing_and_unexpected_records(baseline):
    actual = [baseline[0], baseline[2], baseline[3], record("TX-0099")]
    result = compare_results(actual, baseline)
    assert (result.missing, result.unexpected, result.compared) == (1, 1, 3)
    assert result.missing_ids == ["TX-0002"] and result.unexpected_ids == ["TX-0099"]
    message = result.failure_message()
    assert "1 missing, 1 unexpected" in message and "missing TX-0002" in message and "unexpected TX-0099" in message


def test_out_of_order_records_still_pair(baseline):
    assert compare_results(list(reversed(baseline)), baseline).passed


def test_duplicates_are_reported(baseline):
    result = compare_results([*baseline, baseline[0]], baseline)
    assert result.duplicates == 1 and not result.passed
    assert result.duplicate_ids == ["TX-0001 (actual)"]


def test_records_without_key_fail(baseline):
    result = compare_results([*baseline, {"score": 1}], baseline)
    assert result.unkeyed == 1 and not result.passed


def test_pd_within_absolute_tolerance_at_the_edge(baseline):
    actual = [dict(r) for r in baseline]
    actual[0]["probabilityOfDefault"] = 0.000917
    strict = compare_results(actual, baseline)
    assert strict.beyond_tolerance == 1
    tolerant = compare_results(actual, baseline, ["probabilityOfDefault=abs:0.000001"])
    assert tolerant.passed and tolerant.within_tolerance == 1
    actual[0]["probabilityOfDefault"] = 0.000918
    assert compare_results(actual, baseline, ["probabilityOfDefault=abs:0.000001"]).beyond_tolerance == 1


def test_integer_and_string_forms_of_the_same_number_match(baseline):
    actual = [dict(r, score=str(r["score"]) + ".0") for r in baseline]
    result = compare_results(actual, baseline)
    assert result.passed and result.matched == 4


def test_text_field_change_counts_beyond_tolerance(baseline):
    actual = [dict(r) for r in baseline]
    actual[3]["riskBand"] = "C"
    result = compare_results(actual, baseline)
    assert result.beyond_tolerance == 1 and "TX-0004 riskBand expected B actual C (exact)" in result.failure_message()


def test_missing_value_is_beyond_tolerance(baseline):
    actual = [dict(r) for r in baseline]
    actual[0]["score"] = None
    assert compare_results(actual, baseline, ["score=abs:5"]).beyond_tolerance == 1


def test_relative_tolerance_uses_the_baseline_as_reference():
    def passes(actual: float, expected: float) -> bool:
        base = [record("TX-0001", monthlyIncome=expected)]
        return compare_results([record("TX-0001", monthlyIncome=actual)], base, ["monthlyIncome=rel:0.1"]).passed

    assert passes(110.0, 100.0)
    assert not passes(110.5, 100.0)
    assert passes(100.0, 110.5)


def test_relative_zero_reference_allows_nothing():
    base = [record("TX-0001", existingDebt=0.0)]
    assert not compare_results([record("TX-0001", existingDebt=0.01)], base, ["existingDebt=rel:0.5"]).passed
    assert compare_results([record("TX-0001", existingDebt=0.01)], base, ["existingDebt=abs:0.01"]).passed


@pytest.mark.parametrize(
    ("tolerance", "actual", "expected", "holds"),
    [
        (Tolerance("abs", 0), 1.0, 1.0, True),
        (Tolerance("abs", 0), 1.0, 1.0000000001, False),
        (Tolerance("abs", 0.000001), 0.001018, 0.001017, True),
        (Tolerance("abs", 0.000001), 0.0010181, 0.001017, False),
        (Tolerance("abs", 1), 700, 699, True),
        (Tolerance("abs", 1), 700, 698, False),
        (Tolerance("rel", 0.01), 101.0, 100.0, True),
        (Tolerance("rel", 0.01), 101.01, 100.0, False),
        (Tolerance("rel", 0.01), 99.0, 100.0, True),
        (Tolerance("rel", 0.01), -101.0, -100.0, True),
        (Tolerance("rel", 0.01), 0.0, 0.0, True),
    ],
)
def test_tolerance_rules(tolerance, actual, expected, holds):
    assert tolerance.holds(actual, expected) is holds


def test_tolerance_spec_parsing():
    assert parse_tolerance("score=abs:0") == ("score", Tolerance("abs", 0.0))
    assert parse_tolerances(["score=abs:1,monthlyIncome=rel:0.01"]) == {
        "score": Tolerance("abs", 1.0),
        "monthlyIncome": Tolerance("rel", 0.01),
    }
    for bad in ("score", "score=abs", "score=pct:1", "score=abs:-1", "decision=abs:0", "score=abs:x"):
        with pytest.raises(ValueError):
            parse_tolerances([bad])


def test_unknown_tolerance_field_is_an_error(baseline):
    with pytest.raises(ValueError, match="has no monthlyIncome"):
        compare_results(baseline, baseline, ["monthlyIncome=rel:0.01"])


def write_csv(path, records):
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["transactionId", "score", "decision", "riskBand", "probabilityOfDefault", "reasonCodes"])
        for r in records:
            codes = "|".join(c["code"] for c in r["reasonCodes"])
            writer.writerow(
                [r["transactionId"], r["score"], r["decision"], r["riskBand"], r["probabilityOfDefault"], codes]
            )


def test_files_in_every_format_compare(tmp_path, baseline):
    csv_path = tmp_path / "baseline.csv"
    write_csv(csv_path, baseline)
    ndjson_path = tmp_path / "actual.ndjson"
    ndjson_path.write_text("".join(json.dumps(r) + "\n" for r in reversed(baseline)))
    json_path = tmp_path / "approved.json"
    json_path.write_text(
        json.dumps({"model": {"modelCode": "credit_risk_v1"}, "approvedBy": "qa", "records": baseline})
    )
    assert compare_results(str(ndjson_path), str(csv_path)).passed
    assert compare_results(str(csv_path), str(json_path)).passed
    flipped = [dict(r) for r in baseline]
    flipped[0]["decision"] = "REFER"
    write_csv(tmp_path / "actual.csv", flipped)
    assert compare_results(str(tmp_path / "actual.csv"), str(json_path)).decision_flips == 1


def test_csv_without_a_compared_column_is_an_error(tmp_path, baseline):
    path = tmp_path / "narrow.csv"
    path.write_text("transactionId,score\nTX-0001,700\n")
    with pytest.raises(ValueError, match=r"actual results .* has no decision"):
        compare_results(str(path), baseline)


def test_examples_are_bounded(baseline):
    actual = [dict(r, decision="X", riskBand="Z") for r in baseline]
    result = compare_results(actual, baseline, max_examples=3)
    assert len(result.examples) == 3 and result.decision_flips == 4


def test_keyword_fails_with_counts_and_ids(library, baseline):
    actual = [dict(r) for r in baseline[1:]]
    actual[0]["decision"] = "APPROVE"
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Results Should Match Baseline", [actual, baseline], {})
    assert str(failure.value) == (
        "Results differ from the baseline: 1 decision flip, 1 missing (baseline 4 records, actual 3, compared 3): "
        "TX-0002 decision expected REFER actual APPROVE; missing TX-0001"
    )
    summary = library.run_keyword("Compare Results With Baseline", [actual, baseline, "score=abs:0"], {})
    assert summary["decision_flips"] == 1 and summary["missing"] == 1 and summary["total"] == 4


# Candidate baselines


def test_record_baseline_writes_to_a_free_path(tmp_path, baseline):
    target = tmp_path / "b.json"
    written = write_candidate(baseline, target, "qa-lead")
    assert written == target
    document = json.loads(target.read_text())
    assert document["status"] == "candidate" and document["approvedBy"] == "qa-lead"
    assert "scoredAt" not in document["records"][0]
    assert document["records"][1]["reasonCodes"] == ["R01", "R04"]
    assert compare_results(baseline, str(target)).passed


def test_record_baseline_never_overwrites_an_approved_baseline(tmp_path, baseline, library):
    approved = tmp_path / "approved.csv"
    write_csv(approved, baseline)
    before = approved.read_bytes()
    changed = [dict(r, score=1) for r in baseline]
    written = library.run_keyword("Record Baseline", [changed, str(approved)], {})
    assert written == str(tmp_path / "approved.candidate.csv")
    assert approved.read_bytes() == before
    again = library.run_keyword("Record Baseline", [baseline, str(approved)], {})
    assert again == written
    assert compare_results(baseline, again).passed
    assert candidate_path(tmp_path / "approved.candidate.csv") == tmp_path / "approved.candidate.csv"


def test_record_baseline_ndjson_round_trip(tmp_path, baseline):
    written = write_candidate(baseline, tmp_path / "b.ndjson")
    assert compare_results(baseline, str(written)).passed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("transactionId,score\nTX-1,700\nTX-2,650\n", [("TX-1", "700"), ("TX-2", "650")]),
        ("transactionId,score\r\nTX-1,700\r\n\r\nTX-2,650", [("TX-1", "700"), ("TX-2", "650")]),
        ("\ufefftransactionId,score\nTX-1,700\n", [("TX-1", "700")]),
        ('transactionId,score\n"TX-1",700\n"TX,2","6\n50"\n', [("TX-1", "700"), ("TX,2", "6\n50")]),
    ],
)
def test_csv_rows_plain_and_quoted(tmp_path, text, expected):
    from ScoringLibrary.core.baseline_files import open_records

    path = tmp_path / "r.csv"
    path.write_bytes(text.encode("utf-8"))
    assert list(open_records(str(path)).rows(["transactionId", "score"])) == expected


def test_short_csv_row_is_an_error(tmp_path):
    from ScoringLibrary.core.baseline_files import open_records

    path = tmp_path / "r.csv"
    path.write_text("transactionId,a,score\nTX-1,x,700\nTX-2\n")
    with pytest.raises(ValueError, match="fewer columns than the header"):
        list(open_records(str(path)).rows(["transactionId", "score"]))
