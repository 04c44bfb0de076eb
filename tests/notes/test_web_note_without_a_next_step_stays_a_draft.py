"""A note that lacks what the next colleague needs is kept as its author's draft, says
what is missing, and becomes a note everyone reads once it is complete."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from everthread.conversations.models import TimelineEntry
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from factories import CustomerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def _due() -> str:
    return timezone.localtime(timezone.now() + datetime.timedelta(days=2)).strftime(
        "%Y-%m-%dT%H:%M"
    )


def test_a_note_without_a_next_step_is_a_draft_until_completed(
    signed_in: Client, associate
) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.post(
        f"/customers/{amara.pk}/notes/new/",
        {"wants": "A dress for her sister's wedding on 14 March, UK 12, emerald or navy."},
        follow=True,
    )

    page = response.content.decode()
    assert "Saved as your draft" in page
    assert "the next step" in page
    note = Note.objects.get()
    assert note.status == Note.Status.DRAFT
    assert not TimelineEntry.objects.filter(kind="note").exists()
    assert not FollowUp.objects.exists()

    colleague = Client()
    colleague.force_login(StaffFactory(username="chloe"))
    assert colleague.get(f"/notes/{note.pk}/").status_code == 404

    response = signed_in.post(
        f"/customers/{amara.pk}/notes/{note.pk}/edit/",
        {
            "wants": "A dress for her sister's wedding on 14 March, UK 12, emerald or navy.",
            "next_step": "Call Amara when the emerald wrap dress arrives in 12",
            "next_step_holder": f"staff:{associate.pk}",
            "next_step_due": _due(),
        },
        follow=True,
    )

    assert "Colleagues in every channel can read it now" in response.content.decode()
    note.refresh_from_db()
    assert note.status == Note.Status.FINAL
    assert note.next_step_followup.owner == associate
    assert TimelineEntry.objects.filter(kind="note", object_id=note.pk).exists()


def test_a_next_step_without_an_owner_or_due_time_says_so(signed_in: Client) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")

    response = signed_in.post(
        f"/customers/{amara.pk}/notes/new/",
        {
            "wants": "A dress for her sister's wedding on 14 March.",
            "next_step": "Call her back about the fitting",
        },
        follow=True,
    )

    page = response.content.decode()
    assert "who owns the next step" in page
    assert "when the next step is due" in page
    assert Note.objects.get().status == Note.Status.DRAFT


def test_a_saved_note_cannot_be_edited(signed_in: Client, associate) -> None:
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    signed_in.post(
        f"/customers/{amara.pk}/notes/new/",
        {
            "wants": "Exchange the boots for EU 43.",
            "next_step": "Have EU 43 ready at Leeds",
            "next_step_holder": f"staff:{associate.pk}",
            "next_step_due": _due(),
        },
    )
    note = Note.objects.get()

    response = signed_in.post(
        f"/customers/{amara.pk}/notes/{note.pk}/edit/", {"wants": "Something else"}
    )

    assert response.status_code == 409
    assert "add a new note instead" in response.content.decode()
    note.refresh_from_db()
    assert note.wants == "Exchange the boots for EU 43."
