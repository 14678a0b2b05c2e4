*** Settings ***
Documentation     Privacy: no personal data, request bodies or secrets in test data, answers, storage, logs or reports.
...
...               Runs on its own (``robot suites/privacy``) or as part of ``robot suites``. Only synthetic
...               data is allowed anywhere (ids ``SYN-...``, e-mails at example.com).

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         privacy
