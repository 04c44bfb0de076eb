"""Consent changes stand on evidence: without a source, the words, or (over the web) the
address it came from, nothing is recorded and staff are told what is missing."""

from __future__ import annotations

import pytest

from consenting import GRANTED, SOFT_OPT_IN, client_of, isabelle
from everthread.consent.errors import EvidenceMissing, InvalidConsent
from everthread.consent.models import ConsentEvent, Source
from everthread.consent.services import Evidence, consent_record


@pytest.mark.parametrize(
    ("evidence", "field"),
    [
        (Evidence(source=Source.IN_STORE, wording="  "), "wording"),
        (Evidence(source="a hunch", wording="She seemed keen."), "source"),
        (Evidence(source=Source.WEB_FORM, wording="Tick: send me news"), "ip_address"),
        (Evidence(source=Source.WEB_FORM, wording="Tick", ip_address="nowhere"), "ip_address"),
    ],
)
def test_a_change_without_evidence_is_refused(organisation, evidence: Evidence, field: str) -> None:
    charlotte = client_of(isabelle(), "Charlotte", "Hale", "+447700900111")

    with pytest.raises(EvidenceMissing) as refused:
        consent_record(
            customer=charlotte,
            channel="email",
            purpose="marketing",
            kind=GRANTED,
            evidence=evidence,
            actor=None,
        )

    assert refused.value.field == field
    assert refused.value.message
    assert not ConsentEvent.objects.exists()


def test_the_soft_opt_in_is_for_email_marketing_only(organisation) -> None:
    sofia = client_of(None, "Sofia", "Marchetti", "+447700900113")

    with pytest.raises(InvalidConsent, match="email marketing to existing customers"):
        consent_record(
            customer=sofia,
            channel="whatsapp",
            purpose="marketing",
            kind=SOFT_OPT_IN,
            evidence=Evidence(source=Source.PURCHASE, wording="Bought a cashmere jumper"),
            actor=None,
        )


def test_a_web_form_change_keeps_the_address_it_came_from(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")

    event = consent_record(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        kind=GRANTED,
        evidence=Evidence(
            source=Source.WEB_FORM, wording="Send me new arrivals", ip_address="203.0.113.9"
        ),
        actor=None,
    )

    assert event.ip_address == "203.0.113.9"
    assert event.wording == "Send me new arrivals"
