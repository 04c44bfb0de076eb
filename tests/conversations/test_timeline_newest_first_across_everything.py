"""One timeline for Amara: contacts in every channel, handover notes and follow-ups, newest
first, each shown with what it is; a follow-up's line is updated in place when it is done."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.selectors import timeline_page
from everthread.conversations.services import JourneyStart
from everthread.followups.services import followup_complete
from everthread.notes.services import NoteDraft, note_save

pytestmark = pytest.mark.django_db


def test_contacts_notes_and_follow_ups_newest_first(associate) -> None:
    amara = customer("Amara", "Osei")
    priya = colleague("priya", "Priya Shah", role="agent")
    booked = contact(
        amara,
        "web_form",
        "Booked a virtual styling appointment",
        occurred_at=from_now(days=-3),
        start=JourneyStart(kind="styling", title="Outfit for her sister's wedding", owner=priya),
    )
    contact(
        amara,
        "video",
        "Virtual styling: three looks pulled",
        staff=priya,
        direction="outbound",
        journey=booked.journey,
        occurred_at=from_now(days=-2),
    )
    saved = note_save(
        customer=amara,
        author=priya,
        draft=NoteDraft(
            wants="A dress for her sister's wedding on 14 March; UK 12, tailored, emerald or navy",
            promised="We will hold the emerald wrap dress in 12 at Manchester until Saturday",
            promised_by=priya,
            tried="Three looks on video; she liked the emerald wrap dress best",
            next_step="Amara tries the emerald wrap dress in Manchester",
            next_step_owner=associate,
            next_step_due=from_now(days=2),
            journey=booked.journey,
        ),
    )
    assert not saved.missing
    followup = saved.note.next_step_followup

    followup_complete(followup_id=followup.pk, actor=associate, outcome="Bought it in 12")

    lines = timeline_page(customer_id=amara.pk).entries
    assert [(line.kind, line.title) for line in lines] == [
        ("followup", "Amara tries the emerald wrap dress in Manchester"),
        ("note", "Handover note by Priya Shah"),
        ("interaction", "Virtual styling: three looks pulled"),
        ("interaction", "Booked a virtual styling appointment"),
    ]
    assert [line.channel for line in lines[2:]] == ["video", "web_form"]
    assert {line.journey_id for line in lines} == {booked.journey_id}
    assert (lines[0].detail["status"], lines[0].text) == ("done", "Bought it in 12")
    assert lines[1].detail["next_step_holder"] == "Tom Reilly"
