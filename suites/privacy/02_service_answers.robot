*** Settings ***
Documentation    Answers of the service carry no personal data and nothing beyond the contract, whatever the channel.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/privacy.resource

Suite Setup      Score The Privacy Population

Test Tags        privacy    answers


*** Variables ***
${POPULATION_SIZE}    6


*** Test Cases ***
REST Score Responses Hold No Personal Data Or Secrets
    [Documentation]    Risk: a response echoes contact data or credentials of the caller (data minimisation).
    FOR    ${response}    IN    @{RESPONSES}
        Response Should Hold No PII    ${response}
    END

REST Score Responses Carry No Field Beyond The Contract
    [Documentation]    Risk: a response grows fields the contract does not publish (personal data leaks through them).
    FOR    ${response}    IN    @{RESPONSES}
        Body Should Have No Field Beyond    ${response.json()}    ${SCORE_RESPONSE_FIELDS}
        ...    where=POST ${SCORE_PATH} for ${response.json()}[transactionId]
    END

Stored Decisions Carry No Field Beyond The Contract
    [Documentation]    Risk: the decision lookup (audits, status checks) exposes more than the scoring answer.
    ${decision_fields}=    Score Response Fields With    interface
    FOR    ${response}    IN    @{RESPONSES}
        ${stored}=    Get Decision    ${response.json()}[transactionId]    expected_status=any
        Response Status Should Be    ${stored}    200
        Body Should Have No Field Beyond    ${stored.json()}    ${decision_fields}    where=${stored.url}
        Response Should Hold No PII    ${stored}
    END

Batch Results Carry No Field Beyond The Contract
    [Documentation]    Risk: batch results (JSON pages, CSV export) expose more than the scoring answer.
    ${records}=    New Batch Records    3    mixed    label=privbat
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${result_fields}=    Score Response Fields With    without=correlationId
    ${results}=    Get All Batch Results    ${batch_id}
    FOR    ${result}    IN    @{results}
        Body Should Have No Field Beyond    ${result}    ${result_fields}    where=Batch ${batch_id} result
    END
    ${csv}=    Get Batch Results As CSV    ${batch_id}
    Text Should Hold No PII    ${csv}    Batch ${batch_id} results as CSV

SOAP Score Responses Hold No Personal Data Or Secrets
    [Documentation]    Risk: the SOAP channel echoes personal data that the REST channel does not.
    ${applicant}=    New Applicant    near_prime    label=privacy-soap
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    Response Status Should Be    ${response}    200
    Response Should Hold No PII    ${response}

Rejected Personal Fields Are Neither Echoed Nor Stored
    [Documentation]    Risk: personal fields the model does not use are accepted, stored, or echoed in the error.
    VAR    ${marker}=    syn.${RUN_ID}@example.com
    ${applicant}=    New Applicant    prime    label=privacy-reject    contactEmail=${marker}
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=422
    Response Should Name Invalid Fields    ${response}    contactEmail:unknown_field    exact=${TRUE}
    Should Not Contain    ${response.text}    ${marker}    msg=The 422 answer echoes the rejected value
    ...    values=${FALSE}
    Get Decision    ${applicant}[transactionId]    expected_status=404


*** Keywords ***
Score The Privacy Population
    [Documentation]    Score ${POPULATION_SIZE} mixed applicants over REST and keep the responses for the checks.
    ${applicants}=    Generate Synthetic Applicants    ${POPULATION_SIZE}    mixed    seed=${TRANSACTION_COUNTER}
    ...    id_prefix=${RUN_ID}-privacy
    VAR    @{responses}=    @{EMPTY}
    FOR    ${applicant}    IN    @{applicants}
        ${response}=    Score Applicant Via REST    ${applicant}
        Append To List    ${responses}    ${response}
    END
    VAR    @{RESPONSES}=    @{responses}    scope=SUITE
