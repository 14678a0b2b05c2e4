*** Settings ***
Documentation    Reg B 1002.6(b)(2): an empirically derived scoring system may use age only if applicants
...              aged 62 and over are never assigned a negative value for age. For three profiles that
...              differ only in age (18 to 100), no age of 62 or over may score below the best score at
...              ages 18 to 61, and a refusal at 62 or over may never state the age band (R06) as a reason.
...              Both published models are checked.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/compliance.resource

Suite Setup      Score The Age Grids Of Both Models

Test Tags        compliance    age-rule


*** Test Cases ***
Applicants Aged 62 And Over Never Score Below Younger Applicants
    [Documentation]    Risk: the 62+ age bin carries fewer points than a younger bin (age discrimination).
    [Template]    Seniors Should Never Score Below Younger Ages
    ${CHAMPION_GRIDS}[reference]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[prime]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[declined]    ${MODEL_CODE}
    ${CHALLENGER_GRIDS}[reference]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[prime]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[declined]    ${CHALLENGER_MODEL_CODE}

Refusals At 62 And Over Never State Age As A Reason
    [Documentation]    Risk: age given as a principal reason for refusing an applicant aged 62 or over.
    [Template]    Seniors Should Never Get An Age Reason
    ${CHAMPION_GRIDS}[reference]    ${MODEL_CODE}
    ${CHAMPION_GRIDS}[declined]    ${MODEL_CODE}
    ${CHALLENGER_GRIDS}[reference]    ${CHALLENGER_MODEL_CODE}
    ${CHALLENGER_GRIDS}[declined]    ${CHALLENGER_MODEL_CODE}


*** Keywords ***
Score The Age Grids Of Both Models
    [Documentation]    Score every profile at every age 18..100 with the champion and the challenger.
    ${champion}=    Score Age Grids    ${MODEL_CODE}
    ${challenger}=    Score Age Grids    ${CHALLENGER_MODEL_CODE}
    VAR    ${CHAMPION_GRIDS}=    ${champion}    scope=SUITE    # robocop: off=no-suite-variable
    VAR    ${CHALLENGER_GRIDS}=    ${challenger}    scope=SUITE    # robocop: off=no-suite-variable
