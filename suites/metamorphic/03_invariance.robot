*** Settings ***
Documentation    Invariance and determinism: identifiers, channel, key order, interface and batch position
...              never change the outcome (score, decision, risk band, probability of default and the
...              ordered reason codes), and repeated calls give identical outcomes.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/metamorphic.resource

Test Tags        metamorphic    invariance


*** Test Cases ***
The Applicant Id Does Not Change The Outcome
    [Documentation]    Risk: the identifier leaks into scoring (e.g. a lookup keyed on it).
    Outcome Should Not Depend On Field    ${NEAR_PRIME_BASE}    applicantId
    ...    SYN-METANP0001    SYN-METANP0002    SYN-ZZZZZZ999999    SYN-A1B2C3

The Channel Does Not Change The Outcome
    [Documentation]    Risk: an applicant scored differently on the web, mobile, branch, broker or partner API.
    Outcome Should Not Depend On Field    ${HIGH_DTI_BASE}    channel
    ...    web    mobile    branch    broker    partner_api

Whole Amounts Written As Integers Or Decimals Score The Same
    [Documentation]    Risk: JSON number representation (4200 vs 4200.0) changing the bin an amount falls in.
    [Template]    Outcome Should Not Depend On Field
    ${NEAR_PRIME_BASE}    monthlyIncome    ${4200}    ${4200.0}
    ${NEAR_PRIME_BASE}    existingDebt    ${12000}    ${12000.0}
    ${NEAR_PRIME_BASE}    requestedAmount    ${15000}    ${15000.0}

The Key Order Of The Request Does Not Change The Outcome
    [Documentation]    Risk: parsing that depends on the order of the JSON fields.
    ${applicant}=    Applicant From Base    ${THIN_FILE_BASE}    label=meta-order
    ${reversed}=    Variant With Reversed Key Order    ${applicant}
    VAR    @{requests}=    ${applicant}    ${reversed}
    ${bodies}=    Score Variants Via REST    ${requests}
    Outcomes Should Be Identical    ${bodies}

Ten Calls With Distinct Transaction Ids Give Identical Outcomes
    [Documentation]    Risk: non-deterministic scoring (random offsets, state between requests); the transaction
    ...    id must not change the outcome either.
    [Template]    Repeated Scoring Should Give Identical Outcomes
    ${NEAR_PRIME_BASE}    times=10
    ${SENIOR_BASE}    times=10    model_code=${CHALLENGER_MODEL_CODE}

SOAP And REST Give The Same Outcome
    [Documentation]    Risk: the two realtime interfaces score differently (type conversion, rounding,
    ...    reason-code order).
    ${applicant}=    Applicant From Base    ${HIGH_DTI_BASE}    label=meta-rest
    ${over_soap}=    Applicant From Base    ${HIGH_DTI_BASE}    label=meta-soap
    ${rest}=    Score Applicant    ${applicant}
    ${soap}=    Score Applicant Via SOAP    ${over_soap}
    VAR    @{outcomes}=    ${rest}    ${soap}
    Outcomes Should Be Identical    ${outcomes}

SOAP Namespace Prefixes Do Not Change The Outcome
    [Documentation]    Risk: a SOAP parser bound to one namespace prefix, scoring (or dropping) elements
    ...    differently when a client declares the namespace as default or under another prefix.
    Outcome Should Not Depend On SOAP Namespace Prefix    ${HIGH_DTI_BASE}    ${EMPTY}    ns    sg    scoring

The Position In A Batch Does Not Change The Outcome
    [Documentation]    Risk: batch scoring that depends on neighbours or position. The same applicant placed
    ...    first, in the middle and last of a batch of other applicants gets the realtime outcome each time.
    Outcome Should Not Depend On Batch Position    ${SENIOR_BASE}
