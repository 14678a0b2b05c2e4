*** Settings ***
Documentation    Malformed bodies and HTTP-level refusals, each in the JSON error shape with a correlation id.
...
...              Request bodies that are not JSON, or not a JSON object, are refused with 400 MALFORMED_JSON.
...              A parser that guesses, truncates or falls back to defaults would score an applicant the
...              client never sent.
...
...              HTTP-level refusals: media types, methods, unknown resources, size limits, batch limits and
...              idempotency conflicts.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Tags        negative


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
    ${body}=    Oversized Score Request Text
    ${response}=    Post Raw Score Request    ${body}
    Response Should Be JSON Error    ${response}    413    PAYLOAD_TOO_LARGE

Batch Of More Than 100000 Records Is Too Large
    [Documentation]    The record limit protects the batch worker: 100,001 records are refused with 413.
    [Tags]    protocol
    ${records}=    Oversized Batch Records
    VAR    &{body}=    records=${records}
    Batch Submission Should Be Rejected    ${body}    413    PAYLOAD_TOO_LARGE

Empty Batch Is Invalid
    [Documentation]    A batch without records is a client error (422 naming ``records``), not an empty job.
    [Tags]    protocol
    VAR    @{records}=    @{EMPTY}
    VAR    &{body}=    records=${records}
    ${response}=    Batch Submission Should Be Rejected    ${body}    422    VALIDATION_FAILED
    Error Response Should Name Fields    ${response}    records

Invalid Batch Record Is Named By Its Index
    [Documentation]    One bad record rejects the batch and is named ``records[i].field`` so it can be fixed.
    [Tags]    protocol
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
    ${applicant}=    New Applicant    prime    label=neg-conflict
    ${first}=    Score Applicant    ${applicant}
    ${changed}=    Copy Dictionary    ${applicant}
    Set To Dictionary    ${changed}    requestedAmount=${123456.78}
    ${response}=    Score Applicant Via REST    ${changed}    expected_status=any
    Response Should Be JSON Error    ${response}    409    IDEMPOTENCY_CONFLICT
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[correlationId]    ${first}[correlationId]
    ...    msg=the conflicting request replaced the stored decision of ${applicant}[transactionId]    values=${FALSE}
