*** Settings ***
Documentation    The results of one completed batch of 23 records read page by page, as CSV and as NDJSON:
...              every form must hold the same records, in submission order, with the same values.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource

Suite Setup      Submit The Paged Batch

Test Tags        batch    results


*** Variables ***
${PAGED_COUNT}    ${23}


*** Test Cases ***
Pages Of Size 1 Reassemble The Results
    [Documentation]    The smallest page: every record on its own page, in order.
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    1    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Pages Of Size 7 Reassemble The Results With A Partial Last Page
    [Documentation]    23 = 3 x 7 + 2: off-by-one paging drops or repeats records at page edges.
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    7    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Pages Of Size 100 Hold The Whole Batch On One Page
    [Documentation]    A page larger than the batch holds it all, with totalPages 1.
    [Template]    Pages Should Reassemble The Results
    ${PAGED_BATCH}    100    ${PAGED_RECORDS}    ${PAGED_RESULTS}

Last Partial Page Holds The Last Records
    [Documentation]    Page 4 of size 7 holds exactly the 22nd and 23rd submitted records.
    ${page}=    Get Batch Results Page    ${PAGED_BATCH}    page=4    page_size=7
    Results Page Should Be    ${page}    4    7    ${PAGED_COUNT}    2
    ${expected}=    Get Slice From List    ${PAGED_RECORDS}    21
    Transaction Ids Should Be In Submission Order    ${page}[results]    ${expected}

Page Beyond The End Is Empty
    [Documentation]    Paging past the end must answer an empty page with the same totals, never wrap around.
    ${page}=    Get Batch Results Page    ${PAGED_BATCH}    page=5    page_size=7
    Results Page Should Be    ${page}    5    7    ${PAGED_COUNT}    0

Page Parameters Outside Their Range Are Rejected
    [Documentation]    pageSize is 1..1000 and page at least 1: anything else is a 422 naming the parameter.
    [Template]    Results Page Request Should Be Rejected
    1    0    pageSize
    1    1001    pageSize
    0    10    page
    1    ten    pageSize

CSV Stream Has The Contract Header And One Row Per Result
    [Documentation]    Downstream loaders read the CSV by column: header exactly as the contract, one row per
    ...    record in order, reason codes joined with |, values equal to the JSON results.
    ${csv}=    Get Batch Results As CSV    ${PAGED_BATCH}
    Batch CSV Should Hold Every Record    ${csv}    ${PAGED_RECORDS}    ${PAGED_RESULTS}    ${PAGED_BATCH}

NDJSON Stream Has One Result Object Per Line Equal To JSON
    [Documentation]    Streaming consumers read one object a line: one per submitted record, in order, each equal
    ...    to its JSON result.
    ${objects}=    Get Batch Results As NDJSON    ${PAGED_BATCH}
    Transaction Ids Should Be In Submission Order    ${objects}    ${PAGED_RECORDS}
    Lists Should Be Equal    ${objects}    ${PAGED_RESULTS}    msg=NDJSON results differ from the JSON results


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
