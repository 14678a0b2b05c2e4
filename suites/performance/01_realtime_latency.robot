*** Settings ***
Documentation    Realtime latency over short bursts: REST and SOAP one call after the other, REST in
...              parallel, and lookups of stored decisions.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/performance.resource

Test Tags        performance    latency


*** Variables ***
${REST_BURST}          60
${SOAP_BURST}          40
${PARALLEL_BURST}      40
${LOOKUP_DECISIONS}    10


*** Test Cases ***
Sequential REST Scoring Meets The Latency SLO
    [Documentation]    Risk: realtime scoring too slow for the channels that wait on it (p95, p99 and worst case).
    [Tags]    robot:continue-on-failure
    Record REST Scoring Latencies    ${REST_BURST}    rest    ${P95_LIMIT_MS}
    Latency Percentile Should Be Below    p95    ${P95_LIMIT_MS}    rest
    Latency Percentile Should Be Below    p99    ${P99_LIMIT_MS}    rest
    Latency Percentile Should Be Below    p100    ${MAX_LIMIT_MS}    rest

Sequential SOAP Scoring Meets The Latency SLO
    [Documentation]    Risk: the SOAP channel (XML parsing, XSD validation) is much slower than REST.
    Record SOAP Scoring Latencies    ${SOAP_BURST}    soap    ${SOAP_P95_LIMIT_MS}
    Latency Percentile Should Be Below    p95    ${SOAP_P95_LIMIT_MS}    soap

Parallel REST Scoring Meets The Latency SLO
    [Documentation]    Risk: latency collapses when several callers score at once (locks, a single worker).
    Record Parallel Scoring Latencies    ${PARALLEL_BURST}    parallel
    Latency Percentile Should Be Below    p95    ${PARALLEL_P95_LIMIT_MS}    parallel

Stored Decision Lookups Meet The Latency SLO
    [Documentation]    Risk: reading a stored decision (status checks, audits) is slow, e.g. a table scan.
    ${applicants}=    New Population    ${LOOKUP_DECISIONS}    prime    label=perf-lookup
    ${results}=    Score In Parallel    ${applicants}
    Parallel Results Should All Have Status    ${results}    200
    ${ids}=    Evaluate    [applicant['transactionId'] for applicant in $applicants]
    Record Decision Lookup Latencies    ${ids}    lookup
    Latency Percentile Should Be Below    p95    ${LOOKUP_P95_LIMIT_MS}    lookup
