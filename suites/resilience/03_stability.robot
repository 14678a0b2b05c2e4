*** Settings ***
Documentation    Stability: no server errors under a short burst, and batch polling that rides out 503s.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/resilience.resource
Resource         ../../resources/concurrency.resource

Test Teardown    Remove Faults And Rate Limit

Test Tags        resilience    stability


*** Variables ***
${BURST_SIZE}       ${40}
${BURST_THREADS}    4
${BATCH_SIZE}       20


*** Test Cases ***
A Burst Of Realtime Calls Without Faults Has No Server Errors
    [Documentation]    Risk: intermittent 5xx under ordinary traffic (no fault injected) that single calls miss.
    ${applicants}=    New Population    ${BURST_SIZE}    mixed    label=res-burst
    ${results}=    Score In Parallel    ${applicants}    threads=${BURST_THREADS}
    Parallel Results Should All Have Status    ${results}    200

Batch Status Polling Rides Out Transient 503s
    [Documentation]    Risk: a short outage of the status endpoint fails a batch run that completes normally.
    Require Admin Endpoints
    ${records}=    New Batch Records    ${BATCH_SIZE}    mixed    label=respoll
    ${fault}=    Inject Fault    ${BATCH_PATH}/*    status    method=GET    status=503    retryAfter=0    count=2
    ${batch_id}=    Submit Batch    ${records}
    ${status}=    Wait Until Batch Completed    ${batch_id}
    Fault Should Have Been Applied    ${fault}    2
    Should Be Equal As Integers    ${status}[processedRecords]    ${BATCH_SIZE}
