*** Settings ***
Documentation     Acceptance of the resource layer: the keywords against the embedded mock, failures included.
...
...               Run by utest/suites/test_resource_keywords.py; every test names the keywords it proves.

Resource          ../../../resources/scoregate.resource

Suite Setup       Open Scoring Target And Database
Suite Teardown    Close Database And Target


*** Variables ***
&{NEAR_REFER}    age=${30}    monthlyIncome=${3000}    existingDebt=${10000}    creditHistoryMonths=${30}


*** Test Cases ***
Score Response Matches The Persisted Decision Row
    [Documentation]    Score Applicant, Decision In Database Should Match, Count Decisions With Prefix.
    ${applicant}=    New Applicant    prime    label=db-match
    ${body}=    Score Applicant    ${applicant}
    ${row}=    Decision In Database Should Match    ${body}    interface=REST
    Should Be Equal    ${row}[channel]    ${applicant}[channel]
    ${count}=    Count Decisions With Prefix    ${applicant}[transactionId]
    Should Be Equal As Integers    ${count}    1

Altered Response Does Not Match The Decision Row
    [Documentation]    Decision In Database Should Match fails and names the row when a field differs.
    ${applicant}=    New Applicant    prime    label=db-mismatch
    ${body}=    Score Applicant    ${applicant}
    Set To Dictionary    ${body}    score=${{$body["score"] + 1}}
    Run Keyword And Expect Error    *decisions[[]${applicant}[transactionId]] differs from the API response*
    ...    Decision In Database Should Match    ${body}

Unknown Transaction Has No Decision
    [Documentation]    Get Decision expecting 404, Response Should Be JSON Error, Decision Should Not Be In Database.
    ${response}=    Get Decision    SYN-NEVER-SCORED-${RUN_ID}    expected_status=404
    Response Should Be JSON Error    ${response}    404    NOT_FOUND
    Decision Should Not Be In Database    SYN-NEVER-SCORED-${RUN_ID}

Validation Error Names The Invalid Fields
    [Documentation]    Response Should Name Invalid Fields passes on the named fields and fails on another one.
    ${applicant}=    New Applicant    prime    label=invalid    age=${17}    channel=fax
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=422
    ${details}=    Response Should Name Invalid Fields    ${response}    age:out_of_range    channel    exact=${TRUE}
    Length Should Be    ${details}    2
    Run Keyword And Expect Error    *expected field monthlyIncome*
    ...    Response Should Name Invalid Fields    ${response}    monthlyIncome

Malformed JSON And Wrong Media Type Are JSON Errors
    [Documentation]    Post Raw Score Request and Send Scoring Request return error responses to check.
    ${response}=    Post Raw Score Request    {"age": 30
    Response Should Be JSON Error    ${response}    400    MALFORMED_JSON
    ${response}=    Post Raw Score Request    {}    content_type=text/plain
    Response Should Be JSON Error    ${response}    415    UNSUPPORTED_MEDIA_TYPE
    ${response}=    Send Scoring Request    PUT    /api/v1/score
    Response Should Be JSON Error    ${response}    405    METHOD_NOT_ALLOWED

SOAP And REST Give The Same Decision
    [Documentation]    Score Applicant Via SOAP returns the REST body's keys and types.
    ${applicant}=    New Applicant    near_prime    label=parity
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[interface]    SOAP
    Remove From Dictionary    ${stored}    interface
    Dictionaries Should Be Equal    ${soap}    ${stored}
    Decision In Database Should Match    ${soap}    interface=SOAP

Invalid SOAP Request Is A Client Fault Naming The Elements
    [Documentation]    Score Applicant Via Raw SOAP, SOAP Fault Should Be, SOAP Fault Should Name Invalid Elements.
    ${applicant}=    New Applicant    prime    label=soap-invalid    age=${17}
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    ${fault}=    SOAP Fault Should Be    ${response}    Client    status=500
    Should Not Be Empty    ${fault}[faultstring]
    SOAP Fault Should Name Invalid Elements    ${response}    age
    Run Keyword And Expect Error    *expected faultcode Server*    SOAP Fault Should Be    ${response}    Server

Batch Results Agree In JSON, CSV And NDJSON
    [Documentation]    New Batch Records, Submit Batch And Wait Until Completed and every results format.
    ...    (Get Batch Status is proved by the wait.)
    ${records}=    New Batch Records    25    mixed    seed=11
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${page}=    Get Batch Results Page    ${batch_id}    page=2    page_size=10
    Should Be Equal As Integers    ${page}[totalPages]    3
    ${results}=    Get All Batch Results    ${batch_id}    page_size=10
    ${ndjson}=    Get Batch Results As NDJSON    ${batch_id}
    Lists Should Be Equal    ${ndjson}    ${results}
    ${csv}=    Get Batch Results As CSV    ${batch_id}
    Should Start With    ${csv}    transactionId,applicantId,modelCode

Batch Results Agree With The Database In Order
    [Documentation]    Batch Results In Database Should Match passes on the API results and fails when reordered.
    ${records}=    New Batch Records    12    mixed    seed=5
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    Batch Results In Database Should Match    ${batch_id}    ${results}
    ${reordered}=    Evaluate    list(reversed($results))
    Run Keyword And Expect Error    *differ from the API results in ids or order*
    ...    Batch Results In Database Should Match    ${batch_id}    ${reordered}

Batch On The Challenger And Invalid Batches
    [Documentation]    Submit Batch with a model code, and with expected 422 / Get Batch Status with expected 404.
    ${records}=    New Batch Records    3    prime    label=CH
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}    model_code=${CHALLENGER_MODEL_CODE}
    ${results}=    Get All Batch Results    ${batch_id}
    Should Be Equal    ${results}[0][modelCode]    ${CHALLENGER_MODEL_CODE}
    ${response}=    Submit Batch    ${{[]}}    expected_status=422
    Response Should Be JSON Error    ${response}    422    VALIDATION_FAILED
    ${response}=    Get Batch Status    BAT-UNKNOWN-${RUN_ID}    expected_status=404
    Response Should Be JSON Error    ${response}    404    NOT_FOUND

Refer Opens A Review Case That Can Be Decided
    [Documentation]    Get Review Case For Transaction, List Review Cases, Approve Review Case, Review Case In Database.
    ${case}=    Review Case Of A New Refer    review
    ${pending}=    List Review Cases    PENDING
    Should Not Be Empty    ${pending}
    ${decided}=    Approve Review Case    ${case}[caseId]    note=income verified
    Should Be Equal    ${decided}[status]    APPROVED
    Review Case In Database Should Be    ${case}[caseId]    APPROVED    reviewer=${DEFAULT_REVIEWER}

Decided Review Case Cannot Be Decided Again
    [Documentation]    Decline Review Case with an expected 409 returns the response; Get Review Case.
    ${case}=    Review Case Of A New Refer    review-twice
    Decline Review Case    ${case}[caseId]
    ${response}=    Approve Review Case    ${case}[caseId]    expected_status=409
    Response Should Be JSON Error    ${response}    409    INVALID_TRANSITION
    ${again}=    Get Review Case    ${case}[caseId]
    Should Be Equal    ${again}[status]    DECLINED

Approved Applicant Has No Review Case
    [Documentation]    No Review Case Should Exist For Transaction.
    ${applicant}=    New Applicant    prime    label=no-review    seed=3
    ${body}=    Score Applicant    ${applicant}
    Should Be Equal    ${body}[decision]    APPROVE
    No Review Case Should Exist For Transaction    ${applicant}[transactionId]

Injected Fault Applies Once And Is Cleared
    [Documentation]    Inject Fault with text options, List Faults, Clear Faults.
    ${id}=    Inject Fault    /api/v1/score*    status    status=503    retryAfter=1    count=1
    Should Not Be Empty    ${id}
    ${faults}=    List Faults
    Should Not Be Empty    ${faults}
    ${applicant}=    New Applicant    prime    label=fault
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=503
    Response Should Be JSON Error    ${response}    503    SERVICE_UNAVAILABLE
    Score Applicant    ${applicant}
    [Teardown]    Clear Faults

Rate Limit Rejects A Burst And Is Cleared
    [Documentation]    Set Rate Limit and Clear Rate Limit.
    Set Rate Limit    1    burst=1
    ${applicant}=    New Applicant    prime    label=rate
    Score Applicant Via REST    ${applicant}    expected_status=any
    ${other}=    New Applicant    prime    label=rate
    ${response}=    Score Applicant Via REST    ${other}    expected_status=429
    Response Should Be JSON Error    ${response}    429    RATE_LIMITED
    [Teardown]    Clear Rate Limit

Decisions Survive A Restart With Identical Scores
    [Documentation]    Restart Scoring Mock keeps the database and token; sessions and SOAP client follow the new port.
    ${applicant}=    New Applicant    prime    label=restart
    ${before}=    Score Applicant    ${applicant}
    VAR    ${old_url}=    ${BASE_URL}
    Restart Scoring Mock
    Should Not Be Equal    ${BASE_URL}    ${old_url}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[score]    ${before}[score]
    ${replayed}=    Score Applicant Via REST    ${applicant}
    Should Be Equal    ${replayed.headers}[Idempotent-Replay]    true
    Score Applicant Via SOAP    ${applicant}

Transaction Ids Are Unique And Valid
    [Documentation]    New Transaction Id; Sum Metric Samples with a label prefix.
    ${first}=    New Transaction Id    same
    ${second}=    New Transaction Id    same
    Should Not Be Equal    ${first}    ${second}
    Should Match Regexp    ${second}    ^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$
    Run Keyword And Expect Error    *Transaction label must be*    New Transaction Id    has space
    ${metrics}=    Get Metrics Text
    ${requests}=    Sum Metric Samples    ${metrics}    scoring_requests_total    endpoint=/api/v1/*
    Should Be True    ${requests} > 0


*** Keywords ***
Open Scoring Target And Database
    [Documentation]    Open the embedded mock and its database.
    Open Scoring Target
    Connect To Scoring Database

Close Database And Target
    [Documentation]    Close the database connection and stop the mock.
    Disconnect From Scoring Database
    Close Scoring Target

Review Case Of A New Refer
    [Documentation]    Score an applicant that REFERs and return its PENDING review case.
    [Arguments]    ${label}
    ${applicant}=    New Applicant    prime    label=${label}    &{NEAR_REFER}
    ${body}=    Score Applicant    ${applicant}
    Should Be Equal    ${body}[decision]    REFER
    ${case}=    Get Review Case For Transaction    ${applicant}[transactionId]
    Should Be Equal    ${case}[status]    PENDING
    RETURN    ${case}
