"""Reads of follow-ups: the continuity brief, "my day" and a manager's view of the team."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.selectors import journeys_of, last_contacts
from everthread.core.models import Staff
from everthread.core.pagination import time_keyset_page
from everthread.customers.models import Customer
from everthread.customers.preferences import Preferences
from everthread.followups.errors import FollowUpNotFound
from everthread.followups.models import FollowUp, Handover, Notice

# An important date this close is one staff should have in mind now.
DATES_AHEAD = datetime.timedelta(days=60)
LIST_LIMIT = 50
# "My day" also shows what is due in the coming week, so nobody is surprised on the day.
COMING_UP = datetime.timedelta(days=7)


def _open() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(status=FollowUp.Status.OPEN).select_related(
        "owner", "team", "customer", "journey", "created_by"
    )


@dataclass(frozen=True)
class Brief:
    """The thread so far: what a colleague reads before answering the customer."""

    journeys: list[Journey]
    followups: list[FollowUp]
    last_contacts: list[Interaction]
    coming_up: list[str]
    needs: list[str]

    @property
    def open_journeys(self) -> list[Journey]:
        return [journey for journey in self.journeys if journey.is_open]

    @property
    def is_empty(self) -> bool:
        return not (self.open_journeys or self.followups or self.last_contacts or self.coming_up)


def continuity_brief(
    *,
    customer: Customer,
    journeys: list[Journey] | None = None,
    today: datetime.date | None = None,
) -> Brief:
    """Open journeys and promises, the last contact per channel, what matters now: 3 queries."""
    today = today or timezone.localdate()
    preferences = Preferences.model_validate(customer.preferences or {})
    coming_up = [
        f"{item.label}: {item.date:%-d %B %Y}"
        for item in sorted(preferences.important_dates, key=lambda item: item.date)
        if today <= item.date <= today + DATES_AHEAD
    ]
    # Who holds each promise is all the brief says of it: no join to the customer (known),
    # its journey or its author, which made the query cost more to build than to run.
    followups = FollowUp.objects.filter(customer=customer, status=FollowUp.Status.OPEN)
    return Brief(
        journeys=journeys_of(customer_id=customer.pk) if journeys is None else journeys,
        followups=list(followups.select_related("owner", "team").order_by("due_at", "id")),
        last_contacts=last_contacts(customer_id=customer.pk),
        coming_up=coming_up,
        needs=[*preferences.accessibility, *preferences.dietary],
    )


@dataclass(frozen=True)
class Day:
    overdue: list[FollowUp]
    due_today: list[FollowUp]
    coming_up: list[FollowUp]
    queue: list[FollowUp]
    owed_replies: list[Journey]
    notices: list[Notice]
    # Filled for managers: what is open across the people and teams they manage.
    team_overdue: list[FollowUp]
    team_open: list[FollowUp]


def my_day(*, staff: Staff, now: datetime.datetime | None = None) -> Day:
    """A member of staff's day, in 5 queries, a manager's included."""
    now = now or timezone.now()
    end_of_day = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=999999)
    horizon = end_of_day + COMING_UP
    mine = list(
        _open().filter(owner=staff, due_at__lte=horizon).order_by("due_at", "id")[: LIST_LIMIT * 4]
    )
    queue = _open().filter(team__members=staff, owner__isnull=True).order_by("due_at", "id")
    owed = (
        Journey.objects.filter(owner=staff, awaiting_reply_since__isnull=False)
        .exclude(status=Journey.Status.RESOLVED)
        .select_related("customer")
        .order_by("awaiting_reply_since")[:LIST_LIMIT]
    )
    notices = (
        Notice.objects.filter(staff=staff, read_at__isnull=True)
        .select_related("followup__customer")
        .order_by("-at", "-id")[:LIST_LIMIT]
    )
    team = _managed(staff)
    return Day(
        overdue=[f for f in mine if f.due_at < now],
        due_today=[f for f in mine if now <= f.due_at <= end_of_day],
        coming_up=[f for f in mine if f.due_at > end_of_day],
        queue=list(queue[:LIST_LIMIT]),
        owed_replies=list(owed),
        notices=list(notices),
        team_overdue=[f for f in team if f.due_at < now],
        team_open=[f for f in team if f.due_at >= now],
    )


def _managed(staff: Staff) -> list[FollowUp]:
    """Open follow-ups held by the people and team queues a manager manages (none for others:
    one query either way, cheaper than asking first whether they manage anyone)."""
    held = Q(owner__manager=staff) | Q(team__manager=staff, owner__isnull=True)
    return list(_open().filter(held).order_by("due_at", "id")[: LIST_LIMIT * 4])


def followup_detail(*, followup_id: int) -> FollowUp:
    """One follow-up with its hand-over history, in 2 queries."""
    followup = (
        FollowUp.objects.select_related(
            "owner", "team", "customer", "journey", "created_by", "closed_by", "escalated_to"
        )
        .prefetch_related(
            Prefetch(
                "handovers",
                queryset=Handover.objects.select_related(
                    "from_owner", "from_team", "to_owner", "to_team", "by"
                ),
            )
        )
        .filter(pk=followup_id)
        .first()
    )
    if followup is None:
        raise FollowUpNotFound(f"There is no follow-up with id {followup_id}.")
    return followup


@dataclass(frozen=True)
class FollowUpPage:
    followups: list[FollowUp]
    next_cursor: str | None


def followups_page(
    *,
    viewer: Staff,
    mine: bool = False,
    team: bool = False,
    customer_id: int | None = None,
    status: str = FollowUp.Status.OPEN,
    after: str | None = None,
    limit: int | None = None,
) -> FollowUpPage:
    """Follow-ups soonest due first, paged by (due_at, id); 1 query, any page.

    ``mine`` and ``team`` together list what the viewer holds and their teams' unassigned
    queues; neither lists everyone's. An empty ``status`` lists every status.
    """
    limit = limit or settings.PAGE_SIZE
    rows = FollowUp.objects.select_related("owner", "team", "customer", "journey", "created_by")
    if status:
        rows = rows.filter(status=status)
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    held = Q(owner=viewer) if mine else Q()
    if team:
        held |= Q(team__members=viewer, owner__isnull=True)
    rows = rows.filter(held)
    followups, next_cursor = time_keyset_page(rows, by="due_at", after=after, limit=limit)
    return FollowUpPage(followups=followups, next_cursor=next_cursor)


def followups_of(
    *, customer_id: int | None = None, owner: Staff | None = None, status: str = "open"
) -> QuerySet[FollowUp]:
    rows = FollowUp.objects.select_related("owner", "team", "customer", "created_by")
    if status:
        rows = rows.filter(status=status)
    if customer_id is not None:
        rows = rows.filter(customer_id=customer_id)
    if owner is not None:
        rows = rows.filter(owner=owner)
    return rows.order_by("due_at", "id")


def team_followups(*, staff: Staff) -> QuerySet[FollowUp]:
    """Open follow-ups in the queues of the teams a member of staff belongs to."""
    return _open().filter(team__members=staff, owner__isnull=True).order_by("due_at", "id")
