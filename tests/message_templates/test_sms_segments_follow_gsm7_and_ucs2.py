"""The SMS segment count a sender sees: GSM-7 fits 160 characters in one segment and 153 in
each of several, with { } [ ] ~ \\ | ^ € counting double; one character outside GSM-7 makes
the whole message UCS-2: 70 in one, 67 in each of several."""

from __future__ import annotations

import pytest

from everthread.message_templates.sms import sms_segments


@pytest.mark.parametrize(
    ("text", "encoding", "units", "count"),
    [
        ("", "GSM-7", 0, 0),
        ("a" * 160, "GSM-7", 160, 1),
        ("a" * 161, "GSM-7", 161, 2),
        ("a" * 306, "GSM-7", 306, 2),
        ("a" * 307, "GSM-7", 307, 3),
        ("€" * 80, "GSM-7", 160, 1),
        ("€" * 81, "GSM-7", 162, 2),
        ("[x]" + "a" * 156, "GSM-7", 161, 2),
        ("Café crème at Leeds, £20 off", "GSM-7", 28, 1),
        ("ж" * 70, "UCS-2", 70, 1),
        ("ж" * 71, "UCS-2", 71, 2),
        ("ж" * 134, "UCS-2", 134, 2),
        ("ж" * 135, "UCS-2", 135, 3),
        ("Hi Rosa ☂", "UCS-2", 9, 1),
        ("👋" * 35, "UCS-2", 70, 1),
        ("👋" * 36, "UCS-2", 72, 2),
    ],
)
def test_segments(text: str, encoding: str, units: int, count: int) -> None:
    segments = sms_segments(text)

    assert (segments.encoding, segments.units, segments.count) == (encoding, units, count)


def test_a_curly_apostrophe_is_what_makes_a_message_ucs2() -> None:
    segments = sms_segments("Hi Amara, it’s ready " + "a" * 60)

    assert segments.encoding == "UCS-2"
    assert segments.non_gsm == ("’",)
    assert segments.count == 2
    assert sms_segments("Hi Amara, it's ready " + "a" * 60).count == 1


def test_what_is_left_in_the_last_segment() -> None:
    assert sms_segments("a" * 150).left_in_segment == 10
    assert sms_segments("a" * 200).left_in_segment == 106
