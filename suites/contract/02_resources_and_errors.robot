*** Settings ***
Documentation    Every other REST body conforms to its served schema: stored decisions, batch status and
...              result pages, review cases, health, and the error body of every error class.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/contract.resource

Suite Setup      Load Served Contracts

Test Tags        contract    rest


*** Test Cases ***
Stored REST Decision Conforms To The Decision Schema
    [Documentation]    GET /api/v1/decisions returns the stored response plus its interface, in the schema.
    ${applicant}=    Applicant With Profile    ${REFER_PROFILE}    label=contract-decision
    Score Applicant    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Response Should Conform To Schema    ${stored}    Decision
    Score Response Should Obey Business Rules    ${stored}
    Should Be Equal    ${stored}[interface]    REST

Stored SOAP Decision Conforms To The Decision Schema
    [Documentation]    A decision taken over SOAP is served over REST in the same schema, marked SOAP.
    ${applicant}=    Applicant With Profile    ${DECLINE_PROFILE}    label=contract-soap-decision
    Score Applicant Via SOAP    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Response Should Conform To Schema    ${stored}    Decision
    Score Response Should Obey Business Rules    ${stored}
    Should Be Equal    ${stored}[interface]    SOAP

Batch Status And Result Pages Conform
    [Documentation]    Batch clients poll the status and page through results: both bodies and every result
    ...    conform, and every batch result obeys the business rules.
    ${records}=    New Batch Records    25    mixed    seed=77
    ${batch_id}=    Submit Batch    ${records}
    ${submitted}=    Get Batch Status    ${batch_id}
    Response Should Conform To Schema    ${submitted}    BatchStatus
    ${completed}=    Wait Until Batch Completed    ${batch_id}
    Response Should Conform To Schema    ${completed}    BatchStatus
    ${page}=    Get Batch Results Page    ${batch_id}    page=2    page_size=10
    Response Should Conform To Schema    ${page}    BatchResultsPage
    Length Should Be    ${page}[results]    10
    FOR    ${result}    IN    @{page}[results]
        Score Response Should Obey Business Rules    ${result}
    END

Review Case And Review List Conform
    [Documentation]    A REFER opens a review case; the case and the filtered list conform to their schemas.
    ${applicant}=    Applicant With Profile    ${REFER_PROFILE}    label=contract-review
    Score Applicant    ${applicant}
    ${response}=    Send Scoring Request    GET    /api/v1/reviews?transactionId=${applicant}[transactionId]
    Should Be Equal As Integers    ${response.status_code}    200
    ...    msg=GET /api/v1/reviews: expected 200, got ${response.status_code}    values=${FALSE}
    Response Should Conform To Schema    ${response}    ReviewList
    ${case}=    Get Review Case For Transaction    ${applicant}[transactionId]
    ${fetched}=    Get Review Case    ${case}[caseId]
    Response Should Conform To Schema    ${fetched}    ReviewCase

Health Body Conforms
    [Documentation]    Monitoring reads /health: its body, models and active defects list follow the schema.
    ${health}=    Get Health
    Response Should Conform To Schema    ${health}    Health

Malformed JSON Error Conforms
    [Documentation]    400 MALFORMED_JSON comes in the error schema with a correlation id.
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    {"age":    application/json    400    MALFORMED_JSON

Validation Error Conforms
    [Documentation]    422 VALIDATION_FAILED comes in the error schema, with details.
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    {"age": 17}    application/json    422    VALIDATION_FAILED

Not Found Error Conforms
    [Documentation]    404 NOT_FOUND for an unknown decision comes in the error schema.
    [Template]    Raw Request Error Should Conform
    GET    /api/v1/decisions/{missing}    ${EMPTY}    ${EMPTY}    404    NOT_FOUND

Method Not Allowed Error Conforms
    [Documentation]    405 METHOD_NOT_ALLOWED comes in the error schema.
    [Template]    Raw Request Error Should Conform
    DELETE    /api/v1/score    ${EMPTY}    ${EMPTY}    405    METHOD_NOT_ALLOWED

Unsupported Media Type Error Conforms
    [Documentation]    415 UNSUPPORTED_MEDIA_TYPE comes in the error schema.
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    age=30    text/plain    415    UNSUPPORTED_MEDIA_TYPE

Idempotency Conflict Error Conforms
    [Documentation]    409 IDEMPOTENCY_CONFLICT comes in the error schema.
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-conflict
    Score Applicant    ${applicant}
    Set To Dictionary    ${applicant}    creditHistoryMonths=${73}
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=any
    Error Response Should Conform To The Error Schema    ${response}    409    IDEMPOTENCY_CONFLICT

Unauthorized Error Conforms
    [Documentation]    401 UNAUTHORIZED comes in the error schema (when the target requires a token).
    Require Authentication
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-noauth
    ${response}=    Request Without Authentication    POST    /api/v1/score    ${applicant}
    Error Response Should Conform To The Error Schema    ${response}    401    UNAUTHORIZED
