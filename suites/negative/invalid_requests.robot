*** Comments ***
# robocop: off=file-too-long


*** Settings ***
Documentation    Invalid requests: malformed bodies, HTTP-level refusals, invalid fields and hostile XML. REST
...              errors come in the JSON error shape with a correlation id, SOAP errors as a ``Client`` Fault.
...
...              Malformed bodies: request bodies that are not JSON, or not a JSON object, are refused with
...              400 MALFORMED_JSON. A parser that guesses, truncates or falls back to defaults would score an
...              applicant the client never sent. Rows use ``Raw Score Body Should Be Rejected`` (BODY: the
...              raw request text).
...
...              HTTP-level refusals: media types (``Score Request Should Be Refused As Media Type``: CONTENT
...              TYPE, optional ``path=``), methods (``Method Should Not Be Allowed``: METHOD, PATH), unknown
...              resources (``Resource Should Not Be Found``: METHOD, PATH, ``{missing}`` standing for an id
...              that never exists), and, as tests without a template, size limits, batch limits and
...              idempotency conflicts.
...
...              Field validation: invalid, missing and unknown fields are refused with 422 VALIDATION_FAILED
...              naming exactly the fields at fault with the contract's ``issue``. Invalid values of single
...              fields (wrong JSON types, null, non-finite numbers, values out of range, unknown enum values,
...              malformed identifiers) use the suite's template ``Field Value Should Be Rejected`` (FIELD,
...              VALUE, ISSUE): a valid request with one field replaced by the raw JSON VALUE. Required fields
...              that are absent use ``Missing Field Should Be Rejected`` (FIELD), fields the model does not
...              use ``Unknown Field Should Be Rejected`` (FIELD, VALUE as raw JSON); a request with several
...              problems at once must get every problem named in one 422 response.
...
...              Hostile SOAP: malformed and hostile XML sent to the SOAP endpoint must get a prompt ``Client``
...              Fault that expands nothing, fetches nothing and echoes nothing it was sent. Rows use
...              ``Hostile SOAP Envelope Should Get A Client Fault`` (XML: one of the documents in the
...              Variables section).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Template    Field Value Should Be Rejected

Test Tags        negative


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
Truncated JSON Object Is Malformed
    [Documentation]    A body cut off in transit must not be completed or partially scored.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    {"transactionId": "SYN-TX-TRUNCATED", "age": 30
Trailing Comma Is Malformed
    [Documentation]    Lenient parsers accept trailing commas; the contract's JSON does not.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    {"age": 30,}
Single Quoted JSON Is Malformed
    [Documentation]    Python-style dictionaries are not JSON.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    {'age': 30}
Two Concatenated Objects Are Malformed
    [Documentation]    Trailing data after the object must not be ignored (request smuggling of a second body).
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    {} {"age": 30}
Form Encoded Text Sent As JSON Is Malformed
    [Documentation]    A client that mislabels form data gets 400, not a guess at its fields.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    age=30&monthlyIncome=5000
Empty Body Is Malformed
    [Documentation]    A POST without a body is refused, not scored with defaults.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    ${EMPTY}
JSON Array Is Not A Request Object
    [Documentation]    A list of applicants on the realtime endpoint is refused (batches have their own endpoint).
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    \[{"age": 30}]
JSON String Is Not A Request Object
    [Documentation]    A JSON scalar is valid JSON but not a request.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    "SYN-APPLICANT"
JSON Number Is Not A Request Object
    [Documentation]    A bare number is valid JSON but not a request.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    42
JSON Null Is Not A Request Object
    [Documentation]    ``null`` must not be treated as an empty request.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    null
Bare NaN Is Not A Request Object
    [Documentation]    ``NaN`` is not JSON at all; parsers that accept it must still refuse a non-object body.
    [Tags]    malformed-json
    [Template]    Raw Score Body Should Be Rejected
    NaN
Plain Text Content Type Is Unsupported
    [Documentation]    A JSON body labelled text/plain is refused with 415, not parsed anyway.
    [Tags]    protocol
    [Template]    Score Request Should Be Refused As Media Type
    text/plain
XML Content Type Is Unsupported On The REST Endpoint
    [Documentation]    XML belongs to the SOAP endpoint; the REST endpoint refuses it with 415.
    [Tags]    protocol
    [Template]    Score Request Should Be Refused As Media Type
    application/xml
Missing Content Type Is Unsupported
    [Documentation]    A body without a media type is refused, not sniffed.
    [Tags]    protocol
    [Template]    Score Request Should Be Refused As Media Type
    ${EMPTY}
Form Content Type Is Unsupported On The Batch Endpoint
    [Documentation]    The batch endpoint enforces the media type as well.
    [Tags]    protocol
    [Template]    Score Request Should Be Refused As Media Type
    application/x-www-form-urlencoded    path=/api/v1/batch-scoring
GET On The Score Endpoint Is Not Allowed
    [Documentation]    Scoring changes state (persists a decision): it must not be reachable by GET.
    [Tags]    protocol
    [Template]    Method Should Not Be Allowed
    GET    /api/v1/score
PUT On The Score Endpoint Is Not Allowed
    [Documentation]    Only POST scores; other methods get 405 in the JSON shape.
    [Tags]    protocol
    [Template]    Method Should Not Be Allowed
    PUT    /api/v1/score
DELETE On A Decision Is Not Allowed
    [Documentation]    Persisted decisions are an audit trail and cannot be deleted through the API.
    [Tags]    protocol
    [Template]    Method Should Not Be Allowed
    DELETE    /api/v1/decisions/{missing}
GET On A Review Approval Is Not Allowed
    [Documentation]    Approving a case changes state: it must need a POST.
    [Tags]    protocol
    [Template]    Method Should Not Be Allowed
    GET    /api/v1/reviews/CASE-UNKNOWN/approve
Unknown Decision Is Not Found
    [Documentation]    A transaction that was never scored has no decision (no empty 200).
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    GET    /api/v1/decisions/{missing}
Unknown Batch Is Not Found
    [Documentation]    Status of a batch that does not exist is 404.
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    GET    /api/v1/batch-scoring/{missing}
Results Of An Unknown Batch Are Not Found
    [Documentation]    Results of a batch that does not exist are 404, not an empty page.
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    GET    /api/v1/batch-scoring/{missing}/results
Unknown Review Case Is Not Found
    [Documentation]    Reading a case that does not exist is 404.
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    GET    /api/v1/reviews/{missing}
Approving An Unknown Review Case Is Not Found
    [Documentation]    Deciding a case that does not exist must not create it.
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    POST    /api/v1/reviews/{missing}/approve
Unknown API Path Is Not Found
    [Documentation]    Unknown paths answer 404 in the JSON shape (not the framework's HTML page).
    [Tags]    protocol
    [Template]    Resource Should Not Be Found
    POST    /api/v2/score
Realtime Body Over 64 KiB Is Too Large
    [Documentation]    Oversized realtime bodies are refused with 413 before they are parsed.
    [Tags]    protocol
    [Template]    NONE
    ${body}=    Oversized Score Request Text
    ${response}=    Post Raw Score Request    ${body}
    Response Should Be JSON Error    ${response}    413    PAYLOAD_TOO_LARGE
Batch Of More Than 100000 Records Is Too Large
    [Documentation]    The record limit protects the batch worker: 100,001 records are refused with 413.
    [Tags]    protocol
    [Template]    NONE
    ${records}=    Oversized Batch Records
    VAR    &{body}=    records=${records}
    Batch Submission Should Be Rejected    ${body}    413    PAYLOAD_TOO_LARGE
Empty Batch Is Invalid
    [Documentation]    A batch without records is a client error (422 naming ``records``), not an empty job.
    [Tags]    protocol
    [Template]    NONE
    VAR    @{records}=    @{EMPTY}
    VAR    &{body}=    records=${records}
    ${response}=    Batch Submission Should Be Rejected    ${body}    422    VALIDATION_FAILED
    Error Response Should Name Fields    ${response}    records
Invalid Batch Record Is Named By Its Index
    [Documentation]    One bad record rejects the batch and is named ``records[i].field`` so it can be fixed.
    [Tags]    protocol
    [Template]    NONE
    ${records}=    New Batch Records    3    prime
    Set To Dictionary    ${records}[1]    age=${17}
    Set To Dictionary    ${records}[2]    modelCode=${CHALLENGER_MODEL_CODE}
    VAR    &{body}=    records=${records}
    ${response}=    Batch Submission Should Be Rejected    ${body}    422    VALIDATION_FAILED
    Error Response Should Name Fields    ${response}    records[1].age:out_of_range
    ...    records[2].modelCode
Reused Transaction Id With A Different Payload Is A Conflict
    [Documentation]    Idempotency: a second, different request under the same key gets 409 and leaves the
    ...    first decision untouched.
    [Tags]    protocol
    [Template]    NONE
    ${applicant}=    New Applicant    prime    label=neg-conflict
    ${first}=    Score Applicant    ${applicant}
    ${changed}=    Copy Dictionary    ${applicant}
    Set To Dictionary    ${changed}    requestedAmount=${123456.78}
    ${response}=    Score Applicant Via REST    ${changed}    expected_status=any
    Response Should Be JSON Error    ${response}    409    IDEMPOTENCY_CONFLICT
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[correlationId]    ${first}[correlationId]
    ...    msg=the conflicting request replaced the stored decision of ${applicant}[transactionId]    values=${FALSE}
Age As A Numeric String Is A Wrong Type
    [Documentation]    ``"30"`` must not be coerced: a string-typed client bug would otherwise go unnoticed.
    [Tags]    field-validation
    age    "30"    wrong_type
Age As A Whole Float Is A Wrong Type
    [Documentation]    ``30.0`` is not a JSON integer; the contract requires integers for age.
    [Tags]    field-validation
    age    30.0    wrong_type
Age As A Boolean Is A Wrong Type
    [Documentation]    ``true`` must not be read as 1.
    [Tags]    field-validation
    age    true    wrong_type
Credit History As A Fraction Is A Wrong Type
    [Documentation]    12.5 months would silently be truncated or binned; integers only.
    [Tags]    field-validation
    creditHistoryMonths    12.5    wrong_type
Monthly Income As A Numeric String Is A Wrong Type
    [Documentation]    Money as text (``"5000"``) is refused instead of parsed with locale guesses.
    [Tags]    field-validation
    monthlyIncome    "5000"    wrong_type
Monthly Income As A Boolean Is A Wrong Type
    [Documentation]    ``false`` must not be read as an income of 0 (that would trigger policy P01).
    [Tags]    field-validation
    monthlyIncome    false    wrong_type
Existing Debt As An Object Is A Wrong Type
    [Documentation]    Structured values are refused, not flattened.
    [Tags]    field-validation
    existingDebt    {"amount": 100}    wrong_type
Channel As A List Is A Wrong Type
    [Documentation]    A list of channels is not a channel.
    [Tags]    field-validation
    channel    ["web"]    wrong_type
Transaction Id As A Number Is A Wrong Type
    [Documentation]    Numeric idempotency keys lose leading zeros and precision; strings only.
    [Tags]    field-validation
    transactionId    12345678    wrong_type
Age Null Is A Wrong Type
    [Documentation]    ``null`` is not a missing-value default: it is refused like any other wrong type.
    [Tags]    field-validation
    age    null    wrong_type
Employment Status Null Is A Wrong Type
    [Documentation]    A null category must not fall back to a default category's points.
    [Tags]    field-validation
    employmentStatus    null    wrong_type
Monthly Income NaN Is Not Finite
    [Documentation]    Raw ``NaN`` fails every comparison and would land in an arbitrary bin.
    [Tags]    field-validation
    monthlyIncome    NaN    not_finite
Existing Debt Infinity Is Not Finite
    [Documentation]    Raw ``Infinity`` would make debt-to-income infinite without being out of any range check.
    [Tags]    field-validation
    existingDebt    Infinity    not_finite
Requested Amount Minus Infinity Is Not Finite
    [Documentation]    Raw ``-Infinity`` must be refused as non-finite, not as merely negative.
    [Tags]    field-validation
    requestedAmount    -Infinity    not_finite
Age NaN Is A Wrong Type
    [Documentation]    NaN is not an integer, so for an integer field it is a wrong type.
    [Tags]    field-validation
    age    NaN    wrong_type
Negative Monthly Income Is Out Of Range
    [Documentation]    A negative income would earn the best ratio bins.
    [Tags]    field-validation
    monthlyIncome    -5000    out_of_range
Negative Requested Amount Is Out Of Range
    [Documentation]    A negative loan is not a loan.
    [Tags]    field-validation
    requestedAmount    -100    out_of_range
Negative Existing Debt Is Out Of Range
    [Documentation]    Negative debt would lower debt-to-income and raise the score.
    [Tags]    field-validation
    existingDebt    -1    out_of_range
Age 17 Is Out Of Range
    [Documentation]    Minors must never be scored: the minimum age is 18.
    [Tags]    field-validation
    age    17    out_of_range
Age 130 Is Out Of Range
    [Documentation]    Implausible ages (typing errors) are refused.
    [Tags]    field-validation
    age    130    out_of_range
Unknown Employment Status Is An Invalid Enum
    [Documentation]    Categories outside the scorecard have no points and must be refused.
    [Tags]    field-validation
    employmentStatus    "contractor"    invalid_enum
Upper Case Employment Status Is An Invalid Enum
    [Documentation]    Enum values are case-sensitive; ``FULL_TIME`` is not ``full_time``.
    [Tags]    field-validation
    employmentStatus    "FULL_TIME"    invalid_enum
Unknown Channel Is An Invalid Enum
    [Documentation]    Only the published channels may submit applications.
    [Tags]    field-validation
    channel    "fax"    invalid_enum
Unknown Model Code Is An Invalid Enum
    [Documentation]    A request naming an unpublished model must not fall back to the champion.
    [Tags]    field-validation
    modelCode    "credit_risk_v9"    invalid_enum
Transaction Id With Spaces Has An Invalid Format
    [Documentation]    Idempotency keys are restricted to ``[A-Za-z0-9._:-]``.
    [Tags]    field-validation
    transactionId    "TX 2026 000001"    invalid_format
Transaction Id Starting With A Dash Has An Invalid Format
    [Documentation]    The first character of a transactionId must be a letter or digit.
    [Tags]    field-validation
    transactionId    "-TX-20260001"    invalid_format
Applicant Id Without The Synthetic Prefix Has An Invalid Format
    [Documentation]    Only synthetic ids (``SYN-``) are accepted: a real customer number must be refused.
    [Tags]    field-validation
    applicantId    "CUST-12345678"    invalid_format
Lower Case Applicant Id Has An Invalid Format
    [Documentation]    Synthetic ids are upper-case letters and digits after ``SYN-``.
    [Tags]    field-validation
    applicantId    "SYN-abc12345"    invalid_format
Missing Transaction Id Is Named
    [Documentation]    Without an idempotency key a retry would create a second decision.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    transactionId
Missing Applicant Id Is Named
    [Documentation]    A decision must be traceable to an applicant.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    applicantId
Missing Age Is Named
    [Documentation]    A scored characteristic must never default (age 0 or the median bin).
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    age
Missing Monthly Income Is Named
    [Documentation]    A missing income must not default to 0 (a P01 decline) or to an average.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    monthlyIncome
Missing Employment Status Is Named
    [Documentation]    A missing category must not default to a category's points.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    employmentStatus
Missing Requested Amount Is Named
    [Documentation]    Loan-to-income and policy P02 need the amount.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    requestedAmount
Missing Existing Debt Is Named
    [Documentation]    A missing debt must not default to 0 (the best debt-to-income bin).
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    existingDebt
Missing Credit History Is Named
    [Documentation]    A scored characteristic must never default.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    creditHistoryMonths
Missing Channel Is Named
    [Documentation]    The channel is required for every decision record.
    [Tags]    field-validation
    [Template]    Missing Field Should Be Rejected
    channel
National Id Is Refused As An Unknown Field
    [Documentation]    Data minimisation: an identity number the model does not use must be refused, not stored.
    [Tags]    field-validation
    [Template]    Unknown Field Should Be Rejected
    nationalId    "900-00-0001"
E-mail Address Is Refused As An Unknown Field
    [Documentation]    Contact data is personal data the scorecard does not use.
    [Tags]    field-validation
    [Template]    Unknown Field Should Be Rejected
    email    "applicant.synthetic@example.com"
Phone Number Is Refused As An Unknown Field
    [Documentation]    Contact data is personal data the scorecard does not use.
    [Tags]    field-validation
    [Template]    Unknown Field Should Be Rejected
    phoneNumber    "+1-555-0100"
Date Of Birth Is Refused As An Unknown Field
    [Documentation]    The model takes age; a date of birth is more identifying and not used.
    [Tags]    field-validation
    [Template]    Unknown Field Should Be Rejected
    dateOfBirth    "1990-01-01"
Client Supplied Score Is Refused As An Unknown Field
    [Documentation]    A client must not be able to inject a score or decision into the request.
    [Tags]    field-validation
    [Template]    Unknown Field Should Be Rejected
    score    850
Every Invalid Field Is Named At Once
    [Documentation]    Clients fix all problems in one round trip: four different issues, all named, nothing else.
    [Tags]    field-validation
    [Template]    NONE
    ${applicant}=    New Applicant    prime    label=neg-many
    Set To Dictionary    ${applicant}    age=${17}    channel=fax    email=applicant.synthetic@example.com
    Remove From Dictionary    ${applicant}    existingDebt
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=any
    Response Should Name Invalid Fields    ${response}    age:out_of_range    channel:invalid_enum
    ...    email:unknown_field    existingDebt:missing    exact=${TRUE}
    Error Response Should Name Fields    ${response}    age    channel    email    existingDebt
    ...    code=VALIDATION_FAILED
Unclosed Envelope Is A Client Fault
    [Documentation]    Truncated XML is refused as the caller's mistake, without quoting the fragment back.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${UNCLOSED}
Mismatched Tags Are A Client Fault
    [Documentation]    Not well-formed XML is a Client fault, never a Server fault or a traceback.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${MISMATCHED_TAGS}
Bare Request Without An Envelope Is A Client Fault
    [Documentation]    Well-formed XML that is not a SOAP envelope is refused by the SOAP layer.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${NOT_AN_ENVELOPE}
Internal DTD Is Refused
    [Documentation]    Any DOCTYPE is refused: DTD processing is the door to every entity attack.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${INTERNAL_DTD}
External File Entity Is Refused Without Reading The File
    [Documentation]    XXE: a ``file://`` entity must not be resolved; no line of /etc/passwd may come back.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${XXE_FILE}
External HTTP Entity Is Refused Without Fetching It
    [Documentation]    XXE / SSRF: an ``http://`` entity must not be fetched (a fetch would stall or leak).
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${XXE_HTTP}
Billion Laughs Is Refused Without Expanding Entities
    [Documentation]    Exponential entity expansion (10^8 copies) must be refused at once, not expanded.
    [Tags]    soap    xml-security
    [Template]    Hostile SOAP Envelope Should Get A Client Fault
    ${BILLION_LAUGHS}
SOAP Validation Fault Names Elements Without Echoing Values
    [Documentation]    A minor and an unknown employment status over SOAP: a Client fault naming both elements
    ...    (same rules as REST), without quoting the submitted values back.
    [Tags]    soap    xml-security
    [Template]    NONE
    ${applicant}=    New Applicant    prime    label=neg-soap-minor    age=${17}
    Set To Dictionary    ${applicant}    employmentStatus=${LEAK_MARKER}
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    SOAP Fault Should Name Invalid Elements    ${response}    age:out_of_range    employmentStatus:invalid_enum
    Response Should Not Echo    ${response}    ${LEAK_MARKER}
