*** Settings ***
Documentation    Adverse-action reason codes: a refusal states 1 to 4 unique principal reasons from the
...              published list, ordered by how many points each factor lost against its best bin; a
...              policy decline names its policy rule first; an approval states none. Reasons must relate
...              to the factors actually scored. Rows change one field of the reference applicant
...              (``resources/compliance.resource``: score 640, REFER, reasons R01 R04 R05 R06).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/compliance.resource

Suite Setup      Score A Large Mixed Population

Test Tags        compliance    reason-codes


*** Test Cases ***
Every Decision Of A Large Mixed Population Obeys The Adverse Action Rules
    [Documentation]    Risk: a refusal without a principal reason, more than four reasons, duplicated or
    ...    unpublished codes, reasons on an approval, or a policy decline not led by its rule
    ...    (400 mixed applicants and 32 policy declines in one batch).
    Every Result Should Obey The Adverse Action Rules    ${POPULATION_RESULTS}

Every Refusal Of The Population States Its Largest Shortfalls In Order
    [Documentation]    Risk: reasons that are not the principal ones, or not ordered by contribution. Each
    ...    refusal is compared with the published scorecard's shortfall order.
    Every Refusal Should State The Scorecard's Principal Reasons    ${POPULATION_REQUESTS}    ${POPULATION_RESULTS}

Reasons Are Ordered By How Many Points Each Factor Lost
    [Documentation]    Risk: reason codes in a fixed or arbitrary order instead of by contribution; ties go by
    ...    code. Points lost are given per row (credit_risk_v1 unless the row names the challenger).
    [Template]    Decision And Reasons Should Be
    # decision    reasons in order    change to the reference applicant
    REFER    R01|R04|R05|R06
    REFER    R03|R01|R04|R05    employmentStatus=unemployed
    REFER    R05|R01|R04|R06    requestedAmount=${30000}
    REFER    R01|R06|R04|R05    age=${19}
    REFER    R04|R01|R02|R05    modelCode=${CHALLENGER_MODEL_CODE}

Declines State The Factors That Declined Them
    [Documentation]    Risk: a decline without reasons or with reasons unrelated to what lowered the score
    ...    (debt-to-income 0.5: R02 lost 110; no credit history: R04 lost 95; income 900: R01 lost 100).
    [Template]    Decision And Reasons Should Be
    DECLINE    R02|R01|R04|R05    existingDebt=${15000}
    DECLINE    R04|R01|R05|R06    creditHistoryMonths=${0}
    DECLINE    R01|R02|R05|R04    monthlyIncome=${900}
    DECLINE    R02|R04|R01|R05    existingDebt=${15000}    modelCode=${CHALLENGER_MODEL_CODE}

Policy Declines Lead With Their Policy Code
    [Documentation]    Risk: a policy decline explained only by score factors. Zero income declines with P01
    ...    first, an amount above 60 months of income with P02 first, then the largest shortfalls.
    [Template]    Decision And Reasons Should Be
    DECLINE    P01|R02|R01|R05    monthlyIncome=${0}
    DECLINE    P02|R05|R01|R04    requestedAmount=${160000}
    DECLINE    P01|R02|R05|R01    monthlyIncome=${0}    modelCode=${CHALLENGER_MODEL_CODE}

The Worst Bin Of A Scored Factor Is Among The Reasons
    [Documentation]    Risk: reasons that do not relate to the factors actually scored (Reg B official
    ...    commentary). Different applicants with one factor in its worst bin must name that factor.
    [Template]    Reason Should Be Stated
    R02    ${DECLINED_APPLICANT}    age=${30}
    R02    ${REFERENCE_APPLICANT}    existingDebt=${20000}
    R02    ${PRIME_APPLICANT}    existingDebt=${60000}    creditHistoryMonths=${8}    age=${23}
    R04    ${PRIME_APPLICANT}    creditHistoryMonths=${0}    monthlyIncome=${2500}    age=${22}
    R05    ${REFERENCE_APPLICANT}    requestedAmount=${40000}
    R03    ${REFERENCE_APPLICANT}    employmentStatus=unemployed    age=${40}

Reason Codes Carry Their Published Descriptions
    [Documentation]    Risk: vague or altered reason texts ("internal standards") on the adverse-action notice.
    ...    Every code of a refer, a decline and a policy decline carries its published description.
    [Template]    Reasons Should Carry Published Descriptions
    REFER
    DECLINE    existingDebt=${15000}
    DECLINE    monthlyIncome=${0}

Approvals State No Reasons
    [Documentation]    Risk: adverse-action reasons sent with an approval.
    [Template]    Approval Should Carry No Reasons
    ${PRIME_APPLICANT}
    ${PRIME_APPLICANT}    age=${70}    employmentStatus=retired
    ${PRIME_APPLICANT}    modelCode=${CHALLENGER_MODEL_CODE}


*** Keywords ***
Score A Large Mixed Population
    [Documentation]    Score 400 mixed applicants and the policy-decline cases in one champion batch.
    ${requests}=    Mixed Population Requests    400
    ${batch_id}=    Submit Batch And Wait Until Completed    ${requests}    model_code=${MODEL_CODE}
    ${results}=    Get All Batch Results    ${batch_id}
    VAR    ${POPULATION_REQUESTS}=    ${requests}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${POPULATION_RESULTS}=    ${results}    scope=SUITE    # robocop: off=no-suite-variable
