"""A coach works on practice data, not on real customers: every interaction, timeline,
journey, note and follow-up call is 403, and nothing is written."""

from __future__ import annotations

import pytest
from django.test import Client

from continuity import customer
from everthread.conversations.models import Interaction, Journey
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from factories import FollowUpFactory, JourneyFactory

pytestmark = pytest.mark.django_db

FAR_AHEAD = "2099-03-14T10:00:00+00:00"


def test_a_coach_is_refused_every_continuity_call(client: Client, coach, associate) -> None:
    amara = customer("Amara", "Osei")
    journey = JourneyFactory(customer=amara)
    followup = FollowUpFactory(customer=amara, owner=associate)
    client.force_login(coach)
    c = f"/api/v1/customers/{amara.pk}"
    f = f"/api/v1/followups/{followup.pk}"
    calls = [
        ("get", f"{c}/timeline", None),
        ("get", f"{c}/journeys", None),
        ("get", f"{c}/notes", None),
        ("get", f"/api/v1/journeys/{journey.pk}", None),
        ("get", "/api/v1/followups", None),
        ("get", f, None),
        ("get", "/api/v1/me/day", None),
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
