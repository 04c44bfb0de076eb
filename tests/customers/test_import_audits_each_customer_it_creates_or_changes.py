"""The audit log names every customer an import created or changed, by whom and from which
import, with the fields and kinds of contact point it gave them; a customer it left as it
was is not in it."""

from __future__ import annotations

import pytest

from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from everthread.customers.services import customer_create
from importing import import_csv

pytestmark = pytest.mark.django_db


def test_each_customer_created_or_changed_is_audited_once(associate) -> None:
    amara = customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": "Osei"},
        contact_points=[("email", "amara@example.com")],
    )
    daniel = customer_create(
        actor=associate,
        profile={"given_name": "Daniel", "family_name": "Novak"},
        contact_points=[("email", "daniel@example.com")],
    )
    before = AuditEvent.objects.count()

    done = import_csv(
        associate,
        "First Name,Last Name,Email,Mobile,Postcode\n"
        "Amara,Osei,amara@example.com,07700 900101,M1 1AA\n"
        "Daniel,Novak,daniel@example.com,,\n"
        "Rosa,Alvarez,rosa@example.com,07700 900303,\n",
    )

    rosa = Customer.objects.get(given_name="Rosa")
    events = {
        (event.action, event.customer_id): event
        for event in AuditEvent.objects.order_by("id")[before:]
    }
    assert set(events) == {
        ("customer.updated", amara.pk),
        ("customer.created", rosa.pk),
        ("customer.imported", None),
    }
    assert events["customer.updated", amara.pk].detail == {
        "import_id": done.pk,
        "fields": ["postcode"],
        "contact_points": ["phone"],
    }
    assert events["customer.created", rosa.pk].detail == {
        "import_id": done.pk,
        "contact_points": ["email", "phone"],
    }
    assert {event.actor for event in events.values()} == {associate}
    assert daniel.pk not in {customer_id for _, customer_id in events}
