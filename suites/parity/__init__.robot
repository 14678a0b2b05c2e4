*** Settings ***
Documentation     Parity: the same applicants scored over REST, SOAP and batch, read back through the decisions
...               API and the database, get exactly the same outcome everywhere, and replays across channels
...               return the stored decision.
...
...               Runs on its own (``robot suites/parity``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         parity
