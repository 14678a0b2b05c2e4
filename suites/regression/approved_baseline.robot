*** Settings ***
Documentation    The approved baseline: every case scored in one champion batch against its approved outcome,
...              the baseline itself (sign-off, coverage), a realtime REST sample of it, and the recording of
...              candidate baselines that never overwrite the approved one.
...
...              Tolerances (``@{BASELINE_TOLERANCES}`` in ``resources/regression.resource``): ``score``
...              absolute 0, ``probabilityOfDefault`` absolute 1e-6, ``decision``, ``riskBand`` and the
...              ordered ``reasonCodes`` exact.
...
...              The baseline is read once for the suite; its batch is scored once, by the setup of the first
...              test that compares it.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/regression.resource

Suite Setup      Load The Approved Baseline

Test Tags        regression    baseline


*** Variables ***
@{REQUIRED_SEGMENTS}    prime    near_prime    thin_file    high_dti    senior    young    self_employed
${BATCH_RESULTS}        ${NONE}


*** Test Cases ***
Every Baseline Case Keeps Its Approved Outcome In Batch
    [Documentation]    Risk: a change of the champion's points, cutoffs, bands, PD formula or reason codes
    ...    reaches production unnoticed. All cases are compared by caseId; the summary is logged.
    [Setup]    Score The Approved Baseline Once
    ${summary}=    Results Should Match Baseline    ${BATCH_RESULTS}    ${REGRESSION_BASELINE}
    ...    @{BASELINE_TOLERANCES}    key=caseId
    Should Be Equal As Integers    ${summary}[compared]    ${summary}[total]
    ...    msg=Only ${summary}[compared] of ${summary}[total] baseline cases were compared
    Log    Regression: ${summary}[matched] matched exactly, ${summary}[within_tolerance] within tolerance

Every Segment Keeps Its Approved Outcomes
    [Documentation]    Risk: a change confined to one population segment (self-employed, seniors, thin files)
    ...    hides in the overall figures. Each segment is compared on its own and every differing
    ...    segment is named.
    [Setup]    Score The Approved Baseline Once
    Every Segment Should Match The Baseline    ${BATCH_RESULTS}    ${BASELINE}[records]

Scoring The Baseline Twice Gives Identical Outcomes
    [Documentation]    Risk: non-deterministic scoring (random offsets, state carried between requests):
    ...    the same inputs scored again in a second batch with fresh transactionIds must give
    ...    exactly the same score, decision, band, PD and reason codes (paired by applicantId,
    ...    unique per baseline case).
    [Setup]    Score The Approved Baseline Once
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

Approved Baseline Is Signed Off For The Served Champion Version
    [Documentation]    Risk: comparing against an unreviewed or outdated reference. The baseline must be
    ...    approved (approvedBy, approvedOn) for the model code and version the target serves as champion.
    Baseline Should Be Approved For The Champion    ${BASELINE}

Approved Baseline Covers Every Segment With Replayable Cases
    [Documentation]    Risk: a baseline too small or too narrow to catch a segment-level change. At least
    ...    240 unique cases over at least 7 segments, inputs stored without transactionIds.
    ${segments}=    Baseline Cases Should Be Well Formed    ${BASELINE}
    FOR    ${segment}    IN    @{REQUIRED_SEGMENTS}
        Dictionary Should Contain Key    ${segments}    ${segment}
        ...    msg=The baseline has no ${segment} segment
    END

Realtime REST Sample Keeps Its Approved Outcomes
    [Documentation]    Risk: the realtime channel scores differently from the batch the baseline was
    ...    recorded with. Two cases per segment are scored one by one over REST and compared by caseId.
    ${sample}=    Baseline Sample    ${SEGMENTS}    per_segment=2
    ${results}=    Score Baseline Cases Via REST    ${sample}
    ${summary}=    Results Should Match Baseline    ${results}    ${sample}    @{BASELINE_TOLERANCES}    key=caseId
    Should Be Equal As Integers    ${summary}[compared]    ${summary}[total]
    ...    msg=Only ${summary}[compared] of ${summary}[total] sampled cases were compared

Recording A Baseline Writes A Candidate And Never Touches The Approved File
    [Documentation]    Risk: a test run silently replaces the approved reference with whatever the service
    ...    answers today. Recording over an existing baseline must write ``<stem>.candidate.json``
    ...    beside it, leave the approved bytes unchanged, and the candidate must reproduce the results.
    ...    A copy of the approved file in a per-run folder stands in for it, so the repository is untouched.
    VAR    ${folder}=    ${OUTPUT_DIR}${/}regression-${RUN_ID}
    VAR    ${approved}=    ${folder}${/}credit_risk_v1-1.4.2.json
    Copy File    ${REGRESSION_BASELINE}    ${approved}
    ${approved_before}=    Get Binary File    ${approved}
    ${sample}=    Baseline Sample    ${SEGMENTS}    per_segment=1
    ${results}=    Score Baseline Cases Via REST    ${sample}    label=reg-rec
    ${written}=    Record Baseline    ${results}    ${approved}    approved_by=Model Validation (SYN-MV-0001)
    Should Be Equal    ${written}    ${folder}${/}credit_risk_v1-1.4.2.candidate.json
    ...    msg=Record Baseline wrote ${written}, expected the candidate file beside the approved one
    File Should Be Unchanged    ${approved}    ${approved_before}
    Candidate Should Reproduce The Results    ${written}    ${results}
    [Teardown]    Remove Directory    ${OUTPUT_DIR}${/}regression-${RUN_ID}    recursive=${TRUE}


*** Keywords ***
Load The Approved Baseline
    [Documentation]    Read the approved baseline and group its cases by segment, once for the suite.
    ${baseline}=    Load Approved Baseline
    ${segments}=    Baseline Records By Segment    ${baseline}[records]
    VAR    ${BASELINE}=    ${baseline}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${SEGMENTS}=    ${segments}    scope=SUITE    # robocop: off=no-suite-variable

Score The Approved Baseline Once
    [Documentation]    Score the approved baseline in one batch unless an earlier test of the suite did.
    IF    $BATCH_RESULTS is None    Score The Approved Baseline In One Batch

Score The Approved Baseline In One Batch
    [Documentation]    Score all cases of the approved baseline (``\${BASELINE}``) in one champion batch.
    ${results}=    Score Baseline Cases In Batch    ${BASELINE}[records]
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

File Should Be Unchanged
    [Documentation]    Fail when the bytes of ``path`` differ from ``before``.
    [Arguments]    ${path}    ${before}
    ${after}=    Get Binary File    ${path}
    Should Be Equal    ${after}    ${before}    msg=${path} was changed    values=${FALSE}

Candidate Should Reproduce The Results
    [Documentation]    The recorded file must be marked as a candidate and hold exactly ``results``.
    [Arguments]    ${path}    ${results}
    ${candidate}=    Load Approved Baseline    ${path}
    Should Be Equal    ${candidate}[status]    candidate    msg=${path} is not marked as a candidate
    Results Should Match Baseline    ${results}    ${path}    @{BASELINE_TOLERANCES}    key=transactionId
