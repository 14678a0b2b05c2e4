*** Settings ***
Documentation     Smoke checks: the target is up, observable, documented, traceable and protected.
...
...               Runs on its own (``robot suites/smoke``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         smoke
