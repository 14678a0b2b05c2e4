*** Settings ***
Documentation     Batch scoring: the submission answer, the status lifecycle, counts, results in submission
...               order, pages, CSV and NDJSON streams, the model a batch is scored with, and agreement with
...               realtime scoring.
...
...               Runs on its own (``robot suites/batch``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         batch
