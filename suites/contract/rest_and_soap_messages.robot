*** Settings ***
Documentation    Every REST body and SOAP message of the target conforms to its served contract.
...
...              REST score responses of every outcome conform to the served ``ScoreResponse`` schema and obey
...              the scorecard's business rules (cutoffs, bands, reason codes, probability of default).
...
...              Every other REST body conforms to its served schema: stored decisions, batch status and
...              result pages, review cases, health, and the error body of every error class.
...
...              SOAP messages conform to the published WSDL/XSD in namespace
...              ``http://scoregate.example.com/scoring/v1``, carry the same decision as REST, and faults
...              are well-formed SOAP 1.1 Client faults with a schema-valid detail.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/contract.resource

Suite Setup      Load Served Contracts

Test Tags        contract


*** Test Cases ***
APPROVE Response Conforms And Carries No Reasons
    [Documentation]    The approved path (720, band B): schema, cutoffs, band, PD, and no adverse-action reasons.
    [Tags]    rest
    ${body}=    Score Response Should Honour The Contract    ${APPROVE_PROFILE}    APPROVE
    Should Be Equal As Integers    ${body}[score]    720

REFER Response Just Below The Approve Cutoff Conforms
    [Documentation]    A 670 must be referred, not approved (a lowered approve cutoff would approve it), with
    ...    1..4 reasons even though all six characteristics fall short.
    [Tags]    rest
    ${body}=    Score Response Should Honour The Contract    ${REFER_PROFILE}    REFER
    Should Be Equal As Integers    ${body}[score]    670
    Should Be Equal    ${body}[riskBand]    D

DECLINE Response Conforms With At Most Four Principal Reasons
    [Documentation]    Reg B: a decline states its principal reasons, at most four, even when all six
    ...    characteristics fall short (460, band E).
    [Tags]    rest
    ${body}=    Score Response Should Honour The Contract    ${DECLINE_PROFILE}    DECLINE
    ${codes}=    Get Value From Json    ${body}    $.reasonCodes[*].code
    VAR    @{largest_shortfalls}=    R04    R02    R01    R03
    Lists Should Be Equal    ${codes}    ${largest_shortfalls}
    ...    msg=DECLINE reasons: expected the four largest shortfalls ${largest_shortfalls} in order, got ${codes}
    ...    values=${FALSE}

No Income Policy Decline Conforms With P01 First
    [Documentation]    A policy decline (P01) is a DECLINE with ``policyRule`` P01 and P01 as the first reason.
    [Tags]    rest
    Score Response Should Honour The Contract    ${P01_PROFILE}    DECLINE    policy=P01

Amount Policy Decline Conforms With P02 First
    [Documentation]    A P02 decline overrides an approving score (685): DECLINE, ``policyRule`` P02, P02 first.
    [Tags]    rest
    ${body}=    Score Response Should Honour The Contract    ${P02_PROFILE}    DECLINE    policy=P02
    Should Be Equal As Integers    ${body}[score]    685

Challenger Model Response Conforms And Names Its Model
    [Documentation]    Responses of the challenger model follow the same schema and rules and say which model
    ...    and version decided (model governance).
    [Tags]    rest
    ${body}=    Score Response Should Honour The Contract    ${APPROVE_PROFILE}    APPROVE
    ...    model=${CHALLENGER_MODEL_CODE}
    Should Be Equal    ${body}[modelCode]    ${CHALLENGER_MODEL_CODE}
    Should Be Equal    ${body}[modelVersion]    2.0.0

Reason Codes Carry The Published Descriptions
    [Documentation]    Adverse-action notices print the descriptions: each code must carry its published text.
    [Tags]    rest
    ${refer}=    Score Response Should Honour The Contract    ${REFER_PROFILE}    REFER
    Reason Codes Should Carry Published Descriptions    ${refer}
    ${decline}=    Score Response Should Honour The Contract    ${P02_PROFILE}    DECLINE    policy=P02
    Reason Codes Should Carry Published Descriptions    ${decline}

Every Response Of A Mixed Population Honours The Contract
    [Documentation]    40 synthetic applicants across all segments: every response conforms to the schema and
    ...    obeys the business rules, and the population reaches all three decisions.
    [Tags]    rest
    ${prefix}=    New Transaction Id    pop
    ${applicants}=    Generate Synthetic Applicants    ${POPULATION_SIZE}    mixed    seed=2026    id_prefix=${prefix}
    ${bodies}=    Every Score Response Should Honour The Contract    ${applicants}
    ${decisions}=    Get Value From Json    ${bodies}    $[*].decision
    ${reached}=    Remove Duplicates    ${decisions}
    Sort List    ${reached}
    VAR    @{all_decisions}=    APPROVE    DECLINE    REFER
    Lists Should Be Equal    ${reached}    ${all_decisions}
    ...    msg=the population should reach APPROVE, REFER and DECLINE, reached ${reached}    values=${FALSE}

Stored REST Decision Conforms To The Decision Schema
    [Documentation]    GET /api/v1/decisions returns the stored response plus its interface, in the schema.
    [Tags]    rest
    ${applicant}=    Applicant With Profile    ${REFER_PROFILE}    label=contract-decision
    Score Applicant    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Response Should Conform To Schema    ${stored}    Decision
    Score Response Should Obey Business Rules    ${stored}
    Should Be Equal    ${stored}[interface]    REST

Stored SOAP Decision Conforms To The Decision Schema
    [Documentation]    A decision taken over SOAP is served over REST in the same schema, marked SOAP.
    [Tags]    rest
    ${applicant}=    Applicant With Profile    ${DECLINE_PROFILE}    label=contract-soap-decision
    Score Applicant Via SOAP    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Response Should Conform To Schema    ${stored}    Decision
    Score Response Should Obey Business Rules    ${stored}
    Should Be Equal    ${stored}[interface]    SOAP

Batch Status And Result Pages Conform
    [Documentation]    Batch clients poll the status and page through results: both bodies and every result
    ...    conform, and every batch result obeys the business rules.
    [Tags]    rest
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
    [Tags]    rest
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
    [Tags]    rest
    ${health}=    Get Health
    Response Should Conform To Schema    ${health}    Health

Malformed JSON Error Conforms
    [Documentation]    400 MALFORMED_JSON comes in the error schema with a correlation id.
    [Tags]    rest
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    {"age":    application/json    400    MALFORMED_JSON

Validation Error Conforms
    [Documentation]    422 VALIDATION_FAILED comes in the error schema, with details.
    [Tags]    rest
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    {"age": 17}    application/json    422    VALIDATION_FAILED

Not Found Error Conforms
    [Documentation]    404 NOT_FOUND for an unknown decision comes in the error schema.
    [Tags]    rest
    [Template]    Raw Request Error Should Conform
    GET    /api/v1/decisions/{missing}    ${EMPTY}    ${EMPTY}    404    NOT_FOUND

Method Not Allowed Error Conforms
    [Documentation]    405 METHOD_NOT_ALLOWED comes in the error schema.
    [Tags]    rest
    [Template]    Raw Request Error Should Conform
    DELETE    /api/v1/score    ${EMPTY}    ${EMPTY}    405    METHOD_NOT_ALLOWED

Unsupported Media Type Error Conforms
    [Documentation]    415 UNSUPPORTED_MEDIA_TYPE comes in the error schema.
    [Tags]    rest
    [Template]    Raw Request Error Should Conform
    POST    /api/v1/score    age=30    text/plain    415    UNSUPPORTED_MEDIA_TYPE

Idempotency Conflict Error Conforms
    [Documentation]    409 IDEMPOTENCY_CONFLICT comes in the error schema.
    [Tags]    rest
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-conflict
    Score Applicant    ${applicant}
    Set To Dictionary    ${applicant}    creditHistoryMonths=${73}
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=any
    Error Response Should Conform To The Error Schema    ${response}    409    IDEMPOTENCY_CONFLICT

Unauthorized Error Conforms
    [Documentation]    401 UNAUTHORIZED comes in the error schema (when the target requires a token).
    [Tags]    rest
    Require Authentication
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-noauth
    ${response}=    Request Without Authentication    POST    /api/v1/score    ${applicant}
    Error Response Should Conform To The Error Schema    ${response}    401    UNAUTHORIZED

WSDL Loads In SudsLibrary And Publishes ScoreApplicant
    [Documentation]    Generated SOAP clients depend on the WSDL and its XSD import resolving.
    [Tags]    soap
    Open SOAP Client
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-wsdl
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Should Be Equal    ${soap}[transactionId]    ${applicant}[transactionId]

SOAP Call Returns The Contract's Fields With The REST Decision
    [Documentation]    The SOAP channel answers the fields of the REST contract with the same score, decision,
    ...    band, probability and ordered reasons for the same applicant.
    [Tags]    soap
    ${applicant}=    Applicant With Profile    ${REFER_PROFILE}    label=contract-soap-fields
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Score Response Should Obey Business Rules    ${soap}
    ${twin}=    Copy Dictionary    ${applicant}
    ${twin_id}=    New Transaction Id    contract-rest-twin
    Set To Dictionary    ${twin}    transactionId=${twin_id}
    ${rest}=    Score Applicant    ${twin}
    FOR    ${field}    IN    modelCode    modelVersion    score    decision    riskBand    probabilityOfDefault
    ...    reasonCodes    policyRule
        Should Be Equal    ${soap}[${field}]    ${rest}[${field}]
        ...    msg=${field}: SOAP answered ${soap}[${field}], REST ${rest}[${field}] for the same applicant
        ...    values=${FALSE}
    END

SOAP APPROVE Response Validates Against The XSD In The Published Namespace
    [Documentation]    The raw response body (empty reasonCodes, no policyRule) is valid against the XSD and
    ...    in the v1 namespace that existing clients bind to.
    [Tags]    soap
    Raw SOAP Score Response Should Conform    ${APPROVE_PROFILE}

SOAP DECLINE Response With Reasons Validates Against The XSD
    [Documentation]    A decline's reasonCode elements (code and description) are valid against the XSD.
    [Tags]    soap
    ${soap}=    Raw SOAP Score Response Should Conform    ${DECLINE_PROFILE}
    Should Be Equal    ${soap}[decision]    DECLINE

SOAP Policy Decline With policyRule Validates Against The XSD
    [Documentation]    The optional policyRule element appears on a policy decline and is valid.
    [Tags]    soap
    ${soap}=    Raw SOAP Score Response Should Conform    ${P02_PROFILE}
    Should Be Equal    ${soap}[policyRule]    P02

SOAP Validation Fault Is Well Formed
    [Documentation]    An invalid request gets a Client fault with faultstring, FaultInfo and ValidationErrors
    ...    valid against the XSD, and the correlation id of the response.
    [Tags]    soap
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-soap-fault
    Set To Dictionary    ${applicant}    age=${17}    channel=fax
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    SOAP Fault Should Be Well Formed    ${response}    VALIDATION_FAILED    validation=${TRUE}
    SOAP Fault Should Name Invalid Elements    ${response}    age:out_of_range    channel:invalid_enum

SOAP Malformed XML Fault Is Well Formed
    [Documentation]    Unparseable XML gets a Client fault whose detail is still schema-valid.
    [Tags]    soap
    ${response}=    Post Raw SOAP Envelope    <soap:Envelope><soap:Body>
    SOAP Fault Should Be Well Formed    ${response}    MALFORMED_XML
