"""The customer page shows consent for every channel and purpose with who, when and how,
and lets staff who may record consent record a change with its evidence."""

from __future__ import annotations

from django.test import Client, RequestFactory

from consenting import GRANTED, client_of, isabelle, record
from everthread.consent.selectors import consent_history, consent_standing
from everthread.consent.views import consent_section
from factories import StaffFactory


def test_the_grid_shows_who_when_and_how(organisation, django_assert_num_queries) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    for n in range(5):
        record(charlotte, "email", "marketing", GRANTED, by=advisor, days_ago=10 - n)
    request = RequestFactory().get("/")
    request.user = advisor

    with django_assert_num_queries(1):
        section = consent_section(request, charlotte)

    marketing = section["standing"].state("email", "marketing")
    assert marketing.label == "Granted"
    assert "In store" in marketing.event.how
    assert "recorded by Isabelle Laurent" in marketing.event.how
    assert marketing.event == consent_history(customer_id=charlotte.pk)[-1]
    assert section["history_length"] == 5


def _record_on_the_page(staff, customer, **fields: str):
    client = Client()
    client.force_login(staff)
    form = {f"consent-{name}": value for name, value in fields.items()}
    return client.post(f"/customers/{customer.pk}/consent/", form)


def test_staff_record_a_change_with_evidence_from_the_page(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")

    response = _record_on_the_page(
        advisor,
        charlotte,
        change="granted",
        channel="whatsapp",
        purpose="marketing",
        source="in_store",
        wording="Yes, WhatsApp me when the new collection lands.",
    )

    assert response.status_code == 302
    state = consent_standing(customer_id=charlotte.pk).state("whatsapp", "marketing")
    assert state.granted
    assert state.event.recorded_by == advisor


def test_a_change_without_the_words_is_refused_on_the_page(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")

    response = _record_on_the_page(
        advisor,
        charlotte,
        change="withdrawn",
        channel="email",
        purpose="marketing",
        source="staff_phone",
    )

    assert response.status_code == 400
    assert "Record the words the customer saw or said" in response.content.decode()
    assert not charlotte.consent_events.exists()


def test_a_role_without_consent_recording_cannot_record(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    coach = StaffFactory(role="coach")

    response = _record_on_the_page(
        coach, charlotte, change="objected", source="in_store", wording="No"
    )

    assert response.status_code == 403
    assert not charlotte.consent_events.exists()
