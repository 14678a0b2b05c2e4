*** Settings ***
Documentation    Drift of the score and decision distributions: the champion against itself, against the
...              challenger and against the approved regression baseline.
...
...              Champion stability: the same population scored twice must not drift, and two small
...              independent samples of one population must not raise a false alarm. Population:
...              ``${POPULATION_SIZE}`` mixed synthetic applicants (seed ``${POPULATION_SEED}``), scored in two
...              champion batches with the same records. With n = m = 1000 and 10 bins the chi-square critical
...              PSI is about 0.034, below the 0.10 "stable" bound.
...
...              Champion against challenger on the same ``${POPULATION_SIZE}`` mixed applicants (one batch per
...              model): PSI, KS, decision-rate shifts and the swap set are reported, and the challenger's
...              changes must stay within the documented bounds: PSI below the major-shift bound
...              ``${PSI_MAJOR}``, at most ``${CHALLENGER_MAX_FLIP_RATE}`` of decisions flipped, no decision
...              jumping from APPROVE to DECLINE or back.
...
...              Baseline drift: the champion scored today against the score distribution and decisions of the
...              approved regression baseline (``suites/regression/baselines/``): the same applicants through
...              the same approved model version. Inputs are identical, so there is no sampling error between
...              the two sides: any difference is drift of the service. Population-wide checks use the usual
...              bounds (PSI 0.10 or the chi-square critical value, KS at alpha 0.01); a change confined to a
...              segment is too small for them, so each baseline segment's risk-band distribution is also held
...              to PSI < 0.10, and every individual decision must be unchanged.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/drift.resource
Resource         ../../resources/regression.resource

Suite Setup      Score The Drift Populations

Test Tags        drift


*** Test Cases ***
Champion Score Distribution Is Stable On The Same Population
    [Documentation]    Risk: the champion's score distribution moves between two runs on identical inputs.
    ...    PSI over the deciles stays below 0.10 and the chi-square critical value; KS does not reject.
    [Tags]    stability
    Score Distributions Should Be Stable    ${FIRST_RUN}    ${SECOND_RUN}    labels=first run,second run

Champion Decision Rates Do Not Shift On The Same Population
    [Documentation]    Risk: approve, refer or decline rates change between runs on identical inputs
    ...    (two-proportion z test per decision at alpha 0.01).
    [Tags]    stability
    Decision Rates Should Not Shift    ${FIRST_RUN}    ${SECOND_RUN}    alpha=${DRIFT_ALPHA}

Champion Against Itself Has An Empty Swap Set
    [Documentation]    Risk: individual decisions change while the rates look stable. Pairing the two runs
    ...    by transactionId, no decision may flip and no record may be unpaired.
    [Tags]    stability
    ${swap}=    Build Swap Set    ${FIRST_RUN}    ${SECOND_RUN}    key=transactionId
    Should Be Equal As Integers    ${swap}[paired]    ${POPULATION_SIZE}
    ...    msg=Only ${swap}[paired] of ${POPULATION_SIZE} decisions could be paired
    Swap Set Should Have No Flips    ${swap}

Small Independent Samples Of One Population Raise No False Alarm
    [Documentation]    Risk: a drift check that alarms on sampling noise. Two independent samples of 100 from
    ...    the same population have a PSI that a fixed 0.10 bound would often call drift (the chance
    ...    level at n = m = 100 is about 0.34); the chi-square critical value keeps it quiet, and the KS
    ...    test does not reject.
    [Tags]    stability
    ${first}=    New Scoring Population    100    mixed    seed=101    label=drift-small-a
    ${second}=    New Scoring Population    100    mixed    seed=202    label=drift-small-b
    ${first_results}=    Score Population In Batch    ${first}
    ${second_results}=    Score Population In Batch    ${second}
    ${psi}=    Calculate PSI    ${first_results}    ${second_results}
    Log    PSI of two samples of 100 from one population: ${psi} (a fixed 0.10 bound alone alarms above 0.10)
    Score Distributions Should Be Stable    ${first_results}    ${second_results}    labels=sample A,sample B

Challenger Score Shift Is Reported And Below A Major Shift
    [Documentation]    Risk: promoting a challenger whose score distribution is far from the champion's.
    ...    The PSI table, the KS result and both distributions are logged; PSI must stay below 0.25.
    [Tags]    champion-challenger
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
    [Tags]    champion-challenger
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
    [Tags]    champion-challenger
    Report Decision Rate Shifts    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}
    ${swap}=    Build Swap Set    ${CHAMPION_RESULTS}    ${CHALLENGER_RESULTS}    key=transactionId
    ${champion_rate}=    Decision Share    ${swap}    APPROVE    side=champion
    ${challenger_rate}=    Decision Share    ${swap}    APPROVE    side=challenger
    Log    Approval rate ${champion_rate} (${MODEL_CODE}) -> ${challenger_rate} (${CHALLENGER_MODEL_CODE})
    Should Be True    abs(${challenger_rate} - ${champion_rate}) <= 0.10
    ...    msg=Approval rate moved from ${champion_rate} to ${challenger_rate}, more than 10 percentage points

Score Distribution Today Matches The Approved Baseline
    [Documentation]    Risk: the champion's overall score distribution drifts from the approved one
    ...    (PSI over the baseline's deciles, KS test); both distributions are logged as a chart.
    [Tags]    baseline
    Score Distributions Should Be Stable    ${BASELINE}[records]    ${TODAY}    labels=approved baseline,today

Every Segment Keeps Its Approved Risk Band Distribution
    [Documentation]    Risk: drift confined to one segment (e.g. self-employed applicants scored higher)
    ...    that the population-wide PSI averages away. Per baseline segment, PSI over the risk bands
    ...    (edges 600, 680, 720, 760) must stay below 0.10.
    [Tags]    baseline
    Segment Band PSI Should Stay Stable    ${TODAY}    ${BASELINE}[records]

Decisions Today Have No Flips Against The Approved Baseline
    [Documentation]    Risk: individual applicants get another decision than the approved model gave them.
    ...    Pairing by caseId, the swap set (logged) must be empty: no swap-ins, no swap-outs.
    [Tags]    baseline
    ${swap}=    Build Swap Set    ${BASELINE}[records]    ${TODAY}    key=caseId
    Swap Set Should Have No Flips    ${swap}

Decision Rates Today Match The Approved Baseline
    [Documentation]    Risk: the approve, refer or decline rate moves from the approved rates
    ...    (two-proportion z test per decision at alpha 0.01, against the counts in the baseline header).
    [Tags]    baseline
    Decision Rates Should Not Shift    ${BASELINE}[decisions]    ${TODAY}    alpha=${DRIFT_ALPHA}


*** Keywords ***
Score The Drift Populations
    [Documentation]    Score the populations every test compares: the same population twice with the champion,
    ...    one population with the champion and the challenger, and the approved baseline's applicants today.
    Score The Population Twice With The Champion
    Score The Population With Champion And Challenger
    Score The Baseline Population Today

Score The Population Twice With The Champion
    [Documentation]    Score the same population in two champion batches.
    ${population}=    New Scoring Population    label=drift-same
    ${first}=    Score Population In Batch    ${population}
    ${second}=    Score Population In Batch    ${population}
    VAR    ${FIRST_RUN}=    ${first}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${SECOND_RUN}=    ${second}    scope=SUITE    # robocop: off=no-suite-variable

Score The Population With Champion And Challenger
    [Documentation]    Score one population in a champion batch and a challenger batch.
    ${population}=    New Scoring Population    label=drift-cc
    ${champion}=    Score Population In Batch    ${population}    ${MODEL_CODE}
    ${challenger}=    Score Population In Batch    ${population}    ${CHALLENGER_MODEL_CODE}
    VAR    ${CHAMPION_RESULTS}=    ${champion}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${CHALLENGER_RESULTS}=    ${challenger}    scope=SUITE    # robocop: off=no-suite-variable

Score The Baseline Population Today
    [Documentation]    Load the approved baseline and score its applicants in one champion batch.
    ${baseline}=    Load Approved Baseline
    ${today}=    Score Baseline Cases In Batch    ${baseline}[records]    label=drift-bl
    VAR    ${BASELINE}=    ${baseline}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${TODAY}=    ${today}    scope=SUITE    # robocop: off=no-suite-variable
