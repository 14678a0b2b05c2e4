*** Settings ***
Documentation    What the platform and the test run keep (database, service log, Robot reports) holds no personal
...              data, no request bodies and no API token.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/privacy.resource

Test Tags        privacy    storage


*** Test Cases ***
The Database Holds No Personal Data Or Secrets
    [Documentation]    Risk: decisions, batches or review cases persist personal data or credentials.
    Require Database Access
    Connect To Scoring Database
    ${applicant}=    New Applicant    near_prime    label=privacy-db
    Score Applicant    ${applicant}
    Scoring Tables Should Hold No PII
    [Teardown]    Disconnect From Scoring Database

The Database Stores No Request Bodies
    [Documentation]    Risk: the raw request is stored (only its SHA-256 may be) or tables hold unpublished columns.
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
    VAR    ${run_dir}=    ${TEMPDIR}${/}scoregate-privacy-${RUN_ID}
    VAR    ${suite}=    ${run_dir}${/}scoring_run.robot
    Write Nested Scoring Suite    ${suite}
    Run Nested Scoring Suite    ${suite}    ${run_dir}
    Robot Outputs Should Not Contain PII    ${run_dir}    ${API_TOKEN}
    [Teardown]    Remove Directory    ${run_dir}    recursive=${TRUE}
