"""Bearer-token authentication, compared in constant time."""

from __future__ import annotations

import hmac

from mock.errors import ApiError


def bearer_token(header: str | None) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not header:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def token_matches(expected: str, header: str | None) -> bool:
    """True when ``header`` carries exactly the ``expected`` bearer token."""
    token = bearer_token(header)
    if token is None:
        return False
    return hmac.compare_digest(token.encode("utf-8"), expected.encode("utf-8"))


def require_token(expected: str, header: str | None, realm: str) -> None:
    """Raise 401 UNAUTHORIZED unless ``header`` carries the ``expected`` token (no check when it is empty)."""
    if not expected:
        return
    if token_matches(expected, header):
        return
    reason = "missing" if bearer_token(header) is None else "wrong"
    raise ApiError(
        401,
        "UNAUTHORIZED",
        f"expected 'Authorization: Bearer <token>' for {realm}, the bearer token is {reason}",
        headers={"WWW-Authenticate": f'Bearer realm="{realm}"'},
    )
