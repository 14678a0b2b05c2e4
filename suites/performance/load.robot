*** Settings ***
Documentation    Load tests with Locust: sustained REST load, a SOAP spike, batches under realtime load and a
...              distributed run with two workers, each checked against SLOs.
...
...              Locust runs in separate processes (`Run Load Test`); the token reaches it through its
...              environment only. The defaults are sized for CI (a few users, 4 to 5 seconds a run); run a
...              longer soak with your own figures, e.g.
...              ``robot -v LOAD_DURATION:10m -v LOAD_USERS:50 -v LOAD_MIN_RPS:400 --include load suites``.
...              Locust's CSV files and logs are kept under ``${OUTPUT_DIR}/locust``.

Resource         ../../resources/scoregate.resource

Test Tags        performance    load


*** Variables ***
${LOAD_DURATION}            4s
${LOAD_USERS}               5
${LOAD_SPAWN_RATE}          5
${LOAD_PACING}              0.1
${LOAD_P95_MS}              250
${LOAD_P99_MS}              500
${LOAD_MAX_ERROR_RATIO}     0.01
${LOAD_MIN_RPS}             15
${SPIKE_DURATION}           5s
${SPIKE_USERS}              10
${SPIKE_P95_MS}             300
${BATCH_LOAD_DURATION}      4s
${BATCH_LOAD_USERS}         4
${BATCH_LOAD_SIZE}          25
${BATCH_CYCLE_P95_MS}       2000
${DISTRIBUTED_DURATION}     4s
${DISTRIBUTED_USERS}        6
${DISTRIBUTED_WORKERS}      2
${REALTIME_ENDPOINT}        POST /api/v1/score
${BATCH_SUBMIT_ENDPOINT}    POST /api/v1/batch-scoring
${BATCH_CYCLE_ENDPOINT}     BATCH submit to COMPLETED


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
