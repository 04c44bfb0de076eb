"""Quiet hours are the customer's own: at 22:30 their time a message waits for 08:00."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from consenting import at_local, decide, wrote_on_whatsapp
from everthread.core.models import Organisation
from everthread.outreach.services import outreach_send


def test_at_22_30_in_london_the_message_waits_for_morning(charlotte, advisor) -> None:
    late = at_local("Europe/London", 22, 30)
    wrote_on_whatsapp(charlotte, at=late)

    sent = outreach_send(
        customer=charlotte,
        channel="whatsapp",
        purpose="marketing",
        actor=advisor,
        body="New cashmere in ivory, Charlotte: shall I put one aside?",
        at=late,
    )

    assert sent.outcome == "held"
    assert sent.decision.reasons == [
        "It is 22:30 for Charlotte (Europe/London): quiet hours until 08:00 — "
        "it will wait for morning."
    ]
    morning = datetime.datetime.combine(
        late.date() + datetime.timedelta(days=1), datetime.time(8), tzinfo=ZoneInfo("Europe/London")
    )
    assert sent.message.status == "held"
    assert sent.message.send_after == morning
    assert sent.message.interaction is None


def test_the_customers_own_time_zone_counts(charlotte, advisor) -> None:
    charlotte.time_zone = "America/New_York"
    charlotte.save()

    late_in_london = at_local("Europe/London", 22, 30)  # 17:30 in New York
    decision = decide(charlotte, "email", "marketing", by=advisor, at=late_in_london)

    assert decision.outcome == "allowed"


def test_early_morning_waits_for_the_same_morning(charlotte, advisor) -> None:
    early = at_local("Europe/London", 6, 15)

    decision = decide(charlotte, "email", "marketing", by=advisor, at=early)

    assert decision.outcome == "held"
    assert decision.send_after == early.replace(hour=8, minute=0)


def test_quiet_hours_are_set_per_organisation(charlotte, advisor) -> None:
    Organisation.objects.filter(pk=1).update(
        quiet_hours_start=datetime.time(23), quiet_hours_end=datetime.time(7)
    )

    decision = decide(
        charlotte, "email", "marketing", by=advisor, at=at_local("Europe/London", 22, 30)
    )

    assert decision.outcome == "allowed"


def test_letters_have_no_quiet_hours(charlotte, advisor) -> None:
    charlotte.postcode = "WC2E 8RF"
    charlotte.save()

    decision = decide(
        charlotte, "post", "service", by=advisor, at=at_local("Europe/London", 23, 30)
    )

    assert decision.outcome == "allowed"
