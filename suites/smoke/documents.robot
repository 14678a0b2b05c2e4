*** Settings ***
Documentation    The machine-readable contracts (OpenAPI 3.1 and WSDL 1.1) are served and usable by clients.

Resource         ../../resources/scoregate.resource

Test Tags        smoke    contract-documents


*** Variables ***
@{CONTRACT_PATHS}
...                  /api/v1/score
...                  /api/v1/decisions/{transactionId}
...                  /api/v1/batch-scoring
...                  /api/v1/batch-scoring/{batchId}
...                  /api/v1/batch-scoring/{batchId}/results
...                  /api/v1/reviews
...                  /api/v1/reviews/{caseId}
...                  /api/v1/reviews/{caseId}/approve
...                  /api/v1/reviews/{caseId}/decline
...                  /health
...                  /metrics
...                  /openapi.json


*** Test Cases ***
OpenAPI Document Describes Every REST Endpoint
    [Documentation]    Client generators read /openapi.json (OpenAPI 3.1): a missing path is an undocumented API.
    ${openapi}=    Get OpenAPI Document
    Should Start With    ${openapi}[openapi]    3.1    msg=openapi version: expected 3.1.x, got ${openapi}[openapi]
    ...    values=${FALSE}
    ${paths}=    Get Dictionary Keys    ${openapi}[paths]    sort_keys=${FALSE}
    ${missing}=    Evaluate    sorted(set($CONTRACT_PATHS) - set($paths))
    Should Be Empty    ${missing}    msg=OpenAPI paths missing from /openapi.json: ${missing}

Served OpenAPI Contract Validates A Real Score Response
    [Documentation]    The served contract loads and a live response conforms to it (document and service agree).
    Load OpenAPI Contract    ${BASE_URL}/openapi.json
    ${applicant}=    New Applicant    prime    label=openapi
    ${response}=    Score Applicant Via REST    ${applicant}
    Response Should Conform To Schema    ${response}    ScoreResponse

WSDL Publishes ScoreApplicant With Its SOAPAction At The Serving Address
    [Documentation]    SOAP clients post where the WSDL says: the address must be the serving endpoint.
    ${wsdl}=    Get WSDL Text
    ${root}=    Parse Xml    ${wsdl}    keep_clark_notation=${TRUE}
    Element Attribute Should Be    ${root}    targetNamespace    ${SOAP_NAMESPACE}
    ${operations}=    Get Elements    ${root}    .//{http://schemas.xmlsoap.org/wsdl/soap/}operation
    Should Not Be Empty    ${operations}    msg=The WSDL binding has no soap:operation
    Element Attribute Should Be    ${operations}[0]    soapAction    ${SOAP_ACTION}
    ${address}=    Get Element    ${root}    .//{http://schemas.xmlsoap.org/wsdl/soap/}address
    ${location}=    Get Element Attribute    ${address}    location
    IF    ${LOCAL_MOCK}
        Should Be Equal    ${location}    ${SOAP_ENDPOINT_URL}
        ...    msg=WSDL soap:address: expected the serving endpoint ${SOAP_ENDPOINT_URL}, got ${location}
        ...    values=${FALSE}
    ELSE
        Should Match Regexp    ${location}    ^https?://    msg=WSDL soap:address is not an http(s) URL: ${location}
    END

WSDL Loads In A SOAP Client That Scores An Applicant
    [Documentation]    The WSDL and its XSD import resolve in SudsLibrary, and the generated call works end to end.
    Open SOAP Client
    ${applicant}=    New Applicant    prime    label=wsdl
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Should Be Equal    ${soap}[transactionId]    ${applicant}[transactionId]
    Should Contain Any    ${soap}[decision]    APPROVE    REFER    DECLINE
