"""At most 2 marketing messages in 7 days by default (set per organisation): the third is
refused, saying when the next may go."""

from __future__ import annotations

import datetime

from consenting import at_local
from everthread.core.models import Organisation
from everthread.outreach.services import outreach_send


def _send(customer, advisor, at, purpose="marketing"):
    return outreach_send(
        customer=customer,
        channel="email",
        purpose=purpose,
        actor=advisor,
        body="Our new arrivals are in.",
        at=at,
    )


def test_the_third_marketing_message_in_a_week_is_refused(charlotte, advisor) -> None:
    monday = at_local("Europe/London", 11)
    assert _send(charlotte, advisor, monday).outcome == "allowed"
    assert _send(charlotte, advisor, monday + datetime.timedelta(days=1)).outcome == "allowed"

    third = _send(charlotte, advisor, monday + datetime.timedelta(days=2))

    assert third.outcome == "refused"
    assert third.decision.reasons[0].startswith(
        "Charlotte has had 2 marketing messages in the last 7 days, the most allowed: "
        "the next may go on "
    )
    assert third.message is None
    assert (
        _send(charlotte, advisor, monday + datetime.timedelta(days=7, hours=1)).outcome == "allowed"
    )


def test_service_messages_are_not_capped(charlotte, advisor) -> None:
    monday = at_local("Europe/London", 11)
    outcomes = [
        _send(charlotte, advisor, monday + datetime.timedelta(hours=n), "service").outcome
        for n in range(4)
    ]

    assert outcomes == ["allowed"] * 4


def test_the_cap_is_set_per_organisation(charlotte, advisor) -> None:
    Organisation.objects.filter(pk=1).update(marketing_cap_messages=1)
    monday = at_local("Europe/London", 11)
    _send(charlotte, advisor, monday)

    assert _send(charlotte, advisor, monday + datetime.timedelta(days=1)).outcome == "refused"
