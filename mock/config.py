"""Run-time configuration of the mock scoring platform."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

TOKEN_ENV = "SCORING_MOCK_TOKEN"  # noqa: S105 - the name of an environment variable
ADMIN_TOKEN_ENV = "SCORING_MOCK_ADMIN_TOKEN"  # noqa: S105 - the name of an environment variable


@dataclass(frozen=True)
class MockConfig:
    """Everything ``create_app`` needs: database, defects, admin switch, rate limit and tokens.

    ``token`` / ``admin_token`` None means the environment variables are read when the app is created;
    an empty string means no authentication.
    """

    db_path: str
    defects: frozenset[str] = field(default_factory=frozenset)
    admin_enabled: bool = True
    rate_limit: float | None = None
    rate_burst: int | None = None
    token: str | None = None
    admin_token: str | None = None
    batch_chunk_size: int = 5000

    def resolved_token(self) -> str:
        """The API bearer token ('' when authentication is off)."""
        return self.token if self.token is not None else os.environ.get(TOKEN_ENV, "")

    def resolved_admin_token(self) -> str:
        """The admin bearer token ('' when the admin endpoints are open)."""
        return self.admin_token if self.admin_token is not None else os.environ.get(ADMIN_TOKEN_ENV, "")
