"""The privacy officer sets how long each kind of record is kept (the apps give the
defaults): the report, --apply and the nightly task all use the period set, every change
says why and is audited, and bad periods are refused with a reason."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from everthread.conversations.models import Interaction
from everthread.conversations.services import InteractionDraft, interaction_record
from everthread.core.errors import Forbidden
from everthread.core.models import AuditEvent
from everthread.privacy.errors import RetentionInvalid
from everthread.privacy.models import RetentionPolicy
from everthread.privacy.registry import ERASED
from everthread.privacy.selectors import retention_due
from everthread.privacy.services import retention_period_set
from factories import CustomerFactory


def _contact(associate, *, days_ago: int) -> Interaction:
    interaction, _ = interaction_record(
        customer=CustomerFactory(),
        staff=associate,
        draft=InteractionDraft(
            channel="phone",
            direction="inbound",
            summary="Asked about a refund",
            occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
        ),
    )
    return interaction


def _due(label: str):
    return next(due for due in retention_due(now=timezone.now()) if due.label == label)


def test_a_shorter_period_removes_what_the_default_kept(associate, officer) -> None:
    two_years_old = _contact(associate, days_ago=2 * 365)
    assert _due("conversations.Interaction").rows == 0  # the default keeps three years

    rule = retention_period_set(
        actor=officer, label="conversations.Interaction", days=365, reason="Policy P-7, 2026"
    )

    assert (rule.retention.days, rule.default_days) == (365, 3 * 365)
    due = _due("conversations.Interaction")
    assert (due.days, due.default_days, due.rows) == (365, 3 * 365, 1)
    call_command("privacy", "retention", "--apply", "--as", "isabelle", stdout=io.StringIO())
    two_years_old.refresh_from_db()
    assert two_years_old.summary == ERASED
    event = AuditEvent.objects.get(action="privacy.retention_changed")
    assert event.actor == officer
    assert event.detail == {
        "label": "conversations.Interaction",
        "from_days": 3 * 365,
        "to_days": 365,
        "reason": "Policy P-7, 2026",
    }


def test_setting_the_default_again_removes_the_override(officer) -> None:
    retention_period_set(actor=officer, label="notes.Note", days=730, reason="Shorter for now")
    retention_period_set(actor=officer, label="notes.Note", days=3 * 365, reason="Back to policy")
    assert not RetentionPolicy.objects.exists()
    assert _due("notes.Note").days == 3 * 365


@pytest.mark.parametrize(
    ("label", "days", "reason", "field"),
    [
        ("notes.Note", 0, "Too short", "days"),
        ("notes.Note", 40_000, "Forever", "days"),
        ("notes.Note", 365, "  ", "reason"),
        ("notes.Nope", 365, "Typo", "label"),
        ("customers.Customer", 365, "Not a retention kind", "label"),
    ],
)
def test_bad_periods_are_refused_with_a_reason(officer, label, days, reason, field) -> None:
    with pytest.raises(RetentionInvalid) as refused:
        retention_period_set(actor=officer, label=label, days=days, reason=reason)
    assert refused.value.field == field
    assert not RetentionPolicy.objects.exists()


def test_only_the_privacy_officer_sets_them(associate) -> None:
    with pytest.raises(Forbidden):
        retention_period_set(actor=associate, label="notes.Note", days=365, reason="Mine")
    client = Client()
    client.force_login(associate)
    assert client.get("/privacy/retention/").status_code == 403


def test_the_command_sets_a_period(officer) -> None:
    out = io.StringIO()
    call_command(
        "privacy",
        "retention",
        "--set",
        "notes.Note=730",
        "--reason",
        "P-7",
        "--as",
        "isabelle",
        stdout=out,
    )
    assert "notes.Note: kept 730 days." in out.getvalue()
    with pytest.raises(CommandError, match="LABEL=DAYS"):
        call_command("privacy", "retention", "--set", "notes.Note", "--as", "isabelle")
    with pytest.raises(CommandError, match="--as"):
        call_command("privacy", "retention", "--set", "notes.Note=730", "--reason", "P-7")


def test_the_page_shows_every_kind_and_changes_one(officer) -> None:
    client = Client()
    client.force_login(officer)
    page = client.get("/privacy/retention/").content.decode()
    assert "conversations.Interaction" in page and "followups.Notice" in page

    response = client.post(
        "/privacy/retention/",
        {"label": "followups.Notice", "days": "90", "reason": "Notices are short-lived"},
        follow=True,
    )
    assert "are now kept 90 days" in response.content.decode()
    assert RetentionPolicy.objects.get().days == 90

    response = client.post(
        "/privacy/retention/",
        {"label": "followups.Notice", "days": "ninety", "reason": "x"},
        follow=True,
    )
    assert "is not a number of days" in response.content.decode()
    assert RetentionPolicy.objects.get().days == 90
