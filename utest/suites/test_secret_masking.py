"""Unit tests of the secret registry and the masking listener."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from robot.result import Message
from ScoringLibrary.core.secret_masking import MASK, SecretMaskingListener, SecretRegistry, mask_text, secret_forms


def test_registered_secret_is_masked_everywhere_in_a_message():
    registry = SecretRegistry()
    registry.register("s3cr3t-token")
    assert registry.mask("Bearer s3cr3t-token and again s3cr3t-token") == f"Bearer {MASK} and again {MASK}"


def test_url_encoded_form_is_masked_too():
    registry = SecretRegistry()
    registry.register("a/b+c=d")
    assert registry.mask("url?token=a%2Fb%2Bc%3Dd") == f"url?token={MASK}"


def test_empty_value_is_ignored_and_none_text_passes_through():
    registry = SecretRegistry()
    registry.register("")
    assert len(registry) == 0
    assert registry.mask(None) is None
    assert registry.mask("") == ""


def test_too_short_secret_is_refused_with_its_length():
    with pytest.raises(ValueError, match="at least 3 characters long to be masked, got 2"):
        SecretRegistry().register("ab")


def test_longer_secret_is_replaced_before_a_contained_shorter_one():
    assert mask_text("xx-token-long-xx", ["token", "token-long"]) == f"xx-{MASK}-xx"


def test_secret_forms_lists_the_encoded_form_only_when_different():
    assert secret_forms("plain123") == ("plain123",)
    assert secret_forms("a b") == ("a b", "a%20b")


def test_clear_forgets_every_value():
    registry = SecretRegistry()
    registry.register("token-one")
    registry.clear()
    assert registry.mask("token-one") == "token-one"


def test_listener_masks_log_and_framework_messages():
    registry = SecretRegistry()
    registry.register("tok-123456")
    listener = SecretMaskingListener(registry)
    logged = Message("headers={'Authorization': 'Bearer tok-123456'}")
    system = Message("tok-123456 in a syslog line")
    listener.log_message(logged)
    listener.message(system)
    assert logged.message == f"headers={{'Authorization': 'Bearer {MASK}'}}"
    assert system.message == f"{MASK} in a syslog line"


@pytest.mark.parametrize("hook", ["end_keyword", "end_test", "end_suite"])
def test_listener_masks_failure_messages_of_results(hook):
    registry = SecretRegistry()
    registry.register("tok-123456")
    result = SimpleNamespace(message="expected x, got tok-123456")
    getattr(SecretMaskingListener(registry), hook)(None, result)
    assert result.message == f"expected x, got {MASK}"


def test_listener_masks_documentation_with_a_resolved_secret():
    registry = SecretRegistry()
    registry.register("tok-123456")
    result = SimpleNamespace(message="", doc="Uses the token tok-123456.")
    SecretMaskingListener(registry).end_keyword(None, result)
    assert result.doc == f"Uses the token {MASK}."


def test_listener_leaves_results_without_message_alone():
    result = SimpleNamespace(message="")
    SecretMaskingListener(SecretRegistry()).end_test(None, result)
    assert result.message == ""
