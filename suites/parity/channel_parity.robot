*** Settings ***
Documentation    Channel parity of the champion and of the challenger.
...
...              Champion: a mixed set of 25 applicants (every segment, every decision, both policy rules) scored
...              over REST, SOAP and batch: score, decision, risk band, probability of default, ordered reason
...              codes, policy rule and model version agree exactly in every channel and store.
...
...              Challenger: the challenger model named explicitly on every channel: REST, SOAP and batch agree
...              exactly and all name the challenger's code and version.
...
...              Each set is scored once, by the setup of the first test that needs it, and is the ``\&{PARITY}``
...              of the tests tagged with its model.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/parity.resource
Resource         ../../resources/batch_checks.resource

Test Tags        parity


*** Variables ***
${CHAMPION_PARITY}      ${NONE}
${CHALLENGER_PARITY}    ${NONE}


*** Test Cases ***
SOAP Responses Agree With REST
    [Documentation]    Two channels in front of one scorecard must not diverge (mapping, rounding, code order).
    [Tags]    champion
    [Setup]    Use The Champion Parity Set
    [Template]    Outcomes Should Agree With REST
    SOAP Responses

Batch Results Agree With REST
    [Documentation]    The batch path must score exactly like realtime, including through its results API.
    [Tags]    champion
    [Setup]    Use The Champion Parity Set
    [Template]    Outcomes Should Agree With REST
    Batch Results

Stored Decisions Agree With REST
    [Documentation]    What is persisted for every channel (decisions of REST and SOAP, batch_results) is what
    ...    realtime answered: process verification across channels.
    [Tags]    champion
    [Setup]    Use The Champion Parity Set
    [Template]    Outcomes Should Agree With REST
    Stored REST Decisions
    Stored SOAP Decisions
    Stored Batch Results

Decisions API Returns Every Response Unchanged
    [Documentation]    GET /api/v1/decisions/{id} is the audit read: it must equal the response of each channel,
    ...    scoredAt and correlationId included, and name the interface it came through.
    [Tags]    champion
    [Setup]    Use The Champion Parity Set
    [Template]    Stored Decisions Should Equal Responses
    ${PARITY}[rest_bodies]    REST
    ${PARITY}[soap_bodies]    SOAP

Replays Across Channels Return The Stored Decision
    [Documentation]    Idempotency is shared by the channels: a REST transaction retried over SOAP, or a SOAP one
    ...    over REST, returns the stored decision rather than a new score (one applicant of each known outcome).
    [Tags]    champion
    [Setup]    Use The Champion Parity Set
    [Template]    Replays Should Return The Stored Decisions
    SOAP    ${PARITY}[rest_applicants][-5:]    ${PARITY}[rest_bodies][-5:]
    REST    ${PARITY}[soap_applicants][-5:]    ${PARITY}[soap_bodies][-5:]

Challenger Is Used By Every Channel
    [Documentation]    A channel that ignores modelCode silently scores the challenger's population with the
    ...    champion: every REST, SOAP and batch outcome must name the challenger and its version.
    [Tags]    challenger
    [Setup]    Use The Challenger Parity Set
    [Template]    Outcomes Should All Name The Challenger
    ${PARITY}[rest_bodies]
    ${PARITY}[soap_bodies]
    ${PARITY}[batch_results]

Challenger Outcomes Agree Across Channels And Stores
    [Documentation]    Parity holds for the challenger too, in every channel and in the database.
    [Tags]    challenger
    [Setup]    Use The Challenger Parity Set
    [Template]    Outcomes Should Agree With REST
    SOAP Responses
    Batch Results
    Stored SOAP Decisions
    Stored Batch Results


*** Keywords ***
Use The Champion Parity Set
    [Documentation]    Make the champion's parity set the ``\&{PARITY}`` of the test; score it on first use.
    IF    $CHAMPION_PARITY is None
        Score The Champion Parity Set
        VAR    ${CHAMPION_PARITY}=    ${PARITY}    scope=SUITE    # robocop: off=no-suite-variable
    END
    VAR    ${PARITY}=    ${CHAMPION_PARITY}    scope=SUITE    # robocop: off=no-suite-variable

Use The Challenger Parity Set
    [Documentation]    Make the challenger's parity set the ``\&{PARITY}`` of the test; score it on first use.
    IF    $CHALLENGER_PARITY is None
        Score Parity Set Over Every Channel    5    model_code=${CHALLENGER_MODEL_CODE}    label=PARC
        VAR    ${CHALLENGER_PARITY}=    ${PARITY}    scope=SUITE    # robocop: off=no-suite-variable
    END
    VAR    ${PARITY}=    ${CHALLENGER_PARITY}    scope=SUITE    # robocop: off=no-suite-variable

Score The Champion Parity Set
    [Documentation]    Score 20 generated and 5 known-outcome applicants over every channel with the champion.
    Score Parity Set Over Every Channel    20
    Decisions Should Cover Every Outcome    ${PARITY}[rest_bodies]

Outcomes Should All Name The Challenger
    [Documentation]    Assert every outcome of ``outcomes`` names the challenger model code and version.
    [Arguments]    ${outcomes}
    ${codes}=    Field Values    ${outcomes}    modelCode
    ${versions}=    Field Values    ${outcomes}    modelVersion
    Remove Values From List    ${codes}    ${CHALLENGER_MODEL_CODE}
    Remove Values From List    ${versions}    ${CHALLENGER_VERSION}
    Should Be Empty    ${codes}    msg=Outcomes scored with ${codes} instead of ${CHALLENGER_MODEL_CODE}
    Should Be Empty    ${versions}    msg=Outcomes carry modelVersion ${versions} instead of ${CHALLENGER_VERSION}
