*** Settings ***
Documentation    No personal data, request bodies or secrets in the repository's test data, in the service's
...              answers, or in what the platform and the test run keep.
...
...              Test data: the repository's fixtures, baselines, unit-test data and published models are synthetic.
...              Answers: the service answers carry no personal data and nothing beyond the contract, whatever
...              the channel. Storage, logs and reports: the database, the service log and Robot's reports hold
...              no personal data, no request bodies and no API token.
...
...              The REST answers checked by the answer tests are scored once, by the setup of the first of them.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/privacy.resource

Test Tags        privacy


*** Variables ***
${ROOT}               ${SCOREGATE_ROOT}
${POPULATION_SIZE}    6
${RESPONSES}          ${NONE}


*** Test Cases ***
Suite Fixtures And Baselines Hold No Personal Data
    [Documentation]    Risk: real customer records copied into fixtures or baselines leak through the repository.
    [Tags]    test-data
    [Template]    Directory Should Not Contain PII
    ${ROOT}${/}suites    pattern=*.json
    ${ROOT}${/}suites    pattern=*.csv
    ${ROOT}${/}suites    pattern=*.ndjson
    ${ROOT}${/}suites    pattern=*.yaml

Unit Test Data And Published Models Hold No Personal Data
    [Documentation]    Risk: unit-test data files or the published scorecards carry real personal data.
    [Tags]    test-data
    [Template]    Directory Should Not Contain PII
    ${ROOT}${/}utest    pattern=*.json
    ${ROOT}${/}utest    pattern=*.csv
    ${ROOT}${/}utest    pattern=*.ndjson
    ${ROOT}${/}utest    pattern=*.yaml
    ${ROOT}${/}mock${/}models

REST Score Responses Hold No Personal Data Or Secrets
    [Documentation]    Risk: a response echoes contact data or credentials of the caller (data minimisation).
    [Tags]    answers
    [Setup]    Score The Privacy Population Once
    FOR    ${response}    IN    @{RESPONSES}
        Response Should Hold No PII    ${response}
    END

REST Score Responses Carry No Field Beyond The Contract
    [Documentation]    Risk: a response grows fields the contract does not publish (personal data leaks through them).
    [Tags]    answers
    [Setup]    Score The Privacy Population Once
    FOR    ${response}    IN    @{RESPONSES}
        Body Should Have No Field Beyond    ${response.json()}    ${SCORE_RESPONSE_FIELDS}
        ...    where=POST ${SCORE_PATH} for ${response.json()}[transactionId]
    END

Stored Decisions Carry No Field Beyond The Contract
    [Documentation]    Risk: the decision lookup (audits, status checks) exposes more than the scoring answer.
    [Tags]    answers
    [Setup]    Score The Privacy Population Once
    ${decision_fields}=    Score Response Fields With    interface
    FOR    ${response}    IN    @{RESPONSES}
        ${stored}=    Get Decision    ${response.json()}[transactionId]    expected_status=any
        Response Status Should Be    ${stored}    200
        Body Should Have No Field Beyond    ${stored.json()}    ${decision_fields}    where=${stored.url}
        Response Should Hold No PII    ${stored}
    END

Batch Results Carry No Field Beyond The Contract
    [Documentation]    Risk: batch results (JSON pages, CSV export) expose more than the scoring answer.
    [Tags]    answers
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
    [Tags]    answers
    ${applicant}=    New Applicant    near_prime    label=privacy-soap
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    Response Status Should Be    ${response}    200
    Response Should Hold No PII    ${response}

Rejected Personal Fields Are Neither Echoed Nor Stored
    [Documentation]    Risk: personal fields the model does not use are accepted, stored, or echoed in the error.
    [Tags]    answers
    VAR    ${marker}=    syn.${RUN_ID}@example.com
    ${applicant}=    New Applicant    prime    label=privacy-reject    contactEmail=${marker}
    ${response}=    Score Applicant Via REST    ${applicant}    expected_status=422
    Response Should Name Invalid Fields    ${response}    contactEmail:unknown_field    exact=${TRUE}
    Should Not Contain    ${response.text}    ${marker}    msg=The 422 answer echoes the rejected value
    ...    values=${FALSE}
    Get Decision    ${applicant}[transactionId]    expected_status=404

The Database Holds No Personal Data Or Secrets
    [Documentation]    Risk: decisions, batches or review cases persist personal data or credentials.
    [Tags]    storage
    Require Database Access
    Connect To Scoring Database
    ${applicant}=    New Applicant    near_prime    label=privacy-db
    Score Applicant    ${applicant}
    Scoring Tables Should Hold No PII
    [Teardown]    Disconnect From Scoring Database

The Database Stores No Request Bodies
    [Documentation]    Risk: the raw request is stored (only its SHA-256 may be) or tables hold unpublished columns.
    [Tags]    storage
    Require Database Access
    Connect To Scoring Database
    ${applicant}=    New Applicant    prime    label=privacy-nobody
    Score Applicant    ${applicant}
    Stored Response Should Hold No Request Fields    ${applicant}[transactionId]
    Table Columns Should Be    decisions    @{DECISIONS_COLUMNS}
    Table Columns Should Be    batches    @{BATCHES_COLUMNS}
    Table Columns Should Be    batch_results    @{BATCH_RESULTS_COLUMNS}
    Table Columns Should Be    reviews    @{REVIEWS_COLUMNS}
    [Teardown]    Disconnect From Scoring Database

The Service Log Holds No Personal Data, Request Bodies Or Token
    [Documentation]    Risk: the service logs bodies or headers: applicant data and credentials end up in log storage.
    [Tags]    storage
    Require Embedded Mock
    ${applicant}=    New Applicant    prime    label=privacy-log
    ${response}=    Score Applicant Via REST    ${applicant}
    ${line}=    Mock Log Should Record Request    ${response.headers}[X-Correlation-ID]
    Log Line Should Only Hold Request Metadata    ${line}
    Mock Log Should Not Contain    ${applicant}[applicantId]    the applicant id of a request body
    Mock Log Should Not Contain    "monthlyIncome"    a request body field
    Mock Log Should Not Contain    Bearer    an Authorization header
    ${files}=    Mock Log Files
    Log Files Should Hold No PII    ${files}

Robot Outputs Of A Scoring Run Hold No Personal Data Or Token
    [Documentation]    Risk: Robot's log, report, output and xunit files leak the API token or personal data in
    ...    answers (RequestsLibrary logs headers and bodies). A small scoring run writes them to a temporary folder.
    [Tags]    storage
    VAR    ${run_dir}=    ${TEMPDIR}${/}scoregate-privacy-${RUN_ID}
    VAR    ${suite}=    ${run_dir}${/}scoring_run.robot
    Write Nested Scoring Suite    ${suite}
    Run Nested Scoring Suite    ${suite}    ${run_dir}
    Robot Outputs Should Not Contain PII    ${run_dir}    ${API_TOKEN}
    [Teardown]    Remove Directory    ${run_dir}    recursive=${TRUE}


*** Keywords ***
Score The Privacy Population Once
    [Documentation]    Score the privacy population unless an earlier test of the suite did.
    IF    $RESPONSES is None    Score The Privacy Population

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
