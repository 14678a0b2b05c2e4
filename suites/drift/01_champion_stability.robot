*** Settings ***
Documentation    The champion against itself: the same population scored twice must not drift, and two
...              small independent samples of one population must not raise a false alarm.
...
...              Population: ``${POPULATION_SIZE}`` mixed synthetic applicants (seed ``${POPULATION_SEED}``),
...              scored in two champion batches with the same records. With n = m = 1000 and 10 bins the
...              chi-square critical PSI is about 0.034, below the 0.10 "stable" bound.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/drift.resource

Suite Setup      Score The Population Twice With The Champion

Test Tags        drift    stability


*** Test Cases ***
Champion Score Distribution Is Stable On The Same Population
    [Documentation]    Risk: the champion's score distribution moves between two runs on identical inputs.
    ...    PSI over the deciles stays below 0.10 and the chi-square critical value; KS does not reject.
    Score Distributions Should Be Stable    ${FIRST_RUN}    ${SECOND_RUN}    labels=first run,second run

Champion Decision Rates Do Not Shift On The Same Population
    [Documentation]    Risk: approve, refer or decline rates change between runs on identical inputs
    ...    (two-proportion z test per decision at alpha 0.01).
    Decision Rates Should Not Shift    ${FIRST_RUN}    ${SECOND_RUN}    alpha=${DRIFT_ALPHA}

Champion Against Itself Has An Empty Swap Set
    [Documentation]    Risk: individual decisions change while the rates look stable. Pairing the two runs
    ...    by transactionId, no decision may flip and no record may be unpaired.
    ${swap}=    Build Swap Set    ${FIRST_RUN}    ${SECOND_RUN}    key=transactionId
    Should Be Equal As Integers    ${swap}[paired]    ${POPULATION_SIZE}
    ...    msg=Only ${swap}[paired] of ${POPULATION_SIZE} decisions could be paired
    Swap Set Should Have No Flips    ${swap}

Small Independent Samples Of One Population Raise No False Alarm
    [Documentation]    Risk: a drift check that alarms on sampling noise. Two independent samples of 100 from
    ...    the same population have a PSI that a fixed 0.10 bound would often call drift (the chance
    ...    level at n = m = 100 is about 0.34); the chi-square critical value keeps it quiet, and the KS
    ...    test does not reject.
    ${first}=    New Scoring Population    100    mixed    seed=101    label=drift-small-a
    ${second}=    New Scoring Population    100    mixed    seed=202    label=drift-small-b
    ${first_results}=    Score Population In Batch    ${first}
    ${second_results}=    Score Population In Batch    ${second}
    ${psi}=    Calculate PSI    ${first_results}    ${second_results}
    Log    PSI of two samples of 100 from one population: ${psi} (a fixed 0.10 bound alone alarms above 0.10)
    Score Distributions Should Be Stable    ${first_results}    ${second_results}    labels=sample A,sample B


*** Keywords ***
Score The Population Twice With The Champion
    [Documentation]    Score the same population in two champion batches.
    ${population}=    New Scoring Population    label=drift-same
    ${first}=    Score Population In Batch    ${population}
    ${second}=    Score Population In Batch    ${population}
    VAR    ${FIRST_RUN}=    ${first}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${SECOND_RUN}=    ${second}    scope=SUITE    # robocop: off=no-suite-variable
