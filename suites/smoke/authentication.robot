*** Settings ***
Documentation    Bearer-token authentication protects every REST and SOAP scoring operation.
...
...              Skipped with a reason when the target runs without a token (an external target
...              and an empty ``SCORING_API_TOKEN``). The embedded mock always runs with a per-run token.

Resource         ../../resources/scoregate.resource

Test Setup       Require Authentication

Test Tags        smoke    authentication


*** Test Cases ***
REST Rejects A Missing Token On Every Protected Endpoint
    [Documentation]    Each protected operation answers 401 with the JSON error shape when no token is sent.
    [Template]    Request Without Token Should Be Unauthorized
    POST    /api/v1/score
    GET    /api/v1/decisions/SYN-AUTH-PROBE-0001
    POST    /api/v1/batch-scoring
    GET    /api/v1/batch-scoring/BAT-AUTH-PROBE-0001
    GET    /api/v1/reviews
    POST    /api/v1/reviews/CASE-AUTH-PROBE-0001/approve

REST Rejects A Wrong Token On Every Protected Endpoint
    [Documentation]    A syntactically valid but unknown token is refused the same way as a missing one.
    [Template]    Request With Wrong Token Should Be Unauthorized
    POST    /api/v1/score
    GET    /api/v1/decisions/SYN-AUTH-PROBE-0001
    POST    /api/v1/batch-scoring
    GET    /api/v1/reviews

Unauthenticated Scoring Request Leaves No Decision Behind
    [Documentation]    Authentication happens before scoring: a refused request is neither scored nor stored.
    ${applicant}=    New Applicant    prime    label=auth-nodecision
    ${response}=    Request Without Authentication    POST    ${SCORE_PATH}    ${applicant}
    Response Should Be JSON Error    ${response}    401    UNAUTHORIZED
    Get Decision    ${applicant}[transactionId]    expected_status=404

SOAP Rejects A Missing Token With A Client Fault And HTTP 401
    [Documentation]    The SOAP channel is protected like REST and reports it as a SOAP Fault.
    ${applicant}=    New Applicant    prime    label=auth-soap-missing
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}    session=${NOAUTH_SESSION}
    SOAP Fault Should Be    ${response}    Client    status=401

SOAP Rejects A Wrong Token With A Client Fault And HTTP 401
    [Documentation]    An unknown token on the SOAP channel is refused with a Client Fault.
    ${applicant}=    New Applicant    prime    label=auth-soap-wrong
    ${xml}=    Build SOAP Score Envelope    ${applicant}
    VAR    &{headers}=    Authorization=Bearer ${WRONG_TOKEN}
    ${response}=    Post Raw SOAP Envelope    ${xml}    session=${NOAUTH_SESSION}    headers=${headers}
    SOAP Fault Should Be    ${response}    Client    status=401

Operational Endpoints Stay Open Without A Token
    [Documentation]    Probes and monitoring must work without credentials: health, metrics and the contracts.
    [Setup]    NONE
    [Template]    Open Endpoint Should Answer Without Token
    ${HEALTH_PATH}
    ${METRICS_PATH}
    ${OPENAPI_PATH}
    ${WSDL_URL}


*** Keywords ***
Request Without Token Should Be Unauthorized
    [Documentation]    Assert ``method path`` without a token answers 401 UNAUTHORIZED as a JSON error.
    ...
    ...    Example: ``Request Without Token Should Be Unauthorized    GET    /api/v1/reviews``
    [Arguments]    ${method}    ${path}
    ${body}=    Empty Body For    ${method}
    ${response}=    Request Without Authentication    ${method}    ${path}    ${body}
    Response Should Be JSON Error    ${response}    401    UNAUTHORIZED

Request With Wrong Token Should Be Unauthorized
    [Documentation]    Assert ``method path`` with an unknown token answers 401 UNAUTHORIZED as a JSON error.
    ...
    ...    Example: ``Request With Wrong Token Should Be Unauthorized    GET    /api/v1/reviews``
    [Arguments]    ${method}    ${path}
    ${body}=    Empty Body For    ${method}
    ${response}=    Request With Wrong Token    ${method}    ${path}    ${body}
    Response Should Be JSON Error    ${response}    401    UNAUTHORIZED

Open Endpoint Should Answer Without Token
    [Documentation]    Assert ``GET path`` answers 200 without an Authorization header.
    ...
    ...    Example: ``Open Endpoint Should Answer Without Token    /health``
    [Arguments]    ${path}
    ${response}=    Request Without Authentication    GET    ${path}
    Should Be Equal As Integers    ${response.status_code}    200
    ...    msg=GET ${path} without a token: expected 200, got ${response.status_code}    values=${FALSE}

Empty Body For
    [Documentation]    Return an empty JSON object for POST (so the request reaches the auth check intact), else None.
    ...
    ...    Example: ``${body}=    Empty Body For    POST``
    [Arguments]    ${method}
    IF    $method != 'POST'    RETURN    ${NONE}
    VAR    &{body}=    &{EMPTY}
    RETURN    ${body}
