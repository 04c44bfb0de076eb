"""Two colleagues, each on their own connection, booking Priya at the same time for two
customers: one booking wins, the other is told she is busy (the host's row is the lock)."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from appointing import THURSDAY, amara, coming, priya, styling
from everthread.commerce.errors import AppointmentClash
from everthread.commerce.models import Appointment
from everthread.core.models import Staff
from factories import CustomerFactory, OrganisationFactory
from locking import ON_POSTGRESQL, wait_for_lock_waiters

pytestmark = [pytest.mark.django_db(transaction=True), ON_POSTGRESQL]


def test_one_of_two_bookings_at_once_is_refused() -> None:
    OrganisationFactory()
    host, customers = priya(), [amara(), CustomerFactory()]
    outcomes: list[str] = []

    def book_for(customer) -> None:
        try:
            styling(customer, host, starts_at=coming(THURSDAY, 10))
            outcomes.append("booked")
        except AppointmentClash:
            outcomes.append("refused")
        finally:
            connections.close_all()

    # Hold the host's row here so both bookings are inside appointment_book before either
    # can look for a clash: without the lock both would find the time free.
    with transaction.atomic():
        Staff.objects.select_for_update().get(pk=host.pk)
        threads = [threading.Thread(target=book_for, args=(c,)) for c in customers]
        for thread in threads:
            thread.start()
        wait_for_lock_waiters(2, what="The two bookings")
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["booked", "refused"]
    assert Appointment.objects.filter(host=host).count() == 1
