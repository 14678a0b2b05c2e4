*** Settings ***
Documentation    Which decisions open cases: REFERs from REST, SOAP and batch each open one, other outcomes and
...              replays open none, and the status filter finds cases by state.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource
Resource         ../../resources/review_flow.resource

Test Tags        review    sources


*** Test Cases ***
APPROVE And DECLINE Decisions Open No Case
    [Documentation]    Automatic approvals and declines must not flood the manual review queue.
    [Template]    Outcome Should Open No Case
    APPROVE
    DECLINE
    P01

SOAP REFER Opens A Case With Source SOAP
    [Documentation]    REFERs arriving over SOAP need review too, traced to their channel.
    ${case}    ${body}=    Open Review Case    SOAP    label=rev-soap
    Case Should Be Pending For Decision    ${case}    ${body}    SOAP

Batch REFERs Open Cases With Source BATCH
    [Documentation]    Every REFER of a batch opens one PENDING case naming the batch; other batch records none.
    ${records}=    Mixed Applicant Set    10    label=REVB
    ${refer}=    Applicant With Known Outcome    REFER    label=rev-batch
    Append To List    ${records}    ${refer}
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    ${decisions}=    Field Values    ${results}    decision
    Should Contain    ${decisions}    REFER    msg=The batch holds no REFER result to check
    FOR    ${result}    IN    @{results}
        Batch Record Should Have Case If Referred    ${result}    ${batch_id}
    END

Status Filter Returns Only Cases In That Status
    [Documentation]    Reviewers work from filtered queues: each status filter lists only cases in that status,
    ...    and finds a case exactly when it is in that status.
    ${pending}    ${_}=    Open Review Case    REST    label=rev-filter
    ${approved}=    Decided Review Case    APPROVED
    ${declined}=    Decided Review Case    DECLINED
    VAR    @{cases}=    ${pending}    ${approved}    ${declined}
    FOR    ${status}    IN    @{CASE_STATES}
        Listed Cases Should All Be    ${status}
        Status Filter Should Find Only Cases In    ${status}    ${cases}
    END

Replayed REFER Opens No Second Case
    [Documentation]    Retries of a REFER over REST and SOAP replay the decision: the one case stays the only one.
    ${applicant}    ${body}=    Score Known Outcome Via Channel    REFER    label=rev-replay
    ${case}=    Get Review Case For Transaction    ${body}[transactionId]
    Score Applicant    ${applicant}
    Score Applicant Via SOAP    ${applicant}
    ${again}=    Get Review Case For Transaction    ${body}[transactionId]
    Should Be Equal    ${again}[caseId]    ${case}[caseId]
    ...    msg=The replayed REFER is now reviewed as ${again}[caseId] instead of ${case}[caseId]    values=${FALSE}


*** Keywords ***
Outcome Should Open No Case
    [Documentation]    Score a new applicant of known ``outcome`` over REST; no review case may name it.
    [Arguments]    ${outcome}
    ${_}    ${body}=    Score Known Outcome Via Channel    ${outcome}    label=rev-none
    No Review Case Should Exist For Transaction    ${body}[transactionId]

Batch Record Should Have Case If Referred
    [Documentation]    A REFER batch result has one PENDING BATCH case with the batch id; other results have none.
    [Arguments]    ${result}    ${batch_id}
    IF    $result['decision'] == 'REFER'
        ${case}=    Get Review Case For Transaction    ${result}[transactionId]
        Case Should Be Pending For Decision    ${case}    ${result}    BATCH    batch_id=${batch_id}
    ELSE
        No Review Case Should Exist For Transaction    ${result}[transactionId]
    END

Listed Cases Should All Be
    [Documentation]    List up to 1000 cases filtered by ``status``; every listed case must be in that status.
    [Arguments]    ${status}
    ${listed}=    List Review Cases    ${status}    limit=1000
    ${states}=    Field Values    ${listed}    status
    Remove Values From List    ${states}    ${status}
    Should Be Empty    ${states}    msg=status=${status} lists cases in ${states}

Status Filter Should Find Only Cases In
    [Documentation]    Filtering by ``status`` and a case's transaction finds the case only when it is in ``status``.
    [Arguments]    ${status}    ${cases}
    FOR    ${case}    IN    @{cases}
        ${found}=    List Review Cases    ${status}    transaction_id=${case}[transactionId]
        VAR    ${expected}=    ${0}
        IF    $case['status'] == $status    VAR    ${expected}=    ${1}
        Length Should Be    ${found}    ${expected}
        ...    msg=status=${status}: ${case}[status] case ${case}[caseId] listed ${{len($found)}} times
    END
