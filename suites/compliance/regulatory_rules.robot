*** Settings ***
Documentation    Adverse-action reason codes, the age rule, data minimisation and model governance.
...
...              Reason codes: a refusal states 1 to 4 unique principal reasons from the published list,
...              ordered by how many points each factor lost against its best bin; a policy decline names
...              its policy rule first; an approval states none. Reasons must relate to the factors actually
...              scored. Rows change one field of the reference applicant (``resources/compliance.resource``:
...              score 640, REFER, reasons R01 R04 R05 R06).
...
...              Age rule, Reg B 1002.6(b)(2): an empirically derived scoring system may use age only if
...              applicants aged 62 and over are never assigned a negative value for age. For three profiles
...              that differ only in age (18 to 100), no age of 62 or over may score below the best score at
...              ages 18 to 61, and a refusal at 62 or over may never state the age band (R06) as a reason.
...              Both published models are checked.
...
...              Data minimisation (GDPR art. 5(1)(c) and 25): the request contract accepts only the fields
...              the model uses, so personal data the model does not need is refused, never stored.
...              Model governance: every decision names the model code, its version, the request's
...              transaction id and when it was scored, on every interface.
...
...              The personal values are synthetic-safe: an SSN in a never-issued area (9xx), an e-mail at
...              example.com, a phone placeholder that no scanner reads as a number.
...
...              The mixed population and the age grids are scored once each, by the setup of the first test
...              that checks them.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/compliance.resource

Test Tags        compliance


*** Variables ***
&{SYNTHETIC_ADDRESS}     line1=1 Example Street    city=Exampletown    postcode=EX1 0AA
${POPULATION_RESULTS}    ${NONE}
${CHALLENGER_GRIDS}      ${NONE}


*** Test Cases ***
Every Decision Of A Large Mixed Population Obeys The Adverse Action Rules
    [Documentation]    Risk: a refusal without a principal reason, more than four reasons, duplicated or
    ...    unpublished codes, reasons on an approval, or a policy decline not led by its rule
    ...    (400 mixed applicants and 32 policy declines in one batch).
    [Tags]    reason-codes
    [Setup]    Score A Large Mixed Population Once
    Every Result Should Obey The Adverse Action Rules    ${POPULATION_RESULTS}

Every Refusal Of The Population States Its Largest Shortfalls In Order
    [Documentation]    Risk: reasons that are not the principal ones, or not ordered by contribution. Each
    ...    refusal is compared with the published scorecard's shortfall order.
    [Tags]    reason-codes
    [Setup]    Score A Large Mixed Population Once
    Every Refusal Should State The Scorecard's Principal Reasons    ${POPULATION_REQUESTS}    ${POPULATION_RESULTS}

Reasons Are Ordered By How Many Points Each Factor Lost
    [Documentation]    Risk: reason codes in a fixed or arbitrary order instead of by contribution; ties go by
    ...    code. Points lost are given per row (credit_risk_v1 unless the row names the challenger).
    [Tags]    reason-codes
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
    [Tags]    reason-codes
    [Template]    Decision And Reasons Should Be
    DECLINE    R02|R01|R04|R05    existingDebt=${15000}
    DECLINE    R04|R01|R05|R06    creditHistoryMonths=${0}
    DECLINE    R01|R02|R05|R04    monthlyIncome=${900}
    DECLINE    R02|R04|R01|R05    existingDebt=${15000}    modelCode=${CHALLENGER_MODEL_CODE}

Policy Declines Lead With Their Policy Code
    [Documentation]    Risk: a policy decline explained only by score factors. Zero income declines with P01
    ...    first, an amount above 60 months of income with P02 first, then the largest shortfalls.
    [Tags]    reason-codes
    [Template]    Decision And Reasons Should Be
    DECLINE    P01|R02|R01|R05    monthlyIncome=${0}
    DECLINE    P02|R05|R01|R04    requestedAmount=${160000}
    DECLINE    P01|R02|R05|R01    monthlyIncome=${0}    modelCode=${CHALLENGER_MODEL_CODE}

The Worst Bin Of A Scored Factor Is Among The Reasons
    [Documentation]    Risk: reasons that do not relate to the factors actually scored (Reg B official
    ...    commentary). Different applicants with one factor in its worst bin must name that factor.
    [Tags]    reason-codes
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
    [Tags]    reason-codes
    [Template]    Reasons Should Carry Published Descriptions
    REFER
    DECLINE    existingDebt=${15000}
    DECLINE    monthlyIncome=${0}

Approvals State No Reasons
    [Documentation]    Risk: adverse-action reasons sent with an approval.
    [Tags]    reason-codes
    [Template]    Approval Should Carry No Reasons
    ${PRIME_APPLICANT}
    ${PRIME_APPLICANT}    age=${70}    employmentStatus=retired
    ${PRIME_APPLICANT}    modelCode=${CHALLENGER_MODEL_CODE}

Applicants Aged 62 And Over Never Score Below Younger Applicants
    [Documentation]    Risk: the 62+ age bin carries fewer points than a younger bin (age discrimination).
    [Tags]    age-rule
    [Setup]    Score The Age Grids Of Both Models Once
    [Template]    Seniors Should Never Score Below Younger Ages
    ${CHAMPION_GRIDS}[reference]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[prime]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[declined]    ${MODEL_CODE}
    ${CHALLENGER_GRIDS}[reference]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[prime]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[declined]    ${CHALLENGER_MODEL_CODE}

Refusals At 62 And Over Never State Age As A Reason
    [Documentation]    Risk: age given as a principal reason for refusing an applicant aged 62 or over.
    [Tags]    age-rule
    [Setup]    Score The Age Grids Of Both Models Once
    [Template]    Seniors Should Never Get An Age Reason
    ${CHAMPION_GRIDS}[reference]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[declined]    ${MODEL_CODE}
    ${CHALLENGER_GRIDS}[reference]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[declined]    ${CHALLENGER_MODEL_CODE}

Personal Fields The Model Does Not Use Are Refused And Not Stored
    [Documentation]    Risk: personal data collected and stored without a purpose. Each field is refused with
    ...    422 ``unknown_field``, the value is not echoed and no decision is stored.
    [Tags]    data-minimisation
    [Template]    Personal Field Should Be Rejected And Not Stored
    nationalId    900-12-3456
    email    applicant.synthetic@example.com
    phone    SYN-PHONE-PLACEHOLDER
    gender    female
    maritalStatus    married
    ethnicity    synthetic-group-a
    address    ${SYNTHETIC_ADDRESS}

Personal Fields In Batch Records Are Refused
    [Documentation]    Risk: the batch channel accepting what realtime refuses. The whole batch is rejected with
    ...    422 naming the record and field.
    [Tags]    data-minimisation
    ${first}=    Compliance Applicant    label=comp-batch
    ${second}=    Compliance Applicant    label=comp-batch    email=applicant.synthetic@example.com
    VAR    @{records}=    ${first}    ${second}
    ${response}=    Submit Batch    ${records}    expected_status=422
    Response Should Name Invalid Fields    ${response}    records[1].email:unknown_field    exact=${TRUE}

Personal Elements In A SOAP Request Are Refused
    [Documentation]    Risk: the SOAP interface accepting personal data that REST refuses.
    [Tags]    data-minimisation
    [Template]    Personal Element Should Be Refused Over SOAP
    nationalId    900-12-3456
    email    applicant.synthetic@example.com

Every Decision Carries Model Code Version Transaction Id And Timestamp
    [Documentation]    Risk: a decision that cannot be traced to the model version and request that made it
    ...    (model governance). REST, SOAP, batch results and the persisted decision, for both models.
    [Tags]    governance
    [Template]    Governance Fields Should Be Carried
    REST    ${MODEL_CODE}
    REST    ${CHALLENGER_MODEL_CODE}
    SOAP    ${MODEL_CODE}
    BATCH    ${MODEL_CODE}
    BATCH    ${CHALLENGER_MODEL_CODE}
    STORED    ${MODEL_CODE}


*** Keywords ***
Score A Large Mixed Population Once
    [Documentation]    Score the large mixed population unless an earlier test of the suite did.
    IF    $POPULATION_RESULTS is None    Score A Large Mixed Population

Score The Age Grids Of Both Models Once
    [Documentation]    Score the age grids of both models unless an earlier test of the suite did.
    IF    $CHALLENGER_GRIDS is None    Score The Age Grids Of Both Models

Score A Large Mixed Population
    [Documentation]    Score 400 mixed applicants and the policy-decline cases in one champion batch.
    ${requests}=    Mixed Population Requests    400
    ${batch_id}=    Submit Batch And Wait Until Completed    ${requests}    model_code=${MODEL_CODE}
    ${results}=    Get All Batch Results    ${batch_id}
    VAR    ${POPULATION_REQUESTS}=    ${requests}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${POPULATION_RESULTS}=    ${results}    scope=SUITE    # robocop: off=no-suite-variable

Score The Age Grids Of Both Models
    [Documentation]    Score every profile at every age 18..100 with the champion and the challenger.
    ${champion}=    Score Age Grids    ${MODEL_CODE}
    ${challenger}=    Score Age Grids    ${CHALLENGER_MODEL_CODE}
    VAR    ${CHAMPION_GRIDS}=    ${champion}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${CHALLENGER_GRIDS}=    ${challenger}    scope=SUITE    # robocop: off=no-suite-variable
