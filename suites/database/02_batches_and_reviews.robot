*** Settings ***
Documentation     Batch results, batch status and review cases in the database equal what the API shows.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/batch_checks.resource
Resource          ../../resources/review_flow.resource

Suite Setup       Connect To Scoring Database
Suite Teardown    Disconnect From Scoring Database

Test Tags         database    batch-store    reviews


*** Test Cases ***
Batch Result Rows Equal The API Results For Every Record
    [Documentation]    The results API must show the stored outcome of every record, not a recomputed or shifted
    ...    one: each batch_results row equals the API result at the same position.
    ${records}=    Mixed Applicant Set    30    label=DBB
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    Batch Results In Database Should Match    ${batch_id}    ${results}

Batch Row Records The Status The API Reports
    [Documentation]    Operations reconcile batches from the batches table: status, model and counts there must
    ...    equal the API's status of the completed batch.
    ${records}=    New Batch Records    15    label=DBSTAT
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${status}=    Get Batch Status    ${batch_id}
    ${rows}=    Query Scoring Database    SELECT * FROM batches WHERE batch_id = ?    ${batch_id}
    Length Should Be    ${rows}    1    msg=batches: expected 1 row for ${batch_id}
    VAR    &{columns}=
    ...    status=status
    ...    model_code=modelCode
    ...    model_version=modelVersion
    ...    total_records=totalRecords
    ...    processed_records=processedRecords
    ...    failed_records=failedRecords
    ...    submitted_at=submittedAt
    ...    completed_at=completedAt
    FOR    ${column}    ${field}    IN    &{columns}
        Stored Value Should Equal    batches[${batch_id}]    ${column}    ${rows}[0][${column}]    ${status}[${field}]
    END

Every Realtime REFER Has One Pending Review Row
    [Documentation]    A REFER without a stored case is never reviewed: REST and SOAP REFERs each have one
    ...    PENDING reviews row naming their source and score, equal to the case the API shows.
    [Template]    REFER Should Have One Pending Review Row
    REST
    SOAP

Batch REFERs Have One Review Row Each With The Batch Id
    [Documentation]    Batch REFERs must reach the review queue too: one BATCH row per REFER result, with the
    ...    batch id and the result's score, and none for other outcomes.
    ${records}=    Mixed Applicant Set    20    label=DBREV
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    ${decisions}=    Field Values    ${results}    decision
    Should Contain    ${decisions}    REFER    msg=The batch holds no REFER result to check
    ${stored}=    Review Rows Of Batch By Transaction    ${batch_id}
    FOR    ${result}    IN    @{results}
        Batch Record Review Row Should Fit Decision    ${stored}    ${result}    ${batch_id}
    END
    ${refer_count}=    Count Values In List    ${decisions}    REFER
    Length Should Be    ${stored}    ${refer_count}
    ...    msg=reviews: ${{len($stored)}} rows for batch ${batch_id} with ${refer_count} REFER results

Decisions Other Than REFER Have No Review Row
    [Documentation]    Approved and declined applicants must not sit in the manual review queue.
    [Template]    Outcome Should Have No Review Row
    APPROVE
    DECLINE
    P02

Decided Case Row Records The Reviewer And Decision Time
    [Documentation]    The audit trail of a manual decision lives in the reviews row: status, reviewer, note and
    ...    decision time must equal what the API answered.
    ${case}=    Decided Review Case    APPROVED
    Review Row Should Equal Case    ${case}
    Review Case In Database Should Be    ${case}[caseId]    APPROVED    reviewer=${REVIEWER}


*** Keywords ***
REFER Should Have One Pending Review Row
    [Documentation]    Open a case with a REFER over ``channel``; its one reviews row must equal the API's case.
    [Arguments]    ${channel}
    ${case}    ${body}=    Open Review Case    ${channel}    label=db-refer
    Case Should Be Pending For Decision    ${case}    ${body}    ${channel}
    Review Row Should Equal Case    ${case}

Batch Record Review Row Should Fit Decision
    [Documentation]    A REFER result has a PENDING BATCH row with its score and batch id; others have no row.
    [Arguments]    ${stored}    ${result}    ${batch_id}
    VAR    ${tx}=    ${result}[transactionId]
    IF    $result['decision'] != 'REFER'
        Dictionary Should Not Contain Key    ${stored}    ${tx}
        ...    msg=reviews: a case was opened for ${result}[decision] batch record ${tx}
        RETURN
    END
    Dictionary Should Contain Key    ${stored}    ${tx}    msg=reviews: no row for REFER batch record ${tx}
    VAR    ${row}=    ${stored}[${tx}]
    Stored Value Should Equal    reviews[${tx}]    source    ${row}[source]    BATCH
    Stored Value Should Equal    reviews[${tx}]    batch_id    ${row}[batch_id]    ${batch_id}
    Stored Value Should Equal    reviews[${tx}]    status    ${row}[status]    PENDING
    Stored Value Should Equal    reviews[${tx}]    score    ${row}[score]    ${result}[score]

Outcome Should Have No Review Row
    [Documentation]    Score a new applicant of known ``outcome`` over REST; no reviews row may name it.
    [Arguments]    ${outcome}
    ${_}    ${body}=    Score Known Outcome Via Channel    ${outcome}    label=db-noreview
    ${rows}=    Review Rows For Transaction    ${body}[transactionId]
    Should Be Empty    ${rows}    msg=reviews: a case was opened for ${outcome} decision ${body}[transactionId]
