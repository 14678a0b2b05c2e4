"""Namespaces, the operation's names and the message fields of the SOAP endpoint."""

from __future__ import annotations

SOAP_ENV_NS = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP12_ENV_NS = "http://www.w3.org/2003/05/soap-envelope"
SCORING_NS = "http://scoregate.example.com/scoring/v1"
SCORING_NS_V2 = "http://scoregate.example.com/scoring/v2"
"""The namespace responses use while the ``soap-namespace-changed`` defect is active."""

OPERATION = "ScoreApplicant"
SOAP_ACTION = f"{SCORING_NS}/{OPERATION}"
REQUEST_ELEMENT = "ScoreApplicantRequest"
RESPONSE_ELEMENT = "ScoreApplicantResponse"
REQUEST_TAG = f"{{{SCORING_NS}}}{REQUEST_ELEMENT}"

ENDPOINT_PATH = "/soap/realtime-scoring"
XSD_NAME = "scoring.xsd"
XML_CONTENT_TYPE = "text/xml; charset=utf-8"
MAX_BODY_BYTES = 64 * 1024

INTEGER_FIELDS = frozenset({"age", "creditHistoryMonths"})
DECIMAL_FIELDS = frozenset({"monthlyIncome", "requestedAmount", "existingDebt"})
REQUEST_FIELDS: tuple[str, ...] = (
    "transactionId",
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
    "modelCode",
)
"""ScoreApplicantRequest's elements in schema order (``modelCode`` is optional)."""

RESPONSE_FIELDS: tuple[str, ...] = (
    "transactionId",
    "applicantId",
    "modelCode",
    "modelVersion",
    "score",
    "decision",
    "riskBand",
    "probabilityOfDefault",
    "reasonCodes",
    "policyRule",
    "scoredAt",
    "correlationId",
)
"""ScoreApplicantResponse's elements in schema order (``policyRule`` omitted when null)."""
