*** Settings ***
Documentation    Manual review cases: their lifecycle, and which decisions open them.
...
...              Lifecycle: a REFER opens a PENDING case; approving or declining it records the reviewer and
...              time once. A decided case is final: deciding it again is 409 INVALID_TRANSITION and changes
...              nothing.
...
...              Sources: REFERs from REST, SOAP and batch each open one case, other outcomes and replays open
...              none, and the status filter finds cases by state.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource
Resource         ../../resources/review_flow.resource

Test Tags        review


*** Test Cases ***
REFER Opens One Pending Case
    [Documentation]    A REFER without a case is never reviewed: exactly one PENDING case names the decision's
    ...    transaction, applicant, score and source, and reading it by caseId gives the same case.
    [Tags]    lifecycle
    ${case}    ${body}=    Open Review Case    REST    label=rev-open
    Case Should Be Pending For Decision    ${case}    ${body}    REST
    ${read}=    Get Review Case    ${case}[caseId]
    Dictionaries Should Be Equal    ${read}    ${case}    msg=GET /reviews/${case}[caseId] differs from the listed case

Pending Case Can Be Approved Or Declined By A Reviewer
    [Documentation]    The manual decision must be recorded as made: status, reviewer, note and decision time,
    ...    in the answer and when the case is read again.
    [Tags]    lifecycle
    [Template]    Pending Case Should Be Decided As
    APPROVED
    DECLINED

Decided Case Cannot Be Decided Again
    [Documentation]    A final manual decision must not be overturned by a second click or a replayed request:
    ...    409 INVALID_TRANSITION, and the case keeps its status, reviewer and decision time.
    [Tags]    lifecycle
    [Template]    Deciding Again Should Be Refused
    APPROVED    APPROVED
    APPROVED    DECLINED
    DECLINED    APPROVED
    DECLINED    DECLINED

Unknown Case Is Not Found
    [Documentation]    Reading or deciding a case id that was never issued is 404 NOT_FOUND, never a new case.
    [Tags]    lifecycle
    [Template]    Unknown Case Request Should Be Not Found
    GET    ${EMPTY}
    POST    /approve
    POST    /decline

Case Lifecycle Is Stored In The Database
    [Documentation]    The review audit trail is the reviews row: it must be PENDING after the REFER and hold the
    ...    reviewer, note and decision time the API answered once decided.
    [Tags]    lifecycle
    [Setup]    Connect To Scoring Database
    ${case}    ${_}=    Open Review Case    REST    label=rev-db
    Review Row Should Equal Case    ${case}
    ${decided}=    Decide Case    ${case}[caseId]    APPROVED
    Review Row Should Equal Case    ${decided}
    [Teardown]    Disconnect From Scoring Database

APPROVE And DECLINE Decisions Open No Case
    [Documentation]    Automatic approvals and declines must not flood the manual review queue.
    [Tags]    sources
    [Template]    Outcome Should Open No Case
    APPROVE
    DECLINE
    P01

SOAP REFER Opens A Case With Source SOAP
    [Documentation]    REFERs arriving over SOAP need review too, traced to their channel.
    [Tags]    sources
    ${case}    ${body}=    Open Review Case    SOAP    label=rev-soap
    Case Should Be Pending For Decision    ${case}    ${body}    SOAP

Batch REFERs Open Cases With Source BATCH
    [Documentation]    Every REFER of a batch opens one PENDING case naming the batch; other batch records none.
    [Tags]    sources
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
    [Tags]    sources
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
    [Tags]    sources
    ${applicant}    ${body}=    Score Known Outcome Via Channel    REFER    label=rev-replay
    ${case}=    Get Review Case For Transaction    ${body}[transactionId]
    Score Applicant    ${applicant}
    Score Applicant Via SOAP    ${applicant}
    ${again}=    Get Review Case For Transaction    ${body}[transactionId]
    Should Be Equal    ${again}[caseId]    ${case}[caseId]
    ...    msg=The replayed REFER is now reviewed as ${again}[caseId] instead of ${case}[caseId]    values=${FALSE}


*** Keywords ***
Pending Case Should Be Decided As
    [Documentation]    Open a REST case, decide it as ``status``; the answer and a fresh read show the decision.
    [Arguments]    ${status}
    ${case}    ${_}=    Open Review Case    REST    label=rev-decide
    ${decided}=    Decide Case    ${case}[caseId]    ${status}
    Case Should Be Decided    ${decided}    ${status}
    ${read}=    Get Review Case    ${case}[caseId]
    Dictionaries Should Be Equal    ${read}    ${decided}    msg=The decided case reads back differently

Deciding Again Should Be Refused
    [Documentation]    Decide a new case as ``first``, then try ``second``: 409 INVALID_TRANSITION, case unchanged.
    [Arguments]    ${first}    ${second}
    ${decided}=    Decided Review Case    ${first}
    ${response}=    Decide Case    ${decided}[caseId]    ${second}    expected_status=any
    Response Should Be JSON Error    ${response}    409    INVALID_TRANSITION
    ${read}=    Get Review Case    ${decided}[caseId]
    Dictionaries Should Be Equal    ${read}    ${decided}
    ...    msg=A refused ${second} changed the ${first} case ${decided}[caseId]

Unknown Case Request Should Be Not Found
    [Documentation]    Send ``method`` to ``/api/v1/reviews/<unknown id><action>``; assert 404 NOT_FOUND.
    [Arguments]    ${method}    ${action}
    ${response}=    Send Scoring Request    ${method}    ${REVIEWS_PATH}/${UNKNOWN_CASE_ID}${action}
    Response Should Be JSON Error    ${response}    404    NOT_FOUND

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
