*** Settings ***
Documentation    HTTP-level refusals: media types, methods, unknown resources, size limits, batch limits and
...              idempotency conflicts, each in the JSON error shape with a correlation id.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Tags        negative    protocol


*** Test Cases ***
Plain Text Content Type Is Unsupported
    [Documentation]    A JSON body labelled text/plain is refused with 415, not parsed anyway.
    [Template]    Score Request Should Be Refused As Media Type
    text/plain

XML Content Type Is Unsupported On The REST Endpoint
    [Documentation]    XML belongs to the SOAP endpoint; the REST endpoint refuses it with 415.
    [Template]    Score Request Should Be Refused As Media Type
    application/xml

Missing Content Type Is Unsupported
    [Documentation]    A body without a media type is refused, not sniffed.
    [Template]    Score Request Should Be Refused As Media Type
    ${EMPTY}

Form Content Type Is Unsupported On The Batch Endpoint
    [Documentation]    The batch endpoint enforces the media type as well.
    [Template]    Score Request Should Be Refused As Media Type
    application/x-www-form-urlencoded    path=/api/v1/batch-scoring

GET On The Score Endpoint Is Not Allowed
    [Documentation]    Scoring changes state (persists a decision): it must not be reachable by GET.
    [Template]    Method Should Not Be Allowed
    GET    /api/v1/score

PUT On The Score Endpoint Is Not Allowed
    [Documentation]    Only POST scores; other methods get 405 in the JSON shape.
    [Template]    Method Should Not Be Allowed
    PUT    /api/v1/score

DELETE On A Decision Is Not Allowed
    [Documentation]    Persisted decisions are an audit trail and cannot be deleted through the API.
    [Template]    Method Should Not Be Allowed
    DELETE    /api/v1/decisions/{missing}

GET On A Review Approval Is Not Allowed
    [Documentation]    Approving a case changes state: it must need a POST.
    [Template]    Method Should Not Be Allowed
    GET    /api/v1/reviews/CASE-UNKNOWN/approve

Unknown Decision Is Not Found
    [Documentation]    A transaction that was never scored has no decision (no empty 200).
    [Template]    Resource Should Not Be Found
    GET    /api/v1/decisions/{missing}

Unknown Batch Is Not Found
    [Documentation]    Status of a batch that does not exist is 404.
    [Template]    Resource Should Not Be Found
    GET    /api/v1/batch-scoring/{missing}

Results Of An Unknown Batch Are Not Found
    [Documentation]    Results of a batch that does not exist are 404, not an empty page.
    [Template]    Resource Should Not Be Found
    GET    /api/v1/batch-scoring/{missing}/results

Unknown Review Case Is Not Found
    [Documentation]    Reading a case that does not exist is 404.
    [Template]    Resource Should Not Be Found
    GET    /api/v1/reviews/{missing}

Approving An Unknown Review Case Is Not Found
    [Documentation]    Deciding a case that does not exist must not create it.
    [Template]    Resource Should Not Be Found
    POST    /api/v1/reviews/{missing}/approve

Unknown API Path Is Not Found
    [Documentation]    Unknown paths answer 404 in the JSON shape (not the framework's HTML page).
    [Template]    Resource Should Not Be Found
    POST    /api/v2/score

Realtime Body Over 64 KiB Is Too Large
    [Documentation]    Oversized realtime bodies are refused with 413 before they are parsed.
    ${body}=    Oversized Score Request Text
    ${response}=    Post Raw Score Request    ${body}
    Response Should Be JSON Error    ${response}    413    PAYLOAD_TOO_LARGE

Batch Of More Than 100000 Records Is Too Large
    [Documentation]    The record limit protects the batch worker: 100,001 records are refused with 413.
    ${records}=    Oversized Batch Records
    VAR    &{body}=    records=${records}
    Batch Submission Should Be Rejected    ${body}    413    PAYLOAD_TOO_LARGE

Empty Batch Is Invalid
    [Documentation]    A batch without records is a client error (422 naming ``records``), not an empty job.
    VAR    @{records}=    @{EMPTY}
    VAR    &{body}=    records=${records}
    ${response}=    Batch Submission Should Be Rejected    ${body}    422    VALIDATION_FAILED
    Error Response Should Name Fields    ${response}    records

Invalid Batch Record Is Named By Its Index
    [Documentation]    One bad record rejects the batch and is named ``records[i].field`` so it can be fixed.
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
    ${applicant}=    New Applicant    prime    label=neg-conflict
    ${first}=    Score Applicant    ${applicant}
    ${changed}=    Copy Dictionary    ${applicant}
    Set To Dictionary    ${changed}    requestedAmount=${123456.78}
    ${response}=    Score Applicant Via REST    ${changed}    expected_status=any
    Response Should Be JSON Error    ${response}    409    IDEMPOTENCY_CONFLICT
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[correlationId]    ${first}[correlationId]
    ...    msg=the conflicting request replaced the stored decision of ${applicant}[transactionId]    values=${FALSE}
