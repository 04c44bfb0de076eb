"""What every app's API router shares: times with their offset, references to staff, teams
and stores, and the answer to a POST that a client may retry with an Idempotency-Key."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from typing import Annotated, Any

from django.http import JsonResponse
from ninja import Field, Schema
from ninja.responses import NinjaJSONEncoder
from pydantic import AfterValidator

from everthread.core.errors import InvalidInput, NotFound
from everthread.core.http import StaffRequest
from everthread.core.models import Staff, Store, Team
from everthread.core.selectors import staff_list, store_list
from everthread.core.services import idempotent_write


def _with_offset(value: datetime.datetime) -> datetime.datetime:
    # A time without an offset means a different instant in London, Edinburgh's guests'
    # home and the server: refuse it rather than guess.
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            "give the time with its UTC offset, e.g. 2025-03-14T10:00:00+00:00 "
            "or 2025-03-14T10:00:00Z; a time without one is ambiguous"
        )
    return value


AwareDateTime = Annotated[
    datetime.datetime,
    AfterValidator(_with_offset),
    Field(description="ISO 8601 with a UTC offset, e.g. 2025-03-14T10:00:00+00:00."),
]


class PageParams(Schema):
    """Where a list's page starts (the next_cursor of the page before) and how long it is."""

    cursor: str | None = Field(default=None, description="next_cursor of the page before.")
    limit: int = Field(default=25, ge=1, le=100)


class StaffRef(Schema):
    id: int
    username: str
    name: str

    @staticmethod
    def resolve_name(staff: Staff) -> str:
        return str(staff)


class TeamRef(Schema):
    id: int
    code: str
    name: str


class StoreRef(Schema):
    id: int
    code: str
    name: str


class CustomerRef(Schema):
    id: int
    name: str

    @staticmethod
    def resolve_name(customer: object) -> str:
        return str(customer)


def staff_named(username: str, *, field: str) -> Staff:
    """The member of staff a request names by username, who must be able to sign in."""
    staff = staff_list(active_only=False).filter(username=username).first()
    if staff is None:
        raise NotFound(f"No member of staff has the username “{username}”.", field=field)
    if not staff.is_active:
        raise InvalidInput(
            f"{staff} ({username}) cannot sign in any more; choose a colleague who can.",
            field=field,
        )
    return staff


def team_coded(code: str, *, field: str) -> Team:
    team = Team.objects.filter(code=code).first()
    if team is None:
        raise NotFound(f"No team has the code “{code}”.", field=field)
    return team


def store_coded(code: str, *, field: str) -> Store:
    store = store_list().filter(code=code).first()
    if store is None:
        raise NotFound(f"No store has the code “{code}”.", field=field)
    return store


def answer_once(request: StaffRequest, write: Callable[[], tuple[int, Schema]]) -> JsonResponse:
    """Run a POST's write and answer it; a retry with the same Idempotency-Key gets the
    first status and body again, whatever changed since."""

    def rendered() -> tuple[int, Any]:
        status, out = write()
        # Kept as the client reads it (ninja's JSON), so the replay is byte-for-byte the same.
        return status, json.loads(json.dumps(out.model_dump(), cls=NinjaJSONEncoder))

    status, body = idempotent_write(
        staff=request.auth,
        key=request.headers.get("Idempotency-Key"),
        request_body=request.body,
        write=rendered,
    )
    return JsonResponse(body, status=status)
