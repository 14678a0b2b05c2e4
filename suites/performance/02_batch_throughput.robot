*** Settings ***
Documentation    Batch throughput: a batch of 1000 records completes, and its results download, within limits.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/performance.resource

Suite Setup      Submit The Throughput Batch

Test Tags        performance    throughput


*** Variables ***
${BATCH_SIZE}    ${1000}


*** Test Cases ***
A Batch Of 1000 Records Completes Within The Limit
    [Documentation]    Risk: batch scoring too slow for overnight volumes (records per second far below realtime).
    ${status}=    Wait Until Batch Completed    ${BATCH_ID}    timeout=${BATCH_LIMIT_S * 2} s
    ${seconds}=    Seconds Since    ${SUBMITTED}
    Should Be Equal As Integers    ${status}[processedRecords]    ${BATCH_SIZE}
    Should Be True    ${seconds} <= ${BATCH_LIMIT_S}
    ...    msg=The batch of ${BATCH_SIZE} records took ${seconds} s to complete; the limit is ${BATCH_LIMIT_S} s

The Results Of 1000 Records Download Within The Limit
    [Documentation]    Risk: reading a large result set (paging, CSV streaming) is slow enough to time out clients.
    Wait Until Batch Completed    ${BATCH_ID}    timeout=${BATCH_LIMIT_S * 2} s
    ${started}=    Evaluate    time.monotonic()
    ${results}=    Get All Batch Results    ${BATCH_ID}
    ${csv}=    Get Batch Results As CSV    ${BATCH_ID}
    ${milliseconds}=    Evaluate    (time.monotonic() - ${started}) * 1000
    Length Should Be    ${results}    ${BATCH_SIZE}
    ${lines}=    Get Line Count    ${csv}
    Should Be Equal As Integers    ${lines}    ${BATCH_SIZE + 1}    msg=CSV: expected a header and ${BATCH_SIZE} rows
    Should Be True
    ...    ${milliseconds} <= ${DOWNLOAD_LIMIT_MS}
    ...    msg=Downloading ${BATCH_SIZE} results as JSON and CSV took ${milliseconds} ms (limit ${DOWNLOAD_LIMIT_MS} ms)


*** Keywords ***
Submit The Throughput Batch
    [Documentation]    Submit ${BATCH_SIZE} mixed records and keep the batch id and the submission time.
    ${records}=    New Batch Records    ${BATCH_SIZE}    mixed    label=perfbat
    ${started}=    Evaluate    time.monotonic()
    ${batch_id}=    Submit Batch    ${records}
    VAR    ${BATCH_ID}=    ${batch_id}    scope=SUITE
    VAR    ${SUBMITTED}=    ${started}    scope=SUITE
