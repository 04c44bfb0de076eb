"""A hand-checked month (March 2026) for the continuity metrics: every number the tests
expect is worked out in the comments here."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from everthread.consent.models import ConsentEvent
from everthread.conversations.models import Interaction, Journey
from everthread.core.models import Staff, Store, Team
from everthread.customers.models import Customer
from everthread.followups.models import FollowUp
from everthread.insights.models import RepeatSurvey
from everthread.insights.scope import Scope
from everthread.notes.models import Note
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send
from factories import ContactPointFactory, CustomerFactory, StaffFactory, StoreFactory, TeamFactory
from repeating import CHAT_SAID, STORE_SAID, contact, days_ago, marcus

UTC = datetime.UTC


def head_office_manager() -> Staff:
    """Lena, who looks after every store and team from head office."""
    lena = StaffFactory(username="lena", first_name="Lena", role="manager")
    lena.teams.add(TeamFactory(code="head-office", name="Head office", kind="head_office"))
    return lena


def at(day: int, hour: int = 12, minute: int = 0, month: int = 3) -> datetime.datetime:
    return datetime.datetime(2026, month, day, hour, minute, tzinfo=UTC)


MARCH = Scope(start=at(1, 0), end=datetime.datetime(2026, 4, 1, tzinfo=UTC))
APRIL = Scope(start=datetime.datetime(2026, 4, 1, tzinfo=UTC), end=at(1, 0, month=5))


@dataclass
class March:
    store: Store
    team: Team
    contact_centre: Team
    tom: Staff
    chloe: Staff
    amara: Customer
    daniel: Customer
    rosa: Customer
    first_journey: Journey


def _contact(customer, journey, channel, direction, when, staff=None, **fields) -> Interaction:
    return Interaction.objects.create(
        customer=customer,
        journey=journey,
        channel=channel,
        direction=direction,
        occurred_at=when,
        staff=staff,
        summary=f"{channel} {direction}",
        **fields,
    )


def _followup(customer, owner, *, created, due, status="open", closed=None, via=None, **more):
    followup = FollowUp.objects.create(
        customer=customer,
        owner=owner,
        created_by=owner,
        title="Call back",
        due_at=due,
        status=status,
        closed_at=closed,
        interaction=via,
        **more,
    )
    FollowUp.objects.filter(pk=followup.pk).update(created_at=created)
    return followup


def _message(customer, channel, actor, *, created, warning: bool) -> None:
    sent = outreach_send(
        customer=customer, channel=channel, purpose="service", body="Hello, it is ready.",
        actor=actor, at=at(2, 12),
    )  # fmt: skip
    hints = [{"rule": "curt", "severity": "warning"}] if warning else []
    OutboundMessage.objects.filter(pk=sent.message.pk).update(
        created_at=created, status="sent", tone_hints=hints
    )


@pytest.fixture
def march(organisation) -> March:
    store = StoreFactory(code="manchester-king-street", name="Manchester King Street")
    team = TeamFactory(code="manchester", name="Manchester team", store=store)
    contact_centre = TeamFactory(
        code="contact-centre", name="Contact centre", kind="contact_centre"
    )
    tom = StaffFactory(username="tom", first_name="Tom", last_name="Reilly", home_store=store)
    tom.teams.add(team)
    chloe = StaffFactory(username="chloe", first_name="Chloe", last_name="Evans", role="agent")
    chloe.teams.add(contact_centre)
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    ContactPointFactory(customer=amara, kind="email", value="amara.osei@example.com")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    ContactPointFactory(customer=daniel, kind="email", value="daniel.novak@example.com")

    # J1: chat, answered in 30 minutes, then in store (answered at once), resolved;
    # the customer got in touch twice, so not first-contact. Chat → in store after 48.5 h.
    first = Journey.objects.create(
        customer=amara, title="Wedding outfit", status="resolved", opened_at=at(5, 10),
        last_activity_at=at(7, 11), resolved_at=at(7, 12), owner=tom,
    )  # fmt: skip
    chat = _contact(amara, first, "chat", "inbound", at(5, 10), chloe, team=contact_centre)
    _contact(amara, first, "chat", "outbound", at(5, 10, 30), chloe, team=contact_centre)
    _contact(amara, first, "in_store", "inbound", at(7, 11), tom, store=store, team=team)
    _contact(amara, first, "in_store", "outbound", at(7, 11), tom, store=store, team=team)
    # J2: one chat, answered in 2 hours, resolved: first-contact resolution.
    second = Journey.objects.create(
        customer=daniel, title="Boots exchange", status="resolved", opened_at=at(9, 9),
        last_activity_at=at(9, 11), resolved_at=at(9, 12), owner=chloe,
    )  # fmt: skip
    _contact(daniel, second, "chat", "inbound", at(9, 9), chloe, team=contact_centre)
    _contact(daniel, second, "chat", "outbound", at(9, 11), chloe, team=contact_centre)
    # J3: a question on X nobody has answered yet; open.
    third = Journey.objects.create(
        customer=rosa, title="Raincoat", opened_at=at(14, 18), last_activity_at=at(14, 18)
    )
    _contact(rosa, third, "x", "inbound", at(14, 18))
    # In February: outside the month.
    _contact(daniel, None, "phone", "inbound", at(10, 9, month=2), chloe)

    # Follow-ups due in March: F1 done on time (opened 48 h before), F2 done a day late
    # (opened 24 h before it was done), F3 still open and escalated, F4 cancelled (not
    # counted). F5 was due in February.
    _followup(amara, tom, created=at(8, 9), due=at(10, 10), status="done", closed=at(10, 9),
              via=chat)  # fmt: skip
    _followup(amara, tom, created=at(12, 12), due=at(12, 12), status="done", closed=at(13, 12))
    _followup(daniel, chloe, created=at(14, 9), due=at(15, 9), escalated_at=at(16, 9), via=chat)
    _followup(daniel, chloe, created=at(14, 9), due=at(20, 9), status="cancelled")
    _followup(rosa, tom, created=at(1, 9, month=2), due=at(10, 9, month=2), status="done",
              closed=at(10, 8, month=2))  # fmt: skip

    # Notes saved in March: scores 4 (Tom) and 2 (Chloe); a draft and a February note
    # are not counted.
    for author, score, status, when in (
        (tom, 4, "final", at(7, 12)),
        (chloe, 2, "final", at(9, 12)),
        (chloe, 0, "draft", at(9, 13)),
        (tom, 1, "final", at(9, 12, month=2)),
    ):
        Note.objects.create(
            customer=amara, author=author, wants="A dress", status=status,
            quality_score=score, created_at=when,
        )  # fmt: skip

    # Consent: Amara's answer is on record, Rosa's possible objection is not an answer.
    ConsentEvent.objects.create(
        customer=amara, kind="granted", channel="email", purpose="marketing",
        source="in_store", occurred_at=at(1, 9, month=2),
    )  # fmt: skip
    ConsentEvent.objects.create(
        customer=rosa, kind="likely_objection", source="inbound_message", occurred_at=at(14, 18)
    )

    # Messages: to Amara by email on 4 March (she chatted the next day: answered), to
    # Daniel on 1 March (his chat came 8 days later: not), to Amara by SMS on 20 March
    # (no answer). Tone: email 1 of 2 without a warning (50 %), SMS 1 of 1 (100 %).
    _message(amara, "email", chloe, created=at(4, 9), warning=False)
    _message(daniel, "email", chloe, created=at(1, 9), warning=True)
    _message(amara, "sms", tom, created=at(20, 9), warning=False)

    # Survey answers: yes for the first journey, no for the second.
    RepeatSurvey.objects.create(
        customer=amara, journey=first, channel="email", asked_at=at(7, 12), answer="yes",
        answered_at=at(8, 9), answered_via="link",
    )  # fmt: skip
    RepeatSurvey.objects.create(
        customer=daniel, journey=second, channel="email", asked_at=at(9, 12), answer="no",
        answered_at=at(10, 9), answered_via="link",
    )  # fmt: skip
    return March(store, team, contact_centre, tom, chloe, amara, daniel, rosa, first)


@pytest.fixture
def told_again(organisation):
    """Daniel repeats himself in Leeds today; Amara told Manchester something new; Rosa
    repeated herself by email last month."""
    leeds = StoreFactory(code="leeds-briggate", name="Leeds Briggate", city="Leeds")
    manchester = StoreFactory(code="manchester", name="Manchester King Street")
    centre = TeamFactory(code="contact-centre-leeds", name="Contact centre", kind="contact_centre")
    associate = marcus(leeds)

    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    contact(daniel, CHAT_SAID, channel="chat", at=days_ago(2), team=centre)
    contact(daniel, STORE_SAID, channel="in_store", at=days_ago(0), staff=associate, store=leeds)
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    rosa = CustomerFactory(given_name="Rosa", family_name="Alvarez")
    for customer, said, channel, days, where in (
        (amara, "Looking for a dress for a wedding on 14 March, UK 12.", "email", 3, {}),
        (amara, "Could you also show me something in navy?", "in_store", 0,
         {"store": manchester}),
        (rosa, "Does the red toggle raincoat cover my legs? I'm 165 cm.", "x", 40, {}),
        (rosa, "Asking again: does the red toggle raincoat cover the legs? I'm 165 cm.",
         "email", 35, {"team": centre}),
    ):  # fmt: skip
        contact(customer, said, channel=channel, at=days_ago(days), **where)
    return {"leeds": leeds, "manchester": manchester, "centre": centre, "marcus": associate}
