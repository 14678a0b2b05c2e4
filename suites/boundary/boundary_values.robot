*** Settings ***
Documentation    Boundary values: every numeric request field at and around both ends of its contract range,
...              and the decision cutoffs, risk band edges and policy rule edges of the published scorecards.
...
...              Field limits: integers step by 1; money fields step by one cent, the smallest amount a client
...              sends. Values inside the range must be scored (200); values outside must be rejected with
...              422 VALIDATION_FAILED naming exactly that field as ``out_of_range``. Rows use the suite's
...              template ``Boundary Value Should Be Enforced`` (FIELD, VALUE, OUTCOME: accepted or rejected);
...              identifier lengths use ``Identifier Length Should Be Enforced`` (FIELD, LENGTH, OUTCOME).
...
...              Decision edges: every row is an applicant whose score is computed by hand from
...              ``mock/models/<modelCode>.yaml``: all points are multiples of 5, so 5 points below, at and
...              5 points above a cutoff are the nearest reachable scores. The rows of a cutoff differ in one
...              field (age 61 -> 62 crosses the 62+ age bin, +5; self_employed -> retired, +5), so the cutoff
...              alone explains the change of decision. Rows use ``Crafted Applicant Should Get Exact Outcome``
...              (MODEL, AGE, INCOME, EMPLOYMENT, AMOUNT, DEBT, HISTORY, SCORE, DECISION, BAND).
...
...              Points (credit_risk_v1): age 61 = 45, age 62 = 50; income 5000 = 70, income 10000 = 100;
...              self_employed 50, retired 55; debt-to-income and loan-to-income by ``debt / (12 * income)``
...              and ``amount / (12 * income)``.
...
...              Policy rule edges: the hard policy rules decline before the cutoffs (credit_risk_v1): P01
...              declines ``monthlyIncome == 0``; P02 declines ``requestedAmount > 60 * monthlyIncome``. Rows
...              use ``Policy Edge Should Decide`` (INCOME, AMOUNT, SCORE, DECISION, BAND, POLICY) with an
...              applicant of age 40 (40 points), full_time (70), without debt (debt-to-income 0: 110) and with
...              120 months of history (95), so score = 350 + 315 + income points + loan-to-income points. A
...              policy decline keeps the score and band of the points; only the decision changes.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/boundary.resource

Test Template    Boundary Value Should Be Enforced

Test Tags        boundary


*** Test Cases ***
Age 17 Below The Minimum Is Rejected
    [Documentation]    A minor must never be scored (age of majority; the contract's minimum is 18).
    [Tags]    field-limits
    age    17    rejected
Age 18 At The Minimum Is Accepted
    [Documentation]    The youngest adult applicant must be scored, not turned away by an off-by-one limit.
    [Tags]    field-limits
    age    18    accepted
Age 19 Just Above The Minimum Is Accepted
    [Documentation]    Ages inside the range near the lower limit are scored.
    [Tags]    field-limits
    age    19    accepted
Age 99 Just Below The Maximum Is Accepted
    [Documentation]    Ages inside the range near the upper limit are scored.
    [Tags]    field-limits
    age    99    accepted
Age 100 At The Maximum Is Accepted
    [Documentation]    The oldest allowed applicant is scored (an exclusive upper limit would reject it).
    [Tags]    field-limits
    age    100    accepted
Age 101 Above The Maximum Is Rejected
    [Documentation]    Implausible ages are rejected instead of being scored in the 62+ bin.
    [Tags]    field-limits
    age    101    rejected
Monthly Income One Cent Below Zero Is Rejected
    [Documentation]    A negative income would make both ratios negative and earn the best ratio bins.
    [Tags]    field-limits
    monthlyIncome    -0.01    rejected
Monthly Income Zero Is Accepted
    [Documentation]    No income is a valid input (declined by policy P01, never rejected as invalid).
    [Tags]    field-limits
    monthlyIncome    0    accepted
Monthly Income One Cent Is Accepted
    [Documentation]    The smallest positive income is scored; the ratios must not divide by a rounded zero.
    [Tags]    field-limits
    monthlyIncome    0.01    accepted
Monthly Income One Cent Below The Maximum Is Accepted
    [Documentation]    Incomes just inside the upper limit are scored.
    [Tags]    field-limits
    monthlyIncome    999999.99    accepted
Monthly Income At The Maximum Is Accepted
    [Documentation]    The maximum income (1,000,000) is inclusive.
    [Tags]    field-limits
    monthlyIncome    1000000    accepted
Monthly Income One Cent Above The Maximum Is Rejected
    [Documentation]    Incomes above the contract's range are rejected, not scored in the top bin.
    [Tags]    field-limits
    monthlyIncome    1000000.01    rejected
Requested Amount One Cent Below The Minimum Is Rejected
    [Documentation]    Loans under 100 are not offered; the limit is exact to the cent.
    [Tags]    field-limits
    requestedAmount    99.99    rejected
Requested Amount At The Minimum Is Accepted
    [Documentation]    The smallest loan (100) is inclusive.
    [Tags]    field-limits
    requestedAmount    100    accepted
Requested Amount One Cent Above The Minimum Is Accepted
    [Documentation]    Amounts just inside the lower limit are scored.
    [Tags]    field-limits
    requestedAmount    100.01    accepted
Requested Amount One Cent Below The Maximum Is Accepted
    [Documentation]    Amounts just inside the upper limit are scored.
    [Tags]    field-limits
    requestedAmount    999999.99    accepted
Requested Amount At The Maximum Is Accepted
    [Documentation]    The largest loan (1,000,000) is inclusive.
    [Tags]    field-limits
    requestedAmount    1000000    accepted
Requested Amount One Cent Above The Maximum Is Rejected
    [Documentation]    Amounts above the contract's range are rejected before scoring.
    [Tags]    field-limits
    requestedAmount    1000000.01    rejected
Existing Debt One Cent Below Zero Is Rejected
    [Documentation]    Negative debt would lower debt-to-income and raise the score: it must be rejected.
    [Tags]    field-limits
    existingDebt    -0.01    rejected
Existing Debt Zero Is Accepted
    [Documentation]    An applicant without debt is scored in the best debt-to-income bin.
    [Tags]    field-limits
    existingDebt    0    accepted
Existing Debt One Cent Is Accepted
    [Documentation]    The smallest positive debt is scored.
    [Tags]    field-limits
    existingDebt    0.01    accepted
Existing Debt One Cent Below The Maximum Is Accepted
    [Documentation]    Debts just inside the upper limit are scored.
    [Tags]    field-limits
    existingDebt    9999999.99    accepted
Existing Debt At The Maximum Is Accepted
    [Documentation]    The maximum debt (10,000,000) is inclusive.
    [Tags]    field-limits
    existingDebt    10000000    accepted
Existing Debt One Cent Above The Maximum Is Rejected
    [Documentation]    Debts above the contract's range are rejected.
    [Tags]    field-limits
    existingDebt    10000000.01    rejected
Credit History Of -1 Months Is Rejected
    [Documentation]    A negative history length is impossible and must not be binned.
    [Tags]    field-limits
    creditHistoryMonths    -1    rejected
Credit History Of 0 Months Is Accepted
    [Documentation]    A first-time borrower (no history) is scored in the thinnest bin.
    [Tags]    field-limits
    creditHistoryMonths    0    accepted
Credit History Of 1 Month Is Accepted
    [Documentation]    Histories just inside the lower limit are scored.
    [Tags]    field-limits
    creditHistoryMonths    1    accepted
Credit History Of 959 Months Is Accepted
    [Documentation]    Histories just inside the upper limit are scored.
    [Tags]    field-limits
    creditHistoryMonths    959    accepted
Credit History Of 960 Months Is Accepted
    [Documentation]    The maximum history (960 months, 80 years) is inclusive.
    [Tags]    field-limits
    creditHistoryMonths    960    accepted
Credit History Of 961 Months Is Rejected
    [Documentation]    Histories longer than the contract allows are rejected.
    [Tags]    field-limits
    creditHistoryMonths    961    rejected
Transaction Id Of 7 Characters Is Rejected
    [Documentation]    Idempotency keys shorter than 8 characters collide too easily and are refused.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    transactionId    7    rejected
Transaction Id Of 8 Characters Is Accepted
    [Documentation]    The shortest allowed idempotency key is accepted.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    transactionId    8    accepted
Transaction Id Of 64 Characters Is Accepted
    [Documentation]    The longest allowed idempotency key is accepted and stored whole.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    transactionId    64    accepted
Transaction Id Of 65 Characters Is Rejected
    [Documentation]    Over-long idempotency keys are refused instead of being truncated into collisions.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    transactionId    65    rejected
Applicant Id With 5 Characters After SYN- Is Rejected
    [Documentation]    Synthetic applicant ids have 6..24 characters after ``SYN-``.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    applicantId    5    rejected
Applicant Id With 6 Characters After SYN- Is Accepted
    [Documentation]    The shortest synthetic applicant id is accepted.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    applicantId    6    accepted
Applicant Id With 24 Characters After SYN- Is Accepted
    [Documentation]    The longest synthetic applicant id is accepted.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    applicantId    24    accepted
Applicant Id With 25 Characters After SYN- Is Rejected
    [Documentation]    Applicant ids longer than the synthetic pattern allows are refused.
    [Tags]    field-limits
    [Template]    Identifier Length Should Be Enforced
    applicantId    25    rejected
Score 595 Just Below The Refer Cutoff Is DECLINE In Band E
    [Documentation]    600 is the lowest REFER: 350+45+70+25+50+35+20 = 595 must still decline.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    61    5000    self_employed    40000    24000    18    595    DECLINE    E
Score 600 At The Refer Cutoff Is REFER In Band D
    [Documentation]    The refer cutoff is inclusive (score >= 600): 350+50+70+25+50+35+20 = 600.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    self_employed    40000    24000    18    600    REFER    D
Score 605 Just Above The Refer Cutoff Is REFER In Band D
    [Documentation]    350+50+70+25+55+35+20 = 605 stays in manual review.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    retired    40000    24000    18    605    REFER    D
Score 675 Just Below The Approve Cutoff Is REFER In Band D
    [Documentation]    680 is the lowest APPROVE: 350+45+70+60+50+60+40 = 675 must go to review, not approve.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    61    5000    self_employed    20000    15000    36    675    REFER    D
Score 680 At The Approve Cutoff Is APPROVE In Band C
    [Documentation]    The approve cutoff is inclusive (score >= 680): 350+50+70+60+50+60+40 = 680.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    self_employed    20000    15000    36    680    APPROVE    C
Score 685 Just Above The Approve Cutoff Is APPROVE In Band C
    [Documentation]    350+50+70+60+55+60+40 = 685 is approved automatically.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    retired    20000    15000    36    685    APPROVE    C
Score 715 Just Below Band B Is In Band C
    [Documentation]    Band B starts at 720: 350+45+70+60+50+80+60 = 715 is still band C.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    61    5000    self_employed    10000    15000    72    715    APPROVE    C
Score 720 At The Band B Edge Is In Band B
    [Documentation]    Band edges are inclusive: 350+50+70+60+50+80+60 = 720 is band B.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    self_employed    10000    15000    72    720    APPROVE    B
Score 725 Just Above The Band B Edge Is In Band B
    [Documentation]    350+50+70+60+55+80+60 = 725 is band B.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    5000    retired    10000    15000    72    725    APPROVE    B
Score 755 Just Below Band A Is In Band B
    [Documentation]    Band A starts at 760: 350+45+100+110+50+60+40 = 755 is still band B.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    61    10000    self_employed    40000    6000    36    755    APPROVE    B
Score 760 At The Band A Edge Is In Band A
    [Documentation]    350+50+100+110+50+60+40 = 760 is band A (the best band).
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    10000    self_employed    40000    6000    36    760    APPROVE    A
Score 765 Just Above The Band A Edge Is In Band A
    [Documentation]    350+50+100+110+55+60+40 = 765 is band A.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v1    62    10000    retired    40000    6000    36    765    APPROVE    A
Challenger Score 675 Just Below The Approve Cutoff Is REFER
    [Documentation]    The challenger keeps the 680 cutoff with its own points (base 340; age 61 = 35,
    ...    income 5000 = 40, DTI 0.13 = 115, self_employed 30, 18 months = 55, LTI 0.17 = 60): 675.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v2    61    5000    self_employed    10000    8000    18    675    REFER    D
Challenger Score 680 At The Approve Cutoff Is APPROVE
    [Documentation]    credit_risk_v2: 340+40+40+115+30+55+60 = 680 approves at the cutoff.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v2    62    5000    self_employed    10000    8000    18    680    APPROVE    C
Challenger Score 685 Just Above The Approve Cutoff Is APPROVE
    [Documentation]    credit_risk_v2: 340+40+40+115+35+55+60 = 685.
    [Tags]    cutoffs
    [Template]    Crafted Applicant Should Get Exact Outcome
    credit_risk_v2    62    5000    retired    10000    8000    18    685    APPROVE    C
Zero Income Is Declined By P01 Before P02
    [Documentation]    No verifiable income declines with P01 even though the amount also exceeds 60 x 0
    ...    (P01 is evaluated first): 350+40+0+0+70+95+0 = 555.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    0    10000    555    DECLINE    E    P01
One Cent Of Income Is Not P01 But P02
    [Documentation]    Any income above zero escapes P01; 100 requested against 0.01 a month exceeds 60 months
    ...    of income, so P02 declines: 350+40+0+110+70+95+0 = 665.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    0.01    100    665    DECLINE    D    P02
Amount Of Exactly 60 Monthly Incomes Is Not Declined By Policy
    [Documentation]    P02 applies above 60 x income only: 60000 against 1000 a month is scored on its points
    ...    (loan-to-income 5, worst bin): 350+40+20+110+70+95+0 = 685 APPROVE.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    1000    60000    685    APPROVE    C    none
Amount One Cent Above 60 Monthly Incomes Is Declined By P02
    [Documentation]    60000.01 against 1000 a month crosses the policy limit by one cent: the same 685 points
    ...    must now be declined with P02 as the first reason.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    1000    60000.01    685    DECLINE    C    P02
Amount Of Exactly 60 Monthly Incomes Of 5000 Is Not Declined By Policy
    [Documentation]    The limit scales with income (not a fixed amount): 300000 against 5000 a month is scored,
    ...    350+40+70+110+70+95+0 = 735 APPROVE.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    5000    300000    735    APPROVE    B    none
Amount One Cent Above 60 Monthly Incomes Of 5000 Is Declined By P02
    [Documentation]    300000.01 against 5000 a month is declined by P02 despite 735 points.
    [Tags]    policy-rules
    [Template]    Policy Edge Should Decide
    5000    300000.01    735    DECLINE    B    P02
