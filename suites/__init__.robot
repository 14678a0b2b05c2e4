*** Settings ***
Documentation     ScoreGate acceptance suites for a credit-scoring platform.
...
...               Opens the scoring target once per run (once per process under pabot): the embedded
...               mock on a free port with its own database and a per-run token, or the external
...               service named by ``SCORING_BASE_URL``.

Resource          ../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target
