*** Settings ***
Documentation     Process verification in the platform's database: what was answered is what was stored,
...               exactly once, for realtime decisions, batch results and review cases, and nothing of the
...               request is kept beyond what the model used.
...
...               Needs read access to the target's SQLite file (the embedded mock's, or
...               ``-v SCORING_DB_PATH:...``); without it every test skips. Runs on its own
...               (``robot suites/database``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         database
