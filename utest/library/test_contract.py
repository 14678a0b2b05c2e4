"""Contract validation: OpenAPI schemas, business rules, the error shape and SOAP XSD."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from ScoringLibrary.core.business_rules import ScorecardRules, check_score_response, parse_bands
from ScoringLibrary.core.error_response import error_response_problems
from ScoringLibrary.core.jsonschema_contract import load_openapi
from ScoringLibrary.core.xsd import load_schema, validate_xml

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 11, 25, 10, 15, 40, tzinfo=UTC)

OPENAPI = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "ReasonCode": {
                "type": "object",
                "required": ["code", "description"],
                "properties": {"code": {"enum": ["R01", "R02", "P01"]}, "description": {"type": "string"}},
                "additionalProperties": False,
            },
            "ScoreResponse": {
                "type": "object",
                "required": ["transactionId", "score", "decision", "riskBand", "reasonCodes"],
                "properties": {
                    "transactionId": {"type": "string"},
                    "score": {"type": "integer", "minimum": 300, "maximum": 850},
                    "decision": {"enum": ["APPROVE", "REFER", "DECLINE"]},
                    "riskBand": {"type": "string"},
                    "reasonCodes": {"type": "array", "items": {"$ref": "#/components/schemas/ReasonCode"}},
                    "policyRule": {"oneOf": [{"type": "null"}, {"enum": ["P01", "P02"]}]},
                },
                "additionalProperties": False,
            },
        }
    },
}


@pytest.fixture
def contract(tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(OPENAPI))
    return load_openapi(path)


def test_valid_body_has_no_violations(contract):
    body = {"transactionId": "TX-1", "score": 700, "decision": "APPROVE", "riskBand": "C", "reasonCodes": []}
    assert contract.violations(body, "ScoreResponse") == []


def test_every_violation_is_listed_with_its_path(contract):
    body = {
        "transactionId": "TX-1",
        "score": "abc",
        "decision": "MAYBE",
        "reasonCodes": [{"code": "R09", "description": "x"}, {"code": "R01"}],
        "extra": 1,
        "policyRule": "P07",
    }
    violations = contract.violations(body, "ScoreResponse")
    assert "$.score: 'abc' is not of type 'integer'" in violations
    assert "$.riskBand: missing" in violations
    assert "$.extra: unexpected field" in violations
    assert "$.reasonCodes[1].description: missing" in violations
    assert any(v.startswith("$.reasonCodes[0].code: 'R09' is not one of") for v in violations)
    assert any(v.startswith("$.decision:") for v in violations)
    assert any(v.startswith("$.policyRule:") for v in violations)
    assert len(violations) == 7


def test_unknown_schema_names_the_available_ones(contract):
    with pytest.raises(KeyError, match="ScoreResponse"):
        contract.violations({}, "Nope")


def test_resolved_schema_inlines_references(contract):
    resolved = contract.resolved_schema("ScoreResponse")
    assert resolved["properties"]["reasonCodes"]["items"]["properties"]["code"]["enum"] == ["R01", "R02", "P01"]


def test_openapi_30_nullable_is_understood(tmp_path):
    document = {
        "openapi": "3.0.3",
        "components": {"schemas": {"X": {"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}}},
    }
    path = tmp_path / "o.json"
    path.write_text(json.dumps(document))
    assert load_openapi(path).violations({"a": None}, "X") == []


def test_keyword_message_counts_and_lists_violations(library, tmp_path):
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(OPENAPI))
    library.run_keyword("Load OpenAPI Contract", [str(path)], {})
    body = json.dumps({"transactionId": "TX-1", "score": "abc", "decision": "APPROVE", "reasonCodes": []})
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Response Should Conform To Schema", [body], {})
    assert str(failure.value) == (
        "ScoreResponse: 2 violations: $.riskBand: missing; $.score: 'abc' is not of type 'integer'"
    )


def test_contract_violations_of_many_responses_name_each_one(library, tmp_path, score_response):
    document = json.loads(json.dumps(OPENAPI))
    document["components"]["schemas"]["ScoreResponse"]["additionalProperties"] = True
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(document))
    library.run_keyword("Load OpenAPI Contract", [str(path)], {})
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")
    good = {**score_response, "scoredAt": stamp}
    bad_schema = {**good, "transactionId": "TX-2", "decision": "MAYBE"}
    bad_rules = {**good, "transactionId": "TX-3", "riskBand": "A"}
    problems = library.run_keyword(
        "Contract Violations Of Score Responses", [[good, bad_schema, bad_rules]], {"transaction_ids": ["A", "B", "C"]}
    )
    assert problems == [
        "B: ScoreResponse: 1 violation: $.decision: 'MAYBE' is not one of ['APPROVE', 'REFER', 'DECLINE']",
        "TX-2: 1 business-rule violation: decision: expected one of APPROVE, REFER, DECLINE, got 'MAYBE'",
        "TX-3: 1 business-rule violation: riskBand: expected C for score 712, got 'A'",
    ]
    assert library.run_keyword("Contract Violations Of Score Responses", [[good]], {}) == []
    only_rules = library.run_keyword("Contract Violations Of Score Responses", [[bad_rules]], {})
    assert only_rules == ["TX-3: 1 business-rule violation: riskBand: expected C for score 712, got 'A'"]


def test_reason_code_descriptions_name_every_wrong_code(library):
    published = {"R01": "Income too low", "R02": "Debt too high"}
    body = {"transactionId": "TX-1", "reasonCodes": [{"code": "R01", "description": "Income too low"}]}
    library.run_keyword("Reason Code Descriptions Should Be", [body], published)
    body["reasonCodes"] += [{"code": "R02", "description": "debt"}, {"code": "R09", "description": "x"}]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Reason Code Descriptions Should Be", [body], published)
    assert str(failure.value) == (
        "TX-1: R02 should read 'Debt too high', got 'debt'; TX-1: R09 should read 'None', got 'x'"
    )


def test_mock_openapi_score_response_accepts_a_contract_example(score_response):
    openapi = pytest.importorskip("mock.openapi")
    from ScoringLibrary.core.jsonschema_contract import OpenApiContract

    contract = OpenApiContract(openapi.openapi_document(), "mock")
    score_response["reasonCodes"] = []
    assert contract.violations(score_response, "ScoreResponse") == []
    broken = {**score_response, "score": "712"}
    del broken["riskBand"]
    assert set(contract.violations(broken, "ScoreResponse")) >= {"$.riskBand: missing"}


# Business rules


def rules_problems(body, **kwargs):
    return check_score_response(body, ScorecardRules(**kwargs), NOW, 300)


def test_a_correct_response_obeys_the_rules(score_response):
    assert rules_problems(score_response) == []


@pytest.mark.parametrize(
    ("score", "decision", "band", "pd", "codes"),
    [
        (712, "APPROVE", "C", 0.000687, []),
        (640, "REFER", "D", 0.008264, [{"code": "R01"}, {"code": "R04"}]),
        (560, "DECLINE", "E", 0.117647, "R02|R05|R01|R06"),
        (760, "APPROVE", "A", round(1 / (1 + 30 * 2**8), 6), []),
        (680, "APPROVE", "C", round(1 / (1 + 30 * 2**4), 6), []),
        (600, "REFER", "D", round(1 / 31, 6), ["R03"]),
    ],
)
def test_consistent_responses_pass(score_response, score, decision, band, pd, codes):
    body = {**score_response, "score": score, "decision": decision, "riskBand": band, "probabilityOfDefault": pd}
    body["reasonCodes"] = codes
    assert rules_problems(body) == []


def test_decision_inconsistent_with_cutoffs_fails(score_response):
    body = {**score_response, "decision": "DECLINE", "reasonCodes": [{"code": "R01"}]}
    assert rules_problems(body) == [
        "decision: expected APPROVE for score 712 (approve >= 680, refer >= 600) without a policyRule, got DECLINE"
    ]


def test_policy_decline_is_allowed_at_any_score_with_its_code_first(score_response):
    body = {**score_response, "decision": "DECLINE", "policyRule": "P02", "reasonCodes": ["P02", "R05"]}
    assert rules_problems(body) == []
    wrong_order = {**body, "reasonCodes": ["R05", "P02"]}
    assert rules_problems(wrong_order) == ["reasonCodes: expected policy code P02 first, got R05|P02"]
    approve = {**body, "decision": "APPROVE", "reasonCodes": []}
    assert "decision: expected DECLINE with policyRule P02, got APPROVE" in rules_problems(approve)


def test_policy_code_without_policy_rule_fails(score_response):
    body = {**score_response, "score": 640, "decision": "REFER", "riskBand": "D", "probabilityOfDefault": 0.008264}
    body["reasonCodes"] = ["P01", "R01"]
    assert rules_problems(body) == ["reasonCodes: policy code P01 without a matching policyRule (policyRule None)"]


def test_reason_codes_on_approve_fail(score_response):
    body = {**score_response, "reasonCodes": [{"code": "R01", "description": "x"}]}
    assert rules_problems(body) == ["reasonCodes: expected none on APPROVE, got R01"]


def test_too_many_duplicate_and_unknown_codes_are_all_named(score_response):
    body = {**score_response, "score": 640, "decision": "REFER", "riskBand": "D", "probabilityOfDefault": 0.008264}
    body["reasonCodes"] = ["R01", "R02", "R02", "R09", "R04"]
    assert rules_problems(body) == [
        "reasonCodes: expected 1..4 on REFER, got 5 (R01|R02|R02|R09|R04)",
        "reasonCodes: expected unique codes, got duplicates R02",
        "reasonCodes: expected codes from the published list, got unknown R09",
    ]


def test_refer_without_codes_fails(score_response):
    body = {**score_response, "score": 640, "decision": "REFER", "riskBand": "D", "probabilityOfDefault": 0.008264}
    assert rules_problems(body) == ["reasonCodes: expected 1..4 on REFER, got 0 (none)"]


def test_band_pd_score_and_timestamp_violations_at_once(score_response):
    body = {**score_response, "riskBand": "B", "probabilityOfDefault": 0.0007, "scoredAt": "2026-11-25T09:00:00Z"}
    problems = rules_problems(body)
    assert problems[0] == "riskBand: expected C for score 712, got 'B'"
    assert problems[1].startswith("probabilityOfDefault: expected 0.000687 for score 712")
    assert problems[1].endswith("got 0.0007")
    assert problems[2] == (
        "scoredAt: expected within 300 s of 2026-11-25T10:15:40.000Z, got 2026-11-25T09:00:00Z (4540 s old)"
    )


def test_pd_within_tolerance_passes(score_response):
    assert rules_problems({**score_response, "probabilityOfDefault": 0.000688}) == []
    assert rules_problems({**score_response, "probabilityOfDefault": 0.000689}) != []


@pytest.mark.parametrize("score", [True, 712.0, "712", None, 299, 851])
def test_score_must_be_an_integer_in_range(score_response, score):
    problems = rules_problems({**score_response, "score": score})
    assert problems and problems[0].startswith("score: expected")


@pytest.mark.parametrize("stamp", ["2026-11-25T10:15:30.123", "2026-11-25T10:15:30.123+00:00", "25/11/2026", 0])
def test_scored_at_must_be_utc_with_z(score_response, stamp):
    assert rules_problems({**score_response, "scoredAt": stamp})[0].startswith("scoredAt: expected UTC ISO 8601")


def test_configured_cutoffs_and_bands(score_response):
    rules = {"approve_cutoff": 720, "bands": parse_bands("A=780,B=740,C=700,D=600,E")}
    body = {**score_response, "decision": "REFER", "reasonCodes": ["R01"]}
    assert rules_problems(body, **rules) == []


def test_bands_must_end_without_bound():
    with pytest.raises(ValueError, match="must end with a band"):
        parse_bands("A=760,B=700")


def test_keyword_names_every_violation_in_one_line(library, score_response):
    body = {**score_response, "decision": "DECLINE", "riskBand": "A"}
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Score Response Should Obey Business Rules", [body], {"now": "2026-11-25T10:15:40Z"})
    message = str(failure.value)
    assert message.startswith("TX-20261125-000001: 3 business-rule violations: decision: expected APPROVE")
    assert "reasonCodes: expected 1..4 on DECLINE, got 0 (none)" in message
    assert "riskBand: expected C for score 712, got 'A'" in message


def test_set_scorecard_rules_keyword_changes_the_cutoffs(library, score_response):
    library.run_keyword("Set Scorecard Rules", [], {"approve_cutoff": 720})
    body = {**score_response, "decision": "REFER", "reasonCodes": ["R01"]}
    library.run_keyword("Score Response Should Obey Business Rules", [body], {"now": "2026-11-25T10:15:40Z"})
    library.run_keyword("Set Scorecard Rules", [], {})
    with pytest.raises(AssertionError, match="decision: expected APPROVE"):
        library.run_keyword("Score Response Should Obey Business Rules", [body], {"now": "2026-11-25T10:15:40Z"})


# Error shape

ERROR = {
    "error": {
        "code": "VALIDATION_FAILED",
        "message": "2 fields are invalid",
        "details": [
            {"field": "age", "issue": "out_of_range", "message": "must be between 18 and 100"},
            {"field": "records[3].monthlyIncome", "issue": "wrong_type", "message": "must be a number"},
        ],
        "correlationId": "c-1",
    }
}


def test_error_names_fields_and_issues():
    assert error_response_problems(ERROR, ["age", "records[3].monthlyIncome:wrong_type"], "VALIDATION_FAILED") == []


def test_error_missing_field_and_wrong_code():
    problems = error_response_problems(ERROR, ["channel", "age:wrong_type"], "NOT_FOUND")
    assert problems[0] == "$.error.code: expected NOT_FOUND, got 'VALIDATION_FAILED'"
    assert problems[1].startswith("$.error.details: expected field channel, got age:out_of_range")
    assert problems[2].startswith("$.error.details: expected field age:wrong_type")


def test_error_shape_is_checked():
    assert error_response_problems({"message": "boom"}, []) == [
        "$.error: expected the contract's error object, got null"
    ]
    broken = {"error": {"code": "X", "details": "nope"}}
    assert error_response_problems(broken, ["age"]) == [
        "$.error.message: expected a non-empty string, got None",
        "$.error.correlationId: expected a non-empty string, got None",
        "$.error.details: expected a list of objects, got str",
    ]


# SOAP XSD

XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" xmlns="urn:t"
           elementFormDefault="qualified">
  <xs:element name="ScoreReply">
    <xs:complexType><xs:sequence>
      <xs:element name="score"><xs:simpleType><xs:restriction base="xs:int">
        <xs:minInclusive value="300"/><xs:maxInclusive value="850"/></xs:restriction></xs:simpleType></xs:element>
      <xs:element name="decision" type="xs:string"/>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>"""

ENVELOPE = """<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<t:ScoreReply xmlns:t="urn:t"><t:score>{score}</t:score>{decision}</t:ScoreReply></soap:Body></soap:Envelope>"""


@pytest.fixture
def xsd(tmp_path):
    path = tmp_path / "t.xsd"
    path.write_text(XSD)
    return load_schema(path)


def test_valid_soap_body(xsd):
    result = validate_xml(ENVELOPE.format(score=700, decision="<t:decision>APPROVE</t:decision>"), xsd)
    assert result.element == "ScoreReply"
    assert result.violations == []


def test_soap_body_violations_are_listed(xsd):
    result = validate_xml(ENVELOPE.format(score=900, decision=""), xsd)
    assert len(result.violations) >= 2
    assert any("900" in v or "maxInclusive" in v or "850" in v for v in result.violations)


def test_dtd_is_refused(xsd):
    hostile = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'
    with pytest.raises(Exception, match=r"(?i)dtd|entit"):
        validate_xml(hostile, xsd)


def test_mock_xsd_validates_a_response_body():
    xsd_path = ROOT / "mock" / "soap" / "scoring.xsd"
    if not xsd_path.is_file():
        pytest.skip("mock XSD not present")
    schema = load_schema(xsd_path)
    body = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
        '<s:ScoreApplicantResponse xmlns:s="http://scoregate.example.com/scoring/v1">'
        "<s:transactionId>bad id</s:transactionId>"
        "</s:ScoreApplicantResponse></soap:Body></soap:Envelope>"
    )
    result = validate_xml(body, schema)
    assert result.element == "ScoreApplicantResponse"
    assert result.violations


def test_xsd_keyword_fails_with_count(library, tmp_path):
    path = tmp_path / "t.xsd"
    path.write_text(XSD)
    library.run_keyword(
        "SOAP Body Should Conform To XSD",
        [ENVELOPE.format(score=700, decision="<t:decision>A</t:decision>"), str(path)],
        {},
    )
    with pytest.raises(AssertionError, match=r"^ScoreReply: \d+ XSD violations?: "):
        library.run_keyword("SOAP Body Should Conform To XSD", [ENVELOPE.format(score=1, decision=""), str(path)], {})
