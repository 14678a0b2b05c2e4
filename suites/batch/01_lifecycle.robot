*** Settings ***
Documentation    A batch is accepted with 202 and a Location, passes PENDING -> RUNNING -> COMPLETED, counts
...              its records, refuses its results until it is complete, and returns every record once, in
...              submission order.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource

Test Tags        batch    lifecycle


*** Test Cases ***
Submitted Batch Is Accepted With Location And A Fresh Status
    [Documentation]    A client follows the 202 Location to poll: it must name the batch and the body must count it.
    ${records}=    New Batch Records    12    label=ACCEPT
    ${response}=    Submit Batch Request    ${records}
    ${batch_id}=    Batch Should Be Accepted    ${response}    12    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${status}=    Get Batch Status    ${batch_id}
    Should Be Equal    ${status}[batchId]    ${batch_id}    msg=The Location's batch answers with another batchId

Queued Batch Moves From Pending Through Running To Completed
    [Documentation]    Each lifecycle state must be reported truthfully: a batch waiting behind another is PENDING
    ...    with nothing processed, the one ahead of it RUNNING, and both end COMPLETED with every record counted.
    ${records}=    New Batch Records    5    label=LIFE
    ${ahead}    ${batch_id}=    Submit Batch Behind A Held Batch    ${records}
    Batch Should Be Waiting In The Queue    ${batch_id}
    ${scoring}=    Wait Until Keyword Succeeds    5 s    20 ms    Batch Should Be Unfinished    ${ahead}    RUNNING
    Batch Status Should Count    ${scoring}    ${QUEUE_AHEAD_RECORDS}    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${done}=    Wait Until Batch Completed    ${batch_id}
    Completed Batch Status Should Count    ${done}    5    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${ahead_done}=    Get Batch Status    ${ahead}
    Completed Batch Status Should Count    ${ahead_done}    ${QUEUE_AHEAD_RECORDS}    ${MODEL_CODE}
    ...    ${CHAMPION_VERSION}

Results Of An Unfinished Batch Are Refused With 409 In Every Format
    [Documentation]    Partial results must never be served as if complete: JSON, CSV and NDJSON requests for a
    ...    batch that is not COMPLETED answer 409 BATCH_NOT_COMPLETED, and succeed once it completes.
    ${records}=    New Batch Records    3    label=EARLY
    ${_}    ${batch_id}=    Submit Batch Behind A Held Batch    ${records}
    Batch Results Should Be Refused As Not Completed    ${batch_id}
    Batch Should Be Unfinished    ${batch_id}
    Wait Until Batch Completed    ${batch_id}
    ${results}=    Get All Batch Results    ${batch_id}
    Transaction Ids Should Be In Submission Order    ${results}    ${records}

Completed Batch Counts Every Record As Processed And None As Failed
    [Documentation]    The counts are what operations reconcile against: total, processed and failed must
    ...    match the submission once the batch is COMPLETED.
    ${records}=    New Batch Records    25    label=COUNT
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${status}=    Get Batch Status    ${batch_id}
    Completed Batch Status Should Count    ${status}    25    ${MODEL_CODE}    ${CHAMPION_VERSION}

Results Hold Every Record Exactly Once In Submission Order
    [Documentation]    A batch that loses, repeats or reorders records while its counts say all were processed
    ...    silently leaves applicants without a decision.
    ${records}=    New Batch Records    40    label=ORDER
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    Transaction Ids Should Be In Submission Order    ${results}    ${records}
    ${first}=    Get Batch Results Page    ${batch_id}
    Should Be Equal As Integers    ${first}[totalRecords]    40
    ...    msg=Results page counts ${first}[totalRecords] records for 40 submitted    values=${FALSE}

Unknown Batch Is Not Found
    [Documentation]    Polling a batch id that was never issued must be a 404 NOT_FOUND, not an empty result.
    [Template]    Unknown Batch Path Should Be Not Found
    ${EMPTY}
    /results
