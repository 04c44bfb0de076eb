"""A complete note says what the customer wants and the agreed next step, with an owner and a
due time still to come; a promise says by when and who made it. Without what the customer
wants or a next step, a note can only be saved as a draft."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest

from everthread.notes.assessment import NoteText, Quality, note_assess

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2026, 3, 12, 9, 0, tzinfo=LONDON)
SATURDAY_10 = datetime.datetime(2026, 3, 14, 10, 0, tzinfo=LONDON)
COMPLETE = NoteText(
    wants="The emerald wrap dress in a 12 for her sister's wedding.",
    promised="We will hold the emerald wrap dress in 12 at Manchester until Saturday.",
    promised_by="Priya Shah",
    next_step="Call Amara to confirm she is collecting, or release the hold.",
    next_step_owner="Tom Reilly",
    next_step_due=SATURDAY_10,
)


def completeness(note: NoteText) -> list[tuple[str, str, str]]:
    findings = note_assess(note, now=NOW).findings
    return [(f.rule, f.field, f.message) for f in findings if f.quality == Quality.COMPLETE]


def test_a_complete_note_passes_and_can_be_final() -> None:
    assessment = note_assess(COMPLETE, now=NOW)

    assert assessment.passed(Quality.COMPLETE)
    assert assessment.missing_for_final == ()
    assert assessment.score == 4


def test_without_wants_or_next_step_it_can_only_be_a_draft() -> None:
    note = NoteText(body="Guest rang about the spa and will call back after asking her sister.")

    assessment = note_assess(note, now=NOW)

    assert assessment.missing_for_final == ("what the customer wants", "the next step")
    assert completeness(note) == [
        ("wants-missing", "wants", "Say what the customer wants."),
        (
            "next-step-missing",
            "next_step",
            "Add the agreed next step, so the next person knows what happens now.",
        ),
    ]


def test_a_next_step_needs_an_owner_and_a_due_time() -> None:
    note = NoteText(wants=COMPLETE.wants, next_step=COMPLETE.next_step)

    assert completeness(note) == [
        (
            "next-step-owner-missing",
            "next_step_owner",
            "Next step has no owner: name a person or a team queue.",
        ),
        (
            "next-step-due-missing",
            "next_step_due",
            "Next step has no due time: say when it will be done.",
        ),
    ]
    assert note_assess(note, now=NOW).missing_for_final == ()


@pytest.mark.parametrize(
    "due",
    [
        datetime.datetime(2026, 3, 11, 17, 0, tzinfo=LONDON),
        datetime.datetime(2026, 3, 12, 8, 0),  # no zone: read in the zone of now
    ],
)
def test_a_next_step_due_in_the_past_is_flagged(due: datetime.datetime) -> None:
    note = NoteText(
        wants=COMPLETE.wants, next_step=COMPLETE.next_step, next_step_owner="Tom", next_step_due=due
    )

    assert completeness(note) == [
        (
            "next-step-due-past",
            "next_step_due",
            "Next step is due in the past: pick a time that is still to come.",
        )
    ]


@pytest.mark.parametrize(
    "promised",
    [
        "We will hold the dress until Saturday.",
        "Refund by 14 March.",
        "Sam will call tomorrow at 10.",
        "Replacement within 48 hours.",
        "Ready on the 21st.",
        "Pillows in the room before arrival.",
        "Refund in 3-5 working days.",
        "Callback at 16:30.",
    ],
)
def test_a_promise_with_a_date_or_time_is_complete(promised: str) -> None:
    note = NoteText(**{**COMPLETE.__dict__, "promised": promised})

    assert completeness(note) == []


def test_a_promise_without_a_date_says_so_and_quotes_it() -> None:
    note = NoteText(**{**COMPLETE.__dict__, "promised": "We'll hold the dress for her."})

    assert completeness(note) == [
        (
            "promise-date-missing",
            "promised",
            "Promise 'We'll hold the dress for her' has no date: say by when, "
            "e.g. 'until Saturday' or 'within 48 hours'.",
        )
    ]


@pytest.mark.parametrize(
    "promised",
    [
        "I'll call her tomorrow at 10.",
        "We will hold it until Saturday.",
        "Sam will email the price by tomorrow.",
        "Front desk will keep the room until midnight.",
        "Tom to call her on Friday.",
        "The kitchen will have halal options ready from tomorrow.",
    ],
)
def test_who_made_a_promise_can_be_read_from_it(promised: str) -> None:
    note = NoteText(**{**COMPLETE.__dict__, "promised": promised, "promised_by": ""})

    assert completeness(note) == []


def test_a_promise_nobody_made_asks_for_a_name() -> None:
    note = NoteText(
        **{**COMPLETE.__dict__, "promised": "Hold the trench until Friday.", "promised_by": ""}
    )

    assert completeness(note) == [
        (
            "promise-owner-missing",
            "promised_by",
            "Promise 'Hold the trench until Friday' doesn't say who made it: add their name.",
        )
    ]
