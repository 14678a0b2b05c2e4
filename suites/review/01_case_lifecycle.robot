*** Settings ***
Documentation    A REFER opens a PENDING case; approving or declining it records the reviewer and time once.
...              A decided case is final: deciding it again is 409 INVALID_TRANSITION and changes nothing.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/review_flow.resource

Test Tags        review    lifecycle


*** Test Cases ***
REFER Opens One Pending Case
    [Documentation]    A REFER without a case is never reviewed: exactly one PENDING case names the decision's
    ...    transaction, applicant, score and source, and reading it by caseId gives the same case.
    ${case}    ${body}=    Open Review Case    REST    label=rev-open
    Case Should Be Pending For Decision    ${case}    ${body}    REST
    ${read}=    Get Review Case    ${case}[caseId]
    Dictionaries Should Be Equal    ${read}    ${case}    msg=GET /reviews/${case}[caseId] differs from the listed case

Pending Case Can Be Approved Or Declined By A Reviewer
    [Documentation]    The manual decision must be recorded as made: status, reviewer, note and decision time,
    ...    in the answer and when the case is read again.
    [Template]    Pending Case Should Be Decided As
    APPROVED
    DECLINED

Decided Case Cannot Be Decided Again
    [Documentation]    A final manual decision must not be overturned by a second click or a replayed request:
    ...    409 INVALID_TRANSITION, and the case keeps its status, reviewer and decision time.
    [Template]    Deciding Again Should Be Refused
    APPROVED    APPROVED
    APPROVED    DECLINED
    DECLINED    APPROVED
    DECLINED    DECLINED

Unknown Case Is Not Found
    [Documentation]    Reading or deciding a case id that was never issued is 404 NOT_FOUND, never a new case.
    [Template]    Unknown Case Request Should Be Not Found
    GET    ${EMPTY}
    POST    /approve
    POST    /decline

Case Lifecycle Is Stored In The Database
    [Documentation]    The review audit trail is the reviews row: it must be PENDING after the REFER and hold the
    ...    reviewer, note and decision time the API answered once decided.
    [Setup]    Connect To Scoring Database
    ${case}    ${_}=    Open Review Case    REST    label=rev-db
    Review Row Should Equal Case    ${case}
    ${decided}=    Decide Case    ${case}[caseId]    APPROVED
    Review Row Should Equal Case    ${decided}
    [Teardown]    Disconnect From Scoring Database


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
