"""A note marked sensitive (a guest's bereavement, a client's health) is read only by its
author and by roles that see sensitive details; everyone else — on the customer's
timeline, the note's page and the API — sees that it exists, who wrote it and when."""

from __future__ import annotations

import pytest
from django.test import Client

from api_clients import client_of
from continuity import colleague, customer, from_now
from everthread.conversations.models import TimelineEntry
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from everthread.notes.selectors import note_detail

pytestmark = pytest.mark.django_db

WANTS = "A quiet room away from the lift; she is travelling after her mother's funeral"


@pytest.fixture
def front_desk(organisation):
    return colleague("joel", "Joel Mensah", role="agent")


@pytest.fixture
def note(front_desk) -> dict:
    guest = customer("Grace", "Whitfield")
    response = client_of(front_desk).post(
        f"/api/v1/customers/{guest.pk}/notes",
        {
            "wants": WANTS,
            "promised": "A late check-out on Sunday without charge",
            "promised_by": "joel",
            "next_step": "Ask housekeeping for a room on the fourth floor",
            "next_step_owner": "joel",
            "next_step_due": from_now(days=1).isoformat(),
            "sensitive": True,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def _web(staff) -> Client:
    client = Client()
    client.force_login(staff)
    return client


def test_the_author_and_a_manager_read_it(note, front_desk) -> None:
    assert note["sensitive"] is True
    assert (note["wants"], note["withheld"]) == (WANTS, False)

    manager = colleague("maria", "Maria Lopez", role="manager")
    read = client_of(manager).get(f"/api/v1/notes/{note['id']}").json()
    assert (read["wants"], read["withheld"]) == (WANTS, False)
    assert (
        "A quiet room away from the lift"
        in _web(manager).get(f"/notes/{note['id']}/").content.decode()
    )


def test_a_colleague_without_the_role_sees_only_that_it_exists(note) -> None:
    associate = colleague("tom", "Tom Reilly", role="associate")

    read = client_of(associate).get(f"/api/v1/notes/{note['id']}").json()
    assert read["withheld"] is True
    assert (read["wants"], read["promised"], read["next_step"], read["body"]) == ("", "", "", "")
    assert read["author"]["username"] == "joel"
    assert read["created_at"] == note["created_at"]

    listed = client_of(associate).get(f"/api/v1/customers/{note['customer']['id']}/notes")
    assert [(n["id"], n["withheld"], n["wants"]) for n in listed.json()["items"]] == [
        (note["id"], True, "")
    ]

    page = _web(associate).get(f"/notes/{note['id']}/").content.decode()
    assert "marked sensitive" in page
    assert "funeral" not in page
    assert "Joel Mensah" in page


def test_the_timeline_never_carries_the_text(note) -> None:
    entry = TimelineEntry.objects.get(kind="note")
    assert entry.title == "Sensitive note by Joel Mensah"
    assert "funeral" not in f"{entry.text} {entry.detail}"
    assert "late check-out" not in f"{entry.text} {entry.detail}"

    coach = colleague("cora", "Cora Blake", role="coach")
    page = _web(coach).get(f"/customers/{note['customer']['id']}/").content.decode()
    assert "Sensitive note by Joel Mensah" in page
    assert "funeral" not in page


def test_the_follow_up_carries_the_step_but_not_the_promise(note) -> None:
    followup = FollowUp.objects.get()
    assert followup.title == "Ask housekeeping for a room on the fourth floor"
    assert "late check-out" not in followup.detail


def test_a_withheld_note_cannot_be_saved_back_blank(note) -> None:
    associate = colleague("tom", "Tom Reilly", role="associate")
    withheld = note_detail(note_id=note["id"], viewer=associate)
    with pytest.raises(ValueError, match="withheld"):
        withheld.save()
    assert Note.objects.get().wants == WANTS


def test_the_web_form_marks_a_note_sensitive(signed_in: Client, associate) -> None:
    guest = customer("Grace", "Whitfield")
    signed_in.post(
        f"/customers/{guest.pk}/notes/new/",
        {
            "wants": WANTS,
            "next_step": "Ask housekeeping for a room on the fourth floor",
            "next_step_holder": f"staff:{associate.pk}",
            "next_step_due": from_now(days=1).strftime("%Y-%m-%dT%H:%M"),
            "sensitive": "on",
        },
    )
    assert Note.objects.get().sensitive is True
