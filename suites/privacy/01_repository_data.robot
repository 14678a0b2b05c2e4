*** Settings ***
Documentation    The repository's test data (fixtures, baselines, unit-test data, published models) is synthetic.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/privacy.resource

Test Tags        privacy    test-data


*** Variables ***
${ROOT}    ${SCOREGATE_ROOT}


*** Test Cases ***
Suite Fixtures And Baselines Hold No Personal Data
    [Documentation]    Risk: real customer records copied into fixtures or baselines leak through the repository.
    [Template]    Directory Should Not Contain PII
    ${ROOT}${/}suites    pattern=*.json
    ${ROOT}${/}suites    pattern=*.csv
    ${ROOT}${/}suites    pattern=*.ndjson
    ${ROOT}${/}suites    pattern=*.yaml

Unit Test Data And Published Models Hold No Personal Data
    [Documentation]    Risk: unit-test data files or the published scorecards carry real personal data.
    [Template]    Directory Should Not Contain PII
    ${ROOT}${/}utest    pattern=*.json
    ${ROOT}${/}utest    pattern=*.csv
    ${ROOT}${/}utest    pattern=*.ndjson
    ${ROOT}${/}utest    pattern=*.yaml
    ${ROOT}${/}mock${/}models
