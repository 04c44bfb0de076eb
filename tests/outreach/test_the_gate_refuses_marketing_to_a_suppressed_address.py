"""A person erased at their own request is not signed up for marketing again behind their
back: a new record with their old address may get service messages, and marketing only
once they ask anew (an import is not asking)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from consenting import GRANTED, client_of, decide, said
from everthread.consent.models import Source
from everthread.consent.services import consent_record
from everthread.customers.models import Customer
from everthread.outreach.selectors import outreach_preview
from everthread.privacy.services import customer_erase
from factories import StaffFactory
from importing import import_csv

EMAIL = "charlotte.hale@example.com"


def _recreated(charlotte, advisor):
    customer_erase(actor=StaffFactory(role="privacy_officer"), customer_id=charlotte.pk)
    return client_of(advisor, "Charlotte", "Hale", "+447700900199", email=EMAIL)


def _grant(customer, source: str, *, advisor) -> None:
    consent_record(
        customer=customer,
        channel="email",
        purpose="marketing",
        kind=GRANTED,
        evidence=said(source=source, occurred_at=timezone.now() + datetime.timedelta(seconds=1)),
        actor=advisor,
    )


def test_marketing_consent_from_an_import_does_not_undo_the_erasure(charlotte, advisor) -> None:
    again = _recreated(charlotte, advisor)
    _grant(again, Source.IMPORT, advisor=advisor)

    decision = decide(again, "email", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert decision.reasons == [
        f"{EMAIL} belongs to a record erased on {timezone.localtime():%-d %B} at the person's "
        "request: it is not signed up for marketing again unless they ask anew "
        "(an import is not asking)."
    ]
    assert decide(again, "email", "service", by=advisor).outcome == "allowed"


def test_a_file_that_says_the_consent_was_given_in_store_is_still_an_import(
    charlotte, advisor
) -> None:
    customer_erase(actor=StaffFactory(role="privacy_officer"), customer_id=charlotte.pk)
    after = (timezone.now() + datetime.timedelta(seconds=2)).isoformat()
    import_csv(
        advisor,
        "Name,Email,Email marketing,Consent wording,Consent date,Consent source\n"
        f"Charlotte Hale,{EMAIL},Yes,Yes to new arrivals,{after},In store\n",
    )
    again = Customer.objects.get(contact_points__value=EMAIL)

    decision = decide(again, "email", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert "(an import is not asking)" in decision.reasons[0]


def test_asking_anew_after_the_erasure_lets_marketing_go(charlotte, advisor) -> None:
    again = _recreated(charlotte, advisor)
    _grant(again, Source.IN_STORE, advisor=advisor)

    assert decide(again, "email", "marketing", by=advisor).outcome == "allowed"


def test_the_composer_shows_the_reason_for_every_client(charlotte, sofia, advisor) -> None:
    again = _recreated(charlotte, advisor)
    _grant(again, Source.IMPORT, advisor=advisor)

    rows = outreach_preview(
        customer_ids=[again.pk, sofia.pk], purpose="marketing", at=timezone.now()
    )

    email = {row.customer.pk: next(v for v in row.verdicts if v.channel == "email") for row in rows}
    assert not email[again.pk].allowed
    assert "erased" in email[again.pk].reasons[0]
    assert "erased" not in " ".join(email[sofia.pk].reasons)
