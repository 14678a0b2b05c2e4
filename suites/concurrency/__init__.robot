*** Settings ***
Documentation     Concurrency: parallel realtime scoring, concurrent replays and conflicts, parallel batches.
...
...               Runs on its own (``robot suites/concurrency``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         concurrency
