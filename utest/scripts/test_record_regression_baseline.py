"""The regression baseline recorder: reproducible population, candidate-only output, document layout."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "record_regression_baseline.py"
APPROVED = ROOT / "suites" / "regression" / "baselines" / "credit_risk_v1-1.4.2.json"

_spec = importlib.util.spec_from_file_location("record_regression_baseline", SCRIPT)
recorder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recorder)

CONTRACT_FIELDS = {
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
}


def test_population_is_reproducible_from_its_seed():
    assert recorder.baseline_population(7) == recorder.baseline_population(7)
    assert recorder.baseline_population(7) != recorder.baseline_population(8)


def test_population_has_every_segment_with_unique_case_ids():
    cases = recorder.baseline_population()
    assert len(cases) == len(recorder.SEGMENTS) * recorder.CASES_PER_SEGMENT >= 240
    assert len({case["caseId"] for case in cases}) == len(cases)
    assert max(len(case["caseId"]) for case in cases) <= 21, "caseIds must leave room in a 64-character transactionId"
    assert {case["segment"] for case in cases} == set(recorder.SEGMENTS)


def test_applicants_stay_within_the_contract():
    for case in recorder.baseline_population():
        applicant = case["applicant"]
        assert set(applicant) == CONTRACT_FIELDS, case["caseId"]
        assert 18 <= applicant["age"] <= 100
        assert 0 <= applicant["monthlyIncome"] <= 1_000_000
        assert 100 <= applicant["requestedAmount"] <= 1_000_000
        assert 0 <= applicant["existingDebt"] <= 10_000_000
        assert 0 <= applicant["creditHistoryMonths"] <= 960
        assert applicant["applicantId"].startswith("SYN-")


def test_policy_segment_holds_both_policy_rules():
    cases = [c["applicant"] for c in recorder.baseline_population() if c["segment"] == "policy_decline"]
    zero_income = [a for a in cases if a["monthlyIncome"] == 0]
    above_limit = [a for a in cases if a["monthlyIncome"] > 0 and a["requestedAmount"] > 60 * a["monthlyIncome"]]
    assert zero_income and above_limit
    assert len(zero_income) + len(above_limit) == len(cases)


@pytest.mark.parametrize("name", ["credit_risk_v1-1.4.2.json", "baseline.json", "approved.csv"])
def test_output_must_be_a_candidate(name):
    with pytest.raises(ValueError, match="candidate"):
        recorder.candidate_output(Path(name))


def test_candidate_output_is_accepted():
    path = Path("credit_risk_v1-1.4.2.candidate.json")
    assert recorder.candidate_output(path) == path


def _result(score: int, decision: str, codes: list) -> dict:
    return {
        "transactionId": "TX-1",
        "modelCode": recorder.MODEL_CODE,
        "modelVersion": recorder.MODEL_VERSION,
        "score": score,
        "decision": decision,
        "riskBand": "D",
        "probabilityOfDefault": 0.01,
        "reasonCodes": codes,
        "scoredAt": "2026-11-25T10:00:00.000Z",
    }


def test_document_is_a_candidate_with_plain_reason_codes():
    cases = recorder.baseline_population(per_segment=1)[:1]
    result = _result(640, "REFER", [{"code": "R01", "description": "x"}, {"code": "R04", "description": "y"}])
    document = recorder.baseline_document(cases, [result], 3, "test")
    assert document["status"] == "candidate"
    assert document["approvedBy"] is None and document["approvedOn"] is None
    record = document["records"][0]
    assert record["reasonCodes"] == ["R01", "R04"]
    assert "transactionId" not in record and "scoredAt" not in record
    assert record["applicant"] == cases[0]["applicant"]


def test_document_refuses_another_model():
    cases = recorder.baseline_population(per_segment=1)[:1]
    result = {**_result(640, "REFER", []), "modelVersion": "9.9.9"}
    with pytest.raises(ValueError, match=r"expected model credit_risk_v1 1\.4\.2"):
        recorder.baseline_document(cases, [result], 3, "test")


def test_dumped_document_is_json_with_one_line_per_record():
    cases = recorder.baseline_population(per_segment=1)[:2]
    results = [_result(700, "APPROVE", []), _result(590, "DECLINE", ["R02"])]
    document = recorder.baseline_document(cases, results, 3, "test")
    text = recorder.dump_document(document)
    assert json.loads(text) == document
    assert sum(1 for line in text.splitlines() if line.strip().startswith('{"caseId"')) == 2


def test_approved_baseline_matches_the_recorded_population():
    approved = json.loads(APPROVED.read_text(encoding="utf-8"))
    assert approved["status"] == "approved"
    assert approved["approvedBy"] and approved["approvedOn"]
    assert (approved["modelCode"], approved["modelVersion"]) == (recorder.MODEL_CODE, recorder.MODEL_VERSION)
    cases = recorder.baseline_population(approved["seed"])
    assert [{k: r[k] for k in ("caseId", "segment", "applicant")} for r in approved["records"]] == cases
