"""SOAP requests: element text, argument order, raw envelopes and headers."""

from __future__ import annotations

import pytest
from ScoringLibrary.core.soap_request import field_elements, score_envelope, soap_arguments, soap_headers, xml_text
from ScoringLibrary.core.soap_response import score_response_to_dict, soap_fault

NS = "http://scoregate.example.com/scoring/v1"
ENV = "http://schemas.xmlsoap.org/soap/envelope/"
FIELDS = ["transactionId", "applicantId", "age", "monthlyIncome", "channel", "modelCode"]


def test_element_text_escapes_markup_and_writes_python_values():
    assert xml_text("A&B <c> 'd' \"e\"") == "A&amp;B &lt;c&gt; 'd' \"e\""
    assert xml_text(4200) == "4200"
    assert xml_text(999.99) == "999.99"
    assert xml_text(None) == "None"
    assert xml_text(True) == "True"


def test_field_elements_keep_the_dictionary_order_and_the_prefix():
    fields = {"age": 45, "channel": "web&co"}
    assert field_elements(fields, "ns") == "<ns:age>45</ns:age><ns:channel>web&amp;co</ns:channel>"
    assert field_elements(fields, "") == "<age>45</age><channel>web&amp;co</channel>"
    assert field_elements({}, "ns") == ""


def test_envelope_with_a_prefix_and_with_the_default_namespace():
    fields = {"transactionId": "TX-1", "age": 30}
    assert score_envelope(fields, NS, "sc") == (
        f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{ENV}" xmlns:sc="{NS}"><soap:Body>'
        "<sc:ScoreApplicantRequest><sc:transactionId>TX-1</sc:transactionId><sc:age>30</sc:age>"
        "</sc:ScoreApplicantRequest></soap:Body></soap:Envelope>"
    )
    assert score_envelope(fields, NS, "") == (
        f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{ENV}" xmlns="{NS}"><soap:Body>'
        "<ScoreApplicantRequest><transactionId>TX-1</transactionId><age>30</age>"
        "</ScoreApplicantRequest></soap:Body></soap:Envelope>"
    )


def test_arguments_follow_the_element_order_and_stop_at_an_absent_model_code():
    applicant = {"channel": "web", "age": 30, "transactionId": "TX-1", "monthlyIncome": 4000.5}
    assert soap_arguments(applicant, FIELDS) == ["TX-1", None, 30, 4000.5, "web"]
    assert soap_arguments({**applicant, "modelCode": "credit_risk_v2"}, FIELDS)[-1] == "credit_risk_v2"
    assert soap_arguments(applicant, FIELDS, optional=()) == ["TX-1", None, 30, 4000.5, "web", None]


def test_headers_of_a_raw_post():
    assert soap_headers("text/xml; charset=utf-8", "urn:score") == {
        "Accept": "text/xml",
        "Content-Type": "text/xml; charset=utf-8",
        "SOAPAction": '"urn:score"',
    }
    assert soap_headers("", None) == {"Accept": "text/xml"}
    assert soap_headers(None, "", {"X-Correlation-ID": "c-1"}) == {
        "Accept": "text/xml",
        "SOAPAction": '""',
        "X-Correlation-ID": "c-1",
    }


def test_an_envelope_round_trips_through_the_response_reader():
    response = score_envelope({"transactionId": "TX-1", "score": 700}, NS, "x", element="ScoreApplicantResponse")
    assert score_response_to_dict(response) == {"transactionId": "TX-1", "score": 700, "policyRule": None}


FAULT = f"""<?xml version="1.0"?>
<soap:Envelope xmlns:soap="{ENV}"><soap:Body><soap:Fault>
<faultcode>soap:Client</faultcode><faultstring>Invalid request</faultstring>
<detail><sg:FaultInfo xmlns:sg="{NS}"><sg:errorCode>VALIDATION_FAILED</sg:errorCode>
<sg:correlationId>c-42</sg:correlationId></sg:FaultInfo>
<sg:ValidationErrors xmlns:sg="{NS}"><sg:error field="age" issue="out_of_range">too young</sg:error>
<sg:error field="channel" issue="invalid_enum">fax</sg:error></sg:ValidationErrors></detail>
</soap:Fault></soap:Body></soap:Envelope>"""


def test_a_fault_is_read_with_its_detail():
    fault = soap_fault(FAULT)
    assert fault["faultcode"] == "soap:Client"
    assert fault["faultstring"] == "Invalid request"
    assert fault["validationErrors"] == ["age:out_of_range", "channel:invalid_enum"]
    assert fault["faultInfo"] == {"errorCode": "VALIDATION_FAILED", "correlationId": "c-42"}
    assert fault["detail"] == "VALIDATION_FAILED c-42 too young fax"


def test_a_fault_without_detail():
    plain = f'<e:Envelope xmlns:e="{ENV}"><e:Body><e:Fault><faultcode>e:Server</faultcode><faultstring/>'
    fault = soap_fault(plain + "</e:Fault></e:Body></e:Envelope>")
    assert fault == {"faultcode": "e:Server", "faultstring": "", "detail": "", "validationErrors": [], "faultInfo": {}}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not xml", "not XML"),
        (f'<e:Envelope xmlns:e="{ENV}"><e:Body><ok/></e:Body></e:Envelope>', "no Fault"),
        (f'<e:Envelope xmlns:e="{ENV}"><e:Body><e:Fault/></e:Body></e:Envelope>', "no faultcode and no faultstring"),
        ('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', "not XML"),
    ],
)
def test_what_is_not_a_fault_is_named(text, message):
    with pytest.raises(ValueError, match=message):
        soap_fault(text)
