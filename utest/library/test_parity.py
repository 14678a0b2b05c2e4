"""Lists across channels and stores: values by field, channel copies, coverage, stored values, raw bodies."""

from __future__ import annotations

import json

import pytest
from ScoringLibrary.core.parity import (
    channel_copies,
    coverage_problems,
    json_text_with_raw_value,
    outcome_counts,
    stored_value_problems,
    values_of_field,
    with_json_values,
)
from ScoringLibrary.core.prometheus_text import metric_samples, sample_has_labels, sum_samples


def test_values_of_field_in_order_and_every_item_without_it_named():
    items = [{"transactionId": "TX-1", "score": 700}, {"transactionId": "TX-2", "score": None}]
    assert values_of_field(items, "score") == [700, None]
    assert values_of_field([], "score") == []
    with pytest.raises(ValueError, match=r"^2 of 3 items have no field 'decision': TX-1, item 3$"):
        values_of_field([{"transactionId": "TX-1"}, {"decision": "APPROVE"}, "text"], "decision")


def test_channel_copies_are_new_dictionaries():
    applicants = [{"transactionId": "TX-1", "age": 30}, {"transactionId": "TX-2", "age": 40, "modelCode": "m1"}]
    copies = channel_copies(applicants, "-S")
    assert copies == [{"transactionId": "TX-1-S", "age": 30}, {"transactionId": "TX-2-S", "age": 40, "modelCode": "m1"}]
    assert applicants[0]["transactionId"] == "TX-1"
    assert [c["modelCode"] for c in channel_copies(applicants, "", "m2")] == ["m2", "m2"]


def test_coverage_names_every_missing_outcome():
    bodies = [
        {"decision": "APPROVE", "policyRule": None},
        {"decision": "DECLINE", "policyRule": "P01"},
        {"decision": "DECLINE", "policyRule": None},
    ]
    assert coverage_problems(bodies, ["APPROVE", "REFER", "DECLINE"], ["P01", "P02"]) == [
        "no REFER decision",
        "no P02 policy decline",
    ]
    assert coverage_problems(bodies, ["APPROVE"], []) == []
    assert outcome_counts(bodies, "decision") == "DECLINE 2, APPROVE 1"
    assert outcome_counts(bodies, "policyRule") == "P01 1"
    assert outcome_counts([], "decision") == "none"


def test_stored_values_compare_numbers_by_value_and_name_each_column():
    row = {"status": "PENDING", "score": 712.0, "batch_id": None, "note": "x"}
    shown = {"status": "APPROVED", "score": 712, "batchId": None}
    problems = stored_value_problems(
        "reviews[C-1]", row, shown, {"status": "status", "score": "score", "batch_id": "batchId"}
    )
    assert problems == ["reviews[C-1].status: the API shows APPROVED, the database holds PENDING"]
    assert stored_value_problems("r", row, shown, {"missing": "status", "note": "nope"}) == [
        "r.missing: no such column in the stored row",
        "r.note: the API body has no field 'nope'",
    ]


def test_raw_json_values_are_written_as_given():
    applicant = {"transactionId": "TX-1", "age": 30, "channel": "web"}
    text = json_text_with_raw_value(applicant, "age", "NaN", "MARK")
    assert text == '{"transactionId": "TX-1", "age": NaN, "channel": "web"}'
    text = json_text_with_raw_value(applicant, "email", '"a@example.com"', "MARK")
    assert json.loads(text)["email"] == "a@example.com"
    assert list(json.loads(text)) == ["transactionId", "age", "channel", "email"]
    assert applicant == {"transactionId": "TX-1", "age": 30, "channel": "web"}


def test_json_values_are_parsed_except_text_fields():
    applicant = with_json_values(
        {"age": 1},
        {"age": "62", "requestedAmount": "60000.01", "employmentStatus": "retired", "modelCode": "m2"},
        ("employmentStatus", "modelCode"),
    )
    assert applicant == {"age": 62, "requestedAmount": 60000.01, "employmentStatus": "retired", "modelCode": "m2"}
    assert isinstance(applicant["age"], int)
    with pytest.raises(ValueError, match="channel: 'web' is not a JSON literal"):
        with_json_values({}, {"channel": "web"})


METRICS = """# HELP scoring_requests_total Requests.
# TYPE scoring_requests_total counter
scoring_requests_total{endpoint="/api/v1/score",status="200"} 12.0
scoring_requests_total{endpoint="/api/v1/batch-scoring",status="202"} 3.0
scoring_requests_total{endpoint="/health",status="200"} 5.0
scoring_requests_total_created{endpoint="/health"} 1.7e9
scoring_up 1.0
"""


def test_metric_samples_sum_with_exact_and_prefix_labels():
    assert len(metric_samples(METRICS, "scoring_requests_total")) == 3
    assert sum_samples(METRICS, "scoring_requests_total", {}) == 20.0
    assert sum_samples(METRICS, "scoring_requests_total", {"endpoint": "/api/v1/*"}) == 15.0
    assert sum_samples(METRICS, "scoring_requests_total", {"endpoint": "/health", "status": "200"}) == 5.0
    assert sum_samples(METRICS, "scoring_requests_total", {"status": "500"}) == 0.0
    assert sum_samples(METRICS, "scoring_up", {}) == 1.0
    assert sample_has_labels('m{a="x",b="yz"} 1', {"b": "y*"})
    assert not sample_has_labels('m{a="x"} 1', {"a": "xx"})


def test_parity_keywords_fail_naming_every_item(library):
    bodies = [{"transactionId": "TX-1", "decision": "APPROVE", "policyRule": None}]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Responses Should Cover Outcomes", [bodies], {})
    assert str(failure.value) == (
        "The 1 responses hold no REFER decision, no DECLINE decision, no P01 policy decline, no P02 policy decline "
        "(decisions: APPROVE 1; policy rules: none)"
    )
    library.run_keyword("Responses Should Cover Outcomes", [bodies], {"decisions": "APPROVE", "policy_rules": ""})
    with pytest.raises(AssertionError, match=r"^1 of 1 items have no field 'score': TX-1$"):
        library.run_keyword("Collect Field Values", [bodies, "score"], {})
    with pytest.raises(AssertionError) as failure:
        library.run_keyword(
            "Stored Values Should Equal",
            ["reviews[C-1]", {"status": "PENDING", "score": 700.0}, {"status": "APPROVED", "score": 701}],
            {"status": "status", "score": "score"},
        )
    assert str(failure.value) == (
        "reviews[C-1].status: the API shows APPROVED, the database holds PENDING; "
        "reviews[C-1].score: the API shows 701, the database holds 700.0"
    )
    copies = library.run_keyword("Applicant Copies For Channel", [[{"transactionId": "T"}], "-S"], {"model_code": "m"})
    assert copies == [{"transactionId": "T-S", "modelCode": "m"}]
