import pytest
from ScoringLibrary.core.soap_response import score_response_to_dict

ENVELOPE = """<?xml version="1.0" encoding="UTF-8"?>
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
<s:ScoreApplicantResponse xmlns:s="{ns}">
<s:transactionId>TX-00000001</s:transactionId><s:score>615</s:score><s:decision>REFER</s:decision>
<s:probabilityOfDefault>0.013</s:probabilityOfDefault>{policy}
<s:reasonCodes><s:reasonCode><s:code>R02</s:code><s:description>Debt</s:description></s:reasonCode>
<s:reasonCode><s:code>R04</s:code><s:description>History</s:description></s:reasonCode></s:reasonCodes>
</s:ScoreApplicantResponse></soap:Body></soap:Envelope>"""


def envelope(ns="http://scoregate.example.com/scoring/v1", policy=""):
    return ENVELOPE.format(ns=ns, policy=policy)


def test_fields_are_typed_like_the_rest_body():
    body = score_response_to_dict(envelope())
    assert body["score"] == 615 and isinstance(body["score"], int)
    assert body["probabilityOfDefault"] == 0.013
    assert body["decision"] == "REFER"
    assert body["policyRule"] is None
    assert body["reasonCodes"] == [{"code": "R02", "description": "Debt"}, {"code": "R04", "description": "History"}]


def test_policy_rule_is_read_when_present_and_bytes_are_accepted():
    body = score_response_to_dict(envelope(policy="<s:policyRule>P01</s:policyRule>").encode())
    assert body["policyRule"] == "P01"


def test_a_fault_is_named_instead_of_a_response():
    fault = (
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>'
        "<faultcode>soap:Client</faultcode></soap:Fault></soap:Body></soap:Envelope>"
    )
    with pytest.raises(ValueError, match=r"expected <ScoreApplicantResponse> in the SOAP Body, got <Fault>"):
        score_response_to_dict(fault)


def test_a_non_integer_score_is_reported():
    with pytest.raises(ValueError, match=r"<score> of the SOAP response is not a valid int"):
        score_response_to_dict(envelope().replace(">615<", ">6x5<"))


def test_dtds_are_refused():
    hostile = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + envelope().split("?>", 1)[1]
    with pytest.raises(Exception, match="DTD"):
        score_response_to_dict(hostile)


FAULT = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>'
    "<faultcode>soap:Client</faultcode><faultstring>Invalid request</faultstring><detail>"
    '<ValidationErrors><error field="age" issue="out_of_range"/><error field="channel" issue="invalid_enum"/>'
    "</ValidationErrors></detail></soap:Fault></soap:Body></soap:Envelope>"
)


def soap_response(text, status=500):
    from utest.library.fakes import FakeResponse

    return FakeResponse(status, text=text, headers={"Content-Type": "text/xml"}, url="http://h/soap")


def test_fault_keywords_check_code_status_and_named_fields(library):
    response = soap_response(FAULT)
    fault = library.run_keyword("SOAP Fault Code Should Be", [response, "Client"], {"status": 500})
    assert fault == {"faultcode": "soap:Client", "faultstring": "Invalid request", "detail": ""}
    with pytest.raises(
        AssertionError, match=r"^SOAP http://h/soap: expected faultcode soapenv:Server, got soap:Client$"
    ):
        library.run_keyword("SOAP Fault Code Should Be", [response, "soapenv:Server"], {})
    with pytest.raises(AssertionError, match=r"^POST http://h/soap: expected status 401, got 500: <soap:Envelope"):
        library.run_keyword("SOAP Fault Code Should Be", [response, "Client"], {"status": 401})
    named = library.run_keyword("SOAP Fault Should Name Fields", [response, "age:out_of_range", "channel"], {})
    assert named == ["age:out_of_range", "channel:invalid_enum"]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("SOAP Fault Should Name Fields", [response, "age:missing", "channel", "income"], {})
    assert str(failure.value) == (
        "Expected 'age:missing', 'income' in the Fault's ValidationErrors, "
        "got ['age:out_of_range', 'channel:invalid_enum']"
    )


def test_read_soap_fault_names_what_came_instead(library):
    with pytest.raises(AssertionError, match=r"^SOAP http://h/soap \(status 200\): expected a Fault, got: <\?xml"):
        library.run_keyword("Read SOAP Fault", [soap_response(envelope(), 200)], {})
    with pytest.raises(
        AssertionError, match=r"^SOAP http://h/soap \(status 502\): expected a Fault envelope, got non-XML: Bad"
    ):
        library.run_keyword("Read SOAP Fault", [soap_response("Bad gateway", 502)], {})
