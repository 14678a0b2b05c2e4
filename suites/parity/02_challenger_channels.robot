*** Settings ***
Documentation    The challenger model named explicitly on every channel: REST, SOAP and batch agree exactly and
...              all name the challenger's code and version.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/parity.resource
Resource         ../../resources/batch_checks.resource

Suite Setup      Score Parity Set Over Every Channel    5    model_code=${CHALLENGER_MODEL_CODE}    label=PARC

Test Tags        parity    challenger


*** Test Cases ***
Challenger Is Used By Every Channel
    [Documentation]    A channel that ignores modelCode silently scores the challenger's population with the
    ...    champion: every REST, SOAP and batch outcome must name the challenger and its version.
    [Template]    Outcomes Should All Name The Challenger
    ${PARITY}[rest_bodies]
    ${PARITY}[soap_bodies]
    ${PARITY}[batch_results]

Challenger Outcomes Agree Across Channels And Stores
    [Documentation]    Parity holds for the challenger too, in every channel and in the database.
    [Template]    Outcomes Should Agree With REST
    SOAP Responses
    Batch Results
    Stored SOAP Decisions
    Stored Batch Results


*** Keywords ***
Outcomes Should All Name The Challenger
    [Documentation]    Assert every outcome of ``outcomes`` names the challenger model code and version.
    [Arguments]    ${outcomes}
    ${codes}=    Field Values    ${outcomes}    modelCode
    ${versions}=    Field Values    ${outcomes}    modelVersion
    Remove Values From List    ${codes}    ${CHALLENGER_MODEL_CODE}
    Remove Values From List    ${versions}    ${CHALLENGER_VERSION}
    Should Be Empty    ${codes}    msg=Outcomes scored with ${codes} instead of ${CHALLENGER_MODEL_CODE}
    Should Be Empty    ${versions}    msg=Outcomes carry modelVersion ${versions} instead of ${CHALLENGER_VERSION}
