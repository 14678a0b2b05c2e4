*** Settings ***
Documentation    The Prometheus metrics of the contract are exposed and count what the target does.

Resource         ../../resources/scoregate.resource

Test Tags        smoke    metrics


*** Test Cases ***
Metrics Expose Request Counters And Duration Histogram With Their Labels
    [Documentation]    Dashboards and alerts rely on these names and labels; a rename silently blinds them.
    Get Health
    ${metrics}=    Get Metrics Text
    Should Match Regexp    ${metrics}
    ...    (?m)^scoring_requests_total\\{(?=[^}]*method=")(?=[^}]*endpoint=")(?=[^}]*status=")[^}]*\\} \\d
    Should Match Regexp
    ...    ${metrics}
    ...    (?m)^scoring_request_duration_seconds_bucket\\{(?=[^}]*endpoint=")[^}]*le="\\+Inf"
    Should Match Regexp    ${metrics}    (?m)^scoring_request_duration_seconds_count\\{[^}]*endpoint="
    Should Match Regexp    ${metrics}    (?m)^scoring_request_duration_seconds_sum\\{[^}]*endpoint="

Scoring Call Increments Request, Duration And Decision Metrics
    [Documentation]    One scoring call must be counted once as a request, once in the histogram and once as a decision.
    ${applicant}=    New Applicant    prime    label=metrics
    ${before}=    Get Metrics Text
    ${body}=    Score Applicant    ${applicant}
    ${after}=    Get Metrics Text
    Metric Should Have Grown By One    ${before}    ${after}    scoring_requests_total
    ...    method=POST    endpoint=${SCORE_PATH}    status=200
    Metric Should Have Grown By One    ${before}    ${after}    scoring_request_duration_seconds_count
    ...    endpoint=${SCORE_PATH}
    Metric Should Have Grown By One    ${before}    ${after}    scoring_decisions_total
    ...    model_code=${body}[modelCode]    decision=${body}[decision]


*** Keywords ***
Metric Should Have Grown By One
    [Documentation]    Assert the samples of ``name`` with ``labels`` grew by one (at least one on a shared target).
    ...
    ...    Example: ``Metric Should Have Grown By One    ${before}    ${after}    scoring_decisions_total``
    [Arguments]    ${before}    ${after}    ${name}    &{labels}
    ${old}=    Sum Metric Samples    ${before}    ${name}    &{labels}
    ${new}=    Sum Metric Samples    ${after}    ${name}    &{labels}
    IF    ${LOCAL_MOCK}
        Should Be True    ${new} == ${old} + 1
        ...    msg=${name}${labels}: expected ${old} + 1 after one scoring call, got ${new}
    ELSE
        Should Be True    ${new} >= ${old} + 1
        ...    msg=${name}${labels}: expected at least ${old} + 1 after one scoring call, got ${new}
    END
