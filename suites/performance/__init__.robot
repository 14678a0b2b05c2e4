*** Settings ***
Documentation     Performance: latency percentiles of realtime scoring and batch throughput against SLOs.
...
...               Runs on its own (``robot suites/performance``) or as part of ``robot suites``. The
...               limits are variables (see resources/performance.resource): set your own SLOs for a
...               real service, e.g. ``-v P95_LIMIT_MS:200 -v P99_LIMIT_MS:400``. Load tests with many
...               users belong to Locust, not here.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         performance
