*** Settings ***
Documentation     Metamorphic relations: the model is monotone in income, credit history, debt and requested
...               amount, respects dominance, ignores what it must ignore and is deterministic.
...
...               Runs on its own (``robot suites/metamorphic``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         metamorphic
