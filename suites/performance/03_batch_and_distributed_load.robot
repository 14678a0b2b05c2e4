*** Settings ***
Documentation    Load tests with Locust: batches under realtime load and a distributed run with two workers,
...              each checked against SLOs.
...
...              Locust runs in separate processes (`Run Load Test`, `Run Distributed Load Test`); the token
...              reaches it through its environment only. The load profile and the SLOs are in
...              ``load.resource`` beside this suite. Locust's CSV files and logs are kept under
...              ``${OUTPUT_DIR}/locust``.

Resource         ../../resources/scoregate.resource
Resource         load.resource

Test Tags        performance    load


*** Test Cases ***
Batches Complete While Realtime Scoring Runs
    [Documentation]    Risk: batch scoring starves the realtime channel, or batches stall under realtime load.
    [Tags]    robot:continue-on-failure
    ${result}=    Run Load Test    ${BASE_URL}    batch    users=${BATCH_LOAD_USERS}
    ...    spawn_rate=${BATCH_LOAD_USERS}    duration=${BATCH_LOAD_DURATION}    token=${API_TOKEN}
    ...    pacing=${LOAD_PACING}    batch_size=${BATCH_LOAD_SIZE}
    Load Test SLO Should Be Met    ${result}    max_error_ratio=0    endpoint=${BATCH_SUBMIT_ENDPOINT}
    Load Test SLO Should Be Met    ${result}    p95_ms=${BATCH_CYCLE_P95_MS}    max_error_ratio=0
    ...    endpoint=${BATCH_CYCLE_ENDPOINT}
    Load Test SLO Should Be Met    ${result}    p95_ms=${LOAD_P95_MS}    max_error_ratio=${LOAD_MAX_ERROR_RATIO}
    ...    endpoint=${REALTIME_ENDPOINT}

Distributed REST Load With Two Workers Meets The SLOs
    [Documentation]    Risk: the load generator itself is the bottleneck; a master with workers spreads the users.
    ${result}=    Run Distributed Load Test    ${BASE_URL}    realtime_rest    users=${DISTRIBUTED_USERS}
    ...    spawn_rate=${DISTRIBUTED_USERS}    duration=${DISTRIBUTED_DURATION}    token=${API_TOKEN}
    ...    workers=${DISTRIBUTED_WORKERS}    pacing=${LOAD_PACING}
    Should Be Equal As Integers    ${result}[workers_connected]    ${DISTRIBUTED_WORKERS}
    ...    msg=Expected ${DISTRIBUTED_WORKERS} Locust workers to connect, got ${result}[workers_connected]
    Load Test SLO Should Be Met    ${result}    p95_ms=${LOAD_P95_MS}    p99_ms=${LOAD_P99_MS}
    ...    max_error_ratio=${LOAD_MAX_ERROR_RATIO}    min_rps=${LOAD_MIN_RPS}
