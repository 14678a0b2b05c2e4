*** Settings ***
Documentation    Retries, failure reporting and stability of the scoring platform.
...
...              Retries: a client that honours Retry-After rides out 503 and 429, and a retried POST never
...              creates a second decision. Failure reporting: a hung, dropping or garbling service is reported
...              for what it is, fast, and the platform answers normally again once the faults are gone.
...              Stability: no server errors under a short burst, and batch polling that rides out 503s.
...
...              Every test clears the faults and the rate limit it set in its teardown, so no test sees
...              another's faults.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/resilience.resource
Resource         ../../resources/concurrency.resource

Suite Setup      Open Retrying Scoring Session
Test Setup       Require Admin Endpoints
Test Teardown    Remove Faults And Rate Limit

Test Tags        resilience


*** Variables ***
${RETRY_AFTER}          1
${UNAVAILABLE_TIMES}    2
${RATE_LIMIT_RPS}       0.5
${RATE_LIMIT_WAIT}      2
${CLIENT_TIMEOUT}       0.5
${HANG_MS}              1500
${TIMED_OUT}            (?i)timed out
${BURST_SIZE}           ${40}
${BURST_THREADS}        4
${BATCH_SIZE}           20


*** Test Cases ***
Transient 503 With Retry-After Is Retried And The Decision Is Stored Once
    [Documentation]    Risk: a client gives up on (or hammers) a briefly unavailable service, or a retry stores twice.
    ...    Two 503 answers with Retry-After 1: the retrying client must wait 1 s before each retry.
    [Tags]    retry
    ${fault}=    Inject Fault    ${SCORE_FAULT_PATH}    status    status=503    retryAfter=${RETRY_AFTER}
    ...    count=${UNAVAILABLE_TIMES}
    ${applicant}=    New Applicant    prime    label=res-503-retry
    ${response}    ${seconds}=    Score Applicant And Measure    ${applicant}    ${RETRYING_SESSION}
    Fault Should Have Been Applied    ${fault}    ${UNAVAILABLE_TIMES}
    Should Be True
    ...    ${seconds} >= ${RETRY_AFTER} * ${UNAVAILABLE_TIMES} * 0.95
    ...    msg=The client succeeded after ${seconds} s, sooner than Retry-After ${RETRY_AFTER} s x ${UNAVAILABLE_TIMES}
    Decision Should Be Stored Once    ${response.json()}

A 503 Reaches A Caller That Does Not Retry With Its Retry-After
    [Documentation]    Risk: unavailability is hidden or reported without the wait the caller must respect.
    [Tags]    retry
    Inject Fault    ${SCORE_FAULT_PATH}    status    status=503    retryAfter=${RETRY_AFTER}    count=1
    ${applicant}=    New Applicant    prime    label=res-503-plain
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=503
    Response Should Be JSON Error    ${response}    503    SERVICE_UNAVAILABLE
    Retry-After Should Be    ${response}    ${RETRY_AFTER}
    Get Decision    ${applicant}[transactionId]    expected_status=404

Rate Limited Caller Gets 429 With Retry-After And Recovers After The Wait
    [Documentation]    Risk: throttling is not signalled with 429 and Retry-After, or does not lift after the wait.
    [Tags]    retry
    ${applicant}=    New Applicant    prime    label=res-429-retry
    Set Rate Limit    ${RATE_LIMIT_RPS}    burst=2
    ${limited}=    Send Until Rate Limited
    ${response}    ${seconds}=    Score Applicant And Measure    ${applicant}    ${RETRYING_SESSION}
    Response Should Be JSON Error    ${limited}    429    RATE_LIMITED
    Retry-After Should Be    ${limited}    ${RATE_LIMIT_WAIT}
    Should Be True    ${seconds} >= ${RATE_LIMIT_WAIT} * 0.5
    ...    msg=The rate-limited call succeeded after ${seconds} s, without waiting for Retry-After ${RATE_LIMIT_WAIT} s
    Clear Rate Limit
    Decision Should Be Stored Once    ${response.json()}

Retrying A Scoring POST After A Lost Answer Replays The Stored Decision
    [Documentation]    Risk: the answer is lost after the decision was stored, and the caller's retry scores again.
    [Tags]    retry
    Inject Fault    ${SCORE_FAULT_PATH}    drop    count=1
    ${applicant}=    New Applicant    near_prime    label=res-lost-answer
    Scoring Call Should Fail Without Answer    ${applicant}
    ${response}=    Score Applicant Via REST    ${applicant}    session=${RETRYING_SESSION}
    ${replay}=    Get From Dictionary    ${response.headers}    Idempotent-Replay    default=${NONE}
    Should Be Equal    ${replay}    true
    ...    msg=The retry after a lost answer was scored again (Idempotent-Replay: ${replay}), expected a replay
    Decision Should Be Stored Once    ${response.json()}

A Hung Service Is Reported As A Timeout Naming The Target And The Limit
    [Documentation]    Risk: a hung service blocks the suite, or its failure does not say where and after how long.
    [Tags]    failure-reporting
    Inject Fault    ${SCORE_FAULT_PATH}    hang    latencyMs=${HANG_MS}    count=1
    ${applicant}=    New Applicant    prime    label=res-hang
    ${error}    ${seconds}=    Scoring Call Should Fail Without Answer    ${applicant}    ${CLIENT_TIMEOUT}
    Should Match Regexp    ${error}    ${TIMED_OUT}    msg=Expected a timeout, got: ${error}    values=${FALSE}
    Should Contain    ${error}    timeout=${CLIENT_TIMEOUT}    msg=The timeout does not name its limit: ${error}
    ...    values=${FALSE}
    Error Should Name The Target    ${error}
    Should Be True    ${seconds} < ${HANG_MS} / 1000
    ...    msg=The client waited ${seconds} s, longer than its ${CLIENT_TIMEOUT} s timeout

A Dropped Connection Is Reported As A Broken Connection Not A Hang
    [Documentation]    Risk: a connection closed mid-answer is reported as a timeout or hangs until one.
    [Tags]    failure-reporting
    Inject Fault    ${SCORE_FAULT_PATH}    drop    count=1
    ${applicant}=    New Applicant    prime    label=res-drop
    ${error}    ${seconds}=    Scoring Call Should Fail Without Answer    ${applicant}
    Should Match Regexp    ${error}    ${CONNECTION_BROKEN}    msg=Expected a broken connection, got: ${error}
    ...    values=${FALSE}
    Should Not Match Regexp    ${error}    ${TIMED_OUT}    msg=A dropped connection was reported as a timeout
    Should Be True    ${seconds} < ${REQUEST_TIMEOUT} / 2
    ...    msg=The dropped connection took ${seconds} s to report, close to the ${REQUEST_TIMEOUT} s timeout

A Truncated Body Is Reported As A JSON Parse Failure
    [Documentation]    Risk: a 200 with a cut-off body passes as a valid answer, or leaves a partial decision.
    [Tags]    failure-reporting
    Inject Fault    ${SCORE_FAULT_PATH}    malformed    count=1
    ${applicant}=    New Applicant    prime    label=res-malformed
    ${response}=    Score Applicant Via REST    ${applicant}
    Run Keyword And Expect Error    *body is not JSON*JSONDecodeError*    Response Body Should Be JSON    ${response}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[transactionId]    ${applicant}[transactionId]
    Should Be Equal    ${stored}[applicantId]    ${applicant}[applicantId]

The Service Answers Normally Once Faults Are Cleared
    [Documentation]    Risk: the platform stays broken after a failure ends (stuck breaker, poisoned pool, lost state).
    [Tags]    failure-reporting
    Inject Fault    ${SCORE_FAULT_PATH}    status    status=500
    ${failing}=    New Applicant    prime    label=res-recover-fail
    ${response}=    Score Applicant Via REST    ${failing}    expected_status=500
    Response Should Be JSON Error    ${response}    500    INTERNAL_ERROR
    Remove Faults And Rate Limit
    No Fault Should Remain
    ${applicant}=    New Applicant    prime    label=res-recover-ok
    ${body}=    Score Applicant    ${applicant}
    Decision Should Be Stored Once    ${body}
    Target Should Report Healthy

A Burst Of Realtime Calls Without Faults Has No Server Errors
    [Documentation]    Risk: intermittent 5xx under ordinary traffic (no fault injected) that single calls miss.
    [Tags]    stability
    [Setup]    NONE
    ${applicants}=    New Population    ${BURST_SIZE}    mixed    label=res-burst
    ${results}=    Score In Parallel    ${applicants}    threads=${BURST_THREADS}
    Parallel Results Should All Have Status    ${results}    200

Batch Status Polling Rides Out Transient 503s
    [Documentation]    Risk: a short outage of the status endpoint fails a batch run that completes normally.
    [Tags]    stability
    [Setup]    NONE
    Require Admin Endpoints
    ${records}=    New Batch Records    ${BATCH_SIZE}    mixed    label=respoll
    ${fault}=    Inject Fault    ${BATCH_PATH}/*    status    method=GET    status=503    retryAfter=0    count=2
    ${batch_id}=    Submit Batch    ${records}
    ${status}=    Wait Until Batch Completed    ${batch_id}
    Fault Should Have Been Applied    ${fault}    2
    Should Be Equal As Integers    ${status}[processedRecords]    ${BATCH_SIZE}
