*** Settings ***
Documentation     Parallel realtime scoring, races on one transactionId and parallel batches.
...
...               Parallel scoring: 8 threads x 25 realtime requests at once, then the same 200 requests again
...               at once (the suite setup sends both rounds). Under parallel load every transactionId must be
...               answered once and for its own applicant, persisted exactly once, scored exactly as
...               sequential scoring scores it, and replayed (never re-scored) when it is sent again.
...
...               Races: concurrent duplicates of one request must get the one stored answer; concurrent
...               different payloads under one transactionId must leave exactly one winner and 409s;
...               batches submitted at the same moment must not mix their records.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/concurrency.resource

Suite Setup       Score The Population Twice In Parallel
Suite Teardown    Disconnect From Scoring Database

Test Tags         concurrency


*** Variables ***
${THREADS}                8
${REQUESTS_PER_THREAD}    25
${RACERS}                 ${16}
@{BATCH_SIZES}            40    80    120    160


*** Test Cases ***
Every Parallel Request Is Answered Once For Its Own Applicant
    [Documentation]    Risk: answers lost, duplicated or swapped between concurrent callers.
    [Tags]    parallel-scoring
    Parallel Results Should All Have Status    ${FIRST_ROUND}    200
    Parallel Results Should Answer Their Requests    ${FIRST_ROUND}    ${POPULATION}
    Correlation Ids Should Be Unique    ${FIRST_ROUND}
    No Result Should Be A Replay    ${FIRST_ROUND}

Parallel Outcomes Equal Sequential Scoring Of The Same Applicants
    [Documentation]    Risk: shared state between request threads changes scores, decisions or reason codes.
    ...    The batch endpoint scores the same records one after the other; every outcome must match.
    [Tags]    parallel-scoring
    Parallel Results Should All Have Status    ${FIRST_ROUND}    200
    ${batch_id}=    Submit Batch And Wait Until Completed    ${POPULATION}
    ${sequential}=    Get All Batch Results    ${batch_id}
    ${parallel}=    Bodies Of Parallel Results    ${FIRST_ROUND}
    Results Should Match Baseline    ${parallel}    ${sequential}

A Second Parallel Round Replays Every Stored Decision Byte For Byte
    [Documentation]    Risk: a retried transaction under load is scored again instead of replayed (idempotency).
    [Tags]    parallel-scoring
    Parallel Results Should All Have Status    ${SECOND_ROUND}    200
    Every Result Should Be A Replay    ${SECOND_ROUND}
    Replays Should Equal Originals    ${FIRST_ROUND}    ${SECOND_ROUND}

Every Parallel Decision Is Persisted Exactly Once As Answered
    [Documentation]    Risk: concurrent writes lose, duplicate or overwrite decisions in the database.
    [Tags]    parallel-scoring
    Require Database Access
    Stored Decisions Should Match Parallel Results    ${PREFIX}    ${FIRST_ROUND}

Every Parallel REFER Opens Exactly One Review Case
    [Documentation]    Risk: concurrent or repeated REFER decisions open duplicate manual-review cases.
    [Tags]    parallel-scoring
    Require Database Access
    ${refers}=    Transactions With Decision    ${FIRST_ROUND}    REFER
    Should Not Be Empty    ${refers}    msg=The population produced no REFER, so review cases cannot be checked
    ${cases}=    Realtime Review Cases Per Transaction    ${PREFIX}
    ${expected}=    Evaluate    {tx: 1 for tx in $refers}
    Dictionaries Should Be Equal    ${cases}    ${expected}
    ...    msg=Expected exactly one review case per REFER transaction and none for others

Concurrent Identical Requests Get One Decision And Identical Bodies
    [Documentation]    Risk: a transaction retried by several callers at once is scored and stored more than once.
    ...    Half of the copies send the fields in reverse order: key order does not make a new request.
    [Tags]    idempotency
    ${applicant}=    New Applicant    near_prime    label=conc-replay
    ${copies}=    Copies Of Applicant    ${applicant}    ${RACERS}
    ${results}=    Score In Parallel    ${copies}    threads=${RACERS}
    Parallel Results Should All Have Status    ${results}    200
    Parallel Results Should Have Identical Bodies    ${results}
    Exactly One Result Should Be Fresh And The Rest Replays    ${results}
    Stored Decision Should Equal Result    ${results}[0]

Concurrent Identical Requests Leave One Row In The Database
    [Documentation]    Risk: the idempotency check and the insert race, and duplicates reach the decisions table.
    [Tags]    idempotency
    Require Database Access
    ${applicant}=    New Applicant    prime    label=conc-replay-db
    ${copies}=    Copies Of Applicant    ${applicant}    ${RACERS}
    ${results}=    Score In Parallel    ${copies}    threads=${RACERS}
    Parallel Results Should All Have Status    ${results}    200
    VAR    @{first}=    ${results}[0]
    Stored Decisions Should Match Parallel Results    ${applicant}[transactionId]    ${first}

Concurrent Conflicting Payloads For One Transaction Leave Exactly One Winner
    [Documentation]    Risk: different requests under one transactionId overwrite each other instead of being refused.
    [Tags]    idempotency
    ${applicant}=    New Applicant    prime    label=conc-conflict
    ${variants}=    Conflicting Variants Of Applicant    ${applicant}    ${RACERS}
    ${results}=    Score In Parallel    ${variants}    threads=${RACERS}
    Parallel Status Counts Should Be    ${results}    200=1    409=${RACERS - 1}
    ${winner}=    Evaluate    next(r for r in $results if r['status'] == 200)
    Stored Decision Should Equal Result    ${winner}
    ${losers}=    Evaluate    [r for r in $results if r['status'] == 409]
    FOR    ${loser}    IN    @{losers}
        Conflict Should Be Reported As Idempotency Conflict    ${loser}
    END

Parallel Batches Complete Independently
    [Documentation]    Risk: batches submitted at the same moment share state and lose, swap or mix records.
    [Tags]    idempotency
    ${submissions}    ${expected}=    Batch Submissions Of Sizes    @{BATCH_SIZES}
    ${results}=    Post JSON In Parallel    ${BATCH_PATH}    ${submissions}    session=${REST_SESSION}
    ...    threads=${{len($BATCH_SIZES)}}
    Parallel Results Should All Have Status    ${results}    202
    ${batch_ids}=    Evaluate    [r['body']['batchId'] for r in $results]
    List Should Not Contain Duplicates    ${batch_ids}    msg=Parallel batch submissions got the same batchId
    FOR    ${batch_id}    ${records}    IN ZIP    ${batch_ids}    ${expected}
        Batch Should Hold Exactly Its Own Records    ${batch_id}    ${records}
    END


*** Keywords ***
Score The Population Twice In Parallel
    [Documentation]    Score ${THREADS} x ${REQUESTS_PER_THREAD} mixed applicants in parallel and send them all again,
    ...    then open the database for the suite when there is access.
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

Conflict Should Be Reported As Idempotency Conflict
    [Documentation]    Assert a parallel result is 409 IDEMPOTENCY_CONFLICT in the contract's error shape.
    [Arguments]    ${result}
    VAR    ${error}=    ${result}[body][error]
    Should Be Equal
    ...    ${error}[code]
    ...    IDEMPOTENCY_CONFLICT
    ...    msg=Request #${result}[index]: expected error code IDEMPOTENCY_CONFLICT, got ${error}[code]
    ...    values=${FALSE}

Batch Submissions Of Sizes
    [Documentation]    Return a batch submission per size (champion and challenger alternate) and their records.
    [Arguments]    @{sizes}
    VAR    @{submissions}=    @{EMPTY}
    VAR    @{all_records}=    @{EMPTY}
    FOR    ${index}    ${size}    IN ENUMERATE    @{sizes}
        ${records}=    New Population    ${size}    mixed    label=conc-batch
        ${model}=    Set Variable If    ${index} % 2    ${CHALLENGER_MODEL_CODE}    ${MODEL_CODE}
        VAR    &{submission}=    records=${records}    modelCode=${model}
        Append To List    ${submissions}    ${submission}
        Append To List    ${all_records}    ${records}
    END
    RETURN    ${submissions}    ${all_records}

Batch Should Hold Exactly Its Own Records
    [Documentation]    Wait for ``batch_id`` and assert its results are exactly ``records``, in order.
    [Arguments]    ${batch_id}    ${records}
    ${status}=    Wait Until Batch Completed    ${batch_id}
    ${count}=    Get Length    ${records}
    Should Be Equal As Integers    ${status}[totalRecords]    ${count}
    ...    msg=Batch ${batch_id}: totalRecords ${status}[totalRecords], submitted ${count}    values=${FALSE}
    ${results}=    Get All Batch Results    ${batch_id}
    ${answered}=    Evaluate    [r['transactionId'] for r in $results]
    ${submitted}=    Evaluate    [r['transactionId'] for r in $records]
    Lists Should Be Equal    ${answered}    ${submitted}
    ...    msg=Batch ${batch_id}: results are not exactly its own records in submission order    values=${FALSE}
