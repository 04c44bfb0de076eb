"""A coach or privacy officer cannot host: the host serves the customer and the reminder
goes in their name."""

from __future__ import annotations

import datetime

import pytest

from appointing import THURSDAY, VIDEO, coming
from everthread.commerce.errors import InvalidAppointment
from everthread.commerce.models import Appointment
from everthread.commerce.services import AppointmentDraft, appointment_book


def test_a_coach_cannot_host(amara, associate, coach) -> None:
    starts_at = coming(THURSDAY, 10)
    with pytest.raises(InvalidAppointment) as refused:
        appointment_book(
            actor=associate,
            customer=amara,
            host=coach,
            draft=AppointmentDraft(
                kind="virtual",
                purpose="styling",
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=1),
                video_link=VIDEO,
            ),
        )

    assert refused.value.field == "host"
    assert refused.value.message == (
        "Grace Pym does not serve customers in their role; choose a colleague who does."
    )
    assert not Appointment.objects.exists()
