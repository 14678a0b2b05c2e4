*** Settings ***
Documentation    Invalid, missing and unknown fields are refused with 422 VALIDATION_FAILED naming exactly the
...              fields at fault with the contract's ``issue``.
...
...              Invalid values of single fields: wrong JSON types, null, non-finite numbers, values out of
...              range, unknown enum values and malformed identifiers. Each row sends a valid request with one
...              field replaced by the raw JSON shown.
...
...              Required fields that are absent, fields the model does not use, and requests with several
...              problems at once: every problem is named in one 422 response.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/negative.resource

Test Template    Field Value Should Be Rejected

Test Tags        negative    field-validation


*** Test Cases ***
Age As A Numeric String Is A Wrong Type
    [Documentation]    ``"30"`` must not be coerced: a string-typed client bug would otherwise go unnoticed.
    age    "30"    wrong_type
Age As A Whole Float Is A Wrong Type
    [Documentation]    ``30.0`` is not a JSON integer; the contract requires integers for age.
    age    30.0    wrong_type
Age As A Boolean Is A Wrong Type
    [Documentation]    ``true`` must not be read as 1.
    age    true    wrong_type
Credit History As A Fraction Is A Wrong Type
    [Documentation]    12.5 months would silently be truncated or binned; integers only.
    creditHistoryMonths    12.5    wrong_type
Monthly Income As A Numeric String Is A Wrong Type
    [Documentation]    Money as text (``"5000"``) is refused instead of parsed with locale guesses.
    monthlyIncome    "5000"    wrong_type
Monthly Income As A Boolean Is A Wrong Type
    [Documentation]    ``false`` must not be read as an income of 0 (that would trigger policy P01).
    monthlyIncome    false    wrong_type
Existing Debt As An Object Is A Wrong Type
    [Documentation]    Structured values are refused, not flattened.
    existingDebt    {"amount": 100}    wrong_type
Channel As A List Is A Wrong Type
    [Documentation]    A list of channels is not a channel.
    channel    ["web"]    wrong_type
Transaction Id As A Number Is A Wrong Type
    [Documentation]    Numeric idempotency keys lose leading zeros and precision; strings only.
    transactionId    12345678    wrong_type
Age Null Is A Wrong Type
    [Documentation]    ``null`` is not a missing-value default: it is refused like any other wrong type.
    age    null    wrong_type
Employment Status Null Is A Wrong Type
    [Documentation]    A null category must not fall back to a default category's points.
    employmentStatus    null    wrong_type
Monthly Income NaN Is Not Finite
    [Documentation]    Raw ``NaN`` fails every comparison and would land in an arbitrary bin.
    monthlyIncome    NaN    not_finite
Existing Debt Infinity Is Not Finite
    [Documentation]    Raw ``Infinity`` would make debt-to-income infinite without being out of any range check.
    existingDebt    Infinity    not_finite
Requested Amount Minus Infinity Is Not Finite
    [Documentation]    Raw ``-Infinity`` must be refused as non-finite, not as merely negative.
    requestedAmount    -Infinity    not_finite
Age NaN Is A Wrong Type
    [Documentation]    NaN is not an integer, so for an integer field it is a wrong type.
    age    NaN    wrong_type
Negative Monthly Income Is Out Of Range
    [Documentation]    A negative income would earn the best ratio bins.
    monthlyIncome    -5000    out_of_range
Negative Requested Amount Is Out Of Range
    [Documentation]    A negative loan is not a loan.
    requestedAmount    -100    out_of_range
Negative Existing Debt Is Out Of Range
    [Documentation]    Negative debt would lower debt-to-income and raise the score.
    existingDebt    -1    out_of_range
Age 17 Is Out Of Range
    [Documentation]    Minors must never be scored: the minimum age is 18.
    age    17    out_of_range
Age 130 Is Out Of Range
    [Documentation]    Implausible ages (typing errors) are refused.
    age    130    out_of_range
Unknown Employment Status Is An Invalid Enum
    [Documentation]    Categories outside the scorecard have no points and must be refused.
    employmentStatus    "contractor"    invalid_enum
Upper Case Employment Status Is An Invalid Enum
    [Documentation]    Enum values are case-sensitive; ``FULL_TIME`` is not ``full_time``.
    employmentStatus    "FULL_TIME"    invalid_enum
Unknown Channel Is An Invalid Enum
    [Documentation]    Only the published channels may submit applications.
    channel    "fax"    invalid_enum
Unknown Model Code Is An Invalid Enum
    [Documentation]    A request naming an unpublished model must not fall back to the champion.
    modelCode    "credit_risk_v9"    invalid_enum
Transaction Id With Spaces Has An Invalid Format
    [Documentation]    Idempotency keys are restricted to ``[A-Za-z0-9._:-]``.
    transactionId    "TX 2026 000001"    invalid_format
Transaction Id Starting With A Dash Has An Invalid Format
    [Documentation]    The first character of a transactionId must be a letter or digit.
    transactionId    "-TX-20260001"    invalid_format
Applicant Id Without The Synthetic Prefix Has An Invalid Format
    [Documentation]    Only synthetic ids (``SYN-``) are accepted: a real customer number must be refused.
    applicantId    "CUST-12345678"    invalid_format
Lower Case Applicant Id Has An Invalid Format
    [Documentation]    Synthetic ids are upper-case letters and digits after ``SYN-``.
    applicantId    "SYN-abc12345"    invalid_format
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
    [Template]    NONE
    ${applicant}=    New Applicant    prime    label=neg-many
    Set To Dictionary    ${applicant}    age=${17}    channel=fax    email=applicant.synthetic@example.com
    Remove From Dictionary    ${applicant}    existingDebt
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=any
    Response Should Name Invalid Fields    ${response}    age:out_of_range    channel:invalid_enum
    ...    email:unknown_field    existingDebt:missing    exact=${TRUE}
    Error Response Should Name Fields    ${response}    age    channel    email    existingDebt
    ...    code=VALIDATION_FAILED
