"""A channel needs an address of its kind on the customer; someone else's is refused."""

from __future__ import annotations

from consenting import GRANTED, at_local, record
from everthread.outreach.services import outreach_decide


def test_social_messages_need_a_handle(charlotte, advisor) -> None:
    record(charlotte, "social_dm", "service", GRANTED)

    decision = outreach_decide(
        customer=charlotte,
        channel="social_dm",
        purpose="service",
        actor=advisor,
        at=at_local("Europe/London", 11),
    )

    assert decision.reasons == [
        "Charlotte has no social direct message on file for Social direct message."
    ]


def test_post_needs_an_address(charlotte, advisor) -> None:
    decision = outreach_decide(
        customer=charlotte,
        channel="post",
        purpose="service",
        actor=advisor,
        at=at_local("Europe/London", 11),
    )

    assert decision.reasons == ["Charlotte has no postal address on file."]


def test_an_address_that_is_not_theirs_is_refused(charlotte, henry, advisor) -> None:
    decision = outreach_decide(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        actor=advisor,
        address="henry.adeyemi@example.com",
        at=at_local("Europe/London", 11),
    )

    assert decision.reasons == [
        "henry.adeyemi@example.com is not one of Charlotte's Email contact points."
    ]
