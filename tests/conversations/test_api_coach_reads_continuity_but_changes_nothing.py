"""A coach reads the timeline, journeys, notes and follow-ups to coach the staff who wrote
them (each read in the audit log); every call that records or changes something is 403."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import customer
from everthread.conversations.models import Interaction, Journey
from everthread.core.models import AuditEvent
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from factories import FollowUpFactory, JourneyFactory

pytestmark = pytest.mark.django_db

FAR_AHEAD = "2099-03-14T10:00:00+00:00"


def test_a_coach_reads_every_continuity_call(client: Client, coach, associate) -> None:
    amara = customer("Amara", "Osei")
    journey = JourneyFactory(customer=amara)
    followup = FollowUpFactory(customer=amara, owner=associate)
    client.force_login(coach)
    c = f"/api/v1/customers/{amara.pk}"
    reads = [
        f"{c}/timeline",
        f"{c}/journeys",
        f"{c}/notes",
        f"/api/v1/journeys/{journey.pk}",
        "/api/v1/followups",
        f"/api/v1/followups/{followup.pk}",
        "/api/v1/me/day",
    ]

    for url in reads:
        assert client.get(url).status_code == 200, url

    assert (
        AuditEvent.objects.filter(
            action="customer.viewed", actor=coach, customer_id=amara.pk
        ).count()
        == 5
    )


def test_a_coach_is_refused_every_continuity_change(client: Client, coach, associate) -> None:
    amara = customer("Amara", "Osei")
    journey = JourneyFactory(customer=amara)
    followup = FollowUpFactory(customer=amara, owner=associate)
    client.force_login(coach)
    c = f"/api/v1/customers/{amara.pk}"
    f = f"/api/v1/followups/{followup.pk}"
    calls = [
        ("post", f"{c}/interactions", {"channel": "chat", "direction": "inbound", "summary": "Hi"}),
        ("post", f"{c}/journeys", {"kind": "general", "title": "Hello"}),
        ("patch", f"/api/v1/journeys/{journey.pk}", {"status": "resolved"}),
        ("post", f"{c}/notes", {"wants": "A dress"}),
        ("post", f"{c}/followups", {"title": "Call", "owner": "tom", "due_at": FAR_AHEAD}),
        ("post", f"{f}/hand-over", {"owner": "coach", "reason": "Practice"}),
        ("post", f"{f}/take", None),
        ("post", f"{f}/complete", {"outcome": "Done"}),
        ("post", f"{f}/cancel", {"reason": "Not needed"}),
    ]

    for method, url, body in calls:
        response = getattr(client, method)(url, body or {}, content_type="application/json")
        assert response.status_code == 403, (method, url, response.content)
        assert response.json() == {
            "code": "forbidden",
            "detail": "Your role (Coach (L&D)) does not allow this.",
            "field": None,
        }

    assert not Interaction.objects.exists()
    assert not Note.objects.exists()
    assert Journey.objects.get().status == "open"
    assert FollowUp.objects.get().status == "open"
