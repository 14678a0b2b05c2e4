*** Settings ***
Documentation     Negative checks: every error class of the platform is refused the documented way.
...
...               Malformed and non-object JSON, wrong types, non-finite numbers, out-of-range values,
...               unknown (PII-like) and missing fields, bad identifiers and enums, media types, methods,
...               unknown resources, size limits, idempotency conflicts and hostile XML. Every REST error
...               must be the JSON error shape with a correlation id, never an HTML page.
...
...               Runs on its own (``robot suites/negative``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         negative
