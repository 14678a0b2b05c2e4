*** Settings ***
Documentation    The champion scored today against the score distribution and decisions of the approved
...              regression baseline (``suites/regression/baselines/``): the same applicants through the
...              same approved model version.
...
...              Inputs are identical, so there is no sampling error between the two sides: any
...              difference is drift of the service. Population-wide checks use the usual bounds
...              (PSI 0.10 or the chi-square critical value, KS at alpha 0.01); a change confined to a
...              segment is too small for them, so each baseline segment's risk-band distribution is
...              also held to PSI < 0.10, and every individual decision must be unchanged.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/drift.resource
Resource         ../../resources/regression.resource

Suite Setup      Score The Baseline Population Today

Test Tags        drift    baseline


*** Test Cases ***
Score Distribution Today Matches The Approved Baseline
    [Documentation]    Risk: the champion's overall score distribution drifts from the approved one
    ...    (PSI over the baseline's deciles, KS test); both distributions are logged as a chart.
    Score Distributions Should Be Stable    ${BASELINE}[records]    ${TODAY}    labels=approved baseline,today

Every Segment Keeps Its Approved Risk Band Distribution
    [Documentation]    Risk: drift confined to one segment (e.g. self-employed applicants scored higher)
    ...    that the population-wide PSI averages away. Per baseline segment, PSI over the risk bands
    ...    (edges 600, 680, 720, 760) must stay below 0.10.
    Segment Band PSI Should Stay Stable    ${TODAY}    ${BASELINE}[records]

Decisions Today Have No Flips Against The Approved Baseline
    [Documentation]    Risk: individual applicants get another decision than the approved model gave them.
    ...    Pairing by caseId, the swap set (logged) must be empty: no swap-ins, no swap-outs.
    ${swap}=    Build Swap Set    ${BASELINE}[records]    ${TODAY}    key=caseId
    Swap Set Should Have No Flips    ${swap}

Decision Rates Today Match The Approved Baseline
    [Documentation]    Risk: the approve, refer or decline rate moves from the approved rates
    ...    (two-proportion z test per decision at alpha 0.01, against the counts in the baseline header).
    Decision Rates Should Not Shift    ${BASELINE}[decisions]    ${TODAY}    alpha=${DRIFT_ALPHA}


*** Keywords ***
Score The Baseline Population Today
    [Documentation]    Load the approved baseline and score its applicants in one champion batch.
    ${baseline}=    Load Approved Baseline
    ${today}=    Score Baseline Cases In Batch    ${baseline}[records]    label=drift-bl
    VAR    ${BASELINE}=    ${baseline}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${TODAY}=    ${today}    scope=SUITE    # robocop: off=no-suite-variable
