*** Settings ***
Documentation    Malformed and hostile XML sent to the SOAP endpoint: every one must get a prompt ``Client``
...              Fault that expands nothing, fetches nothing and echoes nothing it was sent.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Template    Hostile SOAP Envelope Should Get A Client Fault

Test Tags        negative    soap    xml-security


*** Variables ***
${ENVELOPE_OPEN}      <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"
...                   xmlns:sc="http://scoregate.example.com/scoring/v1"><soap:Body>
${ENVELOPE_CLOSE}     </soap:Body></soap:Envelope>
${UNCLOSED}           ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest><sc:transactionId>${LEAK_MARKER}
${MISMATCHED_TAGS}    ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest>${LEAK_MARKER}</sc:ScoreRequest>${ENVELOPE_CLOSE}
${NOT_AN_ENVELOPE}    <ScoreApplicantRequest><transactionId>${LEAK_MARKER}</transactionId></ScoreApplicantRequest>
${INTERNAL_DTD}       <?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ELEMENT sc:transactionId (#PCDATA)>]>
...                   ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest/>${ENVELOPE_CLOSE}
${XXE_FILE}           <?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
...                   ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest><sc:transactionId>&xxe;</sc:transactionId>
...                   </sc:ScoreApplicantRequest>${ENVELOPE_CLOSE}
${XXE_HTTP}           <?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY xxe SYSTEM "http://127.0.0.1:9/xxe">]>
...                   ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest><sc:transactionId>&xxe;</sc:transactionId>
...                   </sc:ScoreApplicantRequest>${ENVELOPE_CLOSE}
${BILLION_LAUGHS}     <?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY a "${LEAK_MARKER}">
...                   <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
...                   <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
...                   <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
...                   <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;"><!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">]>
...                   ${ENVELOPE_OPEN}<sc:ScoreApplicantRequest><sc:transactionId>&i;</sc:transactionId>
...                   </sc:ScoreApplicantRequest>${ENVELOPE_CLOSE}


*** Test Cases ***
Unclosed Envelope Is A Client Fault
    [Documentation]    Truncated XML is refused as the caller's mistake, without quoting the fragment back.
    ${UNCLOSED}
Mismatched Tags Are A Client Fault
    [Documentation]    Not well-formed XML is a Client fault, never a Server fault or a traceback.
    ${MISMATCHED_TAGS}
Bare Request Without An Envelope Is A Client Fault
    [Documentation]    Well-formed XML that is not a SOAP envelope is refused by the SOAP layer.
    ${NOT_AN_ENVELOPE}
Internal DTD Is Refused
    [Documentation]    Any DOCTYPE is refused: DTD processing is the door to every entity attack.
    ${INTERNAL_DTD}
External File Entity Is Refused Without Reading The File
    [Documentation]    XXE: a ``file://`` entity must not be resolved; no line of /etc/passwd may come back.
    ${XXE_FILE}
External HTTP Entity Is Refused Without Fetching It
    [Documentation]    XXE / SSRF: an ``http://`` entity must not be fetched (a fetch would stall or leak).
    ${XXE_HTTP}
Billion Laughs Is Refused Without Expanding Entities
    [Documentation]    Exponential entity expansion (10^8 copies) must be refused at once, not expanded.
    ${BILLION_LAUGHS}
SOAP Validation Fault Names Elements Without Echoing Values
    [Documentation]    A minor and an unknown employment status over SOAP: a Client fault naming both elements
    ...    (same rules as REST), without quoting the submitted values back.
    [Template]    NONE
    ${applicant}=    New Applicant    prime    label=neg-soap-minor    age=${17}
    Set To Dictionary    ${applicant}    employmentStatus=${LEAK_MARKER}
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    SOAP Fault Should Name Invalid Elements    ${response}    age:out_of_range    employmentStatus:invalid_enum
    Response Should Not Echo    ${response}    ${LEAK_MARKER}
