"""Who the demo's stories happen to and when: its people, places and clock.

Stories and generated histories are written through the product's services at the
moment the demo is loaded, with times counted back from that moment, so a demo
loaded on any day reads as the week that led up to it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import (
    InteractionDraft,
    JourneyStart,
    interaction_record,
    timeline_write,
)
from everthread.core.models import Staff, Store, Team
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.followups.services import followup_line


@dataclass
class Cast:
    """The organisation's people, teams and places by code, and the demo's clock."""

    staff: dict[str, Staff]
    teams: dict[str, Team]
    stores: dict[str, Store]
    now: datetime.datetime
    zone: ZoneInfo
    # The teams each member of staff belongs to, by username.
    teams_of: dict[str, tuple[Team, ...]] = field(default_factory=dict)
    # The stories' customers, by the first contact point their story lists.
    customers: dict[str, Customer] = field(default_factory=dict)

    def customer(self, first_contact_point: str) -> Customer:
        return self.customers[first_contact_point]

    @property
    def today(self) -> datetime.date:
        return self.now.astimezone(self.zone).date()

    def at(self, day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
        """``hour:minute`` on ``day`` in the organisation's time zone."""
        return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=self.zone)

    def days_ago(self, days: int, hour: int, minute: int = 0) -> datetime.datetime:
        return self.at(self.today - datetime.timedelta(days=days), hour, minute)

    def next_weekday(self, weekday: int, hour: int, minute: int = 0) -> datetime.datetime:
        """The next ``weekday`` (Monday is 0) at ``hour:minute`` still to come: today's if so."""
        ahead = (weekday - self.today.weekday()) % 7
        moment = self.at(self.today + datetime.timedelta(days=ahead), hour, minute)
        return moment if moment > self.now else moment + datetime.timedelta(days=7)

    def later_today(self, share: float) -> datetime.datetime:
        """A time ``share`` of the way from now to the end of today, at least a minute ahead."""
        midnight = self.at(self.today + datetime.timedelta(days=1), 0)
        left = midnight - self.now - datetime.timedelta(minutes=1)
        return self.now + max(left * share, datetime.timedelta(minutes=1))

    def contact(
        self,
        customer: Customer,
        *,
        key: str,
        channel: str,
        direction: str,
        at: datetime.datetime,
        summary: str,
        body: str = "",
        staff: Staff | None = None,
        store: Store | None = None,
        team: Team | None = None,
        journey: Journey | None = None,
        start: JourneyStart | None = None,
    ) -> tuple[Interaction, bool]:
        """Record one contact as its channel would deliver it, under a demo external id:
        (interaction, False) if it was recorded by an earlier run."""
        draft = InteractionDraft(
            channel=channel,
            direction=direction,
            summary=summary,
            body=body,
            occurred_at=at,
            external_id=f"demo-{key}",
            store=store,
            team=team,
        )
        return interaction_record(
            customer=customer, staff=staff, draft=draft, journey=journey, start=start
        )


def journey_started(interaction: Interaction) -> Journey:
    """The journey a story's first contact opened."""
    if interaction.journey is None:
        raise ValueError(f"{interaction} was recorded without a journey.")
    return interaction.journey


def followup_age(
    followup: FollowUp, *, created_at: datetime.datetime, due_at: datetime.datetime
) -> None:
    """Demo time travel: make a follow-up that was opened just now look opened and missed
    days ago.

    ``followup_open`` rightly refuses a due time that has passed, and a demo loaded in
    the morning needs promises made and missed before it (the pillows of story 3, a
    working week's overdue follow-ups). So each is opened through the service (its
    audit, timeline line and queued reminder and escalation are what users get) and
    then only its two clock fields are moved back, and its timeline line rewritten.
    Its escalation then runs as soon as a worker starts, as it would have.
    """
    FollowUp.objects.filter(pk=followup.pk).update(created_at=created_at, due_at=due_at)
    followup.created_at, followup.due_at = created_at, due_at
    timeline_write(followup_line(followup))
