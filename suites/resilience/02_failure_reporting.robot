*** Settings ***
Documentation    Failure reporting: a hung, dropping or garbling service is reported for what it is, fast,
...              and the platform answers normally again once the faults are gone.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/resilience.resource

Test Setup       Require Admin Endpoints
Test Teardown    Remove Faults And Rate Limit

Test Tags        resilience    failure-reporting


*** Variables ***
${CLIENT_TIMEOUT}    0.5
${HANG_MS}           1500
${TIMED_OUT}         (?i)timed out


*** Test Cases ***
A Hung Service Is Reported As A Timeout Naming The Target And The Limit
    [Documentation]    Risk: a hung service blocks the suite, or its failure does not say where and after how long.
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
    Inject Fault    ${SCORE_FAULT_PATH}    malformed    count=1
    ${applicant}=    New Applicant    prime    label=res-malformed
    ${response}=    Score Applicant Via REST    ${applicant}
    Run Keyword And Expect Error    *body is not JSON*JSONDecodeError*    Response Body Should Be JSON    ${response}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[transactionId]    ${applicant}[transactionId]
    Should Be Equal    ${stored}[applicantId]    ${applicant}[applicantId]

The Service Answers Normally Once Faults Are Cleared
    [Documentation]    Risk: the platform stays broken after a failure ends (stuck breaker, poisoned pool, lost state).
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
