"""Card numbers, security codes and bank details are taken out of a note before anything is
stored, the author is told what was removed, and order numbers, phones and barcodes are
never mistaken for a card."""

from __future__ import annotations

import json

import pytest

from everthread.notes.assessment import NoteText, Redaction, note_assess


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Paid with 4111 1111 1111 1111 today.", "Paid with [card number removed] today."),
        ("Card 4111-1111-1111-1111.", "Card [card number removed]."),
        ("Card 5555555555554444 declined.", "Card [card number removed] declined."),
        ("Amex 3782 822463 10005 on file.", "Amex [card number removed] on file."),
        ("Gift card 6011 1111 1111 1117, £50 left.", "Gift card [card number removed], £50 left."),
        (
            "Her mobile 07700 900123 4111111111111111",
            "Her mobile 07700 900123 [card number removed]",
        ),
    ],
)
def test_card_numbers_are_removed_however_they_are_typed(written: str, stored: str) -> None:
    assessment = note_assess(NoteText(body=written))

    assert assessment.note.body == stored
    assert assessment.redactions == (Redaction(field="body", kind="card number"),)


@pytest.mark.parametrize(
    "written",
    [
        "Order HF-100482, phone 07700 900123.",
        "Call +44 7700 900123 or 0044 7700 900123.",
        "Card 4111 1111 1111 1112 was declined.",  # fails the Luhn check
        "Barcode 5012345678900 on the box.",
        "Tracking 4111111111111111 with the courier.",  # labelled as tracking, not a card
        "IMEI 490154203237518 for the insurance claim.",
        "Booking 1234567890123456 for two nights.",
        "Collected on 12-03-26 at 10.",
    ],
)
def test_other_numbers_are_left_alone(written: str) -> None:
    assessment = note_assess(NoteText(body=written))

    assert assessment.note.body == written
    assert assessment.redactions == ()


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("Security code 123.", "Security code [security code removed]."),
        ("CVV: 0456", "CVV: [security code removed]"),
        (
            "the 3 digits on the back are 456",
            "the 3 digits on the back are [security code removed]",
        ),
        (
            "4111 1111 1111 1111 737",
            "[card number removed] [security code removed]",
        ),
        (
            "4111111111111111 exp 09/27 737",
            "[card number removed] exp 09/27 [security code removed]",
        ),
        (
            "card 4111111111111111, cvc 737",
            "card [card number removed], cvc [security code removed]",
        ),
    ],
)
def test_security_codes_are_removed_near_a_card_or_named(written: str, stored: str) -> None:
    assert note_assess(NoteText(body=written)).note.body == stored


def test_a_short_number_after_a_card_that_is_not_a_code_stays() -> None:
    written = "Paid 4111 1111 1111 1111 at 3pm for 2 items."

    assert note_assess(NoteText(body=written)).note.body == (
        "Paid [card number removed] at 3pm for 2 items."
    )


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        (
            "Sort code 20-00-00, account number 55779911.",
            "Sort code [bank details removed], account number [bank details removed].",
        ),
        (
            "Refund by bank transfer to 20-00-00 55779911.",
            "Refund by bank transfer to [bank details removed] [bank details removed].",
        ),
        ("IBAN GB82 WEST 1234 5698 7654 32 please.", "IBAN [bank details removed] please."),
        ("Pay to DE89370400440532013000.", "Pay to [bank details removed]."),
    ],
)
def test_bank_details_are_removed(written: str, stored: str) -> None:
    assessment = note_assess(NoteText(body=written))

    assert assessment.note.body == stored
    assert {redaction.kind for redaction in assessment.redactions} == {"bank details"}


@pytest.mark.parametrize(
    "written",
    [
        "Loyalty account number 10048213 linked.",  # no bank in sight
        "IBAN GB82 WEST 1234 5698 7654 33 was rejected.",  # wrong check digits
        "Size EU 43, order HF-100482.",
    ],
)
def test_numbers_that_are_not_bank_details_stay(written: str) -> None:
    assert note_assess(NoteText(body=written)).note.body == written


def test_every_field_is_redacted_and_the_author_is_told_where() -> None:
    note = NoteText(
        wants="Pay the balance, card 4111 1111 1111 1111.",
        tried="She gave sort code 20-00-00 and account 55779911 for the bank refund.",
        next_step="Take payment by link, not with 5555 5555 5555 4444 again.",
    )

    assessment = note_assess(note)

    assert assessment.redactions == (
        Redaction(field="wants", kind="card number"),
        Redaction(field="tried", kind="bank details"),
        Redaction(field="tried", kind="bank details"),
        Redaction(field="next_step", kind="card number"),
    )
    assert assessment.redaction_notice == (
        "Removed before saving: card number (what the customer wants), bank details (what was "
        "tried), card number (the next step). "
        "Payment details and passwords are never kept in notes."
    )


def test_the_removed_value_is_kept_nowhere() -> None:
    assessment = note_assess(
        NoteText(wants="Pay by card", body="Card 4111 1111 1111 1111 security code 737 she said.")
    )

    stored = json.dumps(assessment.as_dict())
    assert "4111" not in stored and "737" not in stored
    assert "4111" not in repr(assessment)
    assert assessment.as_dict()["redactions"] == [
        {"field": "body", "kind": "card number"},
        {"field": "body", "kind": "security code"},
    ]


def test_curly_quotes_and_clean_notes_are_untouched() -> None:
    note = NoteText(body="She’s collecting the 12 on Saturday; order HF-100482.")

    assessment = note_assess(note)

    assert assessment.note == note
    assert assessment.redactions == ()
    assert assessment.redaction_notice == ""
