"""Cursors for keyset pagination: an opaque token holding the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import datetime
import json
from typing import Any

from everthread.core.errors import InvalidInput


def cursor_encode(*key: Any) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, *types: type) -> list[Any]:
    """The sort key a cursor holds, checked against the types the list sorts by."""
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if (
            isinstance(key, list)
            and len(key) == len(types)
            and all(isinstance(value, kind) for value, kind in zip(key, types, strict=True))
        ):
            return key
    except (binascii.Error, ValueError, TypeError, UnicodeDecodeError):
        pass
    raise InvalidInput(
        "That page link is not valid; start again from the first page.", field="cursor"
    )


def cursor_instant(stamp: str) -> datetime.datetime:
    """A time a cursor carries as ISO 8601 (lists sorted by a time, then by id)."""
    try:
        return datetime.datetime.fromisoformat(stamp)
    except ValueError:
        raise InvalidInput(
            "That page link is not valid; start again from the first page.", field="cursor"
        ) from None
