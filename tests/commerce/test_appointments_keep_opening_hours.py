"""An appointment outside the store's opening hours, in the store's time zone, is refused
with the hours it keeps; a virtual one keeps the host's store's hours, or the default."""

from __future__ import annotations

import datetime

import pytest

from appointing import SUNDAY, THURSDAY, coming, styling
from everthread.commerce.errors import OutsideOpeningHours
from everthread.commerce.models import Appointment, OpeningHours
from factories import StoreFactory


def test_before_the_store_opens_is_refused(amara, priya, store) -> None:
    with pytest.raises(OutsideOpeningHours) as refused:
        styling(amara, priya, starts_at=coming(THURSDAY, 8, 30), store=store)

    assert refused.value.message == (
        "Manchester King Street is open 09:00–18:00 on Thursdays; choose a time within those hours."
    )
    assert not Appointment.objects.exists()


def test_running_past_closing_is_refused(amara, priya, store) -> None:
    with pytest.raises(OutsideOpeningHours):
        styling(amara, priya, starts_at=coming(THURSDAY, 17, 30), store=store)

    styling(amara, priya, starts_at=coming(THURSDAY, 17), store=store)  # ends at closing


def test_sunday_keeps_sunday_hours(amara, priya, store) -> None:
    with pytest.raises(OutsideOpeningHours, match="open 11:00–17:00 on Sundays"):
        styling(amara, priya, starts_at=coming(SUNDAY, 10), store=store)


def test_the_stores_own_hours_and_closed_days(amara, priya, store) -> None:
    OpeningHours.objects.create(
        store=store, weekday=3, opens=datetime.time(10), closes=datetime.time(20)
    )
    OpeningHours.objects.create(store=store, weekday=SUNDAY, closed=True)

    styling(amara, priya, starts_at=coming(THURSDAY, 19), store=store)
    with pytest.raises(OutsideOpeningHours) as refused:
        styling(amara, priya, starts_at=coming(SUNDAY, 12), store=store)
    assert refused.value.message == (
        "Manchester King Street is closed on Sundays; choose another day."
    )


def test_hours_are_the_stores_own_time_zone(amara, priya, organisation) -> None:
    paris = StoreFactory(code="paris", name="Paris Marais", time_zone="Europe/Paris")

    # 08:30 in London is 09:30 in Paris: open.
    styling(amara, priya, starts_at=coming(THURSDAY, 8, 30), store=paris)


def test_a_virtual_appointment_keeps_the_default_hours(amara, priya) -> None:
    with pytest.raises(OutsideOpeningHours) as refused:
        styling(amara, priya, starts_at=coming(THURSDAY, 19))

    assert refused.value.message == (
        "We are open 09:00–18:00 on Thursdays; choose a time within those hours."
    )


def test_a_virtual_appointment_keeps_the_hosts_store_hours(amara, associate, store) -> None:
    OpeningHours.objects.create(
        store=store, weekday=3, opens=datetime.time(9), closes=datetime.time(20)
    )

    booked = styling(amara, associate, starts_at=coming(THURSDAY, 19))

    assert booked.appointment.kind == "virtual"
