*** Settings ***
Documentation    Metamorphic relations of the scoring model: monotonicity, dominance, invariance and determinism.
...
...              Monotonicity: each base applicant is scored along a ladder of one characteristic that crosses
...              every bin edge (see ``resources/metamorphic.resource`` for the bases and ladders). Adjacent
...              rungs are compared; a break names both values, transactionIds and scores.
...
...              Dominance: an applicant at least as good on every monotone characteristic (more income and
...              credit history, less debt and requested amount, same age and employment) never scores lower
...              and never gets a worse decision (APPROVE > REFER > DECLINE).
...
...              Invariance and determinism: identifiers, channel, key order, interface and batch position
...              never change the outcome (score, decision, risk band, probability of default and the ordered
...              reason codes), and repeated calls give identical outcomes.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/metamorphic.resource

Test Tags        metamorphic


*** Test Cases ***
More Income Never Lowers The Score
    [Documentation]    Risk: an income bin with fewer points than the bin below it, so an applicant earning
    ...    more is scored worse (0 up to 25,000 a month, over both models).
    [Tags]    monotonicity
    [Template]    Score Should Never Fall As Value Rises
    ${NEAR_PRIME_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${THIN_FILE_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${SENIOR_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${HIGH_DTI_BASE}    monthlyIncome    ${INCOME_LADDER}
    ${NEAR_PRIME_BASE}    monthlyIncome    ${INCOME_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

A Longer Credit History Never Lowers The Score
    [Documentation]    Risk: a longer credit history earning fewer points (0 up to 960 months).
    [Tags]    monotonicity
    [Template]    Score Should Never Fall As Value Rises
    ${NEAR_PRIME_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${THIN_FILE_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${HIGH_DTI_BASE}    creditHistoryMonths    ${HISTORY_LADDER}
    ${THIN_FILE_BASE}    creditHistoryMonths    ${HISTORY_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

More Existing Debt Never Raises The Score
    [Documentation]    Risk: a higher debt-to-income ratio earning more points (debt 0 up to 10,000,000).
    [Tags]    monotonicity
    [Template]    Score Should Never Rise As Value Rises
    ${NEAR_PRIME_BASE}    existingDebt    ${DEBT_LADDER}
    ${SENIOR_BASE}    existingDebt    ${DEBT_LADDER}
    ${HIGH_DTI_BASE}    existingDebt    ${DEBT_LADDER}
    ${HIGH_DTI_BASE}    existingDebt    ${DEBT_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

A Larger Requested Amount Never Raises The Score
    [Documentation]    Risk: a higher loan-to-income ratio earning more points (100 up to 1,000,000,
    ...    across the policy limit of 60 months of income).
    [Tags]    monotonicity
    [Template]    Score Should Never Rise As Value Rises
    ${NEAR_PRIME_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${THIN_FILE_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${SENIOR_BASE}    requestedAmount    ${AMOUNT_LADDER}
    ${SENIOR_BASE}    requestedAmount    ${AMOUNT_LADDER}    model_code=${CHALLENGER_MODEL_CODE}

A Dominating Applicant Never Does Worse In Any Segment
    [Documentation]    Risk: interactions between characteristics (ratios, policy rules) that make a better
    ...    applicant score lower. Four applicants per segment, each against its dominating twin.
    [Tags]    dominance
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
    [Tags]    dominance
    [Template]    Dominance Chain Should Hold
    ${HIGH_DTI_BASE}    steps=5
    ${THIN_FILE_BASE}    steps=5

The Applicant Id Does Not Change The Outcome
    [Documentation]    Risk: the identifier leaks into scoring (e.g. a lookup keyed on it).
    [Tags]    invariance
    Outcome Should Not Depend On Field    ${NEAR_PRIME_BASE}    applicantId
    ...    SYN-METANP0001    SYN-METANP0002    SYN-ZZZZZZ999999    SYN-A1B2C3

The Channel Does Not Change The Outcome
    [Documentation]    Risk: an applicant scored differently on the web, mobile, branch, broker or partner API.
    [Tags]    invariance
    Outcome Should Not Depend On Field    ${HIGH_DTI_BASE}    channel
    ...    web    mobile    branch    broker    partner_api

Whole Amounts Written As Integers Or Decimals Score The Same
    [Documentation]    Risk: JSON number representation (4200 vs 4200.0) changing the bin an amount falls in.
    [Tags]    invariance
    [Template]    Outcome Should Not Depend On Field
    ${NEAR_PRIME_BASE}    monthlyIncome    ${4200}    ${4200.0}
    ${NEAR_PRIME_BASE}    existingDebt    ${12000}    ${12000.0}
    ${NEAR_PRIME_BASE}    requestedAmount    ${15000}    ${15000.0}

The Key Order Of The Request Does Not Change The Outcome
    [Documentation]    Risk: parsing that depends on the order of the JSON fields.
    [Tags]    invariance
    ${applicant}=    Applicant From Base    ${THIN_FILE_BASE}    label=meta-order
    ${reversed}=    Variant With Reversed Key Order    ${applicant}
    VAR    @{requests}=    ${applicant}    ${reversed}
    ${bodies}=    Score Variants Via REST    ${requests}
    Outcomes Should Be Identical    ${bodies}

Ten Calls With Distinct Transaction Ids Give Identical Outcomes
    [Documentation]    Risk: non-deterministic scoring (random offsets, state between requests); the transaction
    ...    id must not change the outcome either.
    [Tags]    invariance
    [Template]    Repeated Scoring Should Give Identical Outcomes
    ${NEAR_PRIME_BASE}    times=10
    ${SENIOR_BASE}    times=10    model_code=${CHALLENGER_MODEL_CODE}

SOAP And REST Give The Same Outcome
    [Documentation]    Risk: the two realtime interfaces score differently (type conversion, rounding,
    ...    reason-code order).
    [Tags]    invariance
    ${applicant}=    Applicant From Base    ${HIGH_DTI_BASE}    label=meta-rest
    ${over_soap}=    Applicant From Base    ${HIGH_DTI_BASE}    label=meta-soap
    ${rest}=    Score Applicant    ${applicant}
    ${soap}=    Score Applicant Via SOAP    ${over_soap}
    VAR    @{outcomes}=    ${rest}    ${soap}
    Outcomes Should Be Identical    ${outcomes}

SOAP Namespace Prefixes Do Not Change The Outcome
    [Documentation]    Risk: a SOAP parser bound to one namespace prefix, scoring (or dropping) elements
    ...    differently when a client declares the namespace as default or under another prefix.
    [Tags]    invariance
    Outcome Should Not Depend On SOAP Namespace Prefix    ${HIGH_DTI_BASE}    ${EMPTY}    ns    sg    scoring

The Position In A Batch Does Not Change The Outcome
    [Documentation]    Risk: batch scoring that depends on neighbours or position. The same applicant placed
    ...    first, in the middle and last of a batch of other applicants gets the realtime outcome each time.
    [Tags]    invariance
    Outcome Should Not Depend On Batch Position    ${SENIOR_BASE}
