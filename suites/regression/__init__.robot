*** Settings ***
Documentation     Regression: the champion model still gives every case of the approved baseline its
...               approved outcome, segment by segment, over batch and REST, on every run.
...
...               Runs on its own (``robot suites/regression``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         regression
