"""The follow-up pages refuse what would leave a promise without an owner, a future due
time, a reason or an outcome, with the message next to the field, and keep nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from everthread.followups.models import FollowUp, Handover
from everthread.followups.services import FollowUpDraft, followup_open
from factories import CustomerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_a_follow_up_due_in_the_past_is_refused(signed_in: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.post(
        f"/customers/{amara.pk}/follow-ups/new/",
        {
            "kind": "task",
            "title": "Call Amara about the fitting",
            "holder": f"staff:{associate.pk}",
            "due_at": _local(timezone.now() - datetime.timedelta(hours=3)),
        },
    )

    assert response.status_code == 400
    assert "The due time has already passed" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_a_follow_up_needs_an_owner(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.post(
        f"/customers/{amara.pk}/follow-ups/new/",
        {
            "kind": "task",
            "title": "Call Amara",
            "holder": "",
            "due_at": _local(timezone.now() + datetime.timedelta(hours=3)),
        },
    )

    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    assert not FollowUp.objects.exists()


def test_hand_over_needs_a_reason_and_done_needs_an_outcome(signed_in: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    followup = followup_open(
        customer=amara,
        actor=associate,
        draft=FollowUpDraft(
            title="Hold the emerald dress",
            due_at=timezone.now() + datetime.timedelta(days=1),
            owner=associate,
        ),
    )
    marcus = StaffFactory(username="marcus", first_name="Marcus", last_name="Bell")

    handed = signed_in.post(
        f"/follow-ups/{followup.pk}/hand-over/", {"holder": f"staff:{marcus.pk}", "reason": ""}
    )
    done = signed_in.post(f"/follow-ups/{followup.pk}/complete/", {"outcome": "  "})

    assert handed.status_code == 400
    assert "This field is required" in handed.content.decode()
    assert done.status_code == 400
    followup.refresh_from_db()
    assert followup.owner == associate
    assert followup.status == FollowUp.Status.OPEN
    assert not Handover.objects.exists()


def test_hand_over_with_a_reason_moves_it_and_keeps_the_history(
    signed_in: Client, associate
) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    followup = followup_open(
        customer=amara,
        actor=associate,
        draft=FollowUpDraft(
            title="Hold the emerald dress",
            due_at=timezone.now() + datetime.timedelta(days=1),
            owner=associate,
        ),
    )
    marcus = StaffFactory(username="marcus", first_name="Marcus", last_name="Bell")

    response = signed_in.post(
        f"/follow-ups/{followup.pk}/hand-over/",
        {"holder": f"staff:{marcus.pk}", "reason": "I'm on leave on Saturday"},
        follow=True,
    )

    assert "Handed to Marcus Bell." in response.content.decode()
    page = signed_in.get(f"/follow-ups/{followup.pk}/").content.decode()
    assert "Tom Reilly passed it from Tom Reilly to Marcus Bell" in page
    assert "I&#x27;m on leave on Saturday" in page
