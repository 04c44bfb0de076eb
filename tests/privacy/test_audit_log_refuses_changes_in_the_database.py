"""On PostgreSQL the audit table itself refuses to change or lose an event, whatever path
the statement takes; only an erasure may scrub an event's detail."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from everthread.core.models import AuditEvent
from everthread.core.services import audit_record

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the trigger is PostgreSQL's; on SQLite AuditEvent.save() is the guard",
)


@pytest.fixture
def event(associate) -> AuditEvent:
    return audit_record(
        actor=associate,
        action="customer.viewed",
        subject=associate,
        customer_id=7,
        detail={"reason": "Amara asked"},
    )


def test_an_update_is_refused(event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="customer.nothing")

    assert AuditEvent.objects.get(pk=event.pk).action == "customer.viewed"


def test_a_delete_is_refused(event) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM core_auditevent WHERE id = %s", [event.pk])

    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_an_erasure_may_scrub_the_detail_and_nothing_else(event) -> None:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('everthread.audit_scrub', 'on', true)")
        AuditEvent.objects.filter(pk=event.pk).update(detail={"reason": "[erased]"})
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            AuditEvent.objects.filter(pk=event.pk).update(customer_id=8)

    event.refresh_from_db()
    assert (event.detail, event.customer_id) == ({"reason": "[erased]"}, 7)
