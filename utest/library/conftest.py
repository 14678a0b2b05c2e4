"""Fixtures shared by the ScoringLibrary unit tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def library():
    from ScoringLibrary import ScoringLibrary

    return ScoringLibrary()


@pytest.fixture
def score_response() -> dict:
    """A response that obeys every rule of the contract (score 712 -> APPROVE, band C)."""
    return {
        "transactionId": "TX-20261125-000001",
        "applicantId": "SYN-PRIME0001",
        "modelCode": "credit_risk_v1",
        "modelVersion": "1.4.2",
        "score": 712,
        "decision": "APPROVE",
        "riskBand": "C",
        "probabilityOfDefault": 0.000687,
        "reasonCodes": [],
        "policyRule": None,
        "scoredAt": "2026-11-25T10:15:30.123Z",
        "correlationId": "6f1c2e0e-4f0c-4a55-9d7e-0b8f4b7d9a21",
    }
