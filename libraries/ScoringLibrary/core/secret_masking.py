"""Keep registered secrets (API tokens) out of every Robot Framework log message and result file.

``SecretRegistry`` holds the values; ``mask`` replaces each occurrence with ``MASK``. ``SecretMaskingListener``
is a listener (API v3) that runs before the output file writer sees a message, so the masked text is what
reaches output.xml, log.html, report.html and xunit files.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from urllib.parse import quote

MASK = "***"
MIN_SECRET_LENGTH = 3


class SecretRegistry:
    """A thread-safe set of secret values and the forms they can take in logged text."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._forms: tuple[str, ...] = ()

    def register(self, value: str) -> None:
        """Add ``value`` (and its URL-encoded form) to the masked values; empty values are ignored.

        Raises ValueError for values shorter than ``MIN_SECRET_LENGTH``: masking them would mangle
        ordinary log text and still not protect them.
        """
        if not value:
            return
        if len(value) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"secret must be at least {MIN_SECRET_LENGTH} characters long to be masked, got {len(value)}"
            )
        with self._lock:
            forms = set(self._forms) | set(secret_forms(value))
            self._forms = tuple(sorted(forms, key=len, reverse=True))

    def clear(self) -> None:
        """Forget every registered value."""
        with self._lock:
            self._forms = ()

    def __len__(self) -> int:
        return len(self._forms)

    def mask(self, text: str | None) -> str | None:
        """Return ``text`` with every registered form replaced by ``MASK`` (None stays None)."""
        return mask_text(text, self._forms)


def secret_forms(value: str) -> tuple[str, ...]:
    """The forms a secret takes in logged text: as is and URL-encoded (when that differs)."""
    encoded = quote(value, safe="")
    return (value,) if encoded == value else (value, encoded)


def mask_text(text: str | None, forms: Iterable[str]) -> str | None:
    """Replace each of ``forms`` (longest first for a stable result) in ``text`` with ``MASK``."""
    if not text:
        return text
    for form in sorted(forms, key=len, reverse=True):
        if form in text:
            text = text.replace(form, MASK)
    return text


REGISTRY = SecretRegistry()
"""The process-wide registry the library keywords register tokens in and the listener masks with."""


class SecretMaskingListener:
    """Listener API v3 masking registered secrets in log messages and in the messages and docs of results.

    Registered as a library listener (``ROBOT_LIBRARY_LISTENER``), it is called before the output file writer,
    so masked messages are what output.xml and the reports built from it contain.
    """

    ROBOT_LISTENER_API_VERSION = 3

    def __init__(self, registry: SecretRegistry = REGISTRY) -> None:
        self.registry = registry

    def log_message(self, message) -> None:
        """Mask a message a keyword logs."""
        message.message = self.registry.mask(message.message)

    def message(self, message) -> None:
        """Mask a framework (syslog) message."""
        message.message = self.registry.mask(message.message)

    def end_keyword(self, data, result) -> None:
        """Mask a keyword's failure message and its documentation (user keyword docs resolve variables)."""
        self._mask_result(result)

    def end_test(self, data, result) -> None:
        """Mask a test's failure message (it also goes to report.html and xunit) and its documentation."""
        self._mask_result(result)

    def end_suite(self, data, result) -> None:
        """Mask a suite's setup or teardown failure message and its documentation."""
        self._mask_result(result)

    def _mask_result(self, result) -> None:
        for name in ("message", "doc"):
            text = getattr(result, name, None)
            if text:
                masked = self.registry.mask(text)
                if masked != text:
                    setattr(result, name, masked)
