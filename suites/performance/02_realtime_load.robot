*** Settings ***
Documentation    Load tests with Locust on the realtime channels: sustained REST load and a SOAP spike, each
...              checked against SLOs.
...
...              Locust runs in separate processes (`Run Load Test`); the token reaches it through its
...              environment only. The load profile and the SLOs are in ``load.resource`` beside this suite.
...              Locust's CSV files and logs are kept under ``${OUTPUT_DIR}/locust``.

Resource         ../../resources/scoregate.resource
Resource         load.resource

Test Tags        performance    load


*** Test Cases ***
Sustained REST Load Meets The SLOs
    [Documentation]    Risk: realtime scoring slows down or fails once several channels call it at the same time.
    ${result}=    Run Load Test    ${BASE_URL}    realtime_rest    users=${LOAD_USERS}
    ...    spawn_rate=${LOAD_SPAWN_RATE}    duration=${LOAD_DURATION}    shape=sustained    token=${API_TOKEN}
    ...    pacing=${LOAD_PACING}
    Load Test SLO Should Be Met    ${result}    p95_ms=${LOAD_P95_MS}    p99_ms=${LOAD_P99_MS}
    ...    max_error_ratio=${LOAD_MAX_ERROR_RATIO}    min_rps=${LOAD_MIN_RPS}

A SOAP Spike Meets The Latency SLO
    [Documentation]    Risk: a sudden burst on the SOAP channel (XML parsing, XSD validation) queues requests.
    ${result}=    Run Load Test    ${BASE_URL}    realtime_soap    users=${SPIKE_USERS}
    ...    spawn_rate=${SPIKE_USERS}    duration=${SPIKE_DURATION}    shape=spike    token=${API_TOKEN}
    ...    pacing=${LOAD_PACING}
    Load Test SLO Should Be Met    ${result}    p95_ms=${SPIKE_P95_MS}    max_error_ratio=${LOAD_MAX_ERROR_RATIO}
