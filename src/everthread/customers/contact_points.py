"""Normalising contact points, so every format of one address is one key.

Pure functions, no database: the same rules serve forms, the API, imports and
(later) recognition from inbound messages.
"""

from __future__ import annotations

import re

import phonenumbers
from django.db import models
from email_validator import EmailNotValidError, validate_email

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
_HANDLE_RULES = {
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
    if kind in SOCIAL_KINDS:
        return _handle(kind, text)
    if kind == ContactKind.LOYALTY:
        return _identifier(kind, re.sub(r"[\s-]", "", text).upper())
    if kind == ContactKind.CRM:
        return _identifier(kind, text)
    if kind == ContactKind.ORDER:
        return _identifier(kind, re.sub(r"\s", "", text).upper())
    raise InvalidContactPoint(
        f"{kind!r} is not a kind of contact point; use one of {', '.join(ContactKind.values)}.",
        field="kind",
    )


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
    text = text.strip()
    guesses: list[tuple[str, str]] = []
    kinds: list[str]
    if "@" in text[1:] and not _PROFILE_URL.match(text):
        kinds = [ContactKind.EMAIL]
    elif text.startswith("@") or _PROFILE_URL.match(text):
        kinds = list(SOCIAL_KINDS)
    elif re.fullmatch(r"[+()\d\s.-]{6,}", text):
        kinds = [ContactKind.PHONE, ContactKind.ORDER, ContactKind.LOYALTY, ContactKind.CRM]
    else:
        kinds = [ContactKind.ORDER, ContactKind.LOYALTY, ContactKind.CRM, *SOCIAL_KINDS]
    for kind in kinds:
        try:
            guesses.append((kind, contact_point_normalise(kind, text, region=region)))
        except InvalidContactPoint:
            continue
    return guesses


def _label(kind: str) -> str:
    try:
        label = str(ContactKind(kind).label)
    except ValueError:
        return "contact point"
    return label[0].lower() + label[1:]


def _email(text: str) -> str:
    try:
        address = validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise InvalidContactPoint(
            f"{text!r} is not a valid email address: {error}", field="email"
        ) from None
    # Mailboxes are case-insensitive in practice; one key per address however it is typed.
    return address.lower()


def _phone(text: str, region: str) -> str:
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


def _handle(kind: str, text: str) -> str:
    handle = _PROFILE_URL.sub("", text).lstrip("@").split("/")[0].split("?")[0].casefold()
    pattern, rule = _HANDLE_RULES[ContactKind(kind)]
    if not pattern.match(handle):
        raise InvalidContactPoint(
            f"{text!r} is not a valid {ContactKind(kind).label} handle: use {rule}.", field=kind
        )
    return handle


def _identifier(kind: str, text: str) -> str:
    if not _IDENTIFIER.match(text):
        raise InvalidContactPoint(
            f"{text!r} is not a valid {_label(kind)}: "
            "use letters, digits and . _ : / - (up to 80).",
            field=kind,
        )
    return text
