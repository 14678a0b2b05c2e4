*** Settings ***
Documentation     Boundary values: every numeric field at its limits, every decision cutoff, risk band edge
...               and policy rule edge, with applicants whose scores are computed by hand from the
...               published scorecards.
...
...               Runs on its own (``robot suites/boundary``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         boundary
