"""Domain errors carry their own HTTP status and machine code.

The API's exception handler and the web middleware turn them into responses;
domain code raises them with a message a person can act on.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "invalid"
    http_status = 400

    def __init__(self, message: str, *, field: str | None = None, **extra: Any) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "detail": self.message, "field": self.field, **self.extra}


class InvalidInput(DomainError):
    code, http_status = "invalid", 400


class NotFound(DomainError):
    code, http_status = "not_found", 404


class Forbidden(DomainError):
    code, http_status = "forbidden", 403


class Conflict(DomainError):
    code, http_status = "conflict", 409


class IdempotencyKeyReused(DomainError):
    code, http_status = "idempotency_key_reused", 422


class ImportFileRefused(InvalidInput):
    """A whole CSV file that cannot be imported: its encoding, its header, its shape."""

    code = "import_file_refused"


class ImportRowRefused(InvalidInput):
    """One row of an import that cannot be read; the other rows go on."""

    code = "import_row_refused"
