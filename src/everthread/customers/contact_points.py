"""Normalising contact points, so every format of one address is one key.

Pure functions, no database: the same rules serve forms, the API, imports and
(later) recognition from inbound messages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import email_validator
import phonenumbers
from django.db import models
from email_validator import EmailNotValidError, rfc_constants, validate_email

from everthread.customers.errors import InvalidContactPoint


class ContactKind(models.TextChoices):
    EMAIL = "email", "Email"
    PHONE = "phone", "Phone"
    INSTAGRAM = "instagram", "Instagram"
    X = "x", "X"
    FACEBOOK = "facebook", "Facebook"
    TIKTOK = "tiktok", "TikTok"
    LOYALTY = "loyalty", "Loyalty ID"
    CRM = "crm", "External CRM ID"
    ORDER = "order", "Order number"


SOCIAL_KINDS = frozenset(
    {ContactKind.INSTAGRAM, ContactKind.X, ContactKind.FACEBOOK, ContactKind.TIKTOK}
)

# Each network's own rule for a handle, after "@" and any profile address are removed.
_HANDLE_RULES: dict[str, tuple[re.Pattern[str], str]] = {
    ContactKind.INSTAGRAM: (
        re.compile(r"^[a-z0-9._]{1,30}$"),
        "letters, digits, . and _ (up to 30)",
    ),
    ContactKind.X: (re.compile(r"^[a-z0-9_]{1,15}$"), "letters, digits and _ (up to 15)"),
    ContactKind.FACEBOOK: (re.compile(r"^[a-z0-9.]{5,50}$"), "letters, digits and . (5 to 50)"),
    ContactKind.TIKTOK: (re.compile(r"^[a-z0-9._]{2,24}$"), "letters, digits, . and _ (2 to 24)"),
}
_PROFILE_URL = re.compile(
    r"^(?:https?://)?(?:www\.|m\.)?(?:instagram\.com|x\.com|twitter\.com|facebook\.com|fb\.com|tiktok\.com)/@?",
    re.IGNORECASE,
)
_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:/-]{0,79}$")
_SPACES = re.compile(r"\s")
_SPACES_AND_HYPHENS = re.compile(r"[\s-]")
_PHONE_LIKE = re.compile(r"[+()\d\s.-]{6,}")

# Ofcom keeps these UK ranges for drama and training: well-formed, never allocated.
# Accepting them lets demos and practice scenarios use numbers that reach nobody.
_FICTIONAL_UK = re.compile(r"^\+44(?:7700900\d{3}|1632960\d{3}|20794600\d{2}|11749600\d{2})$")


def contact_point_normalise(kind: str, raw: str, *, region: str) -> str:
    """The one stored form of ``raw`` as a ``kind`` contact point, or InvalidContactPoint."""
    text = (raw or "").strip()
    if not text:
        raise InvalidContactPoint(f"Enter the {_label(kind)}.", field=kind)
    if kind == ContactKind.EMAIL:
        return _email(text)
    if kind == ContactKind.PHONE:
        return _phone(text, region)
    if kind not in ContactKind.values:
        raise InvalidContactPoint(
            f"{kind!r} is not a kind of contact point; use one of {', '.join(ContactKind.values)}.",
            field="kind",
        )
    value = _text_reading(kind, text)
    if value is None:
        raise _text_refused(kind, text)
    return value


def contact_point_display(kind: str, value: str) -> str:
    """How staff read a stored contact point."""
    if kind == ContactKind.PHONE:
        number = phonenumbers.parse(value)
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if kind in SOCIAL_KINDS:
        return f"@{value}"
    return value


def contact_point_guesses(text: str, *, region: str) -> list[tuple[str, str]]:
    """Every (kind, value) that typed or pasted ``text`` could be, most likely first.

    Search and recognition use this when nobody said which kind it is.
    """
    return list(contact_point_readings(text, region=region))


def contact_point_readings(text: str, *, region: str) -> Iterator[tuple[str, str]]:
    """contact_point_guesses() one at a time, each read only when it is asked for."""
    text = text.strip()
    kinds: tuple[str, ...]
    if "@" in text[1:] and not _PROFILE_URL.match(text):
        kinds = _EMAIL_GUESSES
    elif text.startswith("@") or _PROFILE_URL.match(text):
        kinds = _HANDLE_GUESSES
    elif _PHONE_LIKE.fullmatch(text):
        kinds = _DIGITS_GUESSES
    else:
        kinds = _TEXT_GUESSES
    for kind in kinds:
        value: str | None
        if kind in _PARSED_KINDS:
            try:
                value = contact_point_normalise(kind, text, region=region)
            except InvalidContactPoint:
                value = None
        else:  # read without building the refusal each kind it is not would say
            value = _text_reading(kind, text) if text else None
        if value is not None:
            yield kind, value


_EMAIL_GUESSES: tuple[str, ...] = (ContactKind.EMAIL,)
_HANDLE_GUESSES: tuple[str, ...] = tuple(SOCIAL_KINDS)
_DIGITS_GUESSES: tuple[str, ...] = (
    ContactKind.PHONE,
    ContactKind.ORDER,
    ContactKind.LOYALTY,
    ContactKind.CRM,
)
_TEXT_GUESSES: tuple[str, ...] = (
    ContactKind.ORDER,
    ContactKind.LOYALTY,
    ContactKind.CRM,
    *SOCIAL_KINDS,
)
_PARSED_KINDS = frozenset({ContactKind.EMAIL, ContactKind.PHONE})


def _label(kind: str) -> str:
    try:
        label = str(ContactKind(kind).label)
    except ValueError:
        return "contact point"
    return label[0].lower() + label[1:]


def _email(text: str) -> str:
    plain = _plain_email(text)
    if plain is not None:
        return plain
    try:
        address = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidContactPoint(
            f"{text!r} is not a valid email address: {error}", field="email"
        ) from None
    # Mailboxes are case-insensitive in practice; one key per address however it is typed.
    return address.lower()


# The spellings staff type most often, read without the full parsers. Each reading answers
# only when it is sure email_validator or libphonenumber would give the same value, and
# otherwise leaves the text to them; tests/customers/test_contact_point_shortcuts.py checks
# that against the full readings over generated addresses and numbers in many spellings.

# An ASCII address of letters and digits joined by . _ + or - before the @, and a domain of
# letters, digits and single hyphens ending in a letters-only top-level domain: nothing that
# email_validator would rewrite (quoting, Unicode, IDNA) and no "xn--" or "ab--" labels.
_PLAIN_EMAIL = re.compile(
    r"(?P<local>[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*)"
    r"@(?P<domain>(?:[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\.)+[A-Za-z]{2,63})"
)


def _plain_email(text: str) -> str | None:
    """``text`` lower-cased when it is a plain address email_validator accepts unchanged."""
    match = _PLAIN_EMAIL.fullmatch(text)
    if (
        match is None
        or len(text) > rfc_constants.EMAIL_MAX_LENGTH
        or len(match["local"]) > rfc_constants.LOCAL_PART_MAX_LENGTH
    ):
        return None
    address = text.lower()
    domain = address[len(match["local"]) + 1 :]
    if (
        len(domain) > rfc_constants.DOMAIN_MAX_LENGTH
        or max(map(len, domain.split("."))) > rfc_constants.DNS_LABEL_LENGTH_LIMIT
        or f".{domain}".endswith(_SPECIAL_USE_DOMAINS)
    ):
        return None
    return address


# Domains email_validator refuses (localhost, .test, .onion ...), as endings of ".domain".
_SPECIAL_USE_DOMAINS = tuple(f".{name}" for name in email_validator.SPECIAL_USE_DOMAIN_NAMES)


# A UK mobile as written at home (07xxx xxxxxx) or abroad (+44 7xxx xxxxxx, +44 (0)7xxx ...),
# its digits in groups split by single spaces, hyphens or dots.
_UK_MOBILE = re.compile(r"(?P<prefix>\+44 ?(?:\(0\) ?)?|0)(?P<number>7(?:[ .-]?\d){9})")


@functools.cache
def _uk_mobiles() -> re.Pattern[str]:
    """libphonenumber's own pattern of UK mobile numbers (the national number, no 0)."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region("GB")
    mobile = metadata.mobile if metadata is not None else None
    if mobile is None or mobile.national_number_pattern is None:
        return re.compile(r"(?!)")  # matches nothing: every number is read in full
    return re.compile(mobile.national_number_pattern)


def _uk_mobile(text: str, region: str) -> str | None:
    """The E.164 form of a UK mobile in a common spelling, when libphonenumber holds it valid."""
    match = _UK_MOBILE.fullmatch(text)
    if match is None or (match["prefix"] == "0" and region != "GB"):
        return None
    number = match["number"].translate(_WITHOUT_SEPARATORS)
    return f"+44{number}" if _uk_mobiles().fullmatch(number) else None


_WITHOUT_SEPARATORS = str.maketrans("", "", " .-")


def _phone(text: str, region: str) -> str:
    mobile = _uk_mobile(text, region)
    if mobile is not None:
        return mobile
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        # An unknown +country code fails here, before any validity check could name it.
        if error.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE:
            raise InvalidContactPoint(
                f"{text!r} is not a valid phone number: the country code is not recognised.",
                field="phone",
            ) from None
        raise InvalidContactPoint(f"{text!r} is not a phone number.", field="phone") from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if phonenumbers.is_valid_number(number) or _FICTIONAL_UK.match(e164):
        return e164
    reason = phonenumbers.is_possible_number_with_reason(number)
    problem = {
        phonenumbers.ValidationResult.TOO_SHORT: "it is too short",
        phonenumbers.ValidationResult.TOO_LONG: "it is too long",
        phonenumbers.ValidationResult.INVALID_COUNTRY_CODE: "the country code is not recognised",
    }.get(reason, "no such number exists")
    where = (
        ""
        if text.startswith("+")
        else f" (read as a {region} number; add +country code if it is not)"
    )
    raise InvalidContactPoint(
        f"{text!r} is not a valid phone number: {problem}{where}.", field="phone"
    )


def _text_reading(kind: str, text: str) -> str | None:
    """A handle or identifier as stored, or None when it breaks its kind's rule."""
    if kind in SOCIAL_KINDS:
        handle = _handle_typed(text)
        return handle if _HANDLE_RULES[kind][0].match(handle) else None
    value = _identifier_typed(kind, text)
    return value if _IDENTIFIER.match(value) else None


def _text_refused(kind: str, text: str) -> InvalidContactPoint:
    """Why ``text`` cannot be a ``kind`` handle or identifier, in words."""
    if kind in SOCIAL_KINDS:
        rule = _HANDLE_RULES[ContactKind(kind)][1]
        return InvalidContactPoint(
            f"{text!r} is not a valid {ContactKind(kind).label} handle: use {rule}.", field=kind
        )
    return InvalidContactPoint(
        f"{_identifier_typed(kind, text)!r} is not a valid {_label(kind)}: "
        "use letters, digits and . _ : / - (up to 80).",
        field=kind,
    )


def _handle_typed(text: str) -> str:
    return _PROFILE_URL.sub("", text).lstrip("@").split("/")[0].split("?")[0].casefold()


def _identifier_typed(kind: str, text: str) -> str:
    if kind == "loyalty":  # ContactKind.LOYALTY, compared as the plain string: a hot path
        return _SPACES_AND_HYPHENS.sub("", text).upper()
    if kind == "order":
        return _SPACES.sub("", text).upper()
    return text
