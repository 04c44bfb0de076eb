"""Beside an observation the coach sees what the automatic review already said: each note's
quality score and findings, each message's tone hints — read as stored, assessed again only
when nothing was stored."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from continuity import from_now
from everthread.coaching.selectors import staff_evidence
from everthread.notes.models import Note
from everthread.notes.services import NoteDraft, note_save
from everthread.outreach.models import OutboundMessage
from outboxing import queue_message

pytestmark = pytest.mark.django_db


@pytest.fixture
def vague_note(daniel, chloe) -> Note:
    return note_save(
        customer=daniel,
        author=chloe,
        draft=NoteDraft(
            wants="Customer was difficult, wants boots sorted asap",
            next_step="tbc",
            next_step_owner=chloe,
            next_step_due=from_now(days=1),
        ),
    ).note


def test_the_coaching_page_shows_stored_note_scores_and_tone_hints(
    client: Client, ruth, chloe, daniel, chat, vague_note
) -> None:
    message = queue_message(daniel, chloe, "email", body="Length: 98 cm.")
    assert vague_note.assessment["findings"] and message.tone_hints  # stored when written
    client.force_login(ruth)

    page = client.get(f"/coaching/staff/{chloe.pk}/").content.decode()

    assert f"{vague_note.quality_score}/4" in page
    assert escape(vague_note.assessment["findings"][0]["message"]) in page
    assert escape(message.tone_hints[0]["message"]) in page
    assert "Observe" in page and chat.summary in page


def test_stored_assessments_are_read_not_recomputed(chloe, daniel, vague_note) -> None:
    Note.objects.filter(pk=vague_note.pk).update(
        assessment={"score": 1, "findings": [{"quality": "clear", "message": "As stored."}]}
    )

    evidence = staff_evidence(staff_id=chloe.pk, viewer=chloe)

    assert [(row.score, row.findings[0]["message"], row.recomputed) for row in evidence.notes] == [
        (1, "As stored.", False)
    ]


def test_a_note_with_nothing_stored_is_assessed_again(chloe, daniel) -> None:
    Note.objects.create(
        customer=daniel,
        author=chloe,
        wants="Wants the boots asap",
        next_step="",
        created_at=timezone.now(),
    )

    (row,) = staff_evidence(staff_id=chloe.pk, viewer=chloe).notes

    assert row.recomputed and row.findings
    assert row.score < 4


def test_the_evidence_reads_within_its_budget(
    chloe, daniel, vague_note, django_assert_max_num_queries
) -> None:
    for body in ("Length: 98 cm.", "Size: EU 43."):
        assert queue_message(daniel, chloe, "email", body=body).tone_hints

    with django_assert_max_num_queries(2):
        evidence = staff_evidence(staff_id=chloe.pk, viewer=chloe)
        assert len(evidence.notes) == 1 and len(evidence.messages) == 2


def test_a_message_with_no_hints_stored_is_checked_again(chloe, daniel) -> None:
    message = queue_message(daniel, chloe, "email", body="Length: 98 cm.")
    OutboundMessage.objects.filter(pk=message.pk).update(tone_hints=[])

    (row,) = staff_evidence(staff_id=chloe.pk, viewer=chloe).messages

    assert row.recomputed and row.hints
