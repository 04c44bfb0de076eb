"""Cursors for keyset pagination: an opaque token holding the last row's sort key."""

from __future__ import annotations

import base64
import binascii
import datetime
import json
import types
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from everthread.core.errors import InvalidInput

M = TypeVar("M", bound=Model)


def cursor_encode(*key: Any) -> str:
    raw = json.dumps(list(key), separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(cursor: str, *types: type | types.UnionType) -> list[Any]:
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


def time_keyset_page(
    rows: QuerySet[M], *, by: str, after: str | None, limit: int, newest_first: bool = False
) -> tuple[list[M], str | None]:
    """A page of ``rows`` sorted by the time field ``by`` then id, and the cursor to the
    next page (None on the last); 1 query. Rows added meanwhile never shift a page."""
    if after:
        stamp, last_id = cursor_decode(after, str, int)
        at = cursor_instant(stamp)
        beyond = "lt" if newest_first else "gt"
        rows = rows.filter(Q(**{f"{by}__{beyond}": at}) | Q(**{by: at, f"id__{beyond}": last_id}))
    sign = "-" if newest_first else ""
    page = list(rows.order_by(f"{sign}{by}", f"{sign}id")[: limit + 1])
    if len(page) <= limit:
        return page, None
    last = page[limit - 1]
    return page[:limit], cursor_encode(getattr(last, by).isoformat(), last.pk)
