*** Settings ***
Documentation    Every case of the approved baseline, scored in one champion batch, against its approved outcome.
...
...              Tolerances (``@{BASELINE_TOLERANCES}`` in ``resources/regression.resource``): ``score``
...              absolute 0, ``probabilityOfDefault`` absolute 1e-6, ``decision``, ``riskBand`` and the
...              ordered ``reasonCodes`` exact.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/regression.resource

Suite Setup      Score The Approved Baseline In One Batch

Test Tags        regression    baseline


*** Test Cases ***
Every Baseline Case Keeps Its Approved Outcome In Batch
    [Documentation]    Risk: a change of the champion's points, cutoffs, bands, PD formula or reason codes
    ...    reaches production unnoticed. All cases are compared by caseId; the summary is logged.
    ${summary}=    Results Should Match Baseline    ${BATCH_RESULTS}    ${REGRESSION_BASELINE}
    ...    @{BASELINE_TOLERANCES}    key=caseId
    Should Be Equal As Integers    ${summary}[compared]    ${summary}[total]
    ...    msg=Only ${summary}[compared] of ${summary}[total] baseline cases were compared
    Log    Regression: ${summary}[matched] matched exactly, ${summary}[within_tolerance] within tolerance

Every Segment Keeps Its Approved Outcomes
    [Documentation]    Risk: a change confined to one population segment (self-employed, seniors, thin files)
    ...    hides in the overall figures. Each segment is compared on its own and every differing
    ...    segment is named.
    Every Segment Should Match The Baseline    ${BATCH_RESULTS}    ${BASELINE}[records]

Scoring The Baseline Twice Gives Identical Outcomes
    [Documentation]    Risk: non-deterministic scoring (random offsets, state carried between requests):
    ...    the same inputs scored again in a second batch with fresh transactionIds must give
    ...    exactly the same score, decision, band, PD and reason codes (paired by applicantId,
    ...    unique per baseline case).
    ${prefix}=    New Transaction Id    reg-b2
    ${requests}=    Baseline Score Requests    ${BASELINE}[records]    ${prefix}
    ${batch_id}=    Submit Batch And Wait Until Completed    ${requests}    model_code=${MODEL_CODE}
    ${again}=    Get All Batch Results    ${batch_id}
    Results Should Match Baseline    ${again}    ${BATCH_RESULTS}    score=abs:0    probabilityOfDefault=abs:0
    ...    key=applicantId

Documented Tolerances Accept Rounding Noise Only
    [Documentation]    Risk: tolerances wide enough to hide a regression. A PD off by 5e-7 (rounding noise)
    ...    passes; a score off by one point, a flipped decision or reordered reason codes fail.
    ${case}=    Get From List    ${BASELINE}[records]    0
    ${noisy_pd}=    Evaluate    ${case}[probabilityOfDefault] + 0.0000005
    Changed Case Should Still Match    ${case}    probabilityOfDefault    ${noisy_pd}
    ${other_decision}=    Set Variable If    $case['decision'] == 'DECLINE'    REFER    DECLINE
    VAR    @{other_codes}=    R05    R01
    Changed Case Should Not Match    ${case}    score    ${{int($case['score']) + 1}}
    Changed Case Should Not Match    ${case}    decision    ${other_decision}
    Changed Case Should Not Match    ${case}    reasonCodes    ${other_codes}


*** Keywords ***
Score The Approved Baseline In One Batch
    [Documentation]    Load the approved baseline and score all its cases in one champion batch.
    ${baseline}=    Load Approved Baseline
    ${results}=    Score Baseline Cases In Batch    ${baseline}[records]
    VAR    ${BASELINE}=    ${baseline}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${BATCH_RESULTS}=    ${results}    scope=SUITE    # robocop: off=no-suite-variable

Changed Case Should Still Match
    [Documentation]    Change ``field`` of a baseline case to ``value``; the comparison must still pass.
    [Arguments]    ${case}    ${field}    ${value}
    ${changed}=    Copy Dictionary    ${case}
    Set To Dictionary    ${changed}    ${field}=${value}
    VAR    @{actual}=    ${changed}
    VAR    @{expected}=    ${case}
    Results Should Match Baseline    ${actual}    ${expected}    @{BASELINE_TOLERANCES}    key=caseId

Changed Case Should Not Match
    [Documentation]    Change ``field`` of a baseline case to ``value``; the comparison must fail naming it.
    [Arguments]    ${case}    ${field}    ${value}
    ${changed}=    Copy Dictionary    ${case}
    Set To Dictionary    ${changed}    ${field}=${value}
    VAR    @{actual}=    ${changed}
    VAR    @{expected}=    ${case}
    ${error}=    Run Keyword And Expect Error    Results differ from the baseline*
    ...    Results Should Match Baseline    ${actual}    ${expected}    @{BASELINE_TOLERANCES}    key=caseId
    Should Contain    ${error}    ${case}[caseId] ${field}
