"""The continuity metrics: each one a numerator over a denominator, computed in the database.

Every metric is one aggregate query (two for none), whatever the size of the base. A
metric whose denominator is zero has no value ("no data"), never 0 %: an empty period
is not a period where nothing went well.

The metrics that read every contact or message of the period (response time,
first-contact resolution, messages answered, the tone gap) read the whole days the daily
rollups hold from them instead, and compute only the rest of the period live
(rollups.selectors.rollup_split): one more query each, and the same figures.

The registry is open: another module adds a metric with one line,
``metric_register("repeats", label=..., unit="percent")(compute)``, and it appears on the
dashboard, in the CSV and in the API.
"""

from __future__ import annotations

import datetime
import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from everthread.consent.models import ConsentEvent, consent_channel_of
from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Staff
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.insights.models import RepeatSurvey, ReplyDay, ResolvedDay, ResolvedPlace, SentDay
from everthread.insights.repeats.selectors import Heard, repeats_heard
from everthread.insights.rollups.selectors import rollup_split
from everthread.insights.scope import Scope
from everthread.notes.models import Note
from everthread.outreach.selectors import outbound_sent

INBOUND, OUTBOUND = Interaction.Direction.INBOUND, Interaction.Direction.OUTBOUND
# A customer's message within this long of ours counts as a response to it.
RESPONSE_WINDOW = datetime.timedelta(days=7)
# Kinds that record the customer's answer about consent (not staff's flags to check).
_CONSENT_ANSWERS = tuple(
    kind
    for kind in ConsentEvent.Kind.values
    if kind not in (ConsentEvent.Kind.LIKELY_OBJECTION, ConsentEvent.Kind.CHECKED)
)
# The tone check's hints are stored as JSON; a warning among them reads like this.
TONE_WARNING = '"severity": "warning"'


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # "percent", "hours", "score" (0-4) or "points"
    numerator: float
    denominator: int
    value: float | None  # None: nothing to measure in this scope
    definition: str

    @property
    def has_data(self) -> bool:
        return self.value is not None


Computed = tuple[float, int, float | None]
Compute = Callable[[Scope], Computed]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    better: str  # "higher" or "lower"
    compute: Compute

    @property
    def definition(self) -> str:
        return inspect.cleandoc(self.compute.__doc__ or "").split("\n\n")[0].replace("\n", " ")

    def measure(self, scope: Scope) -> Measure:
        numerator, denominator, value = self.compute(scope)
        return Measure(
            self.key, self.label, self.unit, numerator, denominator, value, self.definition
        )


METRICS: dict[str, Metric] = {}


def metric_register(
    key: str, *, label: str, unit: str, better: str = "higher"
) -> Callable[[Compute], Compute]:
    """Add a metric to every dashboard, CSV and API answer (in registration order)."""

    def register(compute: Compute) -> Compute:
        METRICS[key] = Metric(key, label, unit, better, compute)
        return compute

    return register


def metrics_measure(scope: Scope, *, given: Mapping[str, Computed] | None = None) -> list[Measure]:
    """Every metric for ``scope``; ``given`` holds ones the caller already computed for this
    very scope (the dashboard finds repeats once for the metric and the journey map)."""
    given = given or {}
    return [
        Measure(m.key, m.label, m.unit, *given[m.key], m.definition)
        if m.key in given
        else m.measure(scope)
        for m in METRICS.values()
    ]


def rate(numerator: float, denominator: int) -> tuple[float, int, float | None]:
    """A percentage, or no value when there is nothing to divide by."""
    value = round(100 * numerator / denominator, 1) if denominator else None
    return numerator, denominator, value


def mean(total: float, count: int) -> tuple[float, int, float | None]:
    return total, count, (round(total / count, 2) if count else None)


def hours(delta: datetime.timedelta | float | None) -> float:
    if delta is None:
        return 0.0
    seconds = delta.total_seconds() if isinstance(delta, datetime.timedelta) else delta / 1e6
    return round(seconds / 3600, 2)


def elapsed(later: str, earlier: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


def microseconds(delta: datetime.timedelta | float | None) -> int:
    """A summed duration as the database answers it (an interval, or microseconds on
    SQLite), in whole microseconds: sums of them add up exactly."""
    if delta is None:
        return 0
    if isinstance(delta, datetime.timedelta):
        return delta // datetime.timedelta(microseconds=1)
    return int(delta)


def waited(total_us: int) -> float:
    """Hours, as ``hours`` gives them for the same summed duration."""
    return hours(datetime.timedelta(microseconds=total_us))


Rows = Iterable[Mapping[str, Any]]


def rolled_and_live(
    scope: Scope,
    *,
    rolled: Callable[[Q], Rows],
    live: Callable[[Scope], Rows],
    by: tuple[str, ...],
    sums: tuple[str, ...],
) -> dict[tuple[Any, ...], dict[str, int]]:
    """``sums`` added up per ``by`` over the scope: the whole days the rollups hold from
    ``rolled`` (given those days), the rest from ``live`` (per live part); 1 query, and 1
    per live part. Counts add as they are, durations in whole microseconds."""
    split = rollup_split(scope)
    rows: list[Mapping[str, Any]] = [*rolled(split.days)] if split.runs else []
    for part in split.live:
        rows += live(part)
    found: dict[tuple[Any, ...], dict[str, int]] = {}
    for row in rows:
        totals = found.setdefault(tuple(row[key] for key in by), dict.fromkeys(sums, 0))
        for key in sums:
            totals[key] += microseconds(row.get(key))
    return found


# --- Where each kind of row sits in a scope ---

Places = Callable[[list[int]], Q]


def placed(scope: Scope, *, stores: Places, teams: Places) -> Q:
    """Rows at the scope's store, in its team, and within the viewer's reach (at one of
    their stores or in one of their teams); ``stores`` and ``teams`` say how a kind of row
    is placed at stores and in teams by id."""
    q = Q()
    if scope.store_id is not None:
        q &= stores([scope.store_id])
    if scope.team_id is not None:
        q &= teams([scope.team_id])
    if scope.reach is not None:
        q &= stores(sorted(scope.reach.store_ids)) | teams(sorted(scope.reach.team_ids))
    return q


def members_of(team_ids: list[int]) -> QuerySet:
    return Staff.objects.filter(teams__in=team_ids).values("pk")


def staff_in(scope: Scope, field: str) -> Q:
    """Rows whose ``field`` (a Staff foreign key) is the person, at the store or in the team."""
    q = placed(
        scope,
        stores=lambda ids: Q(**{f"{field}__home_store_id__in": ids}),
        teams=lambda ids: Q(**{f"{field}_id__in": members_of(ids)}),
    )
    if scope.staff_id is not None:
        q &= Q(**{f"{field}_id": scope.staff_id})
    return q


def contacts_in(scope: Scope) -> Q:
    """Interactions in the scope: by the person, at the store, for the team, in the channel
    (a contact without a store counts for the store of the colleague who had it)."""
    q = placed(
        scope,
        stores=lambda ids: (
            Q(store_id__in=ids) | Q(store__isnull=True, staff__home_store_id__in=ids)
        ),
        teams=lambda ids: Q(team_id__in=ids),
    )
    if scope.staff_id is not None:
        q &= Q(staff_id=scope.staff_id)
    if scope.channel:
        q &= Q(channel=scope.channel)
    return q


def journeys_in(scope: Scope) -> Q:
    """Journeys owned by the person, with a contact at the store, team or in the channel
    (and within the viewer's reach)."""
    q = Q(owner_id=scope.staff_id) if scope.staff_id is not None else Q()
    if scope.store_id or scope.team_id or scope.channel or scope.reach is not None:
        narrowed = replace(scope, staff_id=None)
        q &= Q(Exists(Interaction.objects.filter(contacts_in(narrowed), journey_id=OuterRef("pk"))))
    return q


def followups_placed(scope: Scope) -> Q:
    """Follow-ups (or rows naming their ``owner`` and ``team``) held by the person, at the
    store (owner's home store or the team's store), in the team (its queue or a member's)."""
    q = placed(
        scope,
        stores=lambda ids: Q(owner__home_store_id__in=ids) | Q(team__store_id__in=ids),
        teams=lambda ids: Q(team_id__in=ids) | Q(owner_id__in=members_of(ids)),
    )
    if scope.staff_id is not None:
        q &= Q(owner_id=scope.staff_id)
    return q


def followups_in(scope: Scope, *, by: str = "due_at") -> QuerySet[FollowUp]:
    """Follow-ups due (``by``) in the period (cancelled ones promised nothing), held by the person,
    at the store (owner's home store or the team's store), in the team (its queue or a
    member's), or raised from a contact in the channel."""
    rows = FollowUp.objects.filter(scope.during(by), followups_placed(scope))
    rows = rows.exclude(status=FollowUp.Status.CANCELLED)
    if scope.channel:
        rows = rows.filter(interaction__channel=scope.channel)
    return rows


# --- The metrics, in the order the dashboard shows them ---


@metric_register("followup_completion", label="Follow-ups completed", unit="percent")
def followup_completion(scope: Scope) -> tuple[float, int, float | None]:
    """Follow-ups due in the period that are done, over all follow-ups due in the period
    (cancelled ones excluded)."""
    counts = followups_in(scope).aggregate(
        due=Count("id"), done=Count("id", filter=Q(status=FollowUp.Status.DONE))
    )
    return rate(counts["done"], counts["due"])


@metric_register("followup_on_time", label="Follow-ups done on time", unit="percent")
def followup_on_time(scope: Scope) -> tuple[float, int, float | None]:
    """Follow-ups due in the period that were done by their due time, over all follow-ups
    due in the period (one still open past its due time is not on time)."""
    on_time = Q(status=FollowUp.Status.DONE, closed_at__lte=F("due_at"))
    counts = followups_in(scope).aggregate(due=Count("id"), on_time=Count("id", filter=on_time))
    return rate(counts["on_time"], counts["due"])


@metric_register("handover_time", label="Handover time (hours)", unit="hours", better="lower")
def handover_time(scope: Scope) -> tuple[float, int, float | None]:
    """Mean hours from a promise being made (the follow-up opened) to its owner acting on
    it (the follow-up done), over follow-ups done in the period."""
    done = followups_in(scope, by="closed_at").filter(status=FollowUp.Status.DONE)
    total = done.aggregate(n=Count("id"), wait=Sum(elapsed("closed_at", "created_at")))
    return mean(hours(total["wait"]), total["n"])


@metric_register("note_quality", label="Note quality (0–4)", unit="score")
def note_quality(scope: Scope) -> tuple[float, int, float | None]:
    """Mean quality score (0-4: how many of clear, factual, respectful and complete a note
    passes) over the handover notes saved in the period; drafts are not counted."""
    notes = Note.objects.filter(
        scope.during("created_at"), staff_in(scope, "author"), status=Note.Status.FINAL
    )
    if scope.channel:
        notes = notes.filter(interaction__channel=scope.channel)
    total = notes.aggregate(n=Count("id"), score=Coalesce(Sum("quality_score"), 0))
    return mean(total["score"], total["n"])


@metric_register("escalations", label="Follow-ups escalated", unit="percent", better="lower")
def escalations(scope: Scope) -> tuple[float, int, float | None]:
    """Follow-ups due in the period that were escalated to a manager for being overdue,
    over all follow-ups due in the period."""
    counts = followups_in(scope).aggregate(
        due=Count("id"), escalated=Count("id", filter=Q(escalated_at__isnull=False))
    )
    return rate(counts["escalated"], counts["due"])


def journey_inbound_count(journey: str = "pk") -> Coalesce:
    """How many times the customer got in touch on the journey (``journey``: its id)."""
    inbound = (
        Interaction.objects.filter(journey_id=OuterRef(journey), direction=INBOUND)
        .values("journey_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(inbound), Value(0))


@metric_register("first_contact_resolution", label="Resolved at first contact", unit="percent")
def first_contact_resolution(scope: Scope) -> tuple[float, int, float | None]:
    """Journeys resolved in the period in which the customer got in touch at most once, over
    all journeys resolved in the period."""
    split = rollup_split(scope)
    total = first = 0
    if split.runs:
        total, first = _resolved_rolled_up(scope, split.days)
    for part in split.live:
        journeys = Journey.objects.filter(
            journeys_in(part), part.during("resolved_at"), status=Journey.Status.RESOLVED
        ).annotate(inbound=journey_inbound_count())
        counts = journeys.aggregate(total=Count("id"), first=Count("id", filter=Q(inbound__lte=1)))
        total, first = total + counts["total"], first + counts["first"]
    return rate(first, total)


def _resolved_rolled_up(scope: Scope, days: Q) -> tuple[int, int]:
    """Journeys resolved on whole rolled-up days, as journeys_in places them: per owner
    alone, or by their contacts when the scope narrows to where they happened."""
    owned = Q(owner_id=scope.staff_id) if scope.staff_id is not None else Q()
    if scope.store_id or scope.team_id or scope.channel or scope.reach is not None:
        places = ResolvedPlace.objects.filter(
            days, owned, contacts_in(replace(scope, staff_id=None))
        )
        counts = places.aggregate(
            total=Count("journey_id", distinct=True),
            first=Count("journey_id", distinct=True, filter=Q(first=True)),
        )
    else:
        counts = ResolvedDay.objects.filter(days, owned).aggregate(
            total=Coalesce(Sum("resolved"), 0), first=Coalesce(Sum("first"), 0)
        )
    return counts["total"], counts["first"]


def replies(scope: Scope) -> QuerySet[Interaction]:
    """The customer's messages in the period on a journey that we answered, each with the
    time of our first answer after it (``reply_at``)."""
    reply = Interaction.objects.filter(
        journey_id=OuterRef("journey_id"),
        direction=OUTBOUND,
        occurred_at__gte=OuterRef("occurred_at"),
    ).order_by("occurred_at", "id")
    return (
        Interaction.objects.filter(
            contacts_in(scope), scope.during("occurred_at"), direction=INBOUND
        )
        .exclude(journey=None)
        .annotate(reply_at=Subquery(reply.values("occurred_at")[:1]))
        .filter(reply_at__isnull=False)
    )


@metric_register("response_time", label="Response time (hours)", unit="hours", better="lower")
def response_time(scope: Scope) -> tuple[float, int, float | None]:
    """Mean hours from a customer's message in the period to our first answer on the same
    journey, over the customer's messages that got one (any channel; see the breakdown)."""
    answered = wait_us = 0
    for row in replies_by_channel(scope).values():
        answered, wait_us = answered + row[0], wait_us + row[1]
    return mean(waited(wait_us), answered)


def replies_by_channel(scope: Scope) -> dict[str, tuple[int, int]]:
    """Per channel of the customer's messages: how many we answered and the sum of the
    waits in microseconds (rolled_and_live)."""
    found = rolled_and_live(
        scope,
        rolled=lambda days: (
            ReplyDay.objects.filter(days, contacts_in(scope))
            .values("channel")
            .annotate(n=Sum("answered"), wait=Sum("wait_us"))
        ),
        live=lambda part: (
            replies(part)
            .values("channel")
            .annotate(n=Count("id"), wait=Sum(elapsed("reply_at", "occurred_at")))
            .order_by()
        ),
        by=("channel",),
        sums=("n", "wait"),
    )
    return {channel: (totals["n"], totals["wait"]) for (channel,), totals in found.items()}


@metric_register("consent_coverage", label="Consent on record", unit="percent")
def consent_coverage(scope: Scope) -> tuple[float, int, float | None]:
    """Customers in touch in the period (a contact in the scope) whose consent answer for
    some channel and purpose is on record by the end of it, over all those customers."""
    contacted = Interaction.objects.filter(contacts_in(scope), scope.during("occurred_at"))
    answered = ConsentEvent.objects.filter(
        customer_id=OuterRef("pk"), occurred_at__lt=scope.end, kind__in=_CONSENT_ANSWERS
    )
    counts = Customer.objects.filter(pk__in=contacted.values("customer_id")).aggregate(
        total=Count("id"), known=Count("id", filter=Q(Exists(answered)))
    )
    return rate(counts["known"], counts["total"])


def messages_in(scope: Scope) -> QuerySet:
    """Messages sent in the period (on their way or delivered), by the person or
    their store or team, in the channel's consent channel."""
    messages = outbound_sent(start=scope.start, end=scope.end).filter(staff_in(scope, "created_by"))
    if scope.channel:
        messages = messages.filter(channel=consent_channel_of(scope.channel))
    return messages


@metric_register("outreach_response", label="Messages answered", unit="percent")
def outreach_response(scope: Scope) -> tuple[float, int, float | None]:
    """Messages sent in the period that the customer answered (any contact from them within
    seven days), over all messages sent in the period."""
    total = answered = 0
    for row in sent_by_channel(scope).values():
        total, answered = total + row["sent"], answered + row["answered"]
    return rate(answered, total)


def message_answered() -> Exists:
    """Whether the customer got in touch within seven days of a message."""
    window = ExpressionWrapper(OuterRef("created_at") + RESPONSE_WINDOW, DateTimeField())
    return Exists(
        Interaction.objects.filter(
            customer_id=OuterRef("customer_id"),
            direction=INBOUND,
            occurred_at__gt=OuterRef("created_at"),
            occurred_at__lte=window,
        )
    )


def sent_by_channel(scope: Scope, *, answers: bool = True) -> dict[str, dict[str, int]]:
    """Per consent channel: messages sent in the scope, those the tone check passed without
    a warning and (``answers``) those the customer answered (rolled_and_live)."""

    def rolled(days: Q) -> Rows:
        sent = SentDay.objects.filter(days, staff_in(scope, "created_by"))
        if scope.channel:
            sent = sent.filter(channel=consent_channel_of(scope.channel))
        return sent.values("channel").annotate(
            sent=Sum("sent"), on_tone=Sum("on_tone"), answered=Sum("answered")
        )

    counts = {
        "sent": Count("id"),
        "on_tone": Count("id", filter=~Q(tone_hints__icontains=TONE_WARNING)),
    }
    if answers:
        counts["answered"] = Count("id", filter=Q(message_answered()))
    found = rolled_and_live(
        scope,
        rolled=rolled,
        live=lambda part: messages_in(part).values("channel").annotate(**counts).order_by(),
        by=("channel",),
        sums=("sent", "on_tone", "answered"),
    )
    return {channel: totals for (channel,), totals in found.items()}


@metric_register(
    "repeat_survey", label="Said they had to repeat themselves", unit="percent", better="lower"
)
def repeat_survey(scope: Scope) -> tuple[float, int, float | None]:
    """Answers in the period to "Did you have to repeat yourself?" that said yes, over all
    answers in the period (for journeys in the scope)."""
    journeys = Journey.objects.filter(journeys_in(scope)).values("pk")
    counts = RepeatSurvey.objects.filter(
        scope.during("answered_at"), journey_id__in=journeys
    ).aggregate(total=Count("id"), yes=Count("id", filter=Q(answer=RepeatSurvey.Answer.YES)))
    return rate(counts["yes"], counts["total"])


@dataclass(frozen=True)
class RepeatsFound:
    """The customer's contacts in a scope, and what they told us again in them."""

    contacts: int
    heard: list[Heard]

    def by_channel(self) -> dict[str, int]:
        """Contacts in which the customer repeated themselves, per channel."""
        told: dict[str, set[int]] = {}
        for found in self.heard:
            told.setdefault(found.channel, set()).add(found.interaction_id)
        return {channel: len(contacts) for channel, contacts in told.items()}

    def rate(self) -> Computed:
        return rate(sum(self.by_channel().values()), self.contacts)


def repeats_in(scope: Scope) -> RepeatsFound:
    """What the repeat-yourself detector found in the customer's contacts in the scope (as
    kept, caught up first: repeats_heard)."""
    contacts = Interaction.objects.filter(
        contacts_in(scope), scope.during("occurred_at"), direction=INBOUND
    )
    heard = repeats_heard(contacts=contacts)
    return RepeatsFound(contacts.count(), heard)


@metric_register(
    "repeats", label="Contacts where customers repeated themselves", unit="percent",
    better="lower",
)  # fmt: skip
def repeats(scope: Scope) -> Computed:
    """The customer's contacts in the period in which they told us again a request, fact or
    complaint an earlier contact or a handover note already held, over all their contacts
    in the period (the detector's findings, each with its two passages in the drill-down)."""
    return repeats_in(scope).rate()


def tone_by_channel(scope: Scope) -> list[dict[str, object]]:
    """Per channel: messages sent in the period and how many the tone check passed without
    a warning (sent_by_channel)."""
    found = sent_by_channel(scope, answers=False)
    return [
        {
            "channel": channel,
            "sent": row["sent"],
            "on_tone": row["on_tone"],
            "share": rate(row["on_tone"], row["sent"])[2],
        }
        for channel, row in sorted(found.items())
    ]


@metric_register(
    "tone_consistency", label="Tone gap between channels (points)", unit="points", better="lower"
)
def tone_consistency(scope: Scope) -> tuple[float, int, float | None]:
    """The gap, in percentage points, between the channel whose messages the tone check
    passed most often without a warning and the one it passed least often, over the
    channels with messages in the period (needs two channels to compare)."""
    shares = [float(row["share"]) for row in tone_by_channel(scope)]  # type: ignore[arg-type]
    if len(shares) < 2:
        return 0.0, len(shares), None
    gap = round(max(shares) - min(shares), 1)
    return gap, len(shares), gap
