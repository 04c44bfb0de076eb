"""The quick readings of an email and a UK mobile give exactly what the full readings
(email_validator, libphonenumber) give, for every spelling they take; any other text is
left to the full readings. Checked over generated addresses and numbers in many spellings,
valid and not."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from hypothesis import example, given, settings
from hypothesis import strategies as st

from everthread.customers.contact_points import (
    _FICTIONAL_UK,
    _plain_email,
    _uk_mobile,
    contact_point_normalise,
)


def email_in_full(text: str) -> str | None:
    """What email_validator makes of ``text``, lower-cased as stored; None if it refuses."""
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        return None


def phone_in_full(text: str, region: str) -> str | None:
    """What libphonenumber makes of ``text`` as E.164; None if it is no valid number."""
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number) or _FICTIONAL_UK.match(e164):
        return e164
    return None


def mixed_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(c.upper() if flip else c for c, flip in zip(text, flips, strict=True))


ODD_CHARS = "._+-'!#$%&*/=?^`{|}~\"() ,;:<>[]\\@ıſKé\u200b"
atoms = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=12)


@st.composite
def addresses(draw: st.DrawFn) -> str:
    """Addresses as typed: mostly well formed, in mixed case, some broken in every way."""
    local = draw(st.lists(atoms, min_size=1, max_size=4))
    joiners = draw(st.lists(st.sampled_from("._+-"), min_size=len(local), max_size=len(local)))
    local_part = "".join(a + j for a, j in zip(local, joiners, strict=True))[:-1]
    labels = draw(
        st.lists(
            st.one_of(
                atoms,
                st.builds("{}-{}".format, atoms, atoms),
                st.builds("{}--{}".format, atoms, atoms),
                st.builds("xn--{}".format, atoms),
                st.text("abc0", min_size=60, max_size=70),
            ),
            min_size=1,
            max_size=4,
        )
    )
    tld = draw(
        st.one_of(
            st.sampled_from(
                ["com", "co.uk", "org", "io", "test", "local", "localhost", "onion", "arpa"]
            ),
            st.sampled_from(["invalid", "museum", "c", "123", "x1", "a" * 64]),
            atoms,
        )
    )
    address = f"{local_part}@{'.'.join(labels)}.{tld}"
    if draw(st.integers(0, 4)) == 0:  # sometimes long enough to break a limit
        address = "x" * draw(st.integers(40, 250)) + address
    if draw(st.booleans()):  # sometimes an odd character anywhere
        at = draw(st.integers(0, len(address)))
        address = address[:at] + draw(st.sampled_from(ODD_CHARS)) + address[at:]
    return mixed_case(draw, address)


@given(st.one_of(addresses(), st.emails(), st.text(max_size=40)))
@settings(max_examples=1000, deadline=None)
@example("Customer123@Example.com")
@example("amara.osei@mail.example.co.uk")
@example("someone@sub.localhost")
@example("a@b.c")
@example("a@ıexample.com")
@example("a@example.ſcom")
@example("a@ab--cd.com")
def test_the_quick_email_reading_agrees_with_email_validator(typed: str) -> None:
    quick = _plain_email(typed)
    if quick is not None:
        assert quick == email_in_full(typed)


@st.composite
def uk_numbers_as_typed(draw: st.DrawFn) -> str:
    """UK numbers (mobile, fictional, landline, too short or long) in the spellings
    people use, with separators anywhere, now and then something stranger."""
    digits = draw(
        st.one_of(
            st.from_regex(r"7[0-9]{9}", fullmatch=True),
            st.from_regex(r"7[4-9][0-9]{8}", fullmatch=True),
            st.from_regex(r"7700900[0-9]{3}", fullmatch=True),
            st.from_regex(r"7624[0-9]{6}", fullmatch=True),
            st.from_regex(r"[1-9][0-9]{6,10}", fullmatch=True),
        )
    )
    prefix = draw(
        st.one_of(
            st.sampled_from(["0", "+44", "+44 ", "+44 (0)", "+44(0)", "+44 (0) "]),
            st.sampled_from(["0044 ", "(0", "+440", "+44  ", "+44 (0", "+1", "00", ""]),
        )
    )
    separators = draw(
        st.one_of(
            st.sampled_from(["", " ", "-", "."]).map(lambda one: ["", one]),  # one kind
            st.just(["", "", "", " ", "-", ".", "  ", "/", ")"]),  # anything goes
        )
    )
    typed = prefix + "".join(draw(st.sampled_from(separators)) + digit for digit in digits)
    if draw(st.integers(0, 9)) == 0:
        at = draw(st.integers(0, len(typed)))
        typed = typed[:at] + draw(st.sampled_from("0123456789+ x#()")) + typed[at:]
    return typed


@given(
    st.one_of(uk_numbers_as_typed(), st.text("0123456789 +-.()", max_size=20)),
    st.sampled_from(["GB", "GB", "IE", "US", "JE", "IM"]),
)
@settings(max_examples=1500, deadline=None)
@example("07400 000123", "GB")
@example("+44 (0)7700 900101", "IE")
@example("07624 123456", "GB")
@example("07400 000123", "IE")
def test_the_quick_mobile_reading_agrees_with_libphonenumber(typed: str, region: str) -> None:
    quick = _uk_mobile(typed, region)
    if quick is not None:
        assert quick == phone_in_full(typed, region)


def test_the_spellings_staff_type_most_take_the_quick_readings() -> None:
    assert _plain_email("Amara.Osei@Example.COM") == "amara.osei@example.com"
    assert _plain_email("customer12@mail.example.co.uk") == "customer12@mail.example.co.uk"
    for typed in ("07400 000123", "07400000123", "+44 7400 000123", "+44 (0)7400 000123"):
        assert _uk_mobile(typed, "GB") == "+447400000123"
    assert _uk_mobile("+447400000123", "US") == "+447400000123"


def test_text_the_quick_readings_leave_is_read_in_full() -> None:
    assert _plain_email('"amara osei"@example.com') is None
    assert _plain_email("amara@bücher.de") is None
    assert _uk_mobile("07400 000123", "IE") is None  # a national number abroad
    assert _uk_mobile("07700 900101", "GB") is None  # a fictional number
    assert contact_point_normalise("email", "amara@bücher.de", region="GB") == "amara@bücher.de"
    assert contact_point_normalise("phone", "07700 900101", region="GB") == "+447700900101"
