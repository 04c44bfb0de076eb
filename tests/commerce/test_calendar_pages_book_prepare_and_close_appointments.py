"""From the customer page staff book an appointment, see it in the store's week and their
own, prepare from the appointment page (what is held, what to pull, what was discussed
before) and close it with an outcome that lands on the timeline."""

from __future__ import annotations

import datetime

from django.test import Client

from appointing import THURSDAY, coming, styling
from everthread.commerce.models import Appointment, Hold
from everthread.commerce.selectors import (
    appointment_preparation,
    appointments_page,
    appointments_week,
)
from everthread.commerce.services import hold_place
from everthread.conversations.models import TimelineEntry
from everthread.followups.models import FollowUp

TEN = coming(THURSDAY, 10)


def _form(**fields: object) -> dict[str, object]:
    return {
        "kind": "in_store",
        "purpose": "fitting",
        "host": fields.pop("host"),
        "store": fields.pop("store"),
        "day": TEN.date().isoformat(),
        "start": "10:00",
        "minutes": "60",
        "preparation": "Try the raincoat in M.",
        **fields,
    }


def test_book_from_the_customer_page(
    signed_in: Client, associate, amara, store, manchester, stocked
) -> None:
    page = signed_in.get(f"/customers/{amara.pk}/")
    assert f"/customers/{amara.pk}/appointments/new/" in page.content.decode()
    hold = hold_place(actor=associate, customer=amara, sku=stocked.sku, location=manchester)

    response = signed_in.post(
        f"/customers/{amara.pk}/appointments/new/",
        _form(host=associate.pk, store=store.pk, to_pull=stocked.sku, holds=[hold.pk]),
    )

    appointment = Appointment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/appointments/{appointment.pk}/"
    assert (appointment.starts_at, appointment.store, appointment.host) == (TEN, store, associate)
    assert list(appointment.holds.all()) == [hold]
    detail = signed_in.get(response["Location"], follow=True).content.decode()
    assert "Booked: Fitting with Tom Reilly" in detail
    assert "Red toggle raincoat Red M held at Manchester King Street" in detail
    assert "HF-RAIN-01-RED-M</span> · 2 in Leeds, 14 online" in detail


def test_a_clash_or_closed_hours_is_a_form_error(
    signed_in: Client, associate, amara, store
) -> None:
    styling(amara, associate, starts_at=TEN, store=store)

    clash = signed_in.post(
        f"/customers/{amara.pk}/appointments/new/", _form(host=associate.pk, store=store.pk)
    )
    early = signed_in.post(
        f"/customers/{amara.pk}/appointments/new/",
        _form(host=associate.pk, store=store.pk, start="07:30"),
    )

    assert clash.status_code == 400
    assert "Tom Reilly already has styling with Amara Osei" in clash.content.decode()
    assert early.status_code == 400
    assert "Manchester King Street is open 09:00–18:00 on Thursdays" in early.content.decode()
    assert Appointment.objects.count() == 1


def test_the_store_week_and_my_week(signed_in: Client, associate, amara, priya, store) -> None:
    styling(amara, associate, starts_at=TEN, store=store)
    styling(amara, priya, starts_at=TEN + datetime.timedelta(hours=3))
    week = f"?week={TEN.date().isoformat()}"

    at_store = signed_in.get(f"/stores/{store.code}/appointments/{week}").content.decode()
    mine = signed_in.get(f"/appointments/{week}").content.decode()
    partial = signed_in.get(f"/appointments/{week}", HTTP_HX_REQUEST="true").content.decode()
    empty = signed_in.get("/appointments/?week=2020-01-06").content.decode()

    assert "Appointments at Manchester King Street" in at_store
    assert "10:00–11:00" in at_store and "Styling for Amara Osei" in at_store
    assert "13:00" not in at_store  # Priya's video call leads to no store
    assert "My appointments" in mine and "Styling for Amara Osei" in mine
    assert "<html" not in partial and "Week of" in partial
    assert "No appointments this week." in empty


def test_the_outcome_goes_on_the_timeline_with_a_next_step(
    signed_in: Client, associate, amara, store
) -> None:
    appointment = styling(amara, associate, starts_at=TEN, store=store).appointment

    response = signed_in.post(
        f"/appointments/{appointment.pk}/outcome/",
        {
            "outcome": "Loved the emerald; wants navy too.",
            "next_step": "Order the navy in 12",
            "owner": associate.pk,
            "due_at": (TEN + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    missing = signed_in.post(f"/appointments/{appointment.pk}/outcome/", {"outcome": ""})

    assert response.status_code == 302
    entry = TimelineEntry.objects.get(kind="appointment")
    assert (entry.title, entry.text) == (
        "Styling with Tom Reilly",
        "Loved the emerald; wants navy too.",
    )
    assert FollowUp.objects.get().title == "Order the navy in 12"
    assert missing.status_code == 400  # closed already, and no outcome given
    timeline = signed_in.get(
        f"/customers/{amara.pk}/timeline/", HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Loved the emerald; wants navy too." in timeline


def test_calendar_and_preparation_reads_keep_their_budgets(
    associate, amara, store, stocked, django_assert_max_num_queries
) -> None:
    for hour in (10, 12, 14):
        styling(
            amara, associate, starts_at=coming(THURSDAY, hour), store=store, to_pull=(stocked.sku,)
        )
    appointment = Appointment.objects.first()

    with django_assert_max_num_queries(2):
        days = appointments_week(week_of=TEN.date(), zone=TEN.tzinfo, store=store)
    with django_assert_max_num_queries(8):
        appointment_preparation(appointment_id=appointment.pk, viewer=associate)
    with django_assert_max_num_queries(3):
        page = appointments_page(store_id=store.pk, limit=2)
        [[variant.sku for variant in a.to_pull.all()] for a in page.appointments]

    assert [len(day.appointments) for day in days] == [0, 0, 0, 3, 0, 0, 0]
    assert len(page.appointments) == 2 and page.next_cursor
    assert Hold.objects.count() == 0
