*** Settings ***
Documentation    Monotonicity: each base applicant is scored along a ladder of one characteristic that
...              crosses every bin edge (see ``resources/metamorphic.resource`` for the bases and ladders).
...              Adjacent rungs are compared; a break names both values, transactionIds and scores.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/metamorphic.resource

Test Tags        metamorphic    monotonicity


*** Test Cases ***
More Income Never Lowers The Score
    [Documentation]    Risk: an income bin with fewer points than the bin below it, so an applicant earning
    ...    more is scored worse (0 up to 25,000 a month, over both models).
    [Template]    Score Should Never Fall As Value Rises
    ${NEAR_PRIME_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${THIN_FILE_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${SENIOR_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${HIGH_DTI_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${NEAR_PRIME_BASE}    monthlyIncome    ${INCOME_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

A Longer Credit History Never Lowers The Score
    [Documentation]    Risk: a longer credit history earning fewer points (0 up to 960 months).
    [Template]    Score Should Never Fall As Value Rises
    ${NEAR_PRIME_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${THIN_FILE_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${HIGH_DTI_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${THIN_FILE_BASE}    creditHistoryMonths    ${HISTORY_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

More Existing Debt Never Raises The Score
    [Documentation]    Risk: a higher debt-to-income ratio earning more points (debt 0 up to 10,000,000).
    [Template]    Score Should Never Rise As Value Rises
    ${NEAR_PRIME_BASE}    existingDebt    ${DEBT_LADDER}
    ${SENIOR_BASE}    existingDebt    ${DEBT_LADDER}
    ${HIGH_DTI_BASE}    existingDebt    ${DEBT_LADDER}
    ${HIGH_DTI_BASE}    existingDebt    ${DEBT_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

A Larger Requested Amount Never Raises The Score
    [Documentation]    Risk: a higher loan-to-income ratio earning more points (100 up to 1,000,000,
    ...    across the policy limit of 60 months of income).
    [Template]    Score Should Never Rise As Value Rises
    ${NEAR_PRIME_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${THIN_FILE_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${SENIOR_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${SENIOR_BASE}    requestedAmount    ${AMOUNT_LADDER}    model_code=${CHALLENGER_MODEL_CODE}
