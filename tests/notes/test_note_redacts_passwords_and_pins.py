"""Passwords and PINs written into a note are removed before it is stored; talk about
passwords ("password reset link sent", "PIN pad not working") stays."""

from __future__ import annotations

import pytest

from everthread.notes.assessment import NoteText, Redaction, note_assess


@pytest.mark.parametrize(
    ("written", "stored", "kind"),
    [
        ("Her password is hunter2.", "Her password is [password removed].", "password"),
        ("password: Summer24!", "password: [password removed]", "password"),
        (
            "App password was changed to Tulip99",
            "App password was changed to [password removed]",
            "password",
        ),
        ("password is dragon", "password is [password removed]", "password"),
        ("Wi-fi password 'Blue Door 7'", "Wi-fi password [password removed]", "password"),
        ("new password hunter2 for now", "new password [password removed] for now", "password"),
        (
            "Her password’s hint: she said the password is ‘tulip’.",
            "Her password’s hint: she said the password is [password removed].",
            "password",
        ),
        ("PIN 4821", "PIN [PIN removed]", "PIN"),
        (
            "She told me her pin number is 4821.",
            "She told me her pin number is [PIN removed].",
            "PIN",
        ),
        ("Passcode: 739104", "Passcode: [PIN removed]", "PIN"),
    ],
)
def test_passwords_and_pins_are_removed(written: str, stored: str, kind: str) -> None:
    assessment = note_assess(NoteText(tried=written))

    assert assessment.note.tried == stored
    assert assessment.redactions == (Redaction(field="tried", kind=kind),)


@pytest.mark.parametrize(
    "written",
    [
        "Password reset link sent to her email.",
        "Her password is correct but the app still refuses it.",
        "Password is not working after the update.",
        "The password reset email went to spam; resent it.",
        "PIN pad was not working, so we used the other till.",
        "Pin the hem 2 cm shorter.",
        "Forgot her password; sent a reset link.",
    ],
)
def test_talk_about_passwords_stays(written: str) -> None:
    assessment = note_assess(NoteText(tried=written))

    assert assessment.note.tried == written
    assert assessment.redactions == ()


def test_the_author_is_told_a_password_was_removed() -> None:
    assessment = note_assess(NoteText(tried="Set up the app; password is hunter2."))

    assert assessment.redaction_notice == (
        "Removed before saving: password (what was tried). "
        "Payment details and passwords are never kept in notes."
    )
