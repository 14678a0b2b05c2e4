*** Settings ***
Documentation     Manual review: every REFER (REST, SOAP, batch) opens one PENDING case, a reviewer decides it
...               once, decided cases are final, and filters find cases by status.
...
...               Runs on its own (``robot suites/review``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         review
