*** Settings ***
Documentation     What the API answered is what the database stored.
...
...               Realtime decisions (REST and SOAP) are persisted once, with the values that were answered,
...               and the stored row keeps no part of the request beyond its SHA-256.
...
...               Batch results, batch status and review cases in the database equal what the API shows.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/parity.resource
Resource          ../../resources/batch_checks.resource
Resource          ../../resources/review_flow.resource

Suite Setup       Connect To Scoring Database
Suite Teardown    Disconnect From Scoring Database

Test Tags         database


*** Variables ***
${BURST_SIZE}               ${50}
@{REQUEST_ONLY_KEYS}
...                         "age"
...                         "monthlyIncome"
...                         "employmentStatus"
...                         "requestedAmount"
...                         "existingDebt"
...                         "creditHistoryMonths"
...                         "channel"
@{DECISIONS_COLUMNS}
...                         transaction_id    applicant_id    interface    channel    model_code    model_version
...                         score    decision    risk_band    probability_of_default    reason_codes    policy_rule
...                         request_hash    response_json    correlation_id    scored_at
@{BATCHES_COLUMNS}
...                         batch_id    status    model_code    model_version    total_records    processed_records
...                         failed_records    submitted_at    started_at    completed_at    correlation_id    error
@{BATCH_RESULTS_COLUMNS}
...                         batch_id    seq    transaction_id    applicant_id    model_code    model_version    score
...                         decision    risk_band    probability_of_default    reason_codes    policy_rule    scored_at
@{REVIEWS_COLUMNS}
...                         case_id    transaction_id    applicant_id    source    batch_id    score    status
...                         created_at    decided_at    reviewer    note    correlation_id


*** Test Cases ***
REST Decisions Are Persisted With The Values Answered
    [Documentation]    Audit and adverse-action letters are built from the stored row: score, decision, band,
    ...    probability, ordered reason codes, policy rule, model version and correlation id must be
    ...    those the caller received, for every kind of outcome.
    [Tags]    realtime
    [Template]    Decision Should Be Persisted As Answered
    APPROVE    REST
    REFER    REST
    DECLINE    REST
    P01    REST
    P02    REST

SOAP Decisions Are Persisted With The Values Answered
    [Documentation]    The SOAP channel writes the same store: its rows must equal its responses and name SOAP.
    [Tags]    realtime
    [Template]    Decision Should Be Persisted As Answered
    APPROVE    SOAP
    REFER    SOAP
    P02    SOAP

Burst Of Realtime Decisions Loses No Row
    [Documentation]    A decision answered but never written is invisible to audit: after ${BURST_SIZE} REST
    ...    decisions, exactly ${BURST_SIZE} rows carry this burst's transactionId prefix, each equal to its response.
    [Tags]    realtime
    ${prefix}=    New Transaction Id    burst
    ${applicants}=    Generate Synthetic Applicants    ${BURST_SIZE}    mixed    seed=${TRANSACTION_COUNTER}
    ...    id_prefix=${prefix}
    ${answers}=    Score Applicants In Parallel    ${applicants}    session=${REST_SESSION}    threads=8
    Parallel Results Should All Have Status    ${answers}    200
    ${bodies}=    Field Values    ${answers}    body
    ${stored}=    Count Decisions With Prefix    ${prefix}-
    Should Be Equal As Integers    ${stored}    ${BURST_SIZE}
    ...    msg=decisions: ${stored} rows for ${BURST_SIZE} answered decisions (prefix ${prefix}-)    values=${FALSE}
    Decisions In Database Should Equal Responses    ${bodies}    interface=REST

Replayed Decision Keeps Its Original Row
    [Documentation]    Retries (REST twice, then SOAP) must neither add nor overwrite rows: the row keeps the first
    ...    response's correlation id and time, and a REFER keeps a single review case.
    [Tags]    realtime
    ${applicant}    ${first}=    Score Known Outcome Via Channel    REFER    label=db-replay
    Score Applicant    ${applicant}
    Score Applicant    ${applicant}
    Score Applicant Via SOAP    ${applicant}
    ${count}=    Count Decisions With Prefix    ${applicant}[transactionId]
    Should Be Equal As Integers    ${count}    1    msg=decisions: ${count} rows for one replayed transaction
    ...    values=${FALSE}
    VAR    @{answered}=    ${first}
    Decisions In Database Should Equal Responses    ${answered}    interface=REST
    ${cases}=    Review Rows For Transaction    ${applicant}[transactionId]
    Length Should Be    ${cases}    1    msg=reviews: ${{len($cases)}} rows after replaying one REFER

Rejected Request Leaves No Row
    [Documentation]    A request refused with 422 was never decided: a stored row would be a phantom decision.
    [Tags]    realtime
    ${applicant}=    Applicant With Known Outcome    APPROVE    label=db-rejected    age=${17}
    Score Applicant Via REST    ${applicant}    expected_status=422
    Decision Should Not Be In Database    ${applicant}[transactionId]

Stored Decision Keeps Only A Hash Of The Request
    [Documentation]    Data minimisation (GDPR art. 5(1)(c)): the row holds a SHA-256 of the request, never the
    ...    request itself; no stored text carries the applicant's request fields.
    [Tags]    realtime
    ${applicant}    ${_}=    Score Known Outcome Via Channel    DECLINE    label=db-minimal
    ${rows}=    Query Scoring Database    SELECT * FROM decisions WHERE transaction_id = ?
    ...    ${applicant}[transactionId]
    Length Should Be    ${rows}    1    msg=decisions: expected 1 row for ${applicant}[transactionId]
    Should Match Regexp    ${rows}[0][request_hash]    ^[0-9a-f]{64}$
    ...    msg=request_hash '${rows}[0][request_hash]' is not a lower-case hex SHA-256
    ${values}=    Get Dictionary Values    ${rows}[0]    sort_keys=${FALSE}
    ${text}=    Catenate    SEPARATOR=\n    @{values}
    FOR    ${key}    IN    @{REQUEST_ONLY_KEYS}
        Should Not Contain    ${text}    ${key}
        ...    msg=decisions[${applicant}[transactionId]] stores the request field ${key}    values=${FALSE}
    END

Tables Hold Only The Contract's Columns
    [Documentation]    A new column is a new piece of stored applicant data: every table must have exactly the
    ...    contract's columns, so request fields such as income or debt can never be persisted on the side.
    [Tags]    realtime
    [Template]    Table Columns Should Be
    decisions    ${DECISIONS_COLUMNS}
    batches    ${BATCHES_COLUMNS}
    batch_results    ${BATCH_RESULTS_COLUMNS}
    reviews    ${REVIEWS_COLUMNS}

Batch Result Rows Equal The API Results For Every Record
    [Documentation]    The results API must show the stored outcome of every record, not a recomputed or shifted
    ...    one: each batch_results row equals the API result at the same position.
    [Tags]    batch-store    reviews
    ${records}=    Mixed Applicant Set    30    label=DBB
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    Batch Results In Database Should Match    ${batch_id}    ${results}

Batch Row Records The Status The API Reports
    [Documentation]    Operations reconcile batches from the batches table: status, model and counts there must
    ...    equal the API's status of the completed batch.
    [Tags]    batch-store    reviews
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
    [Tags]    batch-store    reviews
    [Template]    REFER Should Have One Pending Review Row
    REST
    SOAP

Batch REFERs Have One Review Row Each With The Batch Id
    [Documentation]    Batch REFERs must reach the review queue too: one BATCH row per REFER result, with the
    ...    batch id and the result's score, and none for other outcomes.
    [Tags]    batch-store    reviews
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
    [Tags]    batch-store    reviews
    [Template]    Outcome Should Have No Review Row
    APPROVE
    DECLINE
    P02

Decided Case Row Records The Reviewer And Decision Time
    [Documentation]    The audit trail of a manual decision lives in the reviews row: status, reviewer, note and
    ...    decision time must equal what the API answered.
    [Tags]    batch-store    reviews
    ${case}=    Decided Review Case    APPROVED
    Review Row Should Equal Case    ${case}
    Review Case In Database Should Be    ${case}[caseId]    APPROVED    reviewer=${REVIEWER}


*** Keywords ***
Decision Should Be Persisted As Answered
    [Documentation]    Score a new applicant of known ``outcome`` over ``channel``; its row must equal the response.
    ...
    ...    Also checks the stored channel and scoredAt, which `Decision In Database Should Match` does not.
    [Arguments]    ${outcome}    ${channel}
    ${applicant}    ${body}=    Score Known Outcome Via Channel    ${outcome}    ${channel}    label=db-${outcome}
    ${row}=    Decision In Database Should Match    ${body}    interface=${channel}
    VAR    ${where}=    decisions[${body}[transactionId]]
    Stored Value Should Equal    ${where}    channel    ${row}[channel]    ${applicant}[channel]
    Stored Value Should Equal    ${where}    scored_at    ${row}[scoredAt]    ${body}[scoredAt]

Table Columns Should Be
    [Documentation]    Assert ``table`` has exactly ``columns`` (any order).
    [Arguments]    ${table}    ${columns}
    ${rows}=    Query Scoring Database    SELECT name FROM pragma_table_info(?)    ${table}
    ${actual}=    Field Values    ${rows}    name
    ${extra}=    Copy List    ${actual}
    Remove Values From List    ${extra}    @{columns}
    ${missing}=    Copy List    ${columns}
    Remove Values From List    ${missing}    @{actual}
    Should Be Empty    ${extra}    msg=${table}: columns beyond the contract: ${extra}
    Should Be Empty    ${missing}    msg=${table}: contract columns missing: ${missing}

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
