*** Settings ***
Documentation    The approved baseline itself (sign-off, coverage), a realtime REST sample of it, and the
...              recording of candidate baselines that never overwrite the approved one.
...
...              Tolerances as in ``resources/regression.resource``: ``score`` absolute 0,
...              ``probabilityOfDefault`` absolute 1e-6, decision, risk band and ordered reason codes exact.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/regression.resource

Suite Setup      Load The Approved Baseline

Test Tags        regression    baseline


*** Variables ***
@{REQUIRED_SEGMENTS}    prime    near_prime    thin_file    high_dti    senior    young    self_employed


*** Test Cases ***
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
