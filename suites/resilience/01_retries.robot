*** Settings ***
Documentation    Retries: a client that honours Retry-After rides out 503 and 429, and a retried POST never
...              creates a second decision.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/resilience.resource

Suite Setup      Open Retrying Scoring Session
Test Setup       Require Admin Endpoints
Test Teardown    Remove Faults And Rate Limit

Test Tags        resilience    retry


*** Variables ***
${RETRY_AFTER}          1
${UNAVAILABLE_TIMES}    2
${RATE_LIMIT_RPS}       0.5
${RATE_LIMIT_WAIT}      2


*** Test Cases ***
Transient 503 With Retry-After Is Retried And The Decision Is Stored Once
    [Documentation]    Risk: a client gives up on (or hammers) a briefly unavailable service, or a retry stores twice.
    ...    Two 503 answers with Retry-After 1: the retrying client must wait 1 s before each retry.
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
    Inject Fault    ${SCORE_FAULT_PATH}    status    status=503    retryAfter=${RETRY_AFTER}    count=1
    ${applicant}=    New Applicant    prime    label=res-503-plain
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=503
    Response Should Be JSON Error    ${response}    503    SERVICE_UNAVAILABLE
    Retry-After Should Be    ${response}    ${RETRY_AFTER}
    Get Decision    ${applicant}[transactionId]    expected_status=404

Rate Limited Caller Gets 429 With Retry-After And Recovers After The Wait
    [Documentation]    Risk: throttling is not signalled with 429 and Retry-After, or does not lift after the wait.
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
    Inject Fault    ${SCORE_FAULT_PATH}    drop    count=1
    ${applicant}=    New Applicant    near_prime    label=res-lost-answer
    Scoring Call Should Fail Without Answer    ${applicant}
    ${response}=    Score Applicant Via REST    ${applicant}    session=${RETRYING_SESSION}
    ${replay}=    Get From Dictionary    ${response.headers}    Idempotent-Replay    default=${NONE}
    Should Be Equal    ${replay}    true
    ...    msg=The retry after a lost answer was scored again (Idempotent-Replay: ${replay}), expected a replay
    Decision Should Be Stored Once    ${response.json()}
