"""The defect catalogue, its parsing, and the docs table that mirrors it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mock.defects import DEFECTS, PII_ECHO_EMAIL, Defect, list_defects_text, parse_defects

EXPECTED = {
    "segment-score-drift": ("regression",),
    "moved-cutoff": ("boundary", "contract"),
    "decline-without-reasons": ("compliance", "contract"),
    "too-many-reason-codes": ("compliance", "contract"),
    "non-monotonic-income": ("metamorphic",),
    "score-jitter": ("metamorphic", "regression"),
    "senior-age-penalty": ("compliance",),
    "age-17-accepted": ("negative", "boundary"),
    "renamed-field": ("contract",),
    "score-as-string": ("contract",),
    "batch-db-mismatch": ("database",),
    "batch-drops-record": ("batch",),
    "soap-namespace-changed": ("contract",),
    "html-error-page": ("negative",),
    "pii-echo": ("privacy",),
    "dropped-correlation-id": ("smoke",),
    "slow-responses": ("performance",),
    "transient-500": ("resilience",),
    "lost-write": ("database",),
    "review-reopen": ("review",),
    "idempotency-broken": ("concurrency",),
}

DOCS = Path(__file__).resolve().parents[2] / "docs" / "defects.md"


def test_catalogue_has_every_defect_in_order_with_its_suites() -> None:
    assert list(DEFECTS) == list(EXPECTED)
    for name, defect in DEFECTS.items():
        assert isinstance(defect, Defect)
        assert defect.name == name
        assert defect.expected_suites == EXPECTED[name]
        assert defect.description and defect.description == defect.description.strip()


def test_names_are_lower_case_hyphenated() -> None:
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in DEFECTS)


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (None, frozenset()),
        ("", frozenset()),
        (" , ", frozenset()),
        ([], frozenset()),
        ("score-jitter", frozenset({"score-jitter"})),
        ("score-jitter, pii-echo ,", frozenset({"score-jitter", "pii-echo"})),
        (["moved-cutoff", "moved-cutoff"], frozenset({"moved-cutoff"})),
        (("lost-write", " review-reopen "), frozenset({"lost-write", "review-reopen"})),
    ],
)
def test_parse_defects(names: object, expected: frozenset[str]) -> None:
    assert parse_defects(names) == expected


def test_unknown_names_are_listed_with_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown defect name\(s\): bogus, score_jitter; expected any of: ") as caught:
        parse_defects("score_jitter,pii-echo,bogus")
    assert "segment-score-drift" in str(caught.value)
    assert "idempotency-broken" in str(caught.value)


def test_non_string_names_are_rejected() -> None:
    with pytest.raises(ValueError, match="must be strings"):
        parse_defects(["pii-echo", 3])  # type: ignore[list-item]


def test_list_text_has_one_aligned_line_per_defect() -> None:
    lines = list_defects_text().splitlines()
    assert len(lines) == len(DEFECTS)
    width = max(map(len, DEFECTS))
    for line, defect in zip(lines, DEFECTS.values(), strict=True):
        assert line == f"{defect.name.ljust(width)}  {defect.description}"


def test_pii_echo_address_looks_personal_but_is_fictitious() -> None:
    local, domain = PII_ECHO_EMAIL.split("@")
    assert local and domain.endswith(".test")
    assert not domain.endswith("example.com")


def test_docs_table_lists_every_defect_with_its_suites() -> None:
    rows = {}
    for line in DOCS.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\| `([a-z0-9-]+)` \| .+ \| ([a-z, ]+) \|", line)
        if match:
            rows[match.group(1)] = tuple(s.strip() for s in match.group(2).split(","))
    assert rows == EXPECTED
