"""Every read of a customer's data is a view of that customer in the audit log, whoever
reads it and however: a note, a journey or a follow-up read on its own counts too."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from everthread.core.models import AuditEvent
from everthread.notes.models import Note
from factories import CustomerFactory, FollowUpFactory, JourneyFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["associate", "coach"])
def test_each_read_of_a_customers_data_is_a_view_of_them(organisation, role: str) -> None:
    reader = StaffFactory(username="reader", role=role)
    owner = StaffFactory(username="owner")
    amara = CustomerFactory(given_name="Amara")
    journey = JourneyFactory(customer=amara)
    followup = FollowUpFactory(customer=amara, owner=owner, created_by=owner)
    note = Note.objects.create(
        customer=amara, author=owner, wants="A dress", created_at=timezone.now()
    )
    client = Client()
    client.force_login(reader)
    reads = [
        f"/api/v1/journeys/{journey.pk}",
        f"/api/v1/notes/{note.pk}",
        f"/api/v1/followups/{followup.pk}",
        f"/api/v1/customers/{amara.pk}/timeline",
        f"/api/v1/customers/{amara.pk}/notes",
        f"/follow-ups/{followup.pk}/",
        f"/notes/{note.pk}/",
        f"/customers/{amara.pk}/",
    ]

    for url in reads:
        before = AuditEvent.objects.count()
        assert client.get(url).status_code == 200, url
        viewed = AuditEvent.objects.filter(action="customer.viewed").order_by("-id").first()
        assert AuditEvent.objects.count() > before, url
        assert (viewed.actor, viewed.customer_id) == (reader, amara.pk), url


def test_a_refused_export_is_in_the_audit_log(organisation) -> None:
    associate = StaffFactory(username="tom", role="associate")
    client = Client()
    client.force_login(associate)

    assert client.get("/customers/export.csv").status_code == 403
    assert client.get("/api/v1/customers/export").status_code == 403

    refused = AuditEvent.objects.filter(action="access.refused", actor=associate)
    assert [event.detail["missing"] for event in refused] == [["export_customers"]] * 2
    assert not AuditEvent.objects.filter(action="customer.exported").exists()
