"""Request validation: every issue kind, ordering, batches and the request hash."""

from __future__ import annotations

import math
import time
from collections import OrderedDict

import pytest

from mock.validation import (
    BatchTooLarge,
    canonical_request_hash,
    validate_batch_request,
    validate_score_request,
)


def request(**fields: object) -> dict[str, object]:
    payload: dict[str, object] = {
        "transactionId": "TX-20261125-000001",
        "applicantId": "SYN-PRIME0001",
        "age": 45,
        "monthlyIncome": 5200.5,
        "employmentStatus": "full_time",
        "requestedAmount": 15000,
        "existingDebt": 3000,
        "creditHistoryMonths": 84,
        "channel": "web",
    }
    payload.update(fields)
    return payload


def without(field: str) -> dict[str, object]:
    payload = request()
    del payload[field]
    return payload


def only(issues: list[dict]) -> tuple[str, str, str]:
    assert len(issues) == 1, issues
    return issues[0]["field"], issues[0]["issue"], issues[0]["message"]


def test_valid_request_has_no_issues() -> None:
    assert validate_score_request(request()) == []
    assert validate_score_request(request(modelCode="credit_risk_v2")) == []


@pytest.mark.parametrize(
    ("field", "value", "issue", "message"),
    [
        ("age", 17, "out_of_range", "must be between 18 and 100"),
        ("age", 101, "out_of_range", "must be between 18 and 100"),
        ("age", -1, "out_of_range", "must be between 18 and 100"),
        ("age", 30.0, "wrong_type", "must be an integer"),
        ("age", 30.5, "wrong_type", "must be an integer"),
        ("age", "30", "wrong_type", "must be an integer"),
        ("age", True, "wrong_type", "must be an integer"),
        ("age", None, "wrong_type", "must not be null"),
        ("age", [30], "wrong_type", "must be an integer"),
        ("creditHistoryMonths", -1, "out_of_range", "must be between 0 and 960"),
        ("creditHistoryMonths", 961, "out_of_range", "must be between 0 and 960"),
        ("creditHistoryMonths", 12.0, "wrong_type", "must be an integer"),
        ("creditHistoryMonths", False, "wrong_type", "must be an integer"),
        ("monthlyIncome", -0.01, "out_of_range", "must be between 0 and 1000000"),
        ("monthlyIncome", 1_000_000.01, "out_of_range", "must be between 0 and 1000000"),
        ("monthlyIncome", "5200", "wrong_type", "must be a number"),
        ("monthlyIncome", True, "wrong_type", "must be a number"),
        ("monthlyIncome", None, "wrong_type", "must not be null"),
        ("monthlyIncome", {"amount": 1}, "wrong_type", "must be a number"),
        ("monthlyIncome", math.nan, "not_finite", "must be a finite number (not NaN or Infinity)"),
        ("monthlyIncome", math.inf, "not_finite", "must be a finite number (not NaN or Infinity)"),
        ("monthlyIncome", -math.inf, "not_finite", "must be a finite number (not NaN or Infinity)"),
        ("requestedAmount", 99.99, "out_of_range", "must be between 100 and 1000000"),
        ("requestedAmount", 1_000_001, "out_of_range", "must be between 100 and 1000000"),
        ("requestedAmount", math.nan, "not_finite", "must be a finite number (not NaN or Infinity)"),
        ("requestedAmount", False, "wrong_type", "must be a number"),
        ("existingDebt", -1, "out_of_range", "must be between 0 and 10000000"),
        ("existingDebt", 10_000_000.5, "out_of_range", "must be between 0 and 10000000"),
        ("existingDebt", math.inf, "not_finite", "must be a finite number (not NaN or Infinity)"),
        ("existingDebt", "0", "wrong_type", "must be a number"),
        ("employmentStatus", "FULL_TIME", "invalid_enum",
         "must be one of: full_time, part_time, self_employed, retired, student, unemployed"),
        ("employmentStatus", "", "invalid_enum",
         "must be one of: full_time, part_time, self_employed, retired, student, unemployed"),
        ("employmentStatus", 1, "wrong_type", "must be a string"),
        ("channel", "fax", "invalid_enum", "must be one of: web, mobile, branch, broker, partner_api"),
        ("channel", None, "wrong_type", "must not be null"),
        ("modelCode", "credit_risk_v3", "invalid_enum", "must be one of: credit_risk_v1, credit_risk_v2"),
        ("modelCode", None, "wrong_type", "must not be null"),
        ("transactionId", "TX-1234", "invalid_format", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"),
        ("transactionId", "-TX-12345678", "invalid_format", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"),
        ("transactionId", "TX 12345678", "invalid_format", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"),
        ("transactionId", "TX-12345678\n", "invalid_format", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"),
        ("transactionId", "T" * 65, "invalid_format", "must match ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$"),
        ("transactionId", 12345678, "wrong_type", "must be a string"),
        ("applicantId", "SYN-abc123", "invalid_format", "must match ^SYN-[A-Z0-9]{6,24}$"),
        ("applicantId", "SYN-ABC12", "invalid_format", "must match ^SYN-[A-Z0-9]{6,24}$"),
        ("applicantId", "SYN-" + "A" * 25, "invalid_format", "must match ^SYN-[A-Z0-9]{6,24}$"),
        ("applicantId", "CUST-ABC123", "invalid_format", "must match ^SYN-[A-Z0-9]{6,24}$"),
        ("applicantId", None, "wrong_type", "must not be null"),
    ],
)  # fmt: skip
def test_single_invalid_field(field: str, value: object, issue: str, message: str) -> None:
    assert only(validate_score_request(request(**{field: value}))) == (field, issue, message)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("age", 18),
        ("age", 100),
        ("monthlyIncome", 0),
        ("monthlyIncome", 0.0),
        ("monthlyIncome", 1_000_000),
        ("requestedAmount", 100),
        ("requestedAmount", 1_000_000.0),
        ("existingDebt", 0),
        ("existingDebt", 10_000_000),
        ("creditHistoryMonths", 0),
        ("creditHistoryMonths", 960),
        ("transactionId", "A1234567"),
        ("transactionId", "a" + "._:-" * 15 + "abc"),
        ("applicantId", "SYN-ABC123"),
        ("applicantId", "SYN-" + "9" * 24),
        ("channel", "partner_api"),
        ("employmentStatus", "unemployed"),
    ],
)
def test_boundary_values_are_accepted(field: str, value: object) -> None:
    assert validate_score_request(request(**{field: value})) == []


@pytest.mark.parametrize(
    "field",
    [
        "transactionId",
        "applicantId",
        "age",
        "monthlyIncome",
        "employmentStatus",
        "requestedAmount",
        "existingDebt",
        "creditHistoryMonths",
        "channel",
    ],
)
def test_every_required_field_is_required(field: str) -> None:
    assert only(validate_score_request(without(field))) == (field, "missing", "is required")


def test_model_code_is_optional() -> None:
    assert "modelCode" not in request()
    assert validate_score_request(request()) == []


def test_unknown_fields_are_rejected_sorted() -> None:
    issues = validate_score_request(request(zipCode="00000", email="a@example.com", ssn="000-00-0000"))
    assert [(i["field"], i["issue"]) for i in issues] == [
        ("email", "unknown_field"),
        ("ssn", "unknown_field"),
        ("zipCode", "unknown_field"),
    ]
    assert issues[0]["message"] == "unknown field (not used by the model)"


def test_every_invalid_field_is_named_at_once_in_table_order() -> None:
    payload = request(
        age=True,
        monthlyIncome=math.nan,
        channel="fax",
        transactionId="short",
        extra=1,
        aardvark=2,
        modelCode="nope",
    )
    del payload["existingDebt"]
    issues = validate_score_request(payload)
    assert [(i["field"], i["issue"]) for i in issues] == [
        ("transactionId", "invalid_format"),
        ("age", "wrong_type"),
        ("monthlyIncome", "not_finite"),
        ("existingDebt", "missing"),
        ("channel", "invalid_enum"),
        ("modelCode", "invalid_enum"),
        ("aardvark", "unknown_field"),
        ("extra", "unknown_field"),
    ]


def test_key_order_does_not_change_the_issue_order() -> None:
    payload = request(age="x", channel=None, other=1)
    shuffled = OrderedDict(reversed(list(payload.items())))
    assert validate_score_request(shuffled) == validate_score_request(payload)


def test_empty_object_names_every_required_field() -> None:
    issues = validate_score_request({})
    assert [i["issue"] for i in issues] == ["missing"] * 9


@pytest.mark.parametrize("payload", [[], "text", 42, None, True, [request()]])
def test_payload_that_is_not_an_object(payload: object) -> None:
    assert only(validate_score_request(payload)) == ("$", "wrong_type", "must be a JSON object")


def test_prefix_and_model_code_not_allowed() -> None:
    issues = validate_score_request(
        request(age=10, modelCode="credit_risk_v1"), prefix="records[3].", allow_model_code=False
    )
    assert [(i["field"], i["issue"]) for i in issues] == [
        ("records[3].age", "out_of_range"),
        ("records[3].modelCode", "unknown_field"),
    ]


def test_prefixed_non_object_names_the_record() -> None:
    assert only(validate_score_request("x", prefix="records[2].")) == (
        "records[2]",
        "wrong_type",
        "must be a JSON object",
    )


def test_custom_model_codes() -> None:
    assert validate_score_request(request(modelCode="credit_risk_v2"), model_codes=("credit_risk_v1",)) != []
    assert validate_score_request(request(modelCode="other_model"), model_codes=("other_model",)) == []


def test_messages_never_echo_values() -> None:
    secret = "SYN-LEAKED-VALUE-xyz"
    issues = validate_score_request(request(applicantId=secret, channel=secret, zip=secret))
    assert len(issues) == 3
    assert all(secret not in issue["message"] for issue in issues)


class TestAge17Defect:
    def test_age_17_is_rejected_without_the_defect(self) -> None:
        assert only(validate_score_request(request(age=17)))[1] == "out_of_range"

    def test_age_17_is_accepted_with_the_defect(self) -> None:
        defect = frozenset({"age-17-accepted"})
        assert validate_score_request(request(age=17), defects=defect) == []
        assert only(validate_score_request(request(age=16), defects=defect)) == (
            "age",
            "out_of_range",
            "must be between 17 and 100",
        )

    def test_batch_honours_the_defect(self) -> None:
        batch = {"records": [request(age=17)]}
        assert validate_batch_request(batch) != []
        assert validate_batch_request(batch, defects=frozenset({"age-17-accepted"})) == []


def batch_of(count: int, **fields: object) -> list[dict[str, object]]:
    return [request(transactionId=f"TX-BATCH-{i:08d}", applicantId=f"SYN-B{i:08d}", **fields) for i in range(count)]


class TestBatch:
    def test_valid_batch(self) -> None:
        assert validate_batch_request({"records": batch_of(3)}) == []
        assert validate_batch_request({"records": batch_of(3), "modelCode": "credit_risk_v2"}) == []

    def test_records_missing(self) -> None:
        assert only(validate_batch_request({})) == ("records", "missing", "is required")

    @pytest.mark.parametrize(
        ("records", "message"), [({"a": 1}, "must be an array of records"), ("x", "must be an array of records"),
                                 (None, "must not be null")],
    )  # fmt: skip
    def test_records_wrong_type(self, records: object, message: str) -> None:
        assert only(validate_batch_request({"records": records})) == ("records", "wrong_type", message)

    def test_empty_records(self) -> None:
        assert only(validate_batch_request({"records": []})) == (
            "records",
            "out_of_range",
            "must contain 1..100000 records",
        )

    def test_too_many_records_raises(self) -> None:
        with pytest.raises(BatchTooLarge) as caught:
            validate_batch_request({"records": batch_of(6)}, max_records=5)
        assert (caught.value.count, caught.value.max_records) == (6, 5)
        assert "6 records" in str(caught.value)
        assert validate_batch_request({"records": batch_of(5)}, max_records=5) == []

    def test_payload_not_an_object(self) -> None:
        assert only(validate_batch_request([request()])) == ("$", "wrong_type", "must be a JSON object")

    def test_record_issues_are_prefixed_and_ordered(self) -> None:
        records = batch_of(5)
        records[1]["age"] = 10
        records[1]["monthlyIncome"] = "1000"
        records[3] = "not a record"
        records[4]["modelCode"] = "credit_risk_v1"
        issues = validate_batch_request({"records": records})
        assert [(i["field"], i["issue"]) for i in issues] == [
            ("records[1].age", "out_of_range"),
            ("records[1].monthlyIncome", "wrong_type"),
            ("records[3]", "wrong_type"),
            ("records[4].modelCode", "unknown_field"),
        ]

    def test_duplicate_transaction_ids(self) -> None:
        records = batch_of(4)
        records[2]["transactionId"] = records[0]["transactionId"]
        records[3]["transactionId"] = records[0]["transactionId"]
        records[3]["age"] = 5
        issues = validate_batch_request({"records": records})
        assert [(i["field"], i["issue"]) for i in issues] == [
            ("records[2].transactionId", "duplicate"),
            ("records[3].transactionId", "duplicate"),
            ("records[3].age", "out_of_range"),
        ]
        assert issues[0]["message"] == "duplicates records[0].transactionId within the batch"

    def test_invalid_transaction_id_is_not_also_a_duplicate(self) -> None:
        records = batch_of(2)
        records[0]["transactionId"] = records[1]["transactionId"] = "bad"
        issues = validate_batch_request({"records": records})
        assert [(i["field"], i["issue"]) for i in issues] == [
            ("records[0].transactionId", "invalid_format"),
            ("records[1].transactionId", "invalid_format"),
        ]

    def test_top_level_model_code_and_unknown_keys(self) -> None:
        issues = validate_batch_request({"records": batch_of(1), "modelCode": "x", "zeta": 1, "callback": "u"})
        assert [(i["field"], i["issue"]) for i in issues] == [
            ("modelCode", "invalid_enum"),
            ("callback", "unknown_field"),
            ("zeta", "unknown_field"),
        ]

    def test_records_are_validated_against_custom_model_codes(self) -> None:
        assert validate_batch_request({"records": batch_of(1), "modelCode": "m"}, model_codes=("m",)) == []

    def test_one_hundred_thousand_records_validate_quickly(self) -> None:
        records = batch_of(100_000)
        records[99_999]["channel"] = "fax"
        started = time.perf_counter()
        issues = validate_batch_request({"records": records, "modelCode": "credit_risk_v1"})
        elapsed = time.perf_counter() - started
        assert [(i["field"], i["issue"]) for i in issues] == [("records[99999].channel", "invalid_enum")]
        assert elapsed < 1.5, f"validating 100000 records took {elapsed:.2f} s, expected well under 1 s"


class TestRequestHash:
    def test_key_order_does_not_matter(self) -> None:
        payload = request()
        reordered = dict(reversed(list(payload.items())))
        assert canonical_request_hash(payload) == canonical_request_hash(reordered)

    def test_any_value_change_changes_the_hash(self) -> None:
        base = canonical_request_hash(request())
        assert canonical_request_hash(request(age=46)) != base
        assert canonical_request_hash(request(channel="mobile")) != base
        assert canonical_request_hash(request(modelCode="credit_risk_v1")) != base

    def test_is_sha256_of_compact_sorted_json(self) -> None:
        import hashlib

        expected = hashlib.sha256(b'{"a":1,"b":[1,2],"c":"x"}').hexdigest()
        assert canonical_request_hash({"c": "x", "b": [1, 2], "a": 1}) == expected
        assert len(expected) == 64


def test_request_hash_treats_whole_number_floats_as_integers():
    from mock.validation import canonical_request_hash

    as_float = {"transactionId": "TX-00000001", "monthlyIncome": 4500.0, "age": 40}
    as_int = {"age": 40, "monthlyIncome": 4500, "transactionId": "TX-00000001"}
    assert canonical_request_hash(as_float) == canonical_request_hash(as_int)
    assert canonical_request_hash({**as_int, "monthlyIncome": 4500.5}) != canonical_request_hash(as_int)
