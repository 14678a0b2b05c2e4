*** Settings ***
Documentation     Resilience: retries, rate limits, timeouts, broken answers, recovery and stability under a burst.
...
...               Runs on its own (``robot suites/resilience``) or as part of ``robot suites``. Faults and
...               rate limits are injected through the target's ``/__admin`` API; without it those tests skip.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         resilience
