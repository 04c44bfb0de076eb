"""The people of the continuity stories (see SCENARIOS.md) and the one-line ways tests
record what happens to them: a contact, a time relative to now."""

from __future__ import annotations

import datetime

from django.utils import timezone

from everthread.coaching.models import Behaviour, Rubric
from everthread.coaching.services import CriterionDraft, RubricDraft, rubric_create
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import InteractionDraft, JourneyStart, interaction_record
from everthread.core.models import Staff
from everthread.customers.models import Customer
from factories import CustomerFactory, StaffFactory, StoreFactory, TeamFactory


def from_now(**delta: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(**delta)


def customer(given_name: str, family_name: str) -> Customer:
    return CustomerFactory(given_name=given_name, family_name=family_name)


def colleague(username: str, name: str, **fields: object) -> Staff:
    first_name, last_name = name.split(" ", 1)
    return StaffFactory(username=username, first_name=first_name, last_name=last_name, **fields)


def line_manager(of: Staff, username: str, name: str) -> Staff:
    """A manager for ``of``: the colleague their overdue follow-ups escalate to."""
    manager = colleague(username, name, role="manager")
    of.manager = manager
    of.save(update_fields=["manager"])
    return manager


def covent_garden_team(*, manager: Staff | None = None, members: tuple[Staff, ...] = ()):
    store = StoreFactory(code="london-covent-garden", name="London Covent Garden")
    team = TeamFactory(
        code="covent-garden-store",
        name="Covent Garden store team",
        kind="store",
        store=store,
        manager=manager,
    )
    team.members.add(*members)
    return team


def contact(
    who: Customer,
    channel: str,
    summary: str,
    *,
    staff: Staff | None = None,
    direction: str = Interaction.Direction.INBOUND,
    journey: Journey | None = None,
    start: JourneyStart | None = None,
    **draft: object,
) -> Interaction:
    """Record one contact with ``who`` (inbound unless told) and return it."""
    interaction, _ = interaction_record(
        customer=who,
        staff=staff,
        draft=InteractionDraft(channel=channel, direction=direction, summary=summary, **draft),
        journey=journey,
        start=start,
    )
    return interaction


def continuity_rubric(coach: Staff) -> Rubric:
    """The coach's rubric for story 4's behaviours, scored 1 to 4."""
    return rubric_create(
        actor=coach,
        draft=RubricDraft(
            name="Continuity behaviours",
            scale_max=4,
            criteria=[
                CriterionDraft(Behaviour.ACKNOWLEDGE_HISTORY, "Did we acknowledge history?"),
                CriterionDraft(Behaviour.CONFIRM_NEEDS, "Confirm needs"),
                CriterionDraft(
                    Behaviour.SUMMARISE_NEXT_STEPS,
                    "Summarise what has been agreed and what will happen next",
                ),
            ],
        ),
    )
