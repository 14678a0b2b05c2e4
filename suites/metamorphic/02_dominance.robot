*** Settings ***
Documentation    Dominance: an applicant at least as good on every monotone characteristic (more income
...              and credit history, less debt and requested amount, same age and employment) never
...              scores lower and never gets a worse decision (APPROVE > REFER > DECLINE).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/metamorphic.resource

Test Tags        metamorphic    dominance


*** Test Cases ***
A Dominating Applicant Never Does Worse In Any Segment
    [Documentation]    Risk: interactions between characteristics (ratios, policy rules) that make a better
    ...    applicant score lower. Four applicants per segment, each against its dominating twin.
    [Template]    Dominating Applicants Should Never Do Worse
    prime    seed=11
    near_prime    seed=12
    thin_file    seed=13
    high_dti    seed=14
    senior    seed=15
    young    seed=16
    self_employed    seed=17

Decisions Only Improve Along A Chain Of Dominating Applicants
    [Documentation]    Risk: a decision that worsens after several improvements, e.g. a declined applicant
    ...    whose income rises across a bin edge. Each step dominates the one before.
    [Template]    Dominance Chain Should Hold
    ${HIGH_DTI_BASE}    steps=5
    ${THIN_FILE_BASE}    steps=5
