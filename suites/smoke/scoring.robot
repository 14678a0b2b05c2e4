*** Settings ***
Documentation    One applicant scored end to end: a contract-conforming decision that is persisted.

Resource         ../../resources/scoregate.resource

Test Tags        smoke    scoring


*** Test Cases ***
REST Scoring Returns A Decision That Obeys Contract And Business Rules
    [Documentation]    The main path works: schema, cutoffs, band, probability and reason-code rules hold.
    ${applicant}=    New Applicant    prime    label=smoke-rest
    ${response}=    Score Applicant Via REST    ${applicant}
    Response Should Conform To Schema    ${response}    ScoreResponse
    VAR    ${body}=    ${response.json()}
    Should Be Equal    ${body}[transactionId]    ${applicant}[transactionId]
    Should Be Equal    ${body}[modelCode]    ${MODEL_CODE}    msg=A request without modelCode must use the champion
    ...    values=${FALSE}
    Score Response Should Obey Business Rules    ${body}

Scored Decision Is Persisted And Retrievable With Its Interface
    [Documentation]    What the API answered is what the platform stored (process verification).
    ${applicant}=    New Applicant    prime    label=smoke-persist
    ${body}=    Score Applicant    ${applicant}
    ${stored}=    Get Decision    ${applicant}[transactionId]
    Should Be Equal    ${stored}[interface]    REST
    Remove From Dictionary    ${stored}    interface
    Dictionaries Should Be Equal    ${stored}    ${body}    msg=GET /api/v1/decisions differs from the score response
