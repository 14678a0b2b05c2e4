*** Settings ***
Documentation    The model a batch is scored with, and agreement of batch results with realtime scoring of
...              the same applicants (same transactionIds, same fields).

Resource         ../../resources/scoregate.resource
Resource         ../../resources/batch_checks.resource

Test Tags        batch    models


*** Test Cases ***
Batch Without A Model Code Is Scored By The Champion
    [Documentation]    A batch that names no model must use the champion for every record, not a stale or test model.
    ${records}=    New Batch Records    10    label=CHAMP
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}
    Batch Results Should All Use Model    ${batch_id}    ${MODEL_CODE}    ${CHAMPION_VERSION}

Challenger Batch Is Scored With The Challenger Version
    [Documentation]    Champion/challenger runs are meaningless if a batch naming the challenger is scored by the
    ...    champion: the status and every result must name the challenger and its version.
    ${records}=    New Batch Records    10    label=CHALL
    ${batch_id}=    Submit Batch And Wait Until Completed    ${records}    model_code=${CHALLENGER_MODEL_CODE}
    ${status}=    Get Batch Status    ${batch_id}
    Completed Batch Status Should Count    ${status}    10    ${CHALLENGER_MODEL_CODE}    ${CHALLENGER_VERSION}
    Batch Results Should All Use Model    ${batch_id}    ${CHALLENGER_MODEL_CODE}    ${CHALLENGER_VERSION}

Batch Results Equal Realtime Results For The Same Applicants
    [Documentation]    Batch and realtime must run the same scorecard: score, decision, band, probability,
    ...    ordered reason codes and policy rule agree for every applicant, whatever its batch position.
    [Template]    Batch Should Agree With Realtime Scoring
    ${EMPTY}
    ${CHALLENGER_MODEL_CODE}


*** Keywords ***
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
