"""Unit tests of the session keywords' pure parts: bearer headers, run ids and generated tokens."""

from __future__ import annotations

import re

import pytest
from robot.api.types import Secret
from ScoringLibrary.core.secret_masking import MASK, REGISTRY
from ScoringLibrary.keywords.session import SessionKeywords, bearer_headers, new_run_id

TRANSACTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{7,63}$")


def test_bearer_headers_carry_the_secret_value():
    assert bearer_headers(Secret("tok-abc")) == {"Authorization": "Bearer tok-abc"}


@pytest.mark.parametrize("token", [None, Secret("")])
def test_no_header_without_a_token(token):
    assert bearer_headers(token) == {}


def test_run_id_has_time_pid_and_suffix():
    assert new_run_id(now=0, pid=4242, suffix="9f3c") == "R700101T000000P4242X9f3c"


def test_run_id_has_no_long_digit_runs():
    run_id = new_run_id(pid=987_654, suffix="1234")
    assert max(len(run) for run in re.findall(r"[0-9]+(?:[-\s][0-9]+)*", run_id)) <= 6


def test_run_id_is_short_enough_for_transaction_ids_with_a_label_and_counter():
    run_id = new_run_id(pid=9_999_999_999)
    assert len(run_id) <= 26
    assert TRANSACTION_ID.match(f"{run_id}-{'L' * 30}-999999")


def test_run_ids_of_one_process_differ():
    assert len({new_run_id() for _ in range(50)}) > 40


def test_generated_token_is_a_registered_secret():
    token = SessionKeywords(None).generate_scoring_token()
    assert isinstance(token, Secret)
    assert str(token) == "<secret>"
    assert len(token.value) >= 32
    assert REGISTRY.mask(f"Bearer {token.value}") == f"Bearer {MASK}"


def test_too_short_generated_token_is_refused():
    with pytest.raises(ValueError, match="at least 16 bytes, got 8"):
        SessionKeywords(None).generate_scoring_token(8)
