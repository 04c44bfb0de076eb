"""The gate lets a message go when consent, contact point, hour and frequency all allow it."""

from __future__ import annotations

from consenting import decide


def test_granted_email_marketing_in_the_day_is_allowed(charlotte, advisor) -> None:
    decision = decide(charlotte, "email", "marketing", by=advisor)

    assert decision.outcome == "allowed"
    assert decision.reasons == []
    assert decision.address == "charlotte.hale@example.com"


def test_a_soft_opt_in_allows_email_marketing(sofia, advisor) -> None:
    decision = decide(sofia, "email", "marketing", by=advisor)

    assert decision.outcome == "allowed"


def test_service_messages_need_only_no_withdrawal(sofia, advisor) -> None:
    decision = decide(sofia, "sms", "service", by=advisor)

    assert decision.outcome == "allowed"
