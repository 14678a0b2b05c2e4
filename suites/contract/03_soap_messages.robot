*** Settings ***
Documentation    SOAP messages conform to the published WSDL/XSD in namespace
...              ``http://scoregate.example.com/scoring/v1``, carry the same decision as REST, and faults
...              are well-formed SOAP 1.1 Client faults with a schema-valid detail.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/contract.resource

Suite Setup      Load Served Contracts

Test Tags        contract    soap


*** Test Cases ***
WSDL Loads In SudsLibrary And Publishes ScoreApplicant
    [Documentation]    Generated SOAP clients depend on the WSDL and its XSD import resolving.
    Open SOAP Client
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-wsdl
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Should Be Equal    ${soap}[transactionId]    ${applicant}[transactionId]

SOAP Call Returns The Contract's Fields With The REST Decision
    [Documentation]    The SOAP channel answers the fields of the REST contract with the same score, decision,
    ...    band, probability and ordered reasons for the same applicant.
    ${applicant}=    Applicant With Profile    ${REFER_PROFILE}    label=contract-soap-fields
    ${soap}=    Score Applicant Via SOAP    ${applicant}
    Score Response Should Obey Business Rules    ${soap}
    ${twin}=    Copy Dictionary    ${applicant}
    ${twin_id}=    New Transaction Id    contract-rest-twin
    Set To Dictionary    ${twin}    transactionId=${twin_id}
    ${rest}=    Score Applicant    ${twin}
    FOR    ${field}    IN    modelCode    modelVersion    score    decision    riskBand    probabilityOfDefault
    ...    reasonCodes    policyRule
        Should Be Equal    ${soap}[${field}]    ${rest}[${field}]
        ...    msg=${field}: SOAP answered ${soap}[${field}], REST ${rest}[${field}] for the same applicant
        ...    values=${FALSE}
    END

SOAP APPROVE Response Validates Against The XSD In The Published Namespace
    [Documentation]    The raw response body (empty reasonCodes, no policyRule) is valid against the XSD and
    ...    in the v1 namespace that existing clients bind to.
    Raw SOAP Score Response Should Conform    ${APPROVE_PROFILE}

SOAP DECLINE Response With Reasons Validates Against The XSD
    [Documentation]    A decline's reasonCode elements (code and description) are valid against the XSD.
    ${soap}=    Raw SOAP Score Response Should Conform    ${DECLINE_PROFILE}
    Should Be Equal    ${soap}[decision]    DECLINE

SOAP Policy Decline With policyRule Validates Against The XSD
    [Documentation]    The optional policyRule element appears on a policy decline and is valid.
    ${soap}=    Raw SOAP Score Response Should Conform    ${P02_PROFILE}
    Should Be Equal    ${soap}[policyRule]    P02

SOAP Validation Fault Is Well Formed
    [Documentation]    An invalid request gets a Client fault with faultstring, FaultInfo and ValidationErrors
    ...    valid against the XSD, and the correlation id of the response.
    ${applicant}=    Applicant With Profile    ${APPROVE_PROFILE}    label=contract-soap-fault
    Set To Dictionary    ${applicant}    age=${17}    channel=fax
    ${response}=    Score Applicant Via Raw SOAP    ${applicant}
    SOAP Fault Should Be Well Formed    ${response}    VALIDATION_FAILED    validation=${TRUE}
    SOAP Fault Should Name Invalid Elements    ${response}    age:out_of_range    channel:invalid_enum

SOAP Malformed XML Fault Is Well Formed
    [Documentation]    Unparseable XML gets a Client fault whose detail is still schema-valid.
    ${response}=    Post Raw SOAP Envelope    <soap:Envelope><soap:Body>
    SOAP Fault Should Be Well Formed    ${response}    MALFORMED_XML
