"""Record plumbing: grouping, case requests and case ids, paired scores, NDJSON and the batch CSV stream."""

from __future__ import annotations

import json

import pytest
from ScoringLibrary.core.records import (
    case_requests,
    csv_problems,
    field_values,
    group_by,
    listed,
    ndjson_records,
    set_case_ids,
    stored_transaction_ids,
    values_by_key,
    values_of,
)

COLUMNS = ["transactionId", "applicantId", "score", "reasonCodes", "policyRule"]


def case(case_id: str, segment: str, **inputs) -> dict:
    return {"caseId": case_id, "segment": segment, "applicant": {"applicantId": f"SYN-{case_id}", "age": 30, **inputs}}


CASES = [case("PR-1", "prime"), case("TF-1", "thin_file"), case("PR-2", "prime"), case("SE-1", "self_employed")]


def test_listed_caps_and_counts_the_rest():
    assert listed(["a", "b"], 3) == "a; b"
    assert listed(["a", "b", "c", "d"], 2) == "a; b; and 2 more"
    assert listed(["a", "b", "c"], 2, ", ") == "a, b, and 1 more"
    assert listed([], 2) == ""


def test_group_by_keeps_first_seen_order_and_the_records_themselves():
    groups = group_by(CASES, "segment")
    assert list(groups) == ["prime", "thin_file", "self_employed"]
    assert [c["caseId"] for c in groups["prime"]] == ["PR-1", "PR-2"]
    assert groups["prime"][0] is CASES[0]


def test_group_by_names_every_record_without_the_field():
    records = [*CASES, {"caseId": "X-1"}, {"transactionId": "TX-9"}, {}]
    with pytest.raises(ValueError, match=r"^3 of 7 records have no 'segment': X-1, TX-9, record 7$"):
        group_by(records, "segment")


def test_field_values_in_order():
    assert field_values(CASES, "caseId") == ["PR-1", "TF-1", "PR-2", "SE-1"]


def test_case_requests_copy_the_inputs_with_a_fresh_transaction_id():
    requests = case_requests(CASES, "RUN-reg-b-1")
    assert requests[0] == {"applicantId": "SYN-PR-1", "age": 30, "transactionId": "RUN-reg-b-1-PR-1"}
    assert [r["transactionId"] for r in requests] == [f"RUN-reg-b-1-{c['caseId']}" for c in CASES]
    assert "transactionId" not in CASES[0]["applicant"]
    requests[0]["age"] = 99
    assert CASES[0]["applicant"]["age"] == 30


def test_case_requests_need_inputs_and_keys():
    with pytest.raises(ValueError, match="1 of 2 records have no 'applicant': NO-INPUTS"):
        case_requests([CASES[0], {"caseId": "NO-INPUTS"}], "P")
    with pytest.raises(ValueError, match="have no 'caseId'"):
        case_requests([{"applicant": {}}], "P")


def test_stored_transaction_ids_name_every_unreplayable_case():
    records = [CASES[0], case("TF-9", "thin_file", transactionId="OLD-1"), case("SE-9", "x", transactionId="OLD-2")]
    assert stored_transaction_ids(records) == ["TF-9", "SE-9"]
    assert stored_transaction_ids(CASES) == []


def test_set_case_ids_reads_the_case_back_and_names_foreign_results():
    results = [
        {"transactionId": "P-1-PR-1", "score": 700},
        {"transactionId": "OTHER-PR-2", "score": 650},
        {"score": 600},
        {"transactionId": "P-1-TF-1-extra", "score": 610},
    ]
    problems = set_case_ids(results, "P-1")
    assert problems == ["result 2 transactionId 'OTHER-PR-2'", "result 3 transactionId None"]
    assert results[0]["caseId"] == "PR-1"
    assert results[3]["caseId"] == "TF-1-extra"
    assert "caseId" not in results[1]


def test_values_by_key_and_values_of():
    results = [{"caseId": "A", "score": 700}, {"caseId": "B", "score": 650}, {"caseId": "A", "score": 710}]
    scores = values_by_key(results)
    assert scores == {"A": 710, "B": 650}
    assert values_of([{"caseId": "B"}, {"caseId": "A"}], scores) == ([650, 710], [])
    assert values_of([{"caseId": "B"}, {"caseId": "C"}, {"caseId": "D"}], scores) == ([650], ["C", "D"])
    with pytest.raises(ValueError, match="have no 'score'"):
        values_by_key([{"caseId": "A"}])


def test_ndjson_records_skip_blank_lines_and_name_a_bad_line():
    text = json.dumps({"a": 1}) + "\n\n" + json.dumps({"b": 2}) + "\r\n"
    assert ndjson_records(text) == [{"a": 1}, {"b": 2}]
    assert ndjson_records("") == []
    with pytest.raises(ValueError, match="NDJSON line 2 is not JSON"):
        ndjson_records('{"a": 1}\n{"b": \n')
    with pytest.raises(ValueError, match="NDJSON line 1 is not a JSON object"):
        ndjson_records("[1, 2]\n")


def batch(n: int = 3) -> tuple[list[dict], list[dict], str]:
    records = [{"transactionId": f"TX-{i}"} for i in range(1, n + 1)]
    results = [
        {"transactionId": f"TX-{i}", "score": 600 + i, "reasonCodes": [{"code": "R02"}, {"code": "R01"}]}
        for i in range(1, n + 1)
    ]
    rows = [f"TX-{i},SYN-{i},{600 + i},R02|R01," for i in range(1, n + 1)]
    return records, results, "\n".join([",".join(COLUMNS), *rows]) + "\n"


def test_csv_problems_pass_a_faithful_stream():
    records, results, text = batch()
    assert csv_problems(text, records, results, COLUMNS) == []


def test_csv_problems_name_every_differing_row_by_line():
    records, results, text = batch(4)
    lines = text.splitlines()
    lines[1] = "TX-2,SYN-1,601,R02|R01,"
    lines[2] = "TX-2,SYN-2,602,R01|R02,"
    lines[4] = "TX-4,SYN-4,604,R02|R01"
    problems = csv_problems("\n".join(lines), records, results, COLUMNS)
    assert problems == [
        "CSV line 2: transactionId TX-2, submitted record 1 is TX-1",
        "CSV line 3: reasonCodes 'R01|R02', expected 'R02|R01' (codes joined with |)",
        "CSV line 5: 4 cells, expected 5: TX-4,SYN-4,604,R02|R01",
    ]


def test_csv_problems_check_header_and_row_count_first():
    records, results, text = batch()
    assert csv_problems(text.replace("score", "points", 1), records, results, COLUMNS) == [
        "CSV header differs from the contract's: 'transactionId,applicantId,points,reasonCodes,policyRule' != "
        "'transactionId,applicantId,score,reasonCodes,policyRule'"
    ]
    dropped = "\n".join(text.splitlines()[:-1])
    assert csv_problems(dropped, records, results, COLUMNS) == ["CSV has 2 data rows for 3 submitted records"]
    empty_codes = [{**r, "reasonCodes": []} for r in results]
    assert "expected ''" in csv_problems(text, records, empty_codes, COLUMNS)[0]


def test_regression_plumbing_keywords(library):
    ids = library.run_keyword("Get Replayable Case Ids", [CASES], {})
    assert ids == ["PR-1", "TF-1", "PR-2", "SE-1"]
    stored = [case(f"C-{i}", "prime", transactionId=f"OLD-{i}") for i in range(12)]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Get Replayable Case Ids", [CASES + stored], {})
    assert str(failure.value) == (
        "12 of 16 baseline cases store a transactionId in 'applicant' (cases must be replayable with fresh ids): "
        "C-0, C-1, C-2, C-3, C-4, C-5, C-6, C-7, C-8, C-9, and 2 more"
    )
    groups = library.run_keyword("Group Records By Field", [CASES, "segment"], {})
    assert {k: len(v) for k, v in groups.items()} == {"prime": 2, "thin_file": 1, "self_employed": 1}
    requests = library.run_keyword("Build Case Score Requests", [CASES, "P-7"], {})
    results = [{**r, "score": 700} for r in requests]
    assert library.run_keyword("Set Case Ids From Transaction Ids", [results, "P-7"], {}) is results
    assert [r["caseId"] for r in results] == ids
    foreign = [*results[:3], {"transactionId": "P-8-X"}]
    with pytest.raises(AssertionError, match=r"^3 of 4 results were not requested with prefix P-8: result 1 "):
        library.run_keyword("Set Case Ids From Transaction Ids", [foreign, "P-8"], {})


def test_batch_format_keywords(library):
    records, results, text = batch()
    library.run_keyword("Batch CSV Should Carry Results", [text, records, results, COLUMNS], {})
    swapped = text.replace("TX-1,", "TX-9,").replace("TX-3,", "TX-8,")
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Batch CSV Should Carry Results", [swapped, records, results, COLUMNS], {})
    assert str(failure.value) == (
        "The CSV results of 3 records have 2 problems: CSV line 2: transactionId TX-9, submitted record 1 is TX-1; "
        "CSV line 4: transactionId TX-8, submitted record 3 is TX-3"
    )
    ndjson = "\n".join(json.dumps(r) for r in results)
    assert library.run_keyword("Parse NDJSON Records", [ndjson], {}) == results
    with pytest.raises(AssertionError, match="NDJSON line 1 is not JSON"):
        library.run_keyword("Parse NDJSON Records", ["not json"], {})
