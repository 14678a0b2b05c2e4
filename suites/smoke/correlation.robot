*** Settings ***
Documentation    Correlation ids: echoed when valid, generated when absent, replaced when malformed.
...
...              A correlation id travels into logs and downstream systems: echoing a malformed one
...              (CR/LF, spaces, oversized) enables header and log injection.

Resource         ../../resources/scoregate.resource

Test Tags        smoke    correlation-id


*** Variables ***
${UUID_PATTERN}        ^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$
${LONGEST_VALID_ID}    ${{'C' * 128}}
${TOO_LONG_ID}         ${{'C' * 129}}


*** Test Cases ***
Given Correlation Id Is Echoed In Header And Body
    [Documentation]    The caller's id comes back unchanged in the X-Correlation-ID header and the body.
    ${applicant}=    New Applicant    prime    label=corr-echo
    ${sent}=    New Transaction Id    corr
    VAR    &{headers}=    ${CORRELATION_HEADER}=${sent}
    ${response}=    Score Applicant Via REST    ${applicant}    headers=${headers}
    Correlation Id Should Be    ${response}    ${sent}

Missing Correlation Id Is Generated As A UUID
    [Documentation]    Without a caller id the target creates one, so every decision stays traceable.
    ${applicant}=    New Applicant    prime    label=corr-generated
    ${response}=    Score Applicant Via REST    ${applicant}
    ${generated}=    Correlation Id Should Be Generated    ${response}
    VAR    ${body}=    ${response.json()}
    Should Be Equal    ${body}[correlationId]    ${generated}
    ...    msg=body correlationId '${body}[correlationId]' differs from the header '${generated}'    values=${FALSE}

Correlation Id Of 128 Characters Is Echoed
    [Documentation]    The longest valid id (128 printable characters) is kept: the limit is not off by one.
    VAR    &{headers}=    ${CORRELATION_HEADER}=${LONGEST_VALID_ID}
    ${response}=    Send Scoring Request    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}    headers=${headers}
    Correlation Id Should Be    ${response}    ${LONGEST_VALID_ID}

Malformed Correlation Id Is Replaced By A Generated One
    [Documentation]    Values that are not 1..128 printable ASCII characters without spaces are never echoed.
    [Template]    Malformed Correlation Id Should Be Replaced
    CR LF line folding    SYN-corr\r\n X-Injected: yes
    space    SYN corr id
    tab    SYN-corr\tid
    129 characters    ${TOO_LONG_ID}
    non-ASCII    SYN-corr-é

Error Responses Repeat The Correlation Id
    [Documentation]    Errors are what support investigates: their body must carry the request's id.
    ${sent}=    New Transaction Id    corr-error
    VAR    &{headers}=    ${CORRELATION_HEADER}=${sent}
    ${response}=    Send Scoring Request    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}    headers=${headers}
    Response Should Be JSON Error    ${response}    404    NOT_FOUND
    Correlation Id Should Be    ${response}    ${sent}


*** Keywords ***
Correlation Id Should Be
    [Documentation]    Assert the header and the body (``correlationId`` or ``error.correlationId``) carry ``expected``.
    ...
    ...    Example: ``Correlation Id Should Be    ${response}    ${sent}``
    [Arguments]    ${response}    ${expected}
    ${header}=    Get From Dictionary    ${response.headers}    ${CORRELATION_HEADER}    default=${NONE}
    Should Be Equal    ${header}    ${expected}
    ...    msg=${CORRELATION_HEADER} header: expected '${expected}', got '${header}'    values=${FALSE}
    VAR    ${body}=    ${response.json()}
    ${in_body}=    Evaluate    ($body.get('error') or $body).get('correlationId')
    Should Be Equal    ${in_body}    ${expected}
    ...    msg=correlationId in the body: expected '${expected}', got '${in_body}'    values=${FALSE}

Correlation Id Should Be Generated
    [Documentation]    Assert the response carries a generated (UUID) correlation id and return it.
    ...
    ...    Example: ``${id}=    Correlation Id Should Be Generated    ${response}``
    [Arguments]    ${response}
    ${header}=    Get From Dictionary    ${response.headers}    ${CORRELATION_HEADER}    default=${EMPTY}
    Should Match Regexp    ${header}    ${UUID_PATTERN}
    ...    msg=${CORRELATION_HEADER} header: expected a generated UUID, got '${header}'    values=${FALSE}
    RETURN    ${header}

Malformed Correlation Id Should Be Replaced
    [Documentation]    Send ``value`` as the correlation id and assert a generated UUID comes back in header and body.
    ...
    ...    Example: ``Malformed Correlation Id Should Be Replaced    space    SYN corr id``
    [Arguments]    ${case}    ${value}
    ${response}=    Send Request With Raw Header    GET    ${DECISIONS_PATH}/SYN-UNKNOWN-${RUN_ID}
    ...    ${CORRELATION_HEADER}    ${value}
    Should Be Equal As Integers    ${response.status_code}    404
    ...    msg=${case}: expected the 404 of an unknown decision, got ${response.status_code}: ${response.text}
    ...    values=${FALSE}
    ${generated}=    Correlation Id Should Be Generated    ${response}
    Correlation Id Should Be    ${response}    ${generated}
