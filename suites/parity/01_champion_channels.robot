*** Settings ***
Documentation    A mixed set of 25 applicants (every segment, every decision, both policy rules) scored by the
...              champion over REST, SOAP and batch: score, decision, risk band, probability of default,
...              ordered reason codes, policy rule and model version agree exactly in every channel and store.

Resource         ../../resources/scoregate.resource
Resource         ../../resources/parity.resource

Suite Setup      Score The Champion Parity Set

Test Tags        parity    champion


*** Test Cases ***
SOAP Responses Agree With REST
    [Documentation]    Two channels in front of one scorecard must not diverge (mapping, rounding, code order).
    [Template]    Outcomes Should Agree With REST
    SOAP Responses

Batch Results Agree With REST
    [Documentation]    The batch path must score exactly like realtime, including through its results API.
    [Template]    Outcomes Should Agree With REST
    Batch Results

Stored Decisions Agree With REST
    [Documentation]    What is persisted for every channel (decisions of REST and SOAP, batch_results) is what
    ...    realtime answered: process verification across channels.
    [Template]    Outcomes Should Agree With REST
    Stored REST Decisions
    Stored SOAP Decisions
    Stored Batch Results

Decisions API Returns Every Response Unchanged
    [Documentation]    GET /api/v1/decisions/{id} is the audit read: it must equal the response of each channel,
    ...    scoredAt and correlationId included, and name the interface it came through.
    [Template]    Stored Decisions Should Equal Responses
    ${PARITY}[rest_bodies]    REST
    ${PARITY}[soap_bodies]    SOAP

Replays Across Channels Return The Stored Decision
    [Documentation]    Idempotency is shared by the channels: a REST transaction retried over SOAP, or a SOAP one
    ...    over REST, returns the stored decision rather than a new score (one applicant of each known outcome).
    [Template]    Replays Should Return The Stored Decisions
    SOAP    ${PARITY}[rest_applicants][-5:]    ${PARITY}[rest_bodies][-5:]
    REST    ${PARITY}[soap_applicants][-5:]    ${PARITY}[soap_bodies][-5:]


*** Keywords ***
Score The Champion Parity Set
    [Documentation]    Score 20 generated and 5 known-outcome applicants over every channel with the champion.
    Score Parity Set Over Every Channel    20
    Decisions Should Cover Every Outcome    ${PARITY}[rest_bodies]
