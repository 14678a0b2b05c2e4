*** Settings ***
Documentation     Drift: score and decision distributions of the champion stay stable, the challenger's
...               differences are measured and bounded, and a drift from the approved baseline is caught.
...
...               Runs on its own (``robot suites/drift``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         drift
