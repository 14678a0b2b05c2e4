"""Errors raised inside the mock and turned into the contract's error responses."""

from __future__ import annotations


class ApiError(Exception):
    """An error answered with the contract's JSON error shape (or a SOAP Fault)."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: list[dict] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or []
        self.headers = headers or {}


class ValidationFailed(ApiError):
    """422: every invalid field of a request, named at once."""

    def __init__(self, details: list[dict]) -> None:
        count = len(details)
        noun = "field is" if count == 1 else "fields are"
        super().__init__(422, "VALIDATION_FAILED", f"{count} {noun} invalid", details)


class IdempotencyConflict(ApiError):
    """409: a transactionId reused with a different payload."""

    def __init__(self, transaction_id: str) -> None:
        super().__init__(
            409,
            "IDEMPOTENCY_CONFLICT",
            f"transactionId {transaction_id} was already used with a different payload",
            [{"field": "transactionId", "issue": "duplicate", "message": "already used with a different payload"}],
        )


class NotFound(ApiError):
    def __init__(self, what: str) -> None:
        super().__init__(404, "NOT_FOUND", f"{what} not found")
