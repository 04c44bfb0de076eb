"""The Harlow & Finch demo holds story 5's consents: Charlotte granted email and WhatsApp
marketing, Henry replied STOP to SMS, Sofia has the email soft opt-in and no WhatsApp."""

from __future__ import annotations

import io

from django.core.management import call_command

from everthread.consent.selectors import consent_history, consent_standing
from everthread.customers.models import ContactPoint


def _standing(email: str):
    customer = ContactPoint.objects.get(kind="email", value=email).customer
    return consent_standing(customer_id=customer.pk)


def test_the_demo_records_story_5s_consents(db, settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("demo", customers=0, stdout=io.StringIO())
    call_command("demo", customers=0, stdout=io.StringIO())  # told once, however often run

    charlotte = _standing("charlotte.hale@example.com")
    assert charlotte.state("email", "marketing").granted
    assert charlotte.state("whatsapp", "marketing").granted
    henry = _standing("henry.adeyemi@example.com")
    stop = henry.state("sms", "marketing")
    assert (stop.state, stop.event.source, stop.event.wording) == (
        "withdrawn",
        "reply_keyword",
        "STOP",
    )
    sofia = _standing("sofia.marchetti@example.com")
    assert sofia.state("email", "marketing").basis == "soft_opt_in"
    assert sofia.state("whatsapp", "marketing").state == "never_asked"
    # The grant, then one STOP withdrawing SMS for every purpose: recorded once.
    assert len(consent_history(customer_id=stop.event.customer_id)) == 4
