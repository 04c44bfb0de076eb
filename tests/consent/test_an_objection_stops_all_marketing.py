"""An objection to direct marketing, however it is made, stops marketing and personalised
recommendations on every channel; no grant counts while it stands."""

from __future__ import annotations

import pytest

from consenting import GRANTED, client_of, isabelle, record, said
from everthread.consent.errors import ObjectionStands
from everthread.consent.models import ConsentChannel, Source
from everthread.consent.selectors import consent_standing
from everthread.consent.services import consent_object, consent_objection_lift


def test_an_objection_in_store_withdraws_every_marketing_channel(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    record(henry, "email", "marketing", GRANTED)
    record(henry, "whatsapp", "recommendations", GRANTED)
    record(henry, "email", "service", GRANTED)

    consent_object(
        customer=henry,
        evidence=said("Please don't send me any more marketing.", source=Source.IN_STORE),
        actor=advisor,
    )

    standing = consent_standing(customer_id=henry.pk)
    assert standing.objection is not None
    for channel in ConsentChannel.values:
        for purpose in ("marketing", "recommendations"):
            assert standing.state(channel, purpose).label == "Objected"
    assert standing.state("email", "service").granted


def test_no_marketing_consent_is_recorded_while_the_objection_stands(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    consent_object(
        customer=henry,
        evidence=said("Stop the marketing.", source=Source.STAFF_PHONE),
        actor=advisor,
    )

    with pytest.raises(ObjectionStands, match="objected to direct marketing"):
        record(henry, "email", "marketing", GRANTED, by=advisor)


def test_lifting_an_objection_restores_nothing_by_itself(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    record(henry, "email", "marketing", GRANTED, days_ago=3)
    consent_object(customer=henry, evidence=said("No marketing."), actor=advisor)
    consent_objection_lift(
        customer=henry, evidence=said("Happy to hear about events again."), actor=advisor
    )

    standing = consent_standing(customer_id=henry.pk)
    assert standing.objection is None
    assert standing.state("email", "marketing").withdrawn
    record(henry, "email", "marketing", GRANTED, by=advisor, days_ago=0)
    assert consent_standing(customer_id=henry.pk).state("email", "marketing").granted
