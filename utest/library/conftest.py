"""Fixtures shared by the ScoringLibrary unit tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
for path in (ROOT, ROOT / "libraries"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

FIXTURES = Path(__file__).resolve().parent / "fixtures"


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
