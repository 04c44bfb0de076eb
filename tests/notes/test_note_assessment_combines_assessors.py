"""The rule-based assessor is the default; another assessor (a semantic model, later) can be
added beside it. Every assessor sees only the redacted note, their findings are combined
without repeats in the order of the form, and the result is ready to store as JSON."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

from everthread.notes.assessment import (
    Assessment,
    Finding,
    NoteText,
    Quality,
    RuleAssessor,
    default_assessors,
    note_assess,
)

NOW = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=datetime.UTC)
NOTE = NoteText(
    wants="Pay the balance on the suit; she read out 4111 1111 1111 1111.",
    next_step="Send her the secure payment link for the balance of the suit.",
    next_step_owner="Chloe Martin",
    next_step_due=datetime.datetime(2026, 3, 12, 12, 0, tzinfo=datetime.UTC),
    body="She seemed difficult about the price.",
)


class ToneModel:
    """Stands in for a semantic model: it reports what it was shown and one finding."""

    def __init__(self) -> None:
        self.seen: list[NoteText] = []

    def note_findings(self, note: NoteText, *, now: datetime.datetime) -> Iterable[Finding]:
        self.seen.append(note)
        yield Finding(
            Quality.RESPECTFUL,
            "body",
            "'difficult' sounds cold: say what she asked.",
            "difficult",
            "tone-model",
        )
        # The same thing the rules found, in other words: reported once.
        yield Finding(Quality.FACTUAL, "body", "An opinion.", "She seemed difficult", "tone-model")
        yield Finding(Quality.CLEAR, "wants", "Say which suit.", "the suit", "tone-model")


def test_the_rules_are_the_default_assessor() -> None:
    assert [type(assessor) for assessor in default_assessors()] == [RuleAssessor]
    assert note_assess(NOTE, now=NOW) == note_assess(NOTE, assessors=default_assessors(), now=NOW)


def test_a_model_added_beside_the_rules_sees_only_the_redacted_note() -> None:
    model = ToneModel()

    assessment = note_assess(NOTE, assessors=(*default_assessors(), model), now=NOW)

    assert [note.wants for note in model.seen] == [
        "Pay the balance on the suit; she read out [card number removed]."
    ]
    assert [(f.rule, f.field, f.quality) for f in assessment.findings] == [
        ("tone-model", "wants", Quality.CLEAR),
        ("opinion-guessed-feeling", "body", Quality.FACTUAL),
        ("tone-model", "body", Quality.RESPECTFUL),
    ]
    assert assessment.score == 1


def test_without_assessors_only_redaction_happens() -> None:
    assessment = note_assess(NOTE, assessors=(), now=NOW)

    assert assessment.findings == ()
    assert assessment.score == 4
    assert [r.kind for r in assessment.redactions] == ["card number"]


def test_the_assessment_is_json_ready() -> None:
    assessment = note_assess(NOTE, now=NOW)

    stored = assessment.as_dict()

    assert json.loads(json.dumps(stored)) == stored
    assert stored["note"]["next_step_due"] == "2026-03-12T12:00:00+00:00"
    assert stored["note"]["wants"].endswith("[card number removed].")
    assert stored["score"] == 3
    assert stored["passed"] == {
        "clear": True,
        "factual": False,
        "respectful": True,
        "complete": True,
        "sensitive": True,
    }
    assert stored["missing_for_final"] == []
    assert stored["findings"] == [
        {
            "quality": "factual",
            "field": "body",
            "message": (
                "'She seemed difficult' is an opinion: describe what happened and what was said."
            ),
            "excerpt": "She seemed difficult",
            "rule": "opinion-guessed-feeling",
        }
    ]
    assert stored["redaction_notice"].startswith("Removed before saving: card number")


def test_findings_for_one_field_can_be_read_for_the_form() -> None:
    assessment: Assessment = note_assess(NOTE, now=NOW)

    assert [f.rule for f in assessment.findings_in("body")] == ["opinion-guessed-feeling"]
    assert assessment.findings_in("wants") == ()
