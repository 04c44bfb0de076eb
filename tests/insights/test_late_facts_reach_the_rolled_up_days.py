"""Facts that arrive after their day was rolled up (an answer days later, a contact on a
journey already resolved, a reply to a message, a message that failed for good) change that day's
figures at the next catch-up, which recomputes only the days they touch; edits to old
records are recomputed on demand."""

from __future__ import annotations

import datetime

from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from everthread.conversations.models import Interaction, Journey
from everthread.followups.models import FollowUp
from everthread.followups.services import followup_hand_over
from everthread.insights.models import RollupDay
from everthread.insights.rollups.services import rollups_catch_up
from everthread.insights.scope import Scope
from everthread.outreach.models import OutboundMessage
from insights.conftest import MARCH, _contact, at
from rolling import shown


def _refreshed(day: int) -> datetime.datetime:
    return RollupDay.objects.get(day=datetime.date(2026, 3, day)).refreshed_at


def test_an_answer_days_later_changes_the_days_response_time(march) -> None:
    rollups_catch_up()
    before = shown(MARCH)
    assert before["metrics"]["response_time"] == (2.5, 3, 0.83)
    first_of_march = _refreshed(1)

    # Rosa's question on X of 14 March is answered two days later, recorded today.
    raincoat = Journey.objects.get(title="Raincoat")
    _contact(march.rosa, raincoat, "x", "outbound", at(16, 18), march.chloe)
    rollups_catch_up()

    assert _refreshed(1) == first_of_march  # a day the answer did not touch is kept
    after = shown(MARCH)
    assert after["metrics"]["response_time"] == (50.5, 4, 12.62)
    assert after == _live(MARCH)


def test_a_contact_on_a_resolved_journey_and_a_reply_to_a_message(march) -> None:
    rollups_catch_up()
    boots = Journey.objects.get(title="Boots exchange")

    # Daniel phones about his boots on 12 March, after the journey was resolved on the
    # 9th; Amara answers the SMS of 20 March on the 22nd.
    _contact(march.daniel, boots, "phone", "inbound", at(12, 9), march.chloe)
    _contact(march.amara, None, "sms", "inbound", at(22, 9))
    rollups_catch_up()

    after = shown(MARCH)
    assert after["metrics"]["first_contact_resolution"] == (0, 2, 0.0)
    assert after["metrics"]["outreach_response"] == (2, 3, 66.7)
    assert {"from": "chat", "to": "phone"}.items() <= after["flows"][-1].items()
    assert after == _live(MARCH)


def test_a_message_that_failed_for_good_after_its_day_is_no_longer_counted(march) -> None:
    rollups_catch_up()
    OutboundMessage.objects.filter(channel="sms").update(
        status="dead", status_changed_at=timezone.now()
    )
    rollups_catch_up()

    after = shown(MARCH)
    assert after["metrics"]["outreach_response"] == (1, 2, 50.0)
    assert after == _live(MARCH)


def test_a_follow_up_handed_over_after_its_day_is_no_longer_escalated(march) -> None:
    rollups_catch_up()
    assert shown(MARCH)["breaks"][0] | {"label": ""} == {
        "channel": "chat", "label": "", "missed": 1, "escalated": 1, "repeats": 0,
    }  # fmt: skip

    # The follow-up escalated on 16 March goes to Tom, who gets a fresh chance.
    escalated = FollowUp.objects.get(escalated_at__isnull=False)
    followup_hand_over(
        followup_id=escalated.pk, actor=march.chloe, reason="Tom has the boots", owner=march.tom
    )
    rollups_catch_up()

    after = shown(MARCH)
    assert after["breaks"][0]["escalated"] == 0
    assert after == _live(MARCH)


def test_an_edit_to_an_old_contact_is_recomputed_on_demand(march) -> None:
    rollups_catch_up()
    Interaction.objects.filter(channel="x").update(channel="instagram")

    call_command("rollups", since=datetime.date(2026, 3, 1), verbosity=0)

    after = shown(MARCH)
    assert after == _live(MARCH)
    assert after["metrics"]["response_time"] == (2.5, 3, 0.83)


def _live(scope: Scope) -> dict[str, object]:
    """The figures computed live from the contacts, as with no rollups."""
    RollupDay.objects.all().delete()
    cache.clear()
    return shown(scope)
