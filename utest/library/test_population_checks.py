"""Checks over whole populations of score responses: business rules and reasons refusals may not state."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from ScoringLibrary.core.business_rules import ScorecardRules, refusals_stating, violations_by_response

NOW = datetime(2026, 11, 25, 10, 15, 40, tzinfo=UTC)


def refusal(transaction_id: str, *codes: str, decision: str = "REFER", score: int = 640) -> dict:
    return {
        "transactionId": transaction_id,
        "score": score,
        "decision": decision,
        "riskBand": "D",
        "probabilityOfDefault": ScorecardRules().probability_of_default(score),
        "reasonCodes": [{"code": code} for code in codes],
        "policyRule": None,
        "scoredAt": "2026-11-25T10:15:30.123Z",
    }


def test_violations_by_response_names_each_breaking_response(score_response):
    responses = [
        score_response,
        refusal("TX-2", "R01", "R04"),
        refusal("TX-3"),
        refusal("TX-4", "R01", "R02", "R03", "R04", "R05"),
        "not a response",
    ]
    violations = violations_by_response(responses, ScorecardRules(), NOW)
    assert violations == [
        ("TX-3", ["reasonCodes: expected 1..4 on REFER, got 0 (none)"]),
        ("TX-4", ["reasonCodes: expected 1..4 on REFER, got 5 (R01|R02|R03|R04|R05)"]),
        ("response 5", ["$: expected a JSON object, got str"]),
    ]
    assert violations_by_response([score_response], ScorecardRules(), NOW) == []


def test_refusals_stating_counts_refusals_and_names_the_offenders(score_response):
    responses = [
        score_response,
        refusal("TX-2", "R01", "R06"),
        refusal("TX-3", "R01"),
        refusal("TX-4", "R06", decision="DECLINE", score=580),
    ]
    assert refusals_stating(responses, "R06") == (3, ["TX-2 (R01|R06)", "TX-4 (R06)"])
    assert refusals_stating([score_response], "R06") == (0, [])


def test_every_score_response_keyword_fails_naming_the_breaking_responses(library, score_response):
    now = "2026-11-25T10:15:40Z"
    library.run_keyword("Every Score Response Should Obey Business Rules", [[score_response] * 3], {"now": now})
    broken = [refusal(f"TX-{i}") for i in range(12)]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword(
            "Every Score Response Should Obey Business Rules", [[score_response, *broken]], {"now": now}
        )
    message = str(failure.value)
    assert message.startswith(
        "12 of 13 score responses break the business rules: TX-0: reasonCodes: expected 1..4 on REFER, got 0 (none) | "
    )
    assert message.endswith("TX-9: reasonCodes: expected 1..4 on REFER, got 0 (none) | and 2 more")


def test_refusals_should_not_state_reason_keyword(library, score_response):
    clean = [score_response, refusal("TX-1", "R01")]
    assert library.run_keyword("Refusals Should Not State Reason", [clean, "R06"], {}) == 1
    assert library.run_keyword("Refusals Should Not State Reason", [[score_response], "R06"], {}) == 0
    offending = [*clean, refusal("TX-2", "R06", "R01")]
    with pytest.raises(AssertionError) as failure:
        library.run_keyword("Refusals Should Not State Reason", [offending, "R06"], {"context": "v1 at 62+"})
    assert str(failure.value) == "v1 at 62+: 1 of 2 refusals state R06 as a reason: TX-2 (R06|R01)"
