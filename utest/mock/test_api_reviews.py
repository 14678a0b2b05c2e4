"""Manual review cases: listing, lookup, approve / decline transitions and their errors."""

from __future__ import annotations

import re

import pytest

REVIEWS = "/api/v1/reviews"


@pytest.fixture
def case_id(client, applicant, refer_fields) -> str:
    client.post("/api/v1/score", json=applicant(1, "TX-RV", **refer_fields))
    return client.get(REVIEWS).get_json()["reviews"][0]["caseId"]


def test_a_refer_case_has_the_contract_shape(client, case_id):
    case = client.get(f"{REVIEWS}/{case_id}").get_json()
    assert re.fullmatch(r"CASE-[0-9A-F]{16}", case["caseId"])
    assert case["transactionId"] == "TX-RV-00000001"
    assert case["applicantId"] == "SYN-UT00000001"
    assert (case["source"], case["batchId"], case["status"]) == ("REST", None, "PENDING")
    assert case["score"] == 655
    assert (case["decidedAt"], case["reviewer"], case["note"]) == (None, None, None)


def test_approve_then_decide_again_is_409(client, case_id):
    approved = client.post(f"{REVIEWS}/{case_id}/approve", json={"reviewer": "analyst-7", "note": "income verified"})
    assert approved.status_code == 200
    case = approved.get_json()
    assert (case["status"], case["reviewer"], case["note"]) == ("APPROVED", "analyst-7", "income verified")
    assert case["decidedAt"]
    for action in ("approve", "decline"):
        again = client.post(f"{REVIEWS}/{case_id}/{action}")
        assert again.status_code == 409
        error = again.get_json()["error"]
        assert error["code"] == "INVALID_TRANSITION"
        assert "APPROVED" in error["message"]
    assert client.get(f"{REVIEWS}/{case_id}").get_json()["status"] == "APPROVED"


def test_decline_without_body(client, case_id):
    response = client.post(f"{REVIEWS}/{case_id}/decline")
    assert response.status_code == 200
    assert response.get_json()["status"] == "DECLINED"


def test_unknown_case_is_404(client):
    for response in (
        client.get(f"{REVIEWS}/CASE-0000000000000000"),
        client.post(f"{REVIEWS}/CASE-0000000000000000/approve"),
    ):
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "NOT_FOUND"


def test_decision_body_is_validated(client, case_id):
    response = client.post(f"{REVIEWS}/{case_id}/approve", json={"reviewer": 7, "note": "", "score": 800})
    assert response.status_code == 422
    found = [(d["field"], d["issue"]) for d in response.get_json()["error"]["details"]]
    assert found == [("reviewer", "wrong_type"), ("note", "out_of_range"), ("score", "unknown_field")]
    assert client.post(f"{REVIEWS}/{case_id}/approve", data="{}", content_type="text/plain").status_code == 415
    assert client.post(f"{REVIEWS}/{case_id}/approve", data="[", content_type="application/json").status_code == 400


def test_list_filters_and_limit(client, applicant, refer_fields):
    for i in range(4):
        client.post("/api/v1/score", json=applicant(i, "TX-LS", **refer_fields))
    cases = client.get(REVIEWS).get_json()["reviews"]
    assert [c["transactionId"] for c in cases] == [f"TX-LS-{i:08d}" for i in range(4)]
    client.post(f"{REVIEWS}/{cases[1]['caseId']}/decline")
    pending = client.get(f"{REVIEWS}?status=PENDING").get_json()["reviews"]
    assert [c["transactionId"] for c in pending] == ["TX-LS-00000000", "TX-LS-00000002", "TX-LS-00000003"]
    declined = client.get(f"{REVIEWS}?status=DECLINED").get_json()["reviews"]
    assert [c["transactionId"] for c in declined] == ["TX-LS-00000001"]
    one = client.get(f"{REVIEWS}?transactionId=TX-LS-00000003").get_json()["reviews"]
    assert [c["transactionId"] for c in one] == ["TX-LS-00000003"]
    assert len(client.get(f"{REVIEWS}?limit=2").get_json()["reviews"]) == 2


@pytest.mark.parametrize(("query", "field"), [("status=OPEN", "status"), ("limit=0", "limit"), ("limit=ten", "limit")])
def test_bad_list_query_is_422(client, query, field):
    response = client.get(f"{REVIEWS}?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["details"][0]["field"] == field
