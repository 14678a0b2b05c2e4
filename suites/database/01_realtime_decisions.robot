*** Settings ***
Documentation     Realtime decisions (REST and SOAP) are persisted once, with the values that were answered,
...               and the stored row keeps no part of the request beyond its SHA-256.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/parity.resource
Resource          ../../resources/review_flow.resource

Suite Setup       Connect To Scoring Database
Suite Teardown    Disconnect From Scoring Database

Test Tags         database    realtime


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
    [Template]    Decision Should Be Persisted As Answered
    APPROVE    REST
    REFER    REST
    DECLINE    REST
    P01    REST
    P02    REST

SOAP Decisions Are Persisted With The Values Answered
    [Documentation]    The SOAP channel writes the same store: its rows must equal its responses and name SOAP.
    [Template]    Decision Should Be Persisted As Answered
    APPROVE    SOAP
    REFER    SOAP
    P02    SOAP

Burst Of Realtime Decisions Loses No Row
    [Documentation]    A decision answered but never written is invisible to audit: after ${BURST_SIZE} REST
    ...    decisions, exactly ${BURST_SIZE} rows carry this burst's transactionId prefix, each equal to its response.
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
    ${applicant}=    Applicant With Known Outcome    APPROVE    label=db-rejected    age=${17}
    Score Applicant Via REST    ${applicant}    expected_status=422
    Decision Should Not Be In Database    ${applicant}[transactionId]

Stored Decision Keeps Only A Hash Of The Request
    [Documentation]    Data minimisation (GDPR art. 5(1)(c)): the row holds a SHA-256 of the request, never the
    ...    request itself; no stored text carries the applicant's request fields.
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
    [Template]    Table Columns Should Be
    decisions    ${DECISIONS_COLUMNS}
    batches    ${BATCHES_COLUMNS}
    batch_results    ${BATCH_RESULTS_COLUMNS}
    reviews    ${REVIEWS_COLUMNS}


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
