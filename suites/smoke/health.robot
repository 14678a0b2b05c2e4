*** Settings ***
Documentation    The target reports itself healthy, publishes the contract's models and names its defects.

Resource         ../../resources/scoregate.resource

Test Tags        smoke    health


*** Variables ***
&{PUBLISHED_MODEL_VERSIONS}    credit_risk_v1=1.4.2    credit_risk_v2=2.0.0


*** Test Cases ***
Health Reports Service And Database Up
    [Documentation]    A target that answers but has lost its database must not look healthy.
    ${health}=    Get Health
    Should Be Equal    ${health}[status]    UP    msg=GET /health status: expected UP, got ${health}
    ...    values=${FALSE}
    Should Be Equal    ${health}[database]    UP    msg=GET /health database: expected UP, got ${health}
    ...    values=${FALSE}

Health Lists The Published Models With Their Versions
    [Documentation]    Both scorecards of the contract are deployed, each with its published version.
    ${versions}=    Get Model Versions From Health
    Dictionaries Should Be Equal    ${versions}    ${PUBLISHED_MODEL_VERSIONS}
    ...    msg=GET /health models differ from the published scorecards

Exactly One Model Is Champion And It Is The Default Model
    [Documentation]    Requests without a modelCode go to the champion: there must be exactly one, the run's default.
    ${health}=    Get Health
    ${champions}=    Evaluate    [m['modelCode'] for m in $health['models'] if m.get('champion') is True]
    VAR    @{expected}=    ${MODEL_CODE}
    Lists Should Be Equal    ${champions}    ${expected}    msg=GET /health champions    values=${TRUE}

Health Names Exactly The Defects This Run Activated
    [Documentation]    A run must know whether it tests a clean platform: /health lists the active defects.
    Require Embedded Mock
    ${defects}=    Get Active Defects
    ${expected}=    Split String    ${MOCK_DEFECT}    ,
    ${expected}=    Evaluate    sorted(name.strip() for name in $expected if name.strip())
    ${actual}=    Evaluate    sorted($defects)
    Lists Should Be Equal    ${actual}    ${expected}    msg=GET /health defects vs -v MOCK_DEFECT


*** Keywords ***
Get Model Versions From Health
    [Documentation]    Return ``{modelCode: modelVersion}`` of the models listed by ``GET /health``.
    ...
    ...    Example: ``${versions}=    Get Model Versions From Health``
    ${health}=    Get Health
    VAR    &{versions}=    &{EMPTY}
    FOR    ${model}    IN    @{health}[models]
        Set To Dictionary    ${versions}    ${model}[modelCode]=${model}[modelVersion]
    END
    RETURN    ${versions}
