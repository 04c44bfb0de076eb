"""Reads: the bulletins meant for one member of staff, who has not read one, and the
promotions calendar, each with its query budget."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from everthread.bulletins.errors import BulletinNotFound, PromotionNotFound
from everthread.bulletins.models import (
    TEAM_KIND_CHANNELS,
    Bulletin,
    BulletinAcknowledgement,
    BulletinTarget,
    Promotion,
    team_kinds_working,
)
from everthread.core.models import Staff
from everthread.core.pagination import time_keyset_page


@dataclass(frozen=True)
class Workplace:
    """Where a member of staff works, as a bulletin's audience reads it."""

    role: str
    store_ids: frozenset[int]
    team_ids: frozenset[int]
    channels: frozenset[str]


def staff_workplace(*, staff: Staff) -> Workplace:
    """Their role, their home store and their teams' stores, their teams and the channels
    those teams work (models.TEAM_KIND_CHANNELS); 1 query."""
    teams = list(staff.teams.values_list("id", "store_id", "kind"))
    stores = {store_id for _, store_id, _ in teams if store_id} | (
        {staff.home_store_id} if staff.home_store_id else set()
    )
    channels = frozenset().union(*(TEAM_KIND_CHANNELS.get(kind, ()) for _, _, kind in teams))
    return Workplace(
        role=staff.role,
        store_ids=frozenset(stores),
        team_ids=frozenset(team_id for team_id, _, _ in teams),
        channels=channels,
    )


def _meant_for(workplace: Workplace) -> Q:
    """Bulletins whose audience holds this workplace: each kind of target it names matches."""
    targets = BulletinTarget.objects.filter(bulletin=OuterRef("pk"))

    def kind(named: Q, match: Q) -> Q:
        return ~Exists(targets.filter(named)) | Exists(targets.filter(named & match))

    return (
        kind(~Q(role=""), Q(role=workplace.role))
        & kind(Q(store__isnull=False), Q(store_id__in=workplace.store_ids))
        & kind(Q(team__isnull=False), Q(team_id__in=workplace.team_ids))
        & kind(~Q(channel=""), Q(channel__in=workplace.channels))
    )


def _mine(staff: Staff, at: datetime.datetime) -> QuerySet[Bulletin]:
    read = BulletinAcknowledgement.objects.filter(bulletin=OuterRef("pk"), staff=staff)
    return (
        Bulletin.objects.published(at)
        .filter(_meant_for(staff_workplace(staff=staff)))
        .select_related("author")
        .annotate(acknowledged_at=Subquery(read.values("acknowledged_at")[:1]))
    )


@dataclass(frozen=True)
class BulletinPage:
    bulletins: list[Bulletin]
    next_cursor: str | None


def bulletins_mine(*, staff: Staff, after: str | None = None, limit: int = 25) -> BulletinPage:
    """The bulletins out now that are meant for them, newest first, each with when they
    acknowledged it (None if not yet); 2 queries."""
    rows = _mine(staff, timezone.now())
    page, cursor = time_keyset_page(
        rows, by="publish_at", after=after, limit=limit, newest_first=True
    )
    return BulletinPage(page, cursor)


# The most shown at once; more than this waiting is itself the news.
TO_ACKNOWLEDGE_SHOWN = 5


@dataclass(frozen=True)
class ToAcknowledge:
    bulletins: list[Bulletin]
    count: int


def bulletins_to_acknowledge(*, staff: Staff) -> ToAcknowledge:
    """What they must still confirm they have read, oldest first; 2 queries."""
    read = BulletinAcknowledgement.objects.filter(bulletin=OuterRef("pk"), staff=staff)
    waiting = _mine(staff, timezone.now()).filter(~Exists(read), acknowledgement_required=True)
    rows = list(waiting.order_by("publish_at", "id")[: TO_ACKNOWLEDGE_SHOWN + 1])
    shown = rows[:TO_ACKNOWLEDGE_SHOWN]
    if len(rows) <= TO_ACKNOWLEDGE_SHOWN:
        return ToAcknowledge(shown, len(rows))
    return ToAcknowledge(shown, waiting.count())


def bulletin_for(*, staff: Staff, bulletin_id: int) -> Bulletin:
    """One bulletin out now and meant for them; 2 queries."""
    bulletin = _mine(staff, timezone.now()).filter(pk=bulletin_id).first()
    if bulletin is None:
        raise BulletinNotFound("That bulletin is not one for you, or it is not out (or no longer).")
    return bulletin


def bulletin_audience(*, bulletin: Bulletin) -> QuerySet[Staff]:
    """Everyone who can sign in whom the bulletin's audience names (its targets must be
    loaded); the same rule as _meant_for, read from the other side."""
    targets = list(bulletin.targets.all())
    staff = Staff.objects.filter(is_active=True)
    roles = {target.role for target in targets if target.role}
    if roles:
        staff = staff.filter(role__in=roles)
    stores = {target.store_id for target in targets if target.store_id}
    if stores:
        staff = staff.filter(Q(home_store_id__in=stores) | Q(teams__store_id__in=stores))
    teams = {target.team_id for target in targets if target.team_id}
    if teams:
        staff = staff.filter(teams__id__in=teams)
    channels = {target.channel for target in targets if target.channel}
    if channels:
        staff = staff.filter(teams__kind__in=team_kinds_working(channels))
    return Staff.objects.filter(pk__in=staff.values("pk"))


@dataclass(frozen=True)
class Reader:
    staff: Staff
    acknowledged_at: datetime.datetime | None


NO_HOME_STORE = "No home store"


@dataclass
class StoreCount:
    store: str
    audience: int = 0
    acknowledged: int = 0

    @property
    def outstanding(self) -> int:
        return self.audience - self.acknowledged


@dataclass
class BulletinReport:
    bulletin: Bulletin
    readers: list[Reader] = field(default_factory=list)

    @property
    def outstanding(self) -> list[Reader]:
        return [reader for reader in self.readers if reader.acknowledged_at is None]

    @property
    def acknowledged(self) -> list[Reader]:
        return [reader for reader in self.readers if reader.acknowledged_at is not None]

    @property
    def by_store(self) -> list[StoreCount]:
        """How many in each home store have acknowledged it; those with none last."""
        counts: dict[str, StoreCount] = {}
        for reader in self.readers:
            store = reader.staff.home_store
            name = store.name if store else NO_HOME_STORE
            count = counts.setdefault(name, StoreCount(name))
            count.audience += 1
            count.acknowledged += reader.acknowledged_at is not None
        return sorted(counts.values(), key=lambda c: (c.store == NO_HOME_STORE, c.store))


def bulletin_report(*, bulletin_id: int) -> BulletinReport:
    """Everyone in the audience, those who have not acknowledged first, by name; 3 queries."""
    bulletin = (
        Bulletin.objects.select_related("author")
        .prefetch_related(
            Prefetch("targets", queryset=BulletinTarget.objects.select_related("store", "team"))
        )
        .filter(pk=bulletin_id)
        .first()
    )
    if bulletin is None:
        raise BulletinNotFound("No bulletin has that number.")
    read = BulletinAcknowledgement.objects.filter(bulletin=bulletin, staff=OuterRef("pk"))
    audience = (
        bulletin_audience(bulletin=bulletin)
        .select_related("home_store")
        .annotate(acknowledged_at=Subquery(read.values("acknowledged_at")[:1]))
        .order_by("first_name", "last_name", "id")
    )
    readers = [Reader(member, member.acknowledged_at) for member in audience]
    readers.sort(key=lambda reader: reader.acknowledged_at is not None)
    return BulletinReport(bulletin, readers)


def bulletins_written(*, after: str | None = None, limit: int = 25) -> BulletinPage:
    """Every bulletin, newest first, with how many have acknowledged it; 1 query."""
    rows = Bulletin.objects.select_related("author").annotate(
        acknowledged=Count("acknowledgements")
    )
    page, cursor = time_keyset_page(
        rows, by="publish_at", after=after, limit=limit, newest_first=True
    )
    return BulletinPage(page, cursor)


def promotions_live(*, at: datetime.datetime | None = None) -> list[Promotion]:
    """What runs now in any channel, ending soonest first; 2 queries."""
    return list(
        Promotion.objects.with_channels().live(at or timezone.now()).order_by("ends_at", "id")
    )


@dataclass(frozen=True)
class Calendar:
    live: list[Promotion]
    coming_up: list[Promotion]
    ended: list[Promotion]


def promotions_calendar(
    *, start: datetime.datetime, end: datetime.datetime, channel: str = ""
) -> Calendar:
    """Promotions running at any time from ``start`` to ``end`` (a month, a week), in one
    channel or all, as live now, coming up and ended; 2 queries."""
    now = timezone.now()
    rows = Promotion.objects.with_channels().filter(starts_at__lt=end, ends_at__gt=start)
    if channel:
        rows = rows.filter(pk__in=Promotion.objects.in_channel(channel).values("pk"))
    promotions = list(rows.order_by("starts_at", "id"))
    return Calendar(
        live=[p for p in promotions if p.starts_at <= now < p.ends_at],
        coming_up=[p for p in promotions if now < p.starts_at],
        ended=[p for p in promotions if p.ends_at <= now],
    )


@dataclass(frozen=True)
class PromotionPage:
    promotions: list[Promotion]
    next_cursor: str | None


def promotions_list(
    *, live: bool | None = None, channel: str = "", after: str | None = None, limit: int = 25
) -> PromotionPage:
    """Promotions by start, live now only (live=True) or not live now (False); 2 queries."""
    rows = Promotion.objects.with_channels()
    now = timezone.now()
    if live is True:
        rows = rows.live(now)
    elif live is False:
        rows = rows.exclude(pk__in=Promotion.objects.live(now).values("pk"))
    if channel:
        rows = rows.filter(pk__in=Promotion.objects.in_channel(channel).values("pk"))
    page, cursor = time_keyset_page(rows, by="starts_at", after=after, limit=limit)
    return PromotionPage(page, cursor)


def promotion_detail(*, promotion_id: int) -> Promotion:
    promotion = Promotion.objects.with_channels().filter(pk=promotion_id).first()
    if promotion is None:
        raise PromotionNotFound("That promotion is not on the calendar.")
    return promotion
