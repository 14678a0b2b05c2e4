*** Settings ***
Documentation    Champion against challenger on the same ``${POPULATION_SIZE}`` mixed applicants (one batch
...              per model): PSI, KS, decision-rate shifts and the swap set are reported, and the
...              challenger's changes must stay within the documented bounds: PSI below the major-shift
...              bound ``${PSI_MAJOR}``, at most ``${CHALLENGER_MAX_FLIP_RATE}`` of decisions flipped,
...              no decision jumping from APPROVE to DECLINE or back.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/drift.resource

Suite Setup      Score The Population With Champion And Challenger

Test Tags        drift    champion-challenger


*** Test Cases ***
Challenger Score Shift Is Reported And Below A Major Shift
    [Documentation]    Risk: promoting a challenger whose score distribution is far from the champion's.
    ...    The PSI table, the KS result and both distributions are logged; PSI must stay below 0.25.
    Log Score Distributions    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}
    ...    labels=${MODEL_CODE},${CHALLENGER_MODEL_CODE}
    ${psi}=    Calculate PSI    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}
    Report Two Sample KS    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}
    Should Be True    ${psi} < ${PSI_MAJOR}
    ...    msg=Challenger PSI ${psi} against the champion is a major shift (>= ${PSI_MAJOR})

Challenger Swap Set Stays Within The Approved Flip Rate
    [Documentation]    Risk: a challenger that changes too many decisions, or moves cases straight between
    ...    APPROVE and DECLINE. The 3x3 swap set with swap-ins and swap-outs is logged; the flip rate
    ...    must stay within 20% and no decision may skip manual review.
    ${swap}=    Build Swap Set    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}    key=transactionId
    Should Be Equal As Integers    ${swap}[paired]    ${POPULATION_SIZE}
    ...    msg=Only ${swap}[paired] of ${POPULATION_SIZE} decisions could be paired
    Log    Swap-ins ${swap}[swap_ins], swap-outs ${swap}[swap_outs], flip rate ${swap}[flip_rate]
    Swap Set Flip Rate Should Be At Most    ${swap}    ${CHALLENGER_MAX_FLIP_RATE}
    Swap Set Should Not Jump Two Levels    ${swap}

Challenger Decision Rate Shifts Are Reported And Bounded
    [Documentation]    Risk: the challenger changes the approval rate beyond what the business accepted.
    ...    Per-decision rates and z tests are logged; the approval rate may move by at most
    ...    10 percentage points.
    Report Decision Rate Shifts    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}
    ${swap}=    Build Swap Set    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}    key=transactionId
    ${champion_rate}=    Decision Share    ${swap}    APPROVE    side=champion
    ${challenger_rate}=    Decision Share    ${swap}    APPROVE    side=challenger
    Log    Approval rate ${champion_rate} (${MODEL_CODE}) -> ${challenger_rate} (${CHALLENGER_MODEL_CODE})
    Should Be True    abs(${challenger_rate} - ${champion_rate}) <= 0.10
    ...    msg=Approval rate moved from ${champion_rate} to ${challenger_rate}, more than 10 percentage points


*** Keywords ***
Score The Population With Champion And Challenger
    [Documentation]    Score one population in a champion batch and a challenger batch.
    ${population}=    New Scoring Population    label=drift-cc
    ${champion}=    Score Population In Batch    ${population}    ${MODEL_CODE}
    ${challenger}=    Score Population In Batch    ${population}    ${CHALLENGER_MODEL_CODE}
    VAR    ${CHAMPION_RESULTS}=    ${champion}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${CHALLENGER_RESULTS}=    ${challenger}    scope=SUITE    # robocop: off=no-suite-variable
