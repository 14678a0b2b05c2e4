*** Settings ***
Documentation     Contract checks: REST bodies conform to the served OpenAPI schemas and obey the scorecard's
...               business rules; SOAP messages conform to the WSDL's XSD in the published namespace.
...
...               Runs on its own (``robot suites/contract``) or as part of ``robot suites``.

Resource          ../../resources/scoregate.resource

Suite Setup       Open Scoring Target
Suite Teardown    Close Scoring Target

Test Tags         contract
