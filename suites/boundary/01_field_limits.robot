*** Settings ***
Documentation    Every numeric request field at and around both ends of its contract range.
...
...              Integers step by 1; money fields step by one cent, the smallest amount a client sends.
...              Values inside the range must be scored (200); values outside must be rejected with
...              422 VALIDATION_FAILED naming exactly that field as ``out_of_range``.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/boundary.resource

Test Template    Boundary Value Should Be Enforced

Test Tags        boundary    field-limits


*** Test Cases ***
Age 17 Below The Minimum Is Rejected
    [Documentation]    A minor must never be scored (age of majority; the contract's minimum is 18).
    age    17    rejected
Age 18 At The Minimum Is Accepted
    [Documentation]    The youngest adult applicant must be scored, not turned away by an off-by-one limit.
    age    18    accepted
Age 19 Just Above The Minimum Is Accepted
    [Documentation]    Ages inside the range near the lower limit are scored.
    age    19    accepted
Age 99 Just Below The Maximum Is Accepted
    [Documentation]    Ages inside the range near the upper limit are scored.
    age    99    accepted
Age 100 At The Maximum Is Accepted
    [Documentation]    The oldest allowed applicant is scored (an exclusive upper limit would reject it).
    age    100    accepted
Age 101 Above The Maximum Is Rejected
    [Documentation]    Implausible ages are rejected instead of being scored in the 62+ bin.
    age    101    rejected
Monthly Income One Cent Below Zero Is Rejected
    [Documentation]    A negative income would make both ratios negative and earn the best ratio bins.
    monthlyIncome    -0.01    rejected
Monthly Income Zero Is Accepted
    [Documentation]    No income is a valid input (declined by policy P01, never rejected as invalid).
    monthlyIncome    0    accepted
Monthly Income One Cent Is Accepted
    [Documentation]    The smallest positive income is scored; the ratios must not divide by a rounded zero.
    monthlyIncome    0.01    accepted
Monthly Income One Cent Below The Maximum Is Accepted
    [Documentation]    Incomes just inside the upper limit are scored.
    monthlyIncome    999999.99    accepted
Monthly Income At The Maximum Is Accepted
    [Documentation]    The maximum income (1,000,000) is inclusive.
    monthlyIncome    1000000    accepted
Monthly Income One Cent Above The Maximum Is Rejected
    [Documentation]    Incomes above the contract's range are rejected, not scored in the top bin.
    monthlyIncome    1000000.01    rejected
Requested Amount One Cent Below The Minimum Is Rejected
    [Documentation]    Loans under 100 are not offered; the limit is exact to the cent.
    requestedAmount    99.99    rejected
Requested Amount At The Minimum Is Accepted
    [Documentation]    The smallest loan (100) is inclusive.
    requestedAmount    100    accepted
Requested Amount One Cent Above The Minimum Is Accepted
    [Documentation]    Amounts just inside the lower limit are scored.
    requestedAmount    100.01    accepted
Requested Amount One Cent Below The Maximum Is Accepted
    [Documentation]    Amounts just inside the upper limit are scored.
    requestedAmount    999999.99    accepted
Requested Amount At The Maximum Is Accepted
    [Documentation]    The largest loan (1,000,000) is inclusive.
    requestedAmount    1000000    accepted
Requested Amount One Cent Above The Maximum Is Rejected
    [Documentation]    Amounts above the contract's range are rejected before scoring.
    requestedAmount    1000000.01    rejected
Existing Debt One Cent Below Zero Is Rejected
    [Documentation]    Negative debt would lower debt-to-income and raise the score: it must be rejected.
    existingDebt    -0.01    rejected
Existing Debt Zero Is Accepted
    [Documentation]    An applicant without debt is scored in the best debt-to-income bin.
    existingDebt    0    accepted
Existing Debt One Cent Is Accepted
    [Documentation]    The smallest positive debt is scored.
    existingDebt    0.01    accepted
Existing Debt One Cent Below The Maximum Is Accepted
    [Documentation]    Debts just inside the upper limit are scored.
    existingDebt    9999999.99    accepted
Existing Debt At The Maximum Is Accepted
    [Documentation]    The maximum debt (10,000,000) is inclusive.
    existingDebt    10000000    accepted
Existing Debt One Cent Above The Maximum Is Rejected
    [Documentation]    Debts above the contract's range are rejected.
    existingDebt    10000000.01    rejected
Credit History Of -1 Months Is Rejected
    [Documentation]    A negative history length is impossible and must not be binned.
    creditHistoryMonths    -1    rejected
Credit History Of 0 Months Is Accepted
    [Documentation]    A first-time borrower (no history) is scored in the thinnest bin.
    creditHistoryMonths    0    accepted
Credit History Of 1 Month Is Accepted
    [Documentation]    Histories just inside the lower limit are scored.
    creditHistoryMonths    1    accepted
Credit History Of 959 Months Is Accepted
    [Documentation]    Histories just inside the upper limit are scored.
    creditHistoryMonths    959    accepted
Credit History Of 960 Months Is Accepted
    [Documentation]    The maximum history (960 months, 80 years) is inclusive.
    creditHistoryMonths    960    accepted
Credit History Of 961 Months Is Rejected
    [Documentation]    Histories longer than the contract allows are rejected.
    creditHistoryMonths    961    rejected
Transaction Id Of 7 Characters Is Rejected
    [Documentation]    Idempotency keys shorter than 8 characters collide too easily and are refused.
    [Template]    Identifier Length Should Be Enforced
    transactionId    7    rejected
Transaction Id Of 8 Characters Is Accepted
    [Documentation]    The shortest allowed idempotency key is accepted.
    [Template]    Identifier Length Should Be Enforced
    transactionId    8    accepted
Transaction Id Of 64 Characters Is Accepted
    [Documentation]    The longest allowed idempotency key is accepted and stored whole.
    [Template]    Identifier Length Should Be Enforced
    transactionId    64    accepted
Transaction Id Of 65 Characters Is Rejected
    [Documentation]    Over-long idempotency keys are refused instead of being truncated into collisions.
    [Template]    Identifier Length Should Be Enforced
    transactionId    65    rejected
Applicant Id With 5 Characters After SYN- Is Rejected
    [Documentation]    Synthetic applicant ids have 6..24 characters after ``SYN-``.
    [Template]    Identifier Length Should Be Enforced
    applicantId    5    rejected
Applicant Id With 6 Characters After SYN- Is Accepted
    [Documentation]    The shortest synthetic applicant id is accepted.
    [Template]    Identifier Length Should Be Enforced
    applicantId    6    accepted
Applicant Id With 24 Characters After SYN- Is Accepted
    [Documentation]    The longest synthetic applicant id is accepted.
    [Template]    Identifier Length Should Be Enforced
    applicantId    24    accepted
Applicant Id With 25 Characters After SYN- Is Rejected
    [Documentation]    Applicant ids longer than the synthetic pattern allows are refused.
    [Template]    Identifier Length Should Be Enforced
    applicantId    25    rejected
