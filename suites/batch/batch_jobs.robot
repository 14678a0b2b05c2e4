*** Settings ***
Documentation    Batch scoring jobs from submission to results, one group of tests (and tag) per concern.
...
...              Lifecycle: a batch is accepted with 202 and a Location, passes PENDING -> RUNNING -> COMPLETED,
...              counts its records, refuses its results until it is complete, and returns every record once,
...              in submission order.
...
...              Results: the results of one completed batch of 23 records (submitted by the suite setup) read
...              page by page, as CSV and as NDJSON: every form must hold the same records, in submission order,
...              with the same values.
...
...              Models: the model a batch is scored with, and agreement of batch results with realtime scoring
...              of the same applicants (same transactionIds, same fields).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource

Suite Setup      Submit The Paged Batch

Test Tags        batch


*** Variables ***
${PAGED_COUNT}    ${23}


*** Test Cases ***
Submitted Batch Is Accepted With Location And A Fresh Status
    [Documentation]    A client follows the 202 Location to poll: it must name the batch and the body must count it.
    [Tags]    lifecycle
    ${records}=    New Batch Records    12    label=ACCEPT
    ${response}=    Submit Batch Request    ${records}
    ${batch_id}=    Batch Should Be Accepted    ${response}    12    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${status}=    Get Batch Status    ${batch_id}
    Should Be Equal    ${status}[batchId]    ${batch_id}    msg=The Location's batch answers with another batchId

Queued Batch Moves From Pending Through Running To Completed
    [Documentation]    Each lifecycle state must be reported truthfully: a batch waiting behind another is PENDING
    ...    with nothing processed, the one ahead of it RUNNING, and both end COMPLETED with every record counted.
    [Tags]    lifecycle
    ${records}=    New Batch Records    5    label=LIFE
    ${ahead}    ${batch_id}=    Submit Batch Behind A Held Batch    ${records}
    Batch Should Be Waiting In The Queue    ${batch_id}
    ${scoring}=    Wait Until Keyword Succeeds    5 s    20 ms    Batch Should Be Unfinished    ${ahead}    RUNNING
    Batch Status Should Count    ${scoring}    ${QUEUE_AHEAD_RECORDS}    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${done}=    Wait Until Batch Completed    ${batch_id}
    Completed Batch Status Should Count    ${done}    5    ${MODEL_CODE}    ${CHAMPION_VERSION}
    ${ahead_done}=    Get Batch Status    ${ahead}
    Completed Batch Status Should Count    ${ahead_done}    ${QUEUE_AHEAD_RECORDS}    ${MODEL_CODE}
    ...    ${CHAMPION_VERSION}

Results Of An Unfinished Batch Are Refused With 409 In Every Format
    [Documentation]    Partial results must never be served as if complete: JSON, CSV and NDJSON requests for a
    ...    batch that is not COMPLETED answer 409 BATCH_NOT_COMPLETED, and succeed once it completes.
    [Tags]    lifecycle
    ${records}=    New Batch Records    3    label=EARLY
    ${_}    ${batch_id}=    Submit Batch Behind A Held Batch    ${records}
    Batch Results Should Be Refused As Not Completed    ${batch_id}
    Batch Should Be Unfinished    ${batch_id}
    Wait Until Batch Completed    ${batch_id}
    ${results}=    Get All Batch Results    ${batch_id}
    Transaction Ids Should Be In Submission Order    ${results}    ${records}

Completed Batch Counts Every Record As Processed And None As Failed
    [Documentation]    The counts are what operations reconcile against: total, processed and failed must
    ...    match the submission once the batch is COMPLETED.
    [Tags]    lifecycle
    ${records}=    New Batch Records    25    label=COUNT
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${status}=    Get Batch Status    ${batch_id}
    Completed Batch Status Should Count    ${status}    25    ${MODEL_CODE}    ${CHAMPION_VERSION}

Results Hold Every Record Exactly Once In Submission Order
    [Documentation]    A batch that loses, repeats or reorders records while its counts say all were processed
    ...    silently leaves applicants without a decision.
    [Tags]    lifecycle
    ${records}=    New Batch Records    40    label=ORDER
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    Transaction Ids Should Be In Submission Order    ${results}    ${records}
    ${first}=    Get Batch Results Page    ${batch_id}
    Should Be Equal As Integers    ${first}[totalRecords]    40
    ...    msg=Results page counts ${first}[totalRecords] records for 40 submitted    values=${FALSE}

Unknown Batch Is Not Found
    [Documentation]    Polling a batch id that was never issued must be a 404 NOT_FOUND, not an empty result.
    [Tags]    lifecycle
    [Template]    Unknown Batch Path Should Be Not Found
    ${EMPTY}
    /results

Pages Of Size 1 Reassemble The Results
    [Documentation]    The smallest page: every record on its own page, in order.
    [Tags]    results
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    1    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Pages Of Size 7 Reassemble The Results With A Partial Last Page
    [Documentation]    23 = 3 x 7 + 2: off-by-one paging drops or repeats records at page edges.
    [Tags]    results
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    7    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Pages Of Size 100 Hold The Whole Batch On One Page
    [Documentation]    A page larger than the batch holds it all, with totalPages 1.
    [Tags]    results
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    100    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Last Partial Page Holds The Last Records
    [Documentation]    Page 4 of size 7 holds exactly the 22nd and 23rd submitted records.
    [Tags]    results
    ${page}=    Get Batch Results Page    ${PAGED_BATCH}    page=4    page_size=7
    Results Page Should Be    ${page}    4    7    ${PAGED_COUNT}    2
    ${expected}=    Get Slice From List    ${PAGED_RECORDS}    21
    Transaction Ids Should Be In Submission Order    ${page}[results]    ${expected}

Page Beyond The End Is Empty
    [Documentation]    Paging past the end must answer an empty page with the same totals, never wrap around.
    [Tags]    results
    ${page}=    Get Batch Results Page    ${PAGED_BATCH}    page=5    page_size=7
    Results Page Should Be    ${page}    5    7    ${PAGED_COUNT}    0

Page Parameters Outside Their Range Are Rejected
    [Documentation]    pageSize is 1..1000 and page at least 1: anything else is a 422 naming the parameter.
    [Tags]    results
    [Template]    Results Page Request Should Be Rejected
    1    0    pageSize
    1    1001    pageSize
    0    10    page
    1    ten    pageSize

CSV Stream Has The Contract Header And One Row Per Result
    [Documentation]    Downstream loaders read the CSV by column: header exactly as the contract, one row per
    ...    record in order, reason codes joined with |, values equal to the JSON results.
    [Tags]    results
    ${csv}=    Get Batch Results As CSV    ${PAGED_BATCH}
    Batch CSV Should Hold Every Record    ${csv}    ${PAGED_RECORDS}    ${PAGED_RESULTS}    ${PAGED_BATCH}

NDJSON Stream Has One Result Object Per Line Equal To JSON
    [Documentation]    Streaming consumers read one object a line: one per submitted record, in order, each equal
    ...    to its JSON result.
    [Tags]    results
    ${objects}=    Get Batch Results As NDJSON    ${PAGED_BATCH}
    Transaction Ids Should Be In Submission Order    ${objects}    ${PAGED_RECORDS}
    Lists Should Be Equal    ${objects}    ${PAGED_RESULTS}    msg=NDJSON results differ from the JSON results

Batch Without A Model Code Is Scored By The Champion
    [Documentation]    A batch that names no model must use the champion for every record, not a stale or test model.
    [Tags]    models
    ${records}=    New Batch Records    10    label=CHAMP
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    Batch Results Should All Use Model    ${batch_id}    ${MODEL_CODE}    ${CHAMPION_VERSION}

Challenger Batch Is Scored With The Challenger Version
    [Documentation]    Champion/challenger runs are meaningless if a batch naming the challenger is scored by the
    ...    champion: the status and every result must name the challenger and its version.
    [Tags]    models
    ${records}=    New Batch Records    10    label=CHALL
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}    model_code=${CHALLENGER_MODEL_CODE}
    ${status}=    Get Batch Status    ${batch_id}
    Completed Batch Status Should Count    ${status}    10    ${CHALLENGER_MODEL_CODE}    ${CHALLENGER_VERSION}
    Batch Results Should All Use Model    ${batch_id}    ${CHALLENGER_MODEL_CODE}    ${CHALLENGER_VERSION}

Batch Results Equal Realtime Results For The Same Applicants
    [Documentation]    Batch and realtime must run the same scorecard: score, decision, band, probability,
    ...    ordered reason codes and policy rule agree for every applicant, whatever its batch position.
    [Tags]    models
    [Template]    Batch Should Agree With Realtime Scoring
    ${EMPTY}
    ${CHALLENGER_MODEL_CODE}


*** Keywords ***
Submit The Paged Batch
    [Documentation]    Score ${PAGED_COUNT} mixed records with a REFER and a policy decline among them.
    ${records}=    New Batch Records    ${PAGED_COUNT - 2}    label=PAGED
    ${refer}=    Applicant With Known Outcome    REFER    label=paged
    ${decline}=    Applicant With Known Outcome    P02    label=paged
    Insert Into List    ${records}    5    ${refer}
    Append To List    ${records}    ${decline}
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    ${results}=    Get All Batch Results    ${batch_id}
    VAR    ${PAGED_BATCH}=    ${batch_id}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    @{PAGED_RECORDS}=    @{records}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    @{PAGED_RESULTS}=    @{results}    scope=SUITE    # robocop: off=no-suite-variable

Results Page Request Should Be Rejected
    [Documentation]    Request a results page with ``page`` and ``page_size`` as given; assert 422 naming ``field``.
    [Arguments]    ${page}    ${page_size}    ${field}
    VAR    &{params}=    page=${page}    pageSize=${page_size}
    ${response}=    Get Batch Results Response    ${PAGED_BATCH}    params=${params}
    Response Should Name Invalid Fields    ${response}    ${field}

Batch Results Should All Use Model
    [Documentation]    Assert every result of ``batch_id`` names ``model_code`` and ``model_version``.
    [Arguments]    ${batch_id}    ${model_code}    ${model_version}
    ${results}=    Get All Batch Results    ${batch_id}
    Should Not Be Empty    ${results}    msg=batch ${batch_id} returned no results
    ${other_codes}=    Field Values    ${results}    modelCode
    ${other_versions}=    Field Values    ${results}    modelVersion
    Remove Values From List    ${other_codes}    ${model_code}
    Remove Values From List    ${other_versions}    ${model_version}
    Should Be Empty
    ...    ${other_codes}
    ...    msg=batch ${batch_id}: results scored with ${other_codes}, expected ${model_code}
    Should Be Empty    ${other_versions}
    ...    msg=batch ${batch_id}: results carry modelVersion ${other_versions}, expected ${model_version}

Batch Should Agree With Realtime Scoring
    [Documentation]    Score a mixed set over REST (with ``model_code`` when given), then as one batch; compare.
    [Arguments]    ${model_code}
    ${applicants}=    Mixed Applicant Set    20    label=BVR
    ${realtime}=    Applicants For Another Channel    ${applicants}    ${EMPTY}    model_code=${model_code}
    ${bodies}=    Score Applicants    ${realtime}
    IF    not $model_code    Decisions Should Cover Every Outcome    ${bodies}
    ${batch_id}=    Submit Batch And Wait Until Completed    ${applicants}    model_code=${model_code}
    ${results}=    Get All Batch Results    ${batch_id}
    Results Should Agree By Transaction    ${results}    ${bodies}
