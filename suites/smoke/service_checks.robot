*** Settings ***
Documentation    Smoke checks of the running target, one group of tests (and tag) per property.
...
...              Authentication: bearer-token authentication protects every REST and SOAP scoring operation.
...              Those tests skip with a reason when the target runs without a token (an external target and
...              an empty ``SCORING_API_TOKEN``); the embedded mock always runs with a per-run token.
...
...              Correlation ids: echoed when valid, generated when absent, replaced when malformed. A
...              correlation id travels into logs and downstream systems: echoing a malformed one (CR/LF,
...              spaces, oversized) enables header and log injection.
...
...              Contract documents: the machine-readable contracts (OpenAPI 3.1 and WSDL 1.1) are served and
...              usable by clients.
...
...              Health: the target reports itself healthy, publishes the contract's models and names its
...              defects.
...
...              Metrics: the Prometheus metrics of the contract are exposed and count what the target does.
...
...              Scoring: one applicant scored end to end, a contract-conforming decision that is persisted.

Resource         ../../resources/scoregate.resource

Test Tags        smoke


*** Variables ***
${UUID_PATTERN}                ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$
${LONGEST_VALID_ID}            ${{'C' * 128}}
${TOO_LONG_ID}                 ${{'C' * 129}}
@{CONTRACT_PATHS}
...                            /api/v1/score
...                            /api/v1/decisions/{transactionId}
...                            /api/v1/batch-scoring
...                            /api/v1/batch-scoring/{batchId}
...                            /api/v1/batch-scoring/{batchId}/results
...                            /api/v1/reviews
...                            /api/v1/reviews/{caseId}
...                            /api/v1/reviews/{caseId}/approve
...                            /api/v1/reviews/{caseId}/decline
...                            /health
...                            /metrics
...                            /openapi.json
&{PUBLISHED_MODEL_VERSIONS}    credit_risk_v1=1.4.2    credit_risk_v2=2.0.0


*** Test Cases ***
REST Rejects A Missing Token On Every Protected Endpoint
    [Documentation]    Each protected operation answers 401 with the JSON error shape when no token is sent.
    [Tags]    authentication
    [Setup]    Require Authentication
    [Template]    Request Without Token Should Be Unauthorized
    POST    /api/v1/score
    GET    /api/v1/decisions/SYN-AUTH-PROBE-0001
    POST    /api/v1/batch-scoring
    GET    /api/v1/batch-scoring/BAT-AUTH-PROBE-0001
    GET    /api/v1/reviews
    POST    /api/v1/reviews/CASE-AUTH-PROBE-0001/approve

REST Rejects A Wrong Token On Every Protected Endpoint
    [Documentation]    A syntactically valid but unknown token is refused the same way as a missing one.
    [Tags]    authentication
    [Setup]    Require Authentication
    [Template]    Request With Wrong Token Should Be Unauthorized
    POST    /api/v1/score
    GET    /api/v1/decisions/SYN-AUTH-PROBE-0001
    POST    /api/v1/batch-scoring
    GET    /api/v1/reviews

Unauthenticated Scoring Request Leaves No Decision Behind
    [Documentation]    Authentication happens before scoring: a refused request is neither scored nor stored.
    [Tags]    authentication
    [Setup]    Require Authentication
    ${applicant}=    New Applicant    prime    label=auth-nodecision
    ${response}=    Request Without Authentication    POST    ${SCORE_PATH}    ${applicant}
    Response Should Be JSON Error    ${response}    401    UNAUTHORIZED
    Get Decision    ${applicant}[transactionId]    expected_status=404

SOAP Rejects A Missing Token With A Client Fault And HTTP 401
    [Documentation]    The SOAP channel is protected like REST and reports it as a SOAP Fault.
    [Tags]    authentication
    [Setup]    Require Authentication
    ${applicant}=    New Applicant    prime    label=auth-soap-missing
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}    session=${NOAUTH_SESSION}
    SOAP Fault Should Be    ${response}    Client    status=401

SOAP Rejects A Wrong Token With A Client Fault And HTTP 401
    [Documentation]    An unknown token on the SOAP channel is refused with a Client Fault.
    [Tags]    authentication
    [Setup]    Require Authentication
    ${applicant}=    New Applicant    prime    label=auth-soap-wrong
    ${xml}=    Build SOAP Score Envelope    ${applicant}
    VAR    &{headers}=    Authorization=Bearer ${WRONG_TOKEN}
    ${response}=    Post Raw SOAP Envelope    ${xml}    session=${NOAUTH_SESSION}    headers=${headers}
    SOAP Fault Should Be    ${response}    Client    status=401

Operational Endpoints Stay Open Without A Token
    [Documentation]    Probes and monitoring must work without credentials: health, metrics and the contracts.
    [Tags]    authentication
    [Template]    Open Endpoint Should Answer Without Token
    ${HEALTH_PATH}
    ${METRICS_PATH}
    ${OPENAPI_PATH}
    ${WSDL_URL}

Given Correlation Id Is Echoed In Header And Body
    [Documentation]    The caller's id comes back unchanged in the X-Correlation-ID header and the body.
    [Tags]    correlation-id
    ${applicant}=    New Applicant    prime    label=corr-echo
    ${sent}=    New Transaction Id    corr
    VAR    &{headers}=    ${CORRELATION_HEADER}=${sent}
    ${response}=    Score Applicant Via REST    ${applicant}    headers=${headers}
    Correlation Id Should Be    ${response}    ${sent}

Missing Correlation Id Is Generated As A UUID
    [Documentation]    Without a caller id the target creates one, so every decision stays traceable.
    [Tags]    correlation-id
    ${applicant}=    New Applicant    prime    label=corr-generated
    ${response}=    Score Applicant Via REST    ${applicant}
    ${generated}=    Correlation Id Should Be Generated    ${response}
    VAR    ${body}=    ${response.json()}
    Should Be Equal    ${body}[correlationId]    ${generated}
    ...    msg=body correlationId '${body}[correlationId]' differs from the header '${generated}'    values=${FALSE}

Correlation Id Of 128 Characters Is Echoed
    [Documentation]    The longest valid id (128 printable characters) is kept: the limit is not off by one.
    [Tags]    correlation-id
    VAR    &{headers}=    ${CORRELATION_HEADER}=${LONGEST_VALID_ID}
    ${response}=    Send Scoring Request    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}    headers=${headers}
    Correlation Id Should Be    ${response}    ${LONGEST_VALID_ID}

Malformed Correlation Id Is Replaced By A Generated One
    [Documentation]    Values that are not 1..128 printable ASCII characters without spaces are never echoed.
    [Tags]    correlation-id
    [Template]    Malformed Correlation Id Should Be Replaced
    CR LF line folding    SYN-corr\r\n X-Injected: yes
    space    SYN corr id
    tab    SYN-corr\tid
    129 characters    ${TOO_LONG_ID}
    non-ASCII    SYN-corr-é

Error Responses Repeat The Correlation Id
    [Documentation]    Errors are what support investigates: their body must carry the request's id.
    [Tags]    correlation-id
    ${sent}=    New Transaction Id    corr-error
    VAR    &{headers}=    ${CORRELATION_HEADER}=${sent}
    ${response}=    Send Scoring Request    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}    headers=${headers}
    Response Should Be JSON Error    ${response}    404    NOT_FOUND
    Correlation Id Should Be    ${response}    ${sent}

OpenAPI Document Describes Every REST Endpoint
    [Documentation]    Client generators read /openapi.json (OpenAPI 3.1): a missing path is an undocumented API.
    [Tags]    contract-documents
    ${openapi}=    Get OpenAPI Document
    Should Start With    ${openapi}[openapi]    3.1    msg=openapi version: expected 3.1.x, got ${openapi}[openapi]
    ...    values=${FALSE}
    ${paths}=    Get Dictionary Keys    ${openapi}[paths]    sort_keys=${FALSE}
    ${missing}=    Evaluate    sorted(set($CONTRACT_PATHS) - set($paths))
    Should Be Empty    ${missing}    msg=OpenAPI paths missing from /openapi.json: ${missing}

Served OpenAPI Contract Validates A Real Score Response
    [Documentation]    The served contract loads and a live response conforms to it (document and service agree).
    [Tags]    contract-documents
    Load OpenAPI Contract    ${BASE_URL}/openapi.json
    ${applicant}=    New Applicant    prime    label=openapi
    ${response}=    Score Applicant Via REST    ${applicant}
    Response Should Conform To Schema    ${response}    ScoreResponse

WSDL Publishes ScoreApplicant With Its SOAPAction At The Serving Address
    [Documentation]    SOAP clients post where the WSDL says: the address must be the serving endpoint.
    [Tags]    contract-documents
    ${wsdl}=    Get WSDL Text
    ${root}=    Parse Xml    ${wsdl}    keep_clark_notation=${TRUE}
    Element Attribute Should Be    ${root}    targetNamespace    ${SOAP_NAMESPACE}
    ${operations}=    Get Elements    ${root}    .//{http://schemas.xmlsoap.org/wsdl/soap/}operation
    Should Not Be Empty    ${operations}    msg=The WSDL binding has no soap:operation
    Element Attribute Should Be    ${operations}[0]    soapAction    ${SOAP_ACTION}
    ${address}=    Get Element    ${root}    .//{http://schemas.xmlsoap.org/wsdl/soap/}address
    ${location}=    Get Element Attribute    ${address}    location
    IF    ${LOCAL_MOCK}
        Should Be Equal    ${location}    ${SOAP_ENDPOINT_URL}
        ...    msg=WSDL soap:address: expected the serving endpoint ${SOAP_ENDPOINT_URL}, got ${location}
        ...    values=${FALSE}
    ELSE
        Should Match Regexp    ${location}    ^https?://    msg=WSDL soap:address is not an http(s) URL: ${location}
    END

WSDL Loads In A SOAP Client That Scores An Applicant
    [Documentation]    The WSDL and its XSD import resolve in SudsLibrary, and the generated call works end to end.
    [Tags]    contract-documents
    Open SOAP Client
    ${applicant}=    New Applicant    prime    label=wsdl
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Should Be Equal    ${soap}[transactionId]    ${applicant}[transactionId]
    Should Contain Any    ${soap}[decision]    APPROVE    REFER    DECLINE

Health Reports Service And Database Up
    [Documentation]    A target that answers but has lost its database must not look healthy.
    [Tags]    health
    ${health}=    Get Health
    Should Be Equal    ${health}[status]    UP    msg=GET /health status: expected UP, got ${health}
    ...    values=${FALSE}
    Should Be Equal    ${health}[database]    UP    msg=GET /health database: expected UP, got ${health}
    ...    values=${FALSE}

Health Lists The Published Models With Their Versions
    [Documentation]    Both scorecards of the contract are deployed, each with its published version.
    [Tags]    health
    ${versions}=    Get Model Versions From Health
    Dictionaries Should Be Equal    ${versions}    ${PUBLISHED_MODEL_VERSIONS}
    ...    msg=GET /health models differ from the published scorecards

Exactly One Model Is Champion And It Is The Default Model
    [Documentation]    Requests without a modelCode go to the champion: there must be exactly one, the run's default.
    [Tags]    health
    ${health}=    Get Health
    ${champions}=    Evaluate    [m['modelCode'] for m in $health['models'] if m.get('champion') is True]
    VAR    @{expected}=    ${MODEL_CODE}
    Lists Should Be Equal    ${champions}    ${expected}    msg=GET /health champions    values=${TRUE}

Health Names Exactly The Defects This Run Activated
    [Documentation]    A run must know whether it tests a clean platform: /health lists the active defects.
    [Tags]    health
    Require Embedded Mock
    ${defects}=    Get Active Defects
    ${expected}=    Split String    ${MOCK_DEFECT}    ,
    ${expected}=    Evaluate    sorted(name.strip() for name in $expected if name.strip())
    ${actual}=    Evaluate    sorted($defects)
    Lists Should Be Equal    ${actual}    ${expected}    msg=GET /health defects vs -v MOCK_DEFECT

Metrics Expose Request Counters And Duration Histogram With Their Labels
    [Documentation]    Dashboards and alerts rely on these names and labels; a rename silently blinds them.
    [Tags]    metrics
    Get Health
    ${metrics}=    Get Metrics Text
    Should Match Regexp    ${metrics}
    ...    (?m)^scoring_requests_total\\{(?=[^}]*method=")(?=[^}]*endpoint=")(?=[^}]*status=")[^}]*\\} \\d
    Should Match Regexp
    ...    ${metrics}
    ...    (?m)^scoring_request_duration_seconds_bucket\\{(?=[^}]*endpoint=")[^}]*le="\\+Inf"
    Should Match Regexp    ${metrics}    (?m)^scoring_request_duration_seconds_count\\{[^}]*endpoint="
    Should Match Regexp    ${metrics}    (?m)^scoring_request_duration_seconds_sum\\{[^}]*endpoint="

Scoring Call Increments Request, Duration And Decision Metrics
    [Documentation]    One scoring call must be counted once as a request, once in the histogram and once as a decision.
    [Tags]    metrics
    ${applicant}=    New Applicant    prime    label=metrics
    ${before}=    Get Metrics Text
    ${body}=    Score Applicant    ${applicant}
    ${after}=    Get Metrics Text
    Metric Should Have Grown By One    ${before}    ${after}    scoring_requests_total
    ...    method=POST    endpoint=${SCORE_PATH}    status=200
    Metric Should Have Grown By One    ${before}    ${after}    scoring_request_duration_seconds_count
    ...    endpoint=${SCORE_PATH}
    Metric Should Have Grown By One    ${before}    ${after}    scoring_decisions_total
    ...    model_code=${body}[modelCode]    decision=${body}[decision]

REST Scoring Returns A Decision That Obeys Contract And Business Rules
    [Documentation]    The main path works: schema, cutoffs, band, probability and reason-code rules hold.
    [Tags]    scoring
    ${applicant}=    New Applicant    prime    label=smoke-rest
    ${response}=    Score Applicant Via REST    ${applicant}
    Response Should Conform To Schema    ${response}    ScoreResponse
    VAR    ${body}=    ${response.json()}
    Should Be Equal    ${body}[transactionId]    ${applicant}[transactionId]
    Should Be Equal    ${body}[modelCode]    ${MODEL_CODE}    msg=A request without modelCode must use the champion
    ...    values=${FALSE}
    Score Response Should Obey Business Rules    ${body}

Scored Decision Is Persisted And Retrievable With Its Interface
    [Documentation]    What the API answered is what the platform stored (process verification).
    [Tags]    scoring
    ${applicant}=    New Applicant    prime    label=smoke-persist
    ${body}=    Score Applicant    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[interface]    REST
    Remove From Dictionary    ${stored}    interface
    Dictionaries Should Be Equal    ${stored}    ${body}    msg=GET /api/v1/decisions differs from the score response


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

Correlation Id Should Be
    [Documentation]    Assert the header and the body (``correlationId`` or ``error.correlationId``) carry ``expected``.
    ...
    ...    Example: ``Correlation Id Should Be    ${response}    ${sent}``
    [Arguments]    ${response}    ${expected}
    ${header}=    Get From Dictionary    ${response.headers}    ${CORRELATION_HEADER}    default=${NONE}
    Should Be Equal    ${header}    ${expected}
    ...    msg=${CORRELATION_HEADER} header: expected '${expected}', got '${header}'    values=${FALSE}
    VAR    ${body}=    ${response.json()}
    ${in_body}=    Evaluate    ($body.get('error') or $body).get('correlationId')
    Should Be Equal    ${in_body}    ${expected}
    ...    msg=correlationId in the body: expected '${expected}', got '${in_body}'    values=${FALSE}

Correlation Id Should Be Generated
    [Documentation]    Assert the response carries a generated (UUID) correlation id and return it.
    ...
    ...    Example: ``${id}=    Correlation Id Should Be Generated    ${response}``
    [Arguments]    ${response}
    ${header}=    Get From Dictionary    ${response.headers}    ${CORRELATION_HEADER}    default=${EMPTY}
    Should Match Regexp    ${header}    ${UUID_PATTERN}
    ...    msg=${CORRELATION_HEADER} header: expected a generated UUID, got '${header}'    values=${FALSE}
    RETURN    ${header}

Malformed Correlation Id Should Be Replaced
    [Documentation]    Send ``value`` as the correlation id and assert a generated UUID comes back in header and body.
    ...
    ...    Example: ``Malformed Correlation Id Should Be Replaced    space    SYN corr id``
    [Arguments]    ${case}    ${value}
    ${response}=    Send Request With Raw Header    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}
    ...    ${CORRELATION_HEADER}    ${value}
    Should Be Equal As Integers    ${response.status_code}    404
    ...    msg=${case}: expected the 404 of an unknown decision, got ${response.status_code}: ${response.text}
    ...    values=${FALSE}
    ${generated}=    Correlation Id Should Be Generated    ${response}
    Correlation Id Should Be    ${response}    ${generated}

Get Model Versions From Health
    [Documentation]    Return ``{modelCode: modelVersion}`` of the models listed by ``GET /health``.
    ...
    ...    Example: ``${versions}=    Get Model Versions From Health``
    ${health}=    Get Health
    VAR    &{versions}=    &{EMPTY}
    FOR    ${model}    IN    @{health}[models]
        Set To Dictionary    ${versions}    ${model}[modelCode]=${model}[modelVersion]
    END
    RETURN    ${versions}

Metric Should Have Grown By One
    [Documentation]    Assert the samples of ``name`` with ``labels`` grew by one (at least one on a shared target).
    ...
    ...    Example: ``Metric Should Have Grown By One    ${before}    ${after}    scoring_decisions_total``
    [Arguments]    ${before}    ${after}    ${name}    &{labels}
    ${old}=    Sum Metric Samples    ${before}    ${name}    &{labels}
    ${new}=    Sum Metric Samples    ${after}    ${name}    &{labels}
    IF    ${LOCAL_MOCK}
        Should Be True    ${new} == ${old} + 1
        ...    msg=${name}${labels}: expected ${old} + 1 after one scoring call, got ${new}
    ELSE
        Should Be True    ${new} >= ${old} + 1
        ...    msg=${name}${labels}: expected at least ${old} + 1 after one scoring call, got ${new}
    END
