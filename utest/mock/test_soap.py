"""The SOAP 1.1 endpoint: WSDL/XSD, ScoreApplicant round trips, every Fault, and suds / zeep / SudsLibrary calls."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import flask
import pytest
import requests
import zeep
from lxml import etree
from suds import WebFault
from suds.client import Client as SudsClient
from waitress.server import create_server

from mock.errors import ApiError, IdempotencyConflict, ValidationFailed
from mock.soap import soap_blueprint, soap_fault_response
from mock.soap.documents import SCHEMA, WSDL_PATH, XSD_BYTES, render_wsdl
from mock.soap.envelope import render_response
from mock.soap.fields import to_number
from mock.soap.names import MAX_BODY_BYTES, SCORING_NS, SCORING_NS_V2, SOAP_ACTION, SOAP_ENV_NS

URL_PATH = "/soap/realtime-scoring"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
WSDL_SOAP_NS = "http://schemas.xmlsoap.org/wsdl/soap/"
XS_NS = "http://www.w3.org/2001/XMLSchema"
NS = {"soap": SOAP_ENV_NS, "s": SCORING_NS, "w": WSDL_NS, "ws": WSDL_SOAP_NS, "xs": XS_NS}
ECHO = "ZQECHO7731"
HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{SOAP_ACTION}"'}

GOOD_FIELDS: dict[str, str] = {
    "transactionId": "TX-SOAP-0000001",
    "applicantId": "SYN-SOAPTEST01",
    "age": "35",
    "monthlyIncome": "4500.50",
    "employmentStatus": "full_time",
    "requestedAmount": "10000.00",
    "existingDebt": "0",
    "creditHistoryMonths": "48",
    "channel": "web",
}


def canned_response(request: dict[str, Any], correlation_id: str, decision: str = "REFER") -> dict[str, Any]:
    """A contract-shaped realtime response for ``request``."""
    reasons = {
        "APPROVE": [],
        "REFER": [{"code": "R02", "description": "Existing debt too high relative to income"}],
        "DECLINE": [
            {"code": "P01", "description": "No verifiable income"},
            {"code": "R01", "description": "Monthly income too low for the credit requested"},
        ],
    }[decision]
    return {
        "transactionId": request["transactionId"],
        "applicantId": request["applicantId"],
        "modelCode": request.get("modelCode", "credit_risk_v1"),
        "modelVersion": "1.4.2",
        "score": {"APPROVE": 712, "REFER": 650, "DECLINE": 540}[decision],
        "decision": decision,
        "riskBand": {"APPROVE": "C", "REFER": "D", "DECLINE": "E"}[decision],
        "probabilityOfDefault": 0.001017,
        "reasonCodes": reasons,
        "policyRule": "P01" if decision == "DECLINE" else None,
        "scoredAt": "2026-11-25T10:15:30.123Z",
        "correlationId": correlation_id,
    }


class FakeService:
    """Records score_realtime calls; answers a canned response, a replay, or raises ``error``."""

    def __init__(self) -> None:
        self.defects: frozenset[str] = frozenset()
        self.calls: list[tuple[dict, str, str]] = []
        self.error: Exception | None = None
        self.decision = "REFER"
        self.stored: dict[str, dict] = {}

    def score_realtime(self, request: dict, interface: str, correlation_id: str) -> tuple[dict, bool]:
        self.calls.append((request, interface, correlation_id))
        if self.error is not None:
            raise self.error
        stored = self.stored.get(request["transactionId"])
        if stored is not None:
            return stored, True
        response = canned_response(request, correlation_id, self.decision)
        self.stored[request["transactionId"]] = response
        return response, False


def make_app(service: FakeService) -> flask.Flask:
    app = flask.Flask("soap-test")
    app.register_blueprint(soap_blueprint)
    app.extensions["scoregate.service"] = service
    return app


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def client(service: FakeService) -> Any:
    return make_app(service).test_client()


def request_xml(fields: dict[str, str] | None = None, *, extra: str = "", prefix: str = "sc") -> str:
    """A ScoreApplicantRequest element with ``fields`` (in the given order) and ``extra`` markup appended."""
    items = GOOD_FIELDS if fields is None else fields
    inner = "".join(f"<{prefix}:{name}>{value}</{prefix}:{name}>" for name, value in items.items())
    root = f"{prefix}:ScoreApplicantRequest"
    return f'<{root} xmlns:{prefix}="{SCORING_NS}">{inner}{extra}</{root}>'


def envelope(body: str, *, header: str = "") -> str:
    opening = f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV_NS}">'
    return f"{opening}{header}<soapenv:Body>{body}</soapenv:Body></soapenv:Envelope>"


def post(client: Any, data: str | bytes, headers: dict[str, str] | None = None) -> Any:
    return client.post(URL_PATH, data=data, headers=HEADERS if headers is None else headers)


def fault_of(response: Any) -> dict[str, Any]:
    """faultcode, faultstring, errorCode and the (field, issue) pairs of a Fault response."""
    assert response.content_type == "text/xml; charset=utf-8", response.content_type
    root = etree.fromstring(response.data)
    fault = root.find("soap:Body/soap:Fault", NS)
    assert fault is not None, response.data
    for entry in fault.findall("detail/*"):
        assert SCHEMA.validate(entry), SCHEMA.error_log
    return {
        "faultcode": fault.findtext("faultcode"),
        "faultstring": fault.findtext("faultstring"),
        "errorCode": fault.findtext("detail/s:FaultInfo/s:errorCode", namespaces=NS),
        "issues": [(e.get("field"), e.get("issue")) for e in fault.findall("detail/s:ValidationErrors/s:error", NS)],
    }


def response_element(response: Any, namespace: str = SCORING_NS) -> etree._Element:
    root = etree.fromstring(response.data)
    element = root.find(f"soap:Body/{{{namespace}}}ScoreApplicantResponse", NS)
    assert element is not None, response.data
    return element


# WSDL and XSD


def test_wsdl_is_served_with_this_hosts_address_and_schema_location(client: Any) -> None:
    response = client.get(f"{URL_PATH}?wsdl", base_url="http://scoring.example.com:8123")
    assert response.status_code == 200
    assert response.content_type == "text/xml; charset=utf-8"
    wsdl = etree.fromstring(response.data)
    address = wsdl.find("w:service[@name='RealtimeScoringService']/w:port/ws:address", NS)
    assert address.get("location") == "http://scoring.example.com:8123/soap/realtime-scoring"
    location = wsdl.find("w:types/xs:schema/xs:import", NS).get("schemaLocation")
    assert location == "http://scoring.example.com:8123/soap/realtime-scoring?xsd=scoring.xsd"
    assert wsdl.find("w:portType[@name='RealtimeScoringPortType']/w:operation[@name='ScoreApplicant']", NS) is not None
    operation = wsdl.find("w:binding/w:operation[@name='ScoreApplicant']/ws:operation", NS)
    assert operation.get("soapAction") == SOAP_ACTION
    assert wsdl.find("w:binding/ws:binding", NS).get("style") == "document"


def test_wsdl_query_is_case_insensitive_and_the_file_stays_well_formed(client: Any) -> None:
    assert client.get(f"{URL_PATH}?WSDL").status_code == 200
    assert etree.parse(str(WSDL_PATH)).getroot().tag == f"{{{WSDL_NS}}}definitions"
    assert b'"http://a&amp;b.example.com/soap' in render_wsdl("http://a&b.example.com/")


def test_xsd_is_served_and_compiles(client: Any) -> None:
    response = client.get(f"{URL_PATH}?xsd=scoring.xsd")
    assert response.status_code == 200
    assert response.data == XSD_BYTES
    schema = etree.fromstring(response.data)
    assert schema.get("targetNamespace") == SCORING_NS
    assert schema.get("elementFormDefault") == "qualified"
    etree.XMLSchema(schema)


@pytest.mark.parametrize("query", ["", "?xsd=other.xsd", "?xsd=../scoring.wsdl", "?operation=ScoreApplicant"])
def test_any_other_get_is_a_404_client_fault(client: Any, query: str) -> None:
    response = client.get(f"{URL_PATH}{query}")
    assert response.status_code == 404
    fault = fault_of(response)
    assert fault["faultcode"] == "soap:Client"
    assert fault["errorCode"] == "NOT_FOUND"


def test_schema_lists_request_fields_in_contract_order() -> None:
    schema = etree.fromstring(XSD_BYTES)
    sequence = schema.find("xs:element[@name='ScoreApplicantRequest']/xs:complexType/xs:sequence", NS)
    names = [element.get("name") for element in sequence]
    assert names == [*GOOD_FIELDS, "modelCode"]
    assert sequence[-1].get("minOccurs") == "0"


# The XSD itself


def test_schema_accepts_a_good_request_with_and_without_model_code() -> None:
    assert SCHEMA.validate(etree.fromstring(request_xml()))
    assert SCHEMA.validate(etree.fromstring(request_xml({**GOOD_FIELDS, "modelCode": "credit_risk_v2"})))


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("transactionId", "TX-1"),
        ("transactionId", "-TX-00000001"),
        ("applicantId", "APP-123456"),
        ("applicantId", "SYN-abcdef"),
        ("age", "17"),
        ("age", "101"),
        ("age", "30.0"),
        ("age", "thirty"),
        ("monthlyIncome", "-0.01"),
        ("monthlyIncome", "1000000.01"),
        ("monthlyIncome", "NaN"),
        ("monthlyIncome", "INF"),
        ("monthlyIncome", "1e3"),
        ("employmentStatus", "FULL_TIME"),
        ("requestedAmount", "99.99"),
        ("requestedAmount", "1000001"),
        ("existingDebt", "10000000.5"),
        ("creditHistoryMonths", "961"),
        ("creditHistoryMonths", "-1"),
        ("channel", "fax"),
        ("modelCode", "credit_risk_v3"),
    ],
)
def test_schema_rejects_each_rule_violation(field: str, value: str) -> None:
    fields = {**GOOD_FIELDS, field: value}
    assert not SCHEMA.validate(etree.fromstring(request_xml(fields)))


def test_schema_rejects_missing_unknown_and_reordered_elements() -> None:
    missing = {k: v for k, v in GOOD_FIELDS.items() if k != "age"}
    reordered = dict(reversed(list(GOOD_FIELDS.items())))
    assert not SCHEMA.validate(etree.fromstring(request_xml(missing)))
    assert not SCHEMA.validate(etree.fromstring(request_xml(reordered)))
    assert not SCHEMA.validate(etree.fromstring(request_xml(extra="<sc:email>x@example.com</sc:email>")))


# Successful calls


def test_score_applicant_round_trip(client: Any, service: FakeService) -> None:
    response = post(client, envelope(request_xml()))
    assert response.status_code == 200, response.data
    assert response.content_type == "text/xml; charset=utf-8"
    assert "Idempotent-Replay" not in response.headers
    request, interface, correlation_id = service.calls[0]
    assert request == {
        "transactionId": "TX-SOAP-0000001",
        "applicantId": "SYN-SOAPTEST01",
        "age": 35,
        "monthlyIncome": 4500.5,
        "employmentStatus": "full_time",
        "requestedAmount": 10000,
        "existingDebt": 0,
        "creditHistoryMonths": 48,
        "channel": "web",
    }
    assert type(request["age"]) is int and type(request["monthlyIncome"]) is float
    assert interface == "SOAP"
    assert str(uuid.UUID(correlation_id)) == correlation_id
    element = response_element(response)
    assert SCHEMA.validate(element), SCHEMA.error_log
    assert element.findtext("s:score", namespaces=NS) == "650"
    assert element.findtext("s:decision", namespaces=NS) == "REFER"
    assert element.findtext("s:probabilityOfDefault", namespaces=NS) == "0.001017"
    assert element.findtext("s:reasonCodes/s:reasonCode/s:code", namespaces=NS) == "R02"
    assert element.find("s:policyRule", NS) is None
    assert element.findtext("s:correlationId", namespaces=NS) == correlation_id


def test_correlation_id_set_by_the_server_is_passed_to_the_service(service: FakeService) -> None:
    app = make_app(service)

    @app.before_request
    def set_correlation_id() -> None:
        flask.g.correlation_id = "corr-soap-0001"

    response = post(app.test_client(), envelope(request_xml()))
    assert response.status_code == 200
    assert service.calls[0][2] == "corr-soap-0001"


@pytest.mark.parametrize("decision", ["APPROVE", "REFER", "DECLINE"])
def test_every_decision_validates_against_the_xsd(client: Any, service: FakeService, decision: str) -> None:
    service.decision = decision
    element = response_element(post(client, envelope(request_xml())))
    assert SCHEMA.validate(element), SCHEMA.error_log
    codes = [code.text for code in element.findall("s:reasonCodes/s:reasonCode/s:code", NS)]
    assert codes == {"APPROVE": [], "REFER": ["R02"], "DECLINE": ["P01", "R01"]}[decision]
    assert element.findtext("s:policyRule", namespaces=NS) == ("P01" if decision == "DECLINE" else None)


def test_model_code_prefixes_whitespace_and_comments_do_not_change_the_request(
    client: Any, service: FakeService
) -> None:
    fields = {**GOOD_FIELDS, "age": " 35 ", "modelCode": "credit_risk_v2"}
    body = request_xml(fields, prefix="x").replace(">4500.50<", "><!-- note -->4500.50<")
    document = (
        f'<?xml version="1.0" encoding="utf-8"?><E:Envelope xmlns:E="{SOAP_ENV_NS}"><E:Header/>'
        f"<E:Body>{body}</E:Body></E:Envelope>"
    )
    response = post(client, document.encode("utf-8"), {"Content-Type": "text/xml", "SOAPAction": ""})
    assert response.status_code == 200, response.data
    request = service.calls[0][0]
    assert request["age"] == 35 and request["monthlyIncome"] == 4500.5 and request["modelCode"] == "credit_risk_v2"
    assert response_element(response).findtext("s:modelCode", namespaces=NS) == "credit_risk_v2"


def test_replay_returns_the_same_bytes_with_the_replay_header(client: Any) -> None:
    first = post(client, envelope(request_xml()))
    second = post(client, envelope(request_xml()))
    assert first.status_code == second.status_code == 200
    assert second.headers["Idempotent-Replay"] == "true"
    assert second.data == first.data


def test_defect_soap_namespace_changed_moves_the_response_to_v2(client: Any, service: FakeService) -> None:
    service.defects = frozenset({"soap-namespace-changed"})
    response = post(client, envelope(request_xml()))
    assert response.status_code == 200
    element = response_element(response, SCORING_NS_V2)
    assert not SCHEMA.validate(element)
    assert etree.fromstring(response.data).find("soap:Body/s:ScoreApplicantResponse", NS) is None


def test_response_keys_outside_the_contract_stay_visible() -> None:
    body = canned_response({"transactionId": "TX-SOAP-0000009", "applicantId": "SYN-SOAPTEST01"}, "c-1")
    body["contactEmail"] = "someone@example.com"
    element = etree.fromstring(render_response(body, SCORING_NS)).find("soap:Body/s:ScoreApplicantResponse", NS)
    assert element.findtext("s:contactEmail", namespaces=NS) == "someone@example.com"
    assert not SCHEMA.validate(element)


@pytest.mark.parametrize(("text", "expected"), [("4500.00", 4500), ("4500.5", 4500.5), (" 0 ", 0), (".25", 0.25)])
def test_decimal_text_becomes_a_json_like_number(text: str, expected: float) -> None:
    value = to_number(text)
    assert value == expected and type(value) is type(expected)


# Faults: transport and XML safety


def test_wrong_content_type_is_a_client_fault(client: Any, service: FakeService) -> None:
    for content_type in ("application/json", "application/soap+xml; charset=utf-8", ""):
        response = post(client, envelope(request_xml()), {"Content-Type": content_type, "SOAPAction": SOAP_ACTION})
        assert response.status_code == 500
        fault = fault_of(response)
        assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "UNSUPPORTED_MEDIA_TYPE")
    assert service.calls == []


@pytest.mark.parametrize("action", [None, '"http://scoregate.example.com/scoring/v1/DeleteApplicant"'])
def test_missing_or_foreign_soap_action_is_a_client_fault(client: Any, action: str | None) -> None:
    headers = {"Content-Type": "text/xml"} | ({} if action is None else {"SOAPAction": action})
    fault = fault_of(post(client, envelope(request_xml()), headers))
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "INVALID_SOAP_ACTION")


def padded(size: int) -> bytes:
    """A valid request envelope padded with a comment to exactly ``size`` bytes."""
    base = envelope(request_xml()).encode("utf-8")
    padding = size - len(base) - len("<!---->")
    return base + b"<!--" + b"p" * padding + b"-->"


def test_body_of_exactly_64_kib_is_accepted_and_one_byte_more_is_413(client: Any, service: FakeService) -> None:
    assert post(client, padded(MAX_BODY_BYTES)).status_code == 200
    response = post(client, padded(MAX_BODY_BYTES + 1))
    assert response.status_code == 413
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "PAYLOAD_TOO_LARGE")
    assert len(service.calls) == 1


def test_body_without_content_length_is_limited_too(client: Any) -> None:
    def chunked(data: bytes) -> Any:
        return client.post(
            URL_PATH,
            input_stream=io.BytesIO(data),
            headers={**HEADERS, "Transfer-Encoding": "chunked"},
            environ_overrides={"wsgi.input_terminated": True},
        )

    assert chunked(padded(MAX_BODY_BYTES)).status_code == 200
    response = chunked(padded(MAX_BODY_BYTES + 100))
    assert response.status_code == 413
    assert fault_of(response)["faultstring"] == "request body is longer, over the limit of 65536 bytes (64 KiB)"


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all " + ECHO.encode(),
        envelope(request_xml())[:-20].encode() + ECHO.encode(),
        envelope(request_xml()).replace("<sc:age>35</sc:age>", f"<sc:age>&{ECHO};</sc:age>").encode(),
        b"\xff\xfe<broken " + ECHO.encode(),
    ],
    ids=["empty", "text", "truncated", "undefined-entity", "bad-encoding"],
)
def test_malformed_xml_is_a_client_fault_without_echo(client: Any, service: FakeService, data: bytes) -> None:
    response = post(client, data)
    assert response.status_code == 500
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "MALFORMED_XML")
    assert ECHO.encode() not in response.data
    assert b"Traceback" not in response.data
    assert service.calls == []


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
    + "]>"
    + envelope(request_xml({**GOOD_FIELDS, "channel": "&lol9;"}))
)
QUADRATIC_BLOWUP = f'<?xml version="1.0"?><!DOCTYPE q [<!ENTITY a "{"A" * 50_000}">]>' + envelope(
    request_xml({**GOOD_FIELDS, "channel": "&a;" * 300})
)


def _entity_request(entity_decl: str) -> str:
    fields = {**GOOD_FIELDS, "channel": "&xxe;"}
    return f'<?xml version="1.0"?><!DOCTYPE e [{entity_decl}]>' + envelope(request_xml(fields))


@pytest.mark.parametrize(
    "document",
    [
        f'<!DOCTYPE e [<!ENTITY x "{ECHO}">]>' + envelope(request_xml()),
        BILLION_LAUGHS,
        QUADRATIC_BLOWUP,
        _entity_request('<!ENTITY xxe SYSTEM "file:///etc/passwd">'),
        _entity_request('<!ENTITY % p SYSTEM "file:///etc/hostname"> %p; <!ENTITY xxe "x">'),
        '<!DOCTYPE e SYSTEM "file:///etc/passwd">' + envelope(request_xml()),
    ],
    ids=["dtd", "billion-laughs", "quadratic-blowup", "xxe-file", "parameter-entity", "external-dtd"],
)
def test_dtds_and_entities_are_refused_fast(client: Any, service: FakeService, document: str) -> None:
    started = time.perf_counter()
    response = post(client, document.encode("utf-8"))
    elapsed = time.perf_counter() - started
    assert elapsed < 0.5, f"expected a fault within 0.5 s, took {elapsed:.3f} s"
    assert response.status_code == 500
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "XML_DTD_FORBIDDEN")
    assert ECHO.encode() not in response.data and b"root:" not in response.data and b"lollol" not in response.data
    assert service.calls == []


def test_xxe_over_http_makes_no_outbound_connection(client: Any) -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.3)
    port = listener.getsockname()[1]
    try:
        document = _entity_request(f'<!ENTITY xxe SYSTEM "http://127.0.0.1:{port}/secret">')
        fault = fault_of(post(client, document.encode("utf-8")))
        assert fault["errorCode"] == "XML_DTD_FORBIDDEN"
        with pytest.raises(TimeoutError):
            listener.accept()
    finally:
        listener.close()


# Faults: envelope and operation


@pytest.mark.parametrize(
    ("document", "error_code"),
    [
        (request_xml(), "INVALID_ENVELOPE"),
        (
            '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body>'
            + request_xml()
            + "</e:Body></e:Envelope>",
            "INVALID_ENVELOPE",
        ),
        (f'<soapenv:Envelope xmlns:soapenv="{SOAP_ENV_NS}"><soapenv:Header/></soapenv:Envelope>', "INVALID_ENVELOPE"),
        (envelope(""), "INVALID_ENVELOPE"),
        (envelope(request_xml() + request_xml()), "INVALID_ENVELOPE"),
        (envelope(f'<sc:DeleteApplicant xmlns:sc="{SCORING_NS}"/>'), "UNKNOWN_OPERATION"),
        (envelope(request_xml().replace(SCORING_NS, SCORING_NS_V2)), "UNKNOWN_OPERATION"),
    ],
    ids=["no-envelope", "soap12", "no-body", "empty-body", "two-operations", "unknown-operation", "foreign-namespace"],
)
def test_envelope_problems_are_client_faults(client: Any, service: FakeService, document: str, error_code: str) -> None:
    response = post(client, document)
    assert response.status_code == 500
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", error_code)
    assert service.calls == []


# Faults: schema and rule violations


def test_schema_violations_name_every_invalid_element_without_echo(client: Any, service: FakeService) -> None:
    fields = {
        "transactionId": f"{ECHO}!!",
        "age": ECHO,
        "monthlyIncome": "-5",
        "employmentStatus": "full_time",
        "requestedAmount": "10000",
        "existingDebt": f"1{ECHO}",
        "creditHistoryMonths": "48",
        "channel": ECHO,
    }
    body = request_xml(fields, extra=f"<sc:homePhone>{ECHO}</sc:homePhone><sc:age>40</sc:age>")
    response = post(client, envelope(body))
    assert response.status_code == 500
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "VALIDATION_FAILED")
    assert sorted(fault["issues"]) == sorted(
        [
            ("transactionId", "invalid_format"),
            ("applicantId", "missing"),
            ("age", "wrong_type"),
            ("age", "duplicate"),
            ("monthlyIncome", "out_of_range"),
            ("existingDebt", "wrong_type"),
            ("channel", "invalid_enum"),
            ("homePhone", "unknown_field"),
        ]
    )
    assert fault["faultstring"] == "ScoreApplicantRequest does not match the schema: 8 elements are invalid"
    assert ECHO.encode() not in response.data
    assert service.calls == []


@pytest.mark.parametrize(
    ("field", "value", "issue"),
    [
        ("age", "17", "out_of_range"),
        ("age", "30.0", "wrong_type"),
        ("age", "99999999999", "out_of_range"),
        ("monthlyIncome", "NaN", "wrong_type"),
        ("applicantId", "SYN-lower01", "invalid_format"),
        ("employmentStatus", "", "invalid_enum"),
        ("modelCode", "credit_risk_v9", "invalid_enum"),
    ],
)
def test_single_schema_violation_names_its_element(client: Any, field: str, value: str, issue: str) -> None:
    fault = fault_of(post(client, envelope(request_xml({**GOOD_FIELDS, field: value}))))
    assert fault["issues"] == [(field, issue)]


def test_reordered_elements_and_attributes_are_named(client: Any) -> None:
    fields = {name: value for name, value in GOOD_FIELDS.items() if name != "applicantId"}
    fields["applicantId"] = GOOD_FIELDS["applicantId"]
    assert fault_of(post(client, envelope(request_xml(fields))))["issues"] == [("applicantId", "invalid_format")]
    with_attribute = request_xml().replace("<sc:age>", '<sc:age unit="years">')
    assert fault_of(post(client, envelope(with_attribute)))["issues"] == [("age", "invalid_format")]
    nested = request_xml().replace("<sc:age>35</sc:age>", "<sc:age><sc:years>35</sc:years></sc:age>")
    assert fault_of(post(client, envelope(nested)))["issues"] == [("age", "invalid_format")]


def test_unqualified_and_foreign_elements_are_unknown_fields(client: Any) -> None:
    unqualified = request_xml().replace("<sc:age>35</sc:age>", "<age>35</age>")
    assert fault_of(post(client, envelope(unqualified)))["issues"] == [("age", "unknown_field")]
    foreign = request_xml().replace("<sc:age>35</sc:age>", '<v2:age xmlns:v2="urn:example:other">35</v2:age>')
    response = post(client, envelope(foreign))
    assert fault_of(response)["issues"] == [("age", "unknown_field")]
    assert f"must be in namespace {SCORING_NS}".encode() in response.data
    stranger = request_xml(extra='<o:score xmlns:o="urn:example:other">1</o:score>')
    assert fault_of(post(client, envelope(stranger)))["issues"] == [("{urn:example:other}score", "unknown_field")]


def test_schema_refusals_the_walk_does_not_explain_fall_back_to_the_schema_log(client: Any) -> None:
    body = request_xml().replace(
        "<sc:age>35</sc:age>",
        '<sc:age xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true">35</sc:age>',
    )
    fault = fault_of(post(client, envelope(body)))
    assert fault["errorCode"] == "VALIDATION_FAILED"
    assert [field for field, _ in fault["issues"]] == ["age"]


def test_service_validation_failure_is_a_client_fault_with_details(client: Any, service: FakeService) -> None:
    service.error = ValidationFailed(
        [{"field": "age", "issue": "out_of_range", "message": "must be between 18 and 100"}]
    )
    response = post(client, envelope(request_xml()))
    assert response.status_code == 500
    fault = fault_of(response)
    assert fault == {
        "faultcode": "soap:Client",
        "faultstring": "1 field is invalid",
        "errorCode": "VALIDATION_FAILED",
        "issues": [("age", "out_of_range")],
    }
    message = etree.fromstring(response.data).findtext(".//s:ValidationErrors/s:error", namespaces=NS)
    assert message == "must be between 18 and 100"


def test_idempotency_conflict_is_a_client_fault_without_the_transaction_id(client: Any, service: FakeService) -> None:
    service.error = IdempotencyConflict("TX-SOAP-0000001")
    response = post(client, envelope(request_xml()))
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Client", "IDEMPOTENCY_CONFLICT")
    assert fault["issues"] == [("transactionId", "duplicate")]
    assert b"TX-SOAP-0000001" not in response.data


@pytest.mark.parametrize(
    ("status", "faultcode", "http_status"),
    [
        (404, "soap:Client", 500),
        (409, "soap:Client", 500),
        (429, "soap:Server", 429),
        (500, "soap:Server", 500),
        (503, "soap:Server", 503),
    ],
)
def test_other_api_errors_map_to_client_or_server(
    client: Any, service: FakeService, status: int, faultcode: str, http_status: int
) -> None:
    service.error = ApiError(status, "SOME_CODE", "something went wrong", headers={"Retry-After": "2"})
    response = post(client, envelope(request_xml()))
    assert response.status_code == http_status
    assert response.headers["Retry-After"] == "2"
    fault = fault_of(response)
    assert (fault["faultcode"], fault["faultstring"], fault["errorCode"]) == (
        faultcode,
        "something went wrong",
        "SOME_CODE",
    )


def test_unexpected_error_is_a_server_fault_without_traceback(client: Any, service: FakeService) -> None:
    service.error = RuntimeError(f"database file locked {ECHO}")
    response = post(client, envelope(request_xml()))
    assert response.status_code == 500
    fault = fault_of(response)
    assert (fault["faultcode"], fault["errorCode"]) == ("soap:Server", "INTERNAL_ERROR")
    assert ECHO.encode() not in response.data and b"Traceback" not in response.data


def test_missing_service_is_a_server_fault() -> None:
    app = flask.Flask("no-service")
    app.register_blueprint(soap_blueprint)
    fault = fault_of(post(app.test_client(), envelope(request_xml())))
    assert fault["faultcode"] == "soap:Server"


def test_soap_fault_response_renders_details_and_correlation_id() -> None:
    app = flask.Flask("fault")
    with app.test_request_context("/soap/realtime-scoring"):
        flask.g.correlation_id = "corr-<&>-1"
        details = [{"field": "age", "issue": "out_of_range", "message": 'must be between 18 and 100 & "quoted"'}]
        response = soap_fault_response("Client", "1 field is invalid <here>", 500, details)
        unauthorized = soap_fault_response("Server", "token missing", http_status=401)
    assert response.status_code == 500
    root = etree.fromstring(response.get_data())
    assert root.findtext("soap:Body/soap:Fault/faultcode", namespaces=NS) == "soap:Client"
    assert root.findtext("soap:Body/soap:Fault/faultstring", namespaces=NS) == "1 field is invalid <here>"
    assert root.findtext(".//s:FaultInfo/s:correlationId", namespaces=NS) == "corr-<&>-1"
    error = root.find(".//s:ValidationErrors/s:error", NS)
    assert (error.get("field"), error.get("issue"), error.text) == (
        "age",
        "out_of_range",
        'must be between 18 and 100 & "quoted"',
    )
    assert fault_of(response)["issues"] == [("age", "out_of_range")]
    assert unauthorized.status_code == 401
    assert fault_of(unauthorized)["faultcode"] == "soap:Server"


def test_soap_fault_response_outside_a_request_has_no_detail() -> None:
    app = flask.Flask("fault")
    with app.app_context():
        response = soap_fault_response("Client", "bad")
    root = etree.fromstring(response.get_data())
    assert root.find(".//detail") is None


# Real clients over HTTP


@pytest.fixture(scope="module")
def live_server() -> Iterator[tuple[str, FakeService]]:
    service = FakeService()
    server = create_server(make_app(service), host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}{URL_PATH}", service
    server.close()


def test_suds_loads_the_wsdl_and_calls_score_applicant(live_server: tuple[str, FakeService]) -> None:
    url, service = live_server
    suds = SudsClient(f"{url}?wsdl", cache=None)
    result = suds.service.ScoreApplicant(
        "TX-SUDS-0000001", "SYN-SUDS000001", "35", "4500", "full_time", "10000", "0", "48", "web", "credit_risk_v2"
    )
    assert (result.score, result.decision, result.modelCode) == (650, "REFER", "credit_risk_v2")
    assert isinstance(result.probabilityOfDefault, float)
    assert result.reasonCodes.reasonCode[0].code == "R02"
    request = next(call[0] for call in service.calls if call[0]["transactionId"] == "TX-SUDS-0000001")
    assert request["age"] == 35 and request["modelCode"] == "credit_risk_v2"
    with pytest.raises(WebFault) as raised:
        suds.service.ScoreApplicant(
            "TX-SUDS-0000002", "SYN-SUDS000001", "150", "4500", "full_time", "10000", "0", "48", "web"
        )
    fault = raised.value.fault
    assert fault.faultcode == "soap:Client"
    assert fault.detail.ValidationErrors.error._field == "age"
    assert fault.detail.FaultInfo.errorCode == "VALIDATION_FAILED"


def test_zeep_loads_the_wsdl_and_calls_score_applicant(live_server: tuple[str, FakeService]) -> None:
    url, _ = live_server
    client = zeep.Client(f"{url}?wsdl")
    result = client.service.ScoreApplicant(
        transactionId="TX-ZEEP-0000001",
        applicantId="SYN-ZEEP000001",
        age=35,
        monthlyIncome=4500.5,
        employmentStatus="full_time",
        requestedAmount=10000,
        existingDebt=0,
        creditHistoryMonths=48,
        channel="web",
    )
    assert (result.score, result.decision, result.riskBand) == (650, "REFER", "D")
    assert result.reasonCodes.reasonCode[0].code == "R02"
    assert result.policyRule is None
    with pytest.raises(zeep.exceptions.Fault) as raised:
        client.service.ScoreApplicant(
            transactionId="TX-ZEEP-0000002",
            applicantId="SYN-ZEEP000001",
            age=35,
            monthlyIncome=4500,
            employmentStatus="full_time",
            requestedAmount=10000,
            existingDebt=0,
            creditHistoryMonths=48,
            channel="fax",
        )
    assert raised.value.code == "soap:Client"
    assert raised.value.detail.find(f"{{{SCORING_NS}}}ValidationErrors/{{{SCORING_NS}}}error").get("field") == "channel"


# The real mock server (python -m mock)

LISTENING = "SCORING MOCK LISTENING "
APPROVE_PROFILE = {
    "age": 35,
    "monthlyIncome": 4500,
    "employmentStatus": "full_time",
    "requestedAmount": 10000,
    "existingDebt": 2000,
    "creditHistoryMonths": 48,
    "channel": "web",
}
PROFILES = {
    "approve": APPROVE_PROFILE,
    "refer": {
        **APPROVE_PROFILE,
        "age": 30,
        "monthlyIncome": 2500,
        "employmentStatus": "part_time",
        "requestedAmount": 8000,
        "existingDebt": 3000,
        "creditHistoryMonths": 12,
    },
    "decline": {
        **APPROVE_PROFILE,
        "age": 22,
        "monthlyIncome": 1500,
        "employmentStatus": "student",
        "requestedAmount": 5000,
        "existingDebt": 500,
        "creditHistoryMonths": 6,
    },
    "policy": {**APPROVE_PROFILE, "monthlyIncome": 0, "employmentStatus": "unemployed"},
}


def start_mock(env: dict[str, str] | None = None) -> tuple[subprocess.Popen, str]:
    """``python -m mock --port 0`` as a subprocess; its base URL once it prints the listening line."""
    root = Path(__file__).resolve().parents[2]
    environment = {key: value for key, value in os.environ.items() if key != "SCORING_MOCK_TOKEN"}
    process = subprocess.Popen(
        [sys.executable, "-m", "mock", "--port", "0"],
        cwd=root,
        env={**environment, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout=30)
    if not lines or not lines[0].startswith(LISTENING):
        process.kill()
        raise AssertionError(f"expected '{LISTENING}<url>' from python -m mock, got {lines!r}")
    return process, lines[0][len(LISTENING) :].strip()


def stop_mock(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def mock_url() -> Iterator[str]:
    process, url = start_mock()
    yield url
    stop_mock(process)


def soap_request(transaction_id: str, profile: dict[str, Any], applicant_id: str = "SYN-REALSOAP01") -> bytes:
    fields = {"transactionId": transaction_id, "applicantId": applicant_id, **{k: str(v) for k, v in profile.items()}}
    return envelope(request_xml(fields)).encode("utf-8")


def rest_request(transaction_id: str, profile: dict[str, Any], applicant_id: str = "SYN-REALSOAP01") -> dict:
    return {"transactionId": transaction_id, "applicantId": applicant_id, **profile}


def response_fields(element: etree._Element) -> dict[str, Any]:
    """score, decision, riskBand, probabilityOfDefault, reasonCodes and policyRule of a ScoreApplicantResponse."""
    return {
        "score": int(element.findtext("s:score", namespaces=NS)),
        "decision": element.findtext("s:decision", namespaces=NS),
        "riskBand": element.findtext("s:riskBand", namespaces=NS),
        "probabilityOfDefault": float(element.findtext("s:probabilityOfDefault", namespaces=NS)),
        "reasonCodes": [code.text for code in element.findall("s:reasonCodes/s:reasonCode/s:code", NS)],
        "policyRule": element.findtext("s:policyRule", namespaces=NS),
    }


def test_real_server_answers_every_decision_like_rest_and_within_the_xsd(mock_url: str) -> None:
    decisions = set()
    for name, profile in PROFILES.items():
        soap = requests.post(f"{mock_url}{URL_PATH}", data=soap_request(f"TX-RS-{name}-01", profile), headers=HEADERS)
        assert soap.status_code == 200, soap.text
        assert soap.headers["Content-Type"] == "text/xml; charset=utf-8"
        element = etree.fromstring(soap.content).find("soap:Body/s:ScoreApplicantResponse", NS)
        assert SCHEMA.validate(element), f"{name}: {SCHEMA.error_log}"
        assert element.findtext("s:correlationId", namespaces=NS) == soap.headers["X-Correlation-ID"]
        rest = requests.post(f"{mock_url}/api/v1/score", json=rest_request(f"TX-RS-{name}-02", profile)).json()
        expected = {key: rest[key] for key in ("score", "decision", "riskBand", "probabilityOfDefault", "policyRule")}
        expected["reasonCodes"] = [item["code"] for item in rest["reasonCodes"]]
        assert response_fields(element) == expected, name
        decisions.add(expected["decision"])
    assert decisions == {"APPROVE", "REFER", "DECLINE"}
    policy = requests.post(
        f"{mock_url}{URL_PATH}", data=soap_request("TX-RS-policy-03", PROFILES["policy"]), headers=HEADERS
    )
    fields = response_fields(etree.fromstring(policy.content).find("soap:Body/s:ScoreApplicantResponse", NS))
    assert (fields["decision"], fields["policyRule"], fields["reasonCodes"][0]) == ("DECLINE", "P01", "P01")


def test_real_server_shares_idempotency_and_persistence_with_rest(mock_url: str) -> None:
    first = requests.post(
        f"{mock_url}{URL_PATH}", data=soap_request("TX-RS-IDEM-0001", APPROVE_PROFILE), headers=HEADERS
    )
    again = requests.post(
        f"{mock_url}{URL_PATH}", data=soap_request("TX-RS-IDEM-0001", APPROVE_PROFILE), headers=HEADERS
    )
    assert first.status_code == again.status_code == 200
    assert again.headers["Idempotent-Replay"] == "true" and again.content == first.content
    rest = requests.post(f"{mock_url}/api/v1/score", json=rest_request("TX-RS-IDEM-0001", APPROVE_PROFILE))
    assert rest.status_code == 200 and rest.headers["Idempotent-Replay"] == "true"
    assert requests.get(f"{mock_url}/api/v1/decisions/TX-RS-IDEM-0001").json()["interface"] == "SOAP"
    changed = {**APPROVE_PROFILE, "age": 36}
    conflict = requests.post(f"{mock_url}{URL_PATH}", data=soap_request("TX-RS-IDEM-0001", changed), headers=HEADERS)
    assert conflict.status_code == 500
    fault = etree.fromstring(conflict.content).find("soap:Body/soap:Fault", NS)
    assert fault.findtext("faultcode") == "soap:Client"
    assert fault.findtext("detail/s:FaultInfo/s:errorCode", namespaces=NS) == "IDEMPOTENCY_CONFLICT"
    assert b"TX-RS-IDEM-0001" not in conflict.content


def test_real_server_refuses_attacks_and_oversized_bodies(mock_url: str) -> None:
    for document in (BILLION_LAUGHS, _entity_request('<!ENTITY xxe SYSTEM "file:///etc/passwd">')):
        started = time.perf_counter()
        response = requests.post(f"{mock_url}{URL_PATH}", data=document.encode("utf-8"), headers=HEADERS, timeout=5)
        assert time.perf_counter() - started < 1.0
        assert response.status_code == 500 and b"<faultcode>soap:Client</faultcode>" in response.content
        assert b"root:" not in response.content
    oversized = requests.post(f"{mock_url}{URL_PATH}", data=padded(MAX_BODY_BYTES + 1), headers=HEADERS)
    assert oversized.status_code == 413 and b"<faultcode>soap:Client</faultcode>" in oversized.content
    chunked = requests.post(f"{mock_url}{URL_PATH}", data=iter([padded(MAX_BODY_BYTES + 1)]), headers=HEADERS)
    assert chunked.status_code == 413 and b"<faultcode>soap:Client</faultcode>" in chunked.content
    exact = requests.post(f"{mock_url}{URL_PATH}", data=padded(MAX_BODY_BYTES), headers=HEADERS)
    assert exact.status_code == 200, exact.text


def test_real_server_through_suds_and_zeep_and_the_namespace_defect(mock_url: str) -> None:
    suds = SudsClient(f"{mock_url}{URL_PATH}?wsdl", cache=None)
    values = [str(APPROVE_PROFILE[name]) for name in list(GOOD_FIELDS)[2:]]
    by_suds = suds.service.ScoreApplicant("TX-RS-SUDS-0001", "SYN-REALSOAP01", *values)
    client = zeep.Client(f"{mock_url}{URL_PATH}?wsdl")
    by_zeep = client.service.ScoreApplicant(
        transactionId="TX-RS-ZEEP-0001", applicantId="SYN-REALSOAP01", **APPROVE_PROFILE
    )
    assert (by_suds.score, by_suds.decision) == (by_zeep.score, by_zeep.decision)
    assert by_zeep.decision == "APPROVE" and by_zeep.policyRule is None
    assert requests.post(f"{mock_url}/__admin/defect", json={"name": "soap-namespace-changed"}).status_code < 300
    try:
        response = requests.post(
            f"{mock_url}{URL_PATH}", data=soap_request("TX-RS-NS-0001", APPROVE_PROFILE), headers=HEADERS
        )
        assert response.status_code == 200
        element = etree.fromstring(response.content).find(f"soap:Body/{{{SCORING_NS_V2}}}ScoreApplicantResponse", NS)
        assert element is not None and not SCHEMA.validate(element)
        with pytest.raises(Exception) as raised:
            client.service.ScoreApplicant(
                transactionId="TX-RS-NS-0002", applicantId="SYN-REALSOAP01", **APPROVE_PROFILE
            )
        assert "ScoreApplicantResponse" in str(raised.value) or "v2" in str(raised.value)
    finally:
        requests.delete(f"{mock_url}/__admin/defect")


def test_real_server_with_a_token_keeps_the_wsdl_open_and_faults_401(tmp_path: Path) -> None:
    process, url = start_mock({"SCORING_MOCK_TOKEN": "syn-token-0001"})
    try:
        assert requests.get(f"{url}{URL_PATH}?wsdl").status_code == 200
        assert requests.get(f"{url}{URL_PATH}?xsd=scoring.xsd").status_code == 200
        body = soap_request("TX-RS-AUTH-0001", APPROVE_PROFILE)
        denied = requests.post(f"{url}{URL_PATH}", data=body, headers=HEADERS)
        assert denied.status_code == 401
        assert etree.fromstring(denied.content).findtext(".//faultcode") == "soap:Client"
        allowed = requests.post(
            f"{url}{URL_PATH}", data=body, headers={**HEADERS, "Authorization": "Bearer syn-token-0001"}
        )
        assert allowed.status_code == 200, allowed.text
    finally:
        stop_mock(process)


ROBOT_SUITE = """*** Settings ***
Library    SudsLibrary

*** Test Cases ***
Score Applicant With Positional Arguments
    Create Soap Client    ${URL}?wsdl
    ${result}=    Call Soap Method    ScoreApplicant    TX-ROBOT-0000001    SYN-ROBOT00001    35    4500
    ...    full_time    10000    2000    48    web    credit_risk_v2
    Should Be Equal    ${result.decision}    APPROVE
    Should Be Equal    ${result.modelCode}    credit_risk_v2
    Should Be True    300 <= ${result.score} <= 850
    ${reasons}=    Get Wsdl Object Attribute    ${result}    reasonCodes
    Should Be Empty    ${reasons}

Raw Response Shows The Namespace
    Create Soap Client    ${URL}?wsdl
    Call Soap Method    ScoreApplicant    TX-ROBOT-0000004    SYN-ROBOT00001    35    4500
    ...    full_time    10000    2000    48    web
    ${xml}=    Get Last Received
    Should Contain    ${xml}    <ScoreApplicantResponse xmlns="http://scoregate.example.com/scoring/v1">

Refer Carries Reason Codes
    Create Soap Client    ${URL}?wsdl
    ${result}=    Call Soap Method    ScoreApplicant    TX-ROBOT-0000003    SYN-ROBOT00001    30    2500
    ...    part_time    8000    3000    12    web
    Should Be Equal    ${result.decision}    REFER
    Should Match Regexp    ${result.reasonCodes.reasonCode[0].code}    ^R0[1-6]$

Invalid Age Is A Client Fault
    Create Soap Client    ${URL}?wsdl
    ${fault}=    Call Soap Method Expecting Fault    ScoreApplicant    TX-ROBOT-0000002    SYN-ROBOT00001    150
    ...    4500    full_time    10000    0    48    web
    Should Be Equal    ${fault.faultcode}    soap:Client
    Should Be Equal    ${fault.detail.FaultInfo.errorCode}    VALIDATION_FAILED
    Should Be Equal    ${fault.detail.ValidationErrors.error._field}    age
    Should Be Equal    ${fault.detail.ValidationErrors.error._issue}    out_of_range
"""


def test_sudslibrary_keywords_call_the_real_server(mock_url: str, tmp_path: Path) -> None:
    suite = tmp_path / "soap.robot"
    suite.write_text(ROBOT_SUITE, encoding="utf-8")
    command = [sys.executable, "-m", "robot", "--variable", f"URL:{mock_url}{URL_PATH}", "--outputdir", str(tmp_path)]
    completed = subprocess.run(
        [*command, "--console", "dotted", str(suite)], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
