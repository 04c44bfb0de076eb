"""`everthread privacy retention` says how many rows of each kind are past their
retention; with --apply (or the scheduled task) it deletes or anonymises exactly those."""

from __future__ import annotations

import datetime
import io

from django.core.management import call_command
from django.utils import timezone

from everthread.conversations.models import Interaction
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.models import AuditEvent
from everthread.followups.models import Notice
from everthread.privacy.registry import ERASED
from everthread.privacy.selectors import retention_due
from everthread.privacy.tasks import apply_retention
from factories import CustomerFactory, FollowUpFactory


def _contact(customer, associate, *, days_ago: int, summary: str) -> Interaction:
    interaction, _ = interaction_record(
        customer=customer,
        staff=associate,
        draft=InteractionDraft(
            channel="phone",
            direction="inbound",
            summary=summary,
            occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        ),
    )
    return interaction


def _old_notice(associate) -> Notice:
    notice = Notice.objects.create(
        staff=associate, followup=FollowUpFactory(owner=associate), kind="assigned", text="Old"
    )
    Notice.objects.filter(pk=notice.pk).update(at=timezone.now() - datetime.timedelta(days=400))
    return notice


def _due() -> dict[str, int]:
    return {due.label: due.rows for due in retention_due(now=timezone.now())}


def test_the_report_counts_and_changes_nothing(associate, officer) -> None:
    customer = CustomerFactory()
    _contact(customer, associate, days_ago=4 * 365, summary="Asked about a refund in 2022")
    _contact(customer, associate, days_ago=10, summary="Asked about a refund last week")
    _old_notice(associate)

    out = io.StringIO()
    call_command("privacy", "retention", stdout=out)

    assert "conversations.Interaction: 1 to anonymise" in out.getvalue()
    assert "followups.Notice: 1 to delete" in out.getvalue()
    assert Interaction.objects.filter(summary__startswith="Asked").count() == 2
    assert Notice.objects.count() == 1


def test_apply_anonymises_old_contacts_and_deletes_old_notices_only(associate, officer) -> None:
    customer = CustomerFactory()
    old = _contact(customer, associate, days_ago=4 * 365, summary="Asked about a refund")
    recent = _contact(customer, associate, days_ago=10, summary="Asked about a refund")
    stale = _old_notice(associate)

    call_command("privacy", "retention", "--apply", "--as", "isabelle", stdout=io.StringIO())

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.summary, old.channel, old.direction) == (ERASED, "phone", "inbound")
    assert recent.summary == "Asked about a refund"
    assert not Notice.objects.filter(pk=stale.pk).exists()
    assert _due()["conversations.Interaction"] == 0
    event = AuditEvent.objects.get(action="privacy.retention_applied")
    assert event.detail["counts"]["followups.Notice"] == 1


def test_the_scheduled_task_applies_it_too(associate, organisation) -> None:
    _contact(CustomerFactory(), associate, days_ago=4 * 365, summary="Old call")

    apply_retention.call()

    assert _due()["conversations.Interaction"] == 0
    assert AuditEvent.objects.get(action="privacy.retention_applied").actor is None
