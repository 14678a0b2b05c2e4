*** Settings ***
Documentation    Edges of the hard policy rules that decline before the cutoffs (credit_risk_v1).
...
...              P01 declines ``monthlyIncome == 0``; P02 declines ``requestedAmount > 60 * monthlyIncome``.
...              The applicant is age 40 (40 points), full_time (70), without debt (debt-to-income 0: 110)
...              and with 120 months of history (95), so score = 350 + 315 + income points + loan-to-income
...              points. A policy decline keeps the score and band of the points; only the decision changes.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/boundary.resource

Test Template    Policy Edge Should Decide

Test Tags        boundary    policy-rules


*** Test Cases ***
Zero Income Is Declined By P01 Before P02
    [Documentation]    No verifiable income declines with P01 even though the amount also exceeds 60 x 0
    ...    (P01 is evaluated first): 350+40+0+0+70+95+0 = 555.
    0    10000    555    DECLINE    E    P01
One Cent Of Income Is Not P01 But P02
    [Documentation]    Any income above zero escapes P01; 100 requested against 0.01 a month exceeds 60 months
    ...    of income, so P02 declines: 350+40+0+110+70+95+0 = 665.
    0.01    100    665    DECLINE    D    P02
Amount Of Exactly 60 Monthly Incomes Is Not Declined By Policy
    [Documentation]    P02 applies above 60 x income only: 60000 against 1000 a month is scored on its points
    ...    (loan-to-income 5, worst bin): 350+40+20+110+70+95+0 = 685 APPROVE.
    1000    60000    685    APPROVE    C    none
Amount One Cent Above 60 Monthly Incomes Is Declined By P02
    [Documentation]    60000.01 against 1000 a month crosses the policy limit by one cent: the same 685 points
    ...    must now be declined with P02 as the first reason.
    1000    60000.01    685    DECLINE    C    P02
Amount Of Exactly 60 Monthly Incomes Of 5000 Is Not Declined By Policy
    [Documentation]    The limit scales with income (not a fixed amount): 300000 against 5000 a month is scored,
    ...    350+40+70+110+70+95+0 = 735 APPROVE.
    5000    300000    735    APPROVE    B    none
Amount One Cent Above 60 Monthly Incomes Of 5000 Is Declined By P02
    [Documentation]    300000.01 against 5000 a month is declined by P02 despite 735 points.
    5000    300000.01    735    DECLINE    B    P02
