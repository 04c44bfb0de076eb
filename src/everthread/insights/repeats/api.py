"""What a customer had to tell us again, over the API."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.schemas import AwareDateTime, PageParams
from everthread.customers.services import customer_open
from everthread.insights.repeats.selectors import repeats_find, repeats_page

router = Router(tags=["insights"])


class PassageOut(Schema):
    entry_id: int = Field(description="The timeline entry's id, or the note's for a note field.")
    kind: str = Field(description="interaction, note.wants, note.promised or note.tried")
    occurred_at: datetime.datetime
    channel: str
    staff_id: int | None
    text: str


class RepeatOut(Schema):
    earlier: PassageOut = Field(description="What we already knew.")
    later: PassageOut = Field(description="The contact where the customer told us again.")
    score: float
    reason: str


class RepeatPageOut(Schema):
    items: list[RepeatOut]
    next_cursor: str | None


class RepeatParams(PageParams):
    since: AwareDateTime | None = Field(
        default=None, description="Only contacts from this time on (what was known before counts)."
    )


@router.get(
    "/customers/{customer_id}/repeats",
    response=RepeatPageOut,
    summary="What the customer had to tell us again, newest first",
)
@requires(Capability.VIEW_CUSTOMERS)
def repeats_list(request: StaffRequest, customer_id: int, params: Query[RepeatParams]) -> object:
    customer_open(viewer=request.auth, customer_id=customer_id)
    repeats = repeats_find(customer_id=customer_id, since=params.since)
    page, cursor = repeats_page(
        repeats, repeat_of=lambda r: r, after=params.cursor, limit=params.limit
    )
    return {"items": page, "next_cursor": cursor}
