*** Settings ***
Documentation    REST score responses of every outcome conform to the served ``ScoreResponse`` schema and obey
...              the scorecard's business rules (cutoffs, bands, reason codes, probability of default).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/contract.resource

Suite Setup      Load Served Contracts

Test Tags        contract    rest


*** Test Cases ***
APPROVE Response Conforms And Carries No Reasons
    [Documentation]    The approved path (720, band B): schema, cutoffs, band, PD, and no adverse-action reasons.
    ${body}=    Score Response Should Honour The Contract    ${APPROVE_PROFILE}    APPROVE
    Should Be Equal As Integers    ${body}[score]    720

REFER Response Just Below The Approve Cutoff Conforms
    [Documentation]    A 670 must be referred, not approved (a lowered approve cutoff would approve it), with
    ...    1..4 reasons even though all six characteristics fall short.
    ${body}=    Score Response Should Honour The Contract    ${REFER_PROFILE}    REFER
    Should Be Equal As Integers    ${body}[score]    670
    Should Be Equal    ${body}[riskBand]    D

DECLINE Response Conforms With At Most Four Principal Reasons
    [Documentation]    Reg B: a decline states its principal reasons, at most four, even when all six
    ...    characteristics fall short (460, band E).
    ${body}=    Score Response Should Honour The Contract    ${DECLINE_PROFILE}    DECLINE
    ${codes}=    Get Value From Json    ${body}    $.reasonCodes[*].code
    VAR    @{largest_shortfalls}=    R04    R02    R01    R03
    Lists Should Be Equal    ${codes}    ${largest_shortfalls}
    ...    msg=DECLINE reasons: expected the four largest shortfalls ${largest_shortfalls} in order, got ${codes}
    ...    values=${FALSE}

No Income Policy Decline Conforms With P01 First
    [Documentation]    A policy decline (P01) is a DECLINE with ``policyRule`` P01 and P01 as the first reason.
    Score Response Should Honour The Contract    ${P01_PROFILE}    DECLINE    policy=P01

Amount Policy Decline Conforms With P02 First
    [Documentation]    A P02 decline overrides an approving score (685): DECLINE, ``policyRule`` P02, P02 first.
    ${body}=    Score Response Should Honour The Contract    ${P02_PROFILE}    DECLINE    policy=P02
    Should Be Equal As Integers    ${body}[score]    685

Challenger Model Response Conforms And Names Its Model
    [Documentation]    Responses of the challenger model follow the same schema and rules and say which model
    ...    and version decided (model governance).
    ${body}=    Score Response Should Honour The Contract    ${APPROVE_PROFILE}    APPROVE
    ...    model=${CHALLENGER_MODEL_CODE}
    Should Be Equal    ${body}[modelCode]    ${CHALLENGER_MODEL_CODE}
    Should Be Equal    ${body}[modelVersion]    2.0.0

Reason Codes Carry The Published Descriptions
    [Documentation]    Adverse-action notices print the descriptions: each code must carry its published text.
    ${refer}=    Score Response Should Honour The Contract    ${REFER_PROFILE}    REFER
    Reason Codes Should Carry Published Descriptions    ${refer}
    ${decline}=    Score Response Should Honour The Contract    ${P02_PROFILE}    DECLINE    policy=P02
    Reason Codes Should Carry Published Descriptions    ${decline}

Every Response Of A Mixed Population Honours The Contract
    [Documentation]    40 synthetic applicants across all segments: every response conforms to the schema and
    ...    obeys the business rules, and the population reaches all three decisions.
    ${prefix}=    New Transaction Id    pop
    ${applicants}=    Generate Synthetic Applicants    ${POPULATION_SIZE}    mixed    seed=2026    id_prefix=${prefix}
    ${bodies}=    Every Score Response Should Honour The Contract    ${applicants}
    ${decisions}=    Get Value From Json    ${bodies}    $[*].decision
    ${reached}=    Remove Duplicates    ${decisions}
    Sort List    ${reached}
    VAR    @{all_decisions}=    APPROVE    DECLINE    REFER
    Lists Should Be Equal    ${reached}    ${all_decisions}
    ...    msg=the population should reach APPROVE, REFER and DECLINE, reached ${reached}    values=${FALSE}
