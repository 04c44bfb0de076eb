"""Marketing needs consent (or, for email, the soft opt-in); a STOP or a withdrawal is
named with who, when and how, in words staff understand."""

from __future__ import annotations

import re

from consenting import decide


def test_henry_replied_stop_to_sms(henry, advisor) -> None:
    decision = decide(henry, "sms", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert len(decision.reasons) == 1
    assert re.fullmatch(
        r"Henry replied STOP to SMS on \d{1,2} \w+: no SMS marketing\.", decision.reasons[0]
    )


def test_a_stop_also_refuses_sms_service_messages(henry, advisor) -> None:
    decision = decide(henry, "sms", "service", by=advisor)

    assert decision.outcome == "refused"
    assert "no SMS service messages" in decision.reasons[0]


def test_sofia_was_never_asked_about_whatsapp(sofia, advisor) -> None:
    decision = decide(sofia, "whatsapp", "marketing", by=advisor)

    assert decision.reasons == ["Sofia has not agreed to WhatsApp marketing: ask them first."]


def test_the_soft_opt_in_does_not_cover_recommendations(sofia, advisor) -> None:
    decision = decide(sofia, "email", "recommendations", by=advisor)

    assert decision.reasons == [
        "Sofia has not agreed to Email personalised recommendations: ask them first."
    ]
