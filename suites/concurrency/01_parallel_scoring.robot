*** Settings ***
Documentation     8 threads x 25 realtime requests at once, then the same 200 requests again at once.
...
...               Under parallel load every transactionId must be answered once and for its own
...               applicant, persisted exactly once, scored exactly as sequential scoring scores it,
...               and replayed (never re-scored) when it is sent again.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/concurrency.resource

Suite Setup       Score The Population Twice In Parallel
Suite Teardown    Disconnect From Scoring Database

Test Tags         concurrency    parallel-scoring


*** Variables ***
${THREADS}                8
${REQUESTS_PER_THREAD}    25


*** Test Cases ***
Every Parallel Request Is Answered Once For Its Own Applicant
    [Documentation]    Risk: answers lost, duplicated or swapped between concurrent callers.
    Parallel Results Should All Have Status    ${FIRST_ROUND}    200
    Parallel Results Should Answer Their Requests    ${FIRST_ROUND}    ${POPULATION}
    Correlation Ids Should Be Unique    ${FIRST_ROUND}
    No Result Should Be A Replay    ${FIRST_ROUND}

Parallel Outcomes Equal Sequential Scoring Of The Same Applicants
    [Documentation]    Risk: shared state between request threads changes scores, decisions or reason codes.
    ...    The batch endpoint scores the same records one after the other; every outcome must match.
    Parallel Results Should All Have Status    ${FIRST_ROUND}    200
    ${batch_id}=    Submit Batch And Wait Until Completed    ${POPULATION}
    ${sequential}=    Get All Batch Results    ${batch_id}
    ${parallel}=    Bodies Of Parallel Results    ${FIRST_ROUND}
    Results Should Match Baseline    ${parallel}    ${sequential}

A Second Parallel Round Replays Every Stored Decision Byte For Byte
    [Documentation]    Risk: a retried transaction under load is scored again instead of replayed (idempotency).
    Parallel Results Should All Have Status    ${SECOND_ROUND}    200
    Every Result Should Be A Replay    ${SECOND_ROUND}
    Replays Should Equal Originals    ${FIRST_ROUND}    ${SECOND_ROUND}

Every Parallel Decision Is Persisted Exactly Once As Answered
    [Documentation]    Risk: concurrent writes lose, duplicate or overwrite decisions in the database.
    Require Database Access
    Stored Decisions Should Match Parallel Results    ${PREFIX}    ${FIRST_ROUND}

Every Parallel REFER Opens Exactly One Review Case
    [Documentation]    Risk: concurrent or repeated REFER decisions open duplicate manual-review cases.
    Require Database Access
    ${refers}=    Transactions With Decision    ${FIRST_ROUND}    REFER
    Should Not Be Empty    ${refers}    msg=The population produced no REFER, so review cases cannot be checked
    ${cases}=    Realtime Review Cases Per Transaction    ${PREFIX}
    ${expected}=    Evaluate    {tx: 1 for tx in $refers}
    Dictionaries Should Be Equal    ${cases}    ${expected}
    ...    msg=Expected exactly one review case per REFER transaction and none for others


*** Keywords ***
Score The Population Twice In Parallel
    [Documentation]    Score ${THREADS} x ${REQUESTS_PER_THREAD} mixed applicants in parallel, then send them all again.
    ${count}=    Evaluate    ${THREADS} * ${REQUESTS_PER_THREAD}
    ${population}=    New Population    ${count}    mixed    label=conc-par
    ${prefix}=    Transaction Prefix Of Population    ${population}
    ${first}=    Score In Parallel    ${population}    threads=${THREADS}
    ${second}=    Score In Parallel    ${population}    threads=${THREADS}
    VAR    ${POPULATION}=    ${population}    scope=SUITE
    VAR    ${PREFIX}=    ${prefix}    scope=SUITE
    VAR    ${FIRST_ROUND}=    ${first}    scope=SUITE
    VAR    ${SECOND_ROUND}=    ${second}    scope=SUITE
    Connect To Scoring Database When Available
