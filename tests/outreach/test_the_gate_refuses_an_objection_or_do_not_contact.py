"""An objection stops marketing on every channel; "do not contact" stops everything."""

from __future__ import annotations

from consenting import decide, said
from everthread.consent.models import Source
from everthread.consent.services import consent_do_not_contact, consent_object


def test_an_objection_made_in_store_refuses_marketing_everywhere(charlotte, advisor) -> None:
    consent_object(
        customer=charlotte,
        evidence=said("I don't want any more marketing.", source=Source.IN_STORE),
        actor=advisor,
    )

    decision = decide(charlotte, "whatsapp", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert decision.reasons[0].startswith(
        "Charlotte objected to direct marketing (in store, recorded by Isabelle Laurent) on "
    )
    assert decision.reasons[0].endswith(": no marketing on any channel.")


def test_do_not_contact_refuses_even_service_messages(charlotte, advisor) -> None:
    consent_do_not_contact(
        customer=charlotte,
        evidence=said("Please never contact me.", source=Source.STAFF_PHONE),
        actor=advisor,
    )

    decision = decide(charlotte, "email", "service", by=advisor)

    assert decision.outcome == "refused"
    assert "is marked “do not contact”" in decision.reasons[0]
    assert decision.reasons[0].endswith("no messages of any kind.")
