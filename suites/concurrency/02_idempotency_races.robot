*** Settings ***
Documentation     Races on one transactionId and parallel batches.
...
...               Concurrent duplicates of one request must get the one stored answer; concurrent
...               different payloads under one transactionId must leave exactly one winner and 409s;
...               batches submitted at the same moment must not mix their records.

Resource          ../../resources/scoregate.resource
Resource          ../../resources/concurrency.resource

Suite Setup       Connect To Scoring Database When Available
Suite Teardown    Disconnect From Scoring Database

Test Tags         concurrency    idempotency


*** Variables ***
${RACERS}         ${16}
@{BATCH_SIZES}    40    80    120    160


*** Test Cases ***
Concurrent Identical Requests Get One Decision And Identical Bodies
    [Documentation]    Risk: a transaction retried by several callers at once is scored and stored more than once.
    ...    Half of the copies send the fields in reverse order: key order does not make a new request.
    ${applicant}=    New Applicant    near_prime    label=conc-replay
    ${copies}=    Copies Of Applicant    ${applicant}    ${RACERS}
    ${results}=    Score In Parallel    ${copies}    threads=${RACERS}
    Parallel Results Should All Have Status    ${results}    200
    Parallel Results Should Have Identical Bodies    ${results}
    Exactly One Result Should Be Fresh And The Rest Replays    ${results}
    Stored Decision Should Equal Result    ${results}[0]

Concurrent Identical Requests Leave One Row In The Database
    [Documentation]    Risk: the idempotency check and the insert race, and duplicates reach the decisions table.
    Require Database Access
    ${applicant}=    New Applicant    prime    label=conc-replay-db
    ${copies}=    Copies Of Applicant    ${applicant}    ${RACERS}
    ${results}=    Score In Parallel    ${copies}    threads=${RACERS}
    Parallel Results Should All Have Status    ${results}    200
    VAR    @{first}=    ${results}[0]
    Stored Decisions Should Match Parallel Results    ${applicant}[transactionId]    ${first}

Concurrent Conflicting Payloads For One Transaction Leave Exactly One Winner
    [Documentation]    Risk: different requests under one transactionId overwrite each other instead of being refused.
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
