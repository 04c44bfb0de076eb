"""A channel needs an address of its kind on the customer; someone else's is refused."""

from __future__ import annotations

from consenting import GRANTED, decide, record


def test_social_messages_need_a_handle(charlotte, advisor) -> None:
    record(charlotte, "social_dm", "service", GRANTED)

    decision = decide(charlotte, "social_dm", "service", by=advisor)

    assert decision.reasons == [
        "Charlotte has no social direct message on file for Social direct message."
    ]


def test_post_needs_an_address(charlotte, advisor) -> None:
    decision = decide(charlotte, "post", "service", by=advisor)

    assert decision.reasons == ["Charlotte has no postal address on file."]


def test_an_address_that_is_not_theirs_is_refused(charlotte, henry, advisor) -> None:
    decision = decide(
        charlotte, "email", "marketing", by=advisor, address="henry.adeyemi@example.com"
    )

    assert decision.reasons == [
        "henry.adeyemi@example.com is not one of Charlotte's Email contact points."
    ]
