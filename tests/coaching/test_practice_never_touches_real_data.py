"""A whole practice round, through the pages a learner, a colleague, a candidate and a coach
use: notes with a promised follow-up, a chat reply, an email, a marketing SMS the gate
refuses, submit, handover, review. Not one real row is written: no customer, contact
point, interaction, journey, note, follow-up, message, gate decision, consent event,
timeline entry or audit of a customer, and no continuity metric or behaviour score moves."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from everthread.coaching.models import PracticeAttempt, PracticeEntry
from everthread.coaching.practice.links import guest_url
from everthread.coaching.practice.services import guest_attempt_create
from everthread.coaching.selectors import behaviour_scores
from everthread.consent.models import ConsentEvent
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from everthread.followups.models import FollowUp
from everthread.insights.metrics import metrics_measure
from everthread.insights.models import RepeatSurvey
from everthread.insights.scope import Scope
from everthread.notes.models import Note
from everthread.outreach.models import OutboundMessage, OutreachDecision
from factories import TeamFactory

pytestmark = pytest.mark.django_db

REAL = (
    Customer,
    ContactPoint,
    Interaction,
    Journey,
    Note,
    FollowUp,
    OutboundMessage,
    OutreachDecision,
    ConsentEvent,
    TimelineEntry,
    RepeatSurvey,
)


def real_world() -> dict[str, Any]:
    now = timezone.now()
    scope = Scope(start=now - datetime.timedelta(days=90), end=now + datetime.timedelta(days=1))
    return {
        **{model.__name__: model.objects.count() for model in REAL},
        "audit of a customer": AuditEvent.objects.filter(customer_id__isnull=False).count(),
        "metrics": [(m.key, m.numerator, m.denominator, m.value) for m in metrics_measure(scope)],
        "behaviour scores": [(s.behaviour, s.count, s.percent) for s in behaviour_scores()],
    }


def signed_in(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def work_through(client: Client, base: str, *, owner_id: int) -> None:
    """A note with an owned next step, a chat reply, an email and a refused marketing SMS."""
    due = (timezone.localtime() + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    note = client.post(
        f"{base}notes/",
        {
            "wants": "Exchange the boots from order HF-100482 for EU 43.",
            "promised": "Leeds Briggate will have EU 43 ready by Saturday.",
            "next_step": "Hold EU 43 at Leeds Briggate",
            "next_step_holder": f"team:{owner_id}" if base.count("guest") else f"staff:{owner_id}",
            "next_step_due": due,
        },
    )
    assert note.status_code == 302, note.content.decode()[:2000]
    for channel, purpose in (("chat", "service"), ("email", "service"), ("sms", "marketing")):
        sent = client.post(
            f"{base}messages/",
            {
                "channel": channel,
                "purpose": purpose,
                "subject": "Your boots",
                "body": "Hello Daniel, thank you for waiting: EU 43 will be ready at Leeds "
                "Briggate on Saturday. Kind regards",
                "send_anyway": "on",
            },
        )
        assert sent.status_code == 302, sent.content.decode()[:2000]
    assert client.post(f"{base}submit/").status_code == 302


def test_a_whole_practice_round_writes_nothing_real(
    boots_chat, tom, marcus, grace, ruth, chloe, daniel, chat, observe
) -> None:
    observe({"confirm_needs": 3})  # a real measure exists, and must not move
    before = real_world()
    assert before["Customer"] == 1 and before["Interaction"] == 1

    toms = signed_in(tom)
    toms.post(f"/coaching/practice/scenarios/{boots_chat.pk}/start/")
    first = PracticeAttempt.objects.get(learner=tom)
    work_through(toms, f"/coaching/practice/attempts/{first.pk}/", owner_id=marcus.pk)

    marcuses = signed_in(marcus)
    marcuses.post(f"/coaching/practice/attempts/{first.pk}/pick-up/")
    second = PracticeAttempt.objects.get(learner=marcus)
    work_through(marcuses, f"/coaching/practice/attempts/{second.pk}/", owner_id=tom.pk)

    candidate = guest_attempt_create(
        actor=grace, scenario_id=boots_chat.pk, candidate_name="Sam Hire", hours=24
    )
    link = guest_url(candidate).split("://", 1)[1].split("/", 1)[1]
    queue = TeamFactory(code="leeds-briggate", name="Leeds Briggate")
    work_through(Client(), f"/{link}", owner_id=queue.pk)

    grace_client = signed_in(grace)
    for attempt in (first, second, candidate):
        reviewed = grace_client.post(
            f"/coaching/practice/attempts/{attempt.pk}/review/",
            {"score_confirm_needs": "3", "comment": "Good pick-up."},
        )
        assert reviewed.status_code == 302

    assert PracticeAttempt.objects.filter(status="reviewed").count() == 3
    assert PracticeEntry.objects.filter(by_learner=True, kind="followup").count() == 3
    assert PracticeEntry.objects.filter(detail__gate="refused", by_learner=True).count() == 3
    assert real_world() == before
