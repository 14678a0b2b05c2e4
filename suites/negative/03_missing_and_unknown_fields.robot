*** Settings ***
Documentation    Required fields that are absent, fields the model does not use, and requests with several
...              problems at once: every problem is named in one 422 response.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Tags        negative    field-validation


*** Test Cases ***
Missing Transaction Id Is Named
    [Documentation]    Without an idempotency key a retry would create a second decision.
    [Template]    Missing Field Should Be Rejected
    transactionId

Missing Applicant Id Is Named
    [Documentation]    A decision must be traceable to an applicant.
    [Template]    Missing Field Should Be Rejected
    applicantId

Missing Age Is Named
    [Documentation]    A scored characteristic must never default (age 0 or the median bin).
    [Template]    Missing Field Should Be Rejected
    age

Missing Monthly Income Is Named
    [Documentation]    A missing income must not default to 0 (a P01 decline) or to an average.
    [Template]    Missing Field Should Be Rejected
    monthlyIncome

Missing Employment Status Is Named
    [Documentation]    A missing category must not default to a category's points.
    [Template]    Missing Field Should Be Rejected
    employmentStatus

Missing Requested Amount Is Named
    [Documentation]    Loan-to-income and policy P02 need the amount.
    [Template]    Missing Field Should Be Rejected
    requestedAmount

Missing Existing Debt Is Named
    [Documentation]    A missing debt must not default to 0 (the best debt-to-income bin).
    [Template]    Missing Field Should Be Rejected
    existingDebt

Missing Credit History Is Named
    [Documentation]    A scored characteristic must never default.
    [Template]    Missing Field Should Be Rejected
    creditHistoryMonths

Missing Channel Is Named
    [Documentation]    The channel is required for every decision record.
    [Template]    Missing Field Should Be Rejected
    channel

National Id Is Refused As An Unknown Field
    [Documentation]    Data minimisation: an identity number the model does not use must be refused, not stored.
    [Template]    Unknown Field Should Be Rejected
    nationalId    "900-00-0001"

E-mail Address Is Refused As An Unknown Field
    [Documentation]    Contact data is personal data the scorecard does not use.
    [Template]    Unknown Field Should Be Rejected
    email    "applicant.synthetic@example.com"

Phone Number Is Refused As An Unknown Field
    [Documentation]    Contact data is personal data the scorecard does not use.
    [Template]    Unknown Field Should Be Rejected
    phoneNumber    "+1-555-0100"

Date Of Birth Is Refused As An Unknown Field
    [Documentation]    The model takes age; a date of birth is more identifying and not used.
    [Template]    Unknown Field Should Be Rejected
    dateOfBirth    "1990-01-01"

Client Supplied Score Is Refused As An Unknown Field
    [Documentation]    A client must not be able to inject a score or decision into the request.
    [Template]    Unknown Field Should Be Rejected
    score    850

Every Invalid Field Is Named At Once
    [Documentation]    Clients fix all problems in one round trip: four different issues, all named, nothing else.
    ${applicant}=    New Applicant    prime    label=neg-many
    Set To Dictionary    ${applicant}    age=${17}    channel=fax    email=applicant.synthetic@example.com
    Remove From Dictionary    ${applicant}    existingDebt
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=any
    Response Should Name Invalid Fields    ${response}    age:out_of_range    channel:invalid_enum
    ...    email:unknown_field    existingDebt:missing    exact=${TRUE}
    Error Response Should Name Fields    ${response}    age    channel    email    existingDebt
    ...    code=VALIDATION_FAILED
