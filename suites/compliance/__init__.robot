*** Settings ***
Documentation     Compliance: adverse-action reasons (Reg B, FCRA), the age rule for applicants aged 62 and
...               over, data minimisation of the request contract and model governance of every decision.
...
...               Runs on its own (``robot suites/compliance``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         compliance
