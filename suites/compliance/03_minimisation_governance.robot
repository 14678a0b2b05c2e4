*** Settings ***
Documentation    Data minimisation (GDPR art. 5(1)(c) and 25): the request contract accepts only the fields
...              the model uses, so personal data the model does not need is refused, never stored.
...              Model governance: every decision names the model code, its version, the request's
...              transaction id and when it was scored, on every interface.
...
...              The personal values are synthetic-safe: an SSN in a never-issued area (9xx), an e-mail at
...              example.com, a phone placeholder that no scanner reads as a number.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/compliance.resource

Test Tags        compliance


*** Variables ***
&{SYNTHETIC_ADDRESS}    line1=1 Example Street    city=Exampletown    postcode=EX1 0AA


*** Test Cases ***
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
