"""Generated customers at scale: names, profiles and contact points, with planted duplicates.

Drawn from pools made once from Faker (so a million customers cost a million cheap
choices, not a million Faker calls). Contact points are typed as people type them
(national and international phone formats, mixed-case emails, handles with "@" or
as profile links, loyalty ids with spaces) and stored through the product's own
``contact_point_normalise``, so they are exactly what the product would have stored.

Every unique value is derived from the customer's generated number ``n`` through a
bijection, so no two generated customers collide, in one run or across ``--append``
runs. Emails are at example.com/.org/.net and reach nobody. Phones are in real UK,
French and German ranges, because the fictional ranges hold only a few thousand
numbers: never connect a generated database to a live messaging provider.

A planted duplicate is the same person entered again (in store, on the web shop):
a typo, a nickname or swapped names, a date of birth left out or a new postcode,
and contact points that differ from the original's (an email written another way,
a new mobile, a loyalty card of their own), so that no contact point names both.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass
from typing import Any

from faker import Faker

from everthread.core.models import Channel, Staff, Store
from everthread.customers.contact_points import contact_point_normalise
from everthread.customers.matching.nicknames import NICKNAMES
from everthread.customers.models import name_key

# Generated customers' CRM ids: GEN-00000042 is customer number 42 of every generated run.
CRM_PREFIX = "GEN-"
CRM_DIGITS = 8
# Locales of the names, weighted roughly as a British customer base.
NAME_LOCALES = {
    "en_GB": 70,
    "en_IE": 5,
    "en_IN": 8,
    "pl_PL": 5,
    "yo_NG": 4,
    "fr_FR": 3,
    "it_IT": 3,
    "tr_TR": 2,
}
POOL_DRAWS = 2000
EMAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example.com")
OUTWARD_CODES = (
    "M1", "M14", "M20", "SK4", "LS1", "LS6", "WC2H", "N1", "NW3", "SE1", "SW11", "E8",
    "B15", "BS8", "G12", "EH3", "CF10", "NG1", "L17", "BN1",
)  # fmt: skip
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# (language, time zone, mobile prefix, digits after it) of customers who live abroad.
ABROAD = (("fr-FR", "Europe/Paris", "+33 6 1", 7), ("de-DE", "Europe/Berlin", "+49 151", 8))
TAGS = ("vip", "newsletter", "press", "corporate", "gift buyer", "high return rate")
# Bijections of the customer number onto a fixed number of digits: (multiplier, offset).
_SCRAMBLE = {"mobile": (48_271, 1_234_567), "landline": (69_621, 765_432), "loyalty": (16_807, 0)}
# Planted duplicates draw their new values from numbers no original reaches.
DUPLICATE_NUMBERS = 50_000_000
_DUPLICATE_CHANNELS = ("email", "whatsapp", "chat", "in_store")


@dataclass(frozen=True)
class Person:
    """One generated customer before it has an id: the profile fields and typed contact points."""

    number: int
    given_name: str
    family_name: str
    preferred_name: str
    date_of_birth: datetime.date | None
    postcode: str
    language: str
    time_zone: str
    home_store: Store | None
    advisor: Staff | None
    preferences: dict[str, Any]
    tags: list[str]
    # (kind, value as typed): stored through contact_point_normalise.
    typed_points: list[tuple[str, str]]
    preferred_channels: tuple[str, ...]


@dataclass(frozen=True)
class NamePools:
    female: list[str]
    male: list[str]
    family: list[str]

    @classmethod
    def draw(cls, seed: int) -> NamePools:
        """Names as often as Faker's weighted lists give them, drawn once."""
        faker = Faker(list(NAME_LOCALES))
        faker.seed_instance(seed)
        locales = random.Random(seed).choices(
            list(NAME_LOCALES), weights=list(NAME_LOCALES.values()), k=POOL_DRAWS
        )
        return cls(
            female=[faker[locale].first_name_female() for locale in locales],
            male=[faker[locale].first_name_male() for locale in locales],
            family=[faker[locale].last_name() for locale in locales],
        )


def scrambled(kind: str, number: int, digits: int) -> str:
    """``number``'s unique ``digits``-digit stand-in: distinct numbers never share one."""
    multiplier, offset = _SCRAMBLE[kind]
    return f"{(number * multiplier + offset) % 10**digits:0{digits}d}"


def crm_id(number: int) -> str:
    return f"{CRM_PREFIX}{number:0{CRM_DIGITS}d}"


def person_draw(
    rng: random.Random,
    names: NamePools,
    *,
    number: int,
    stores: list[Store],
    advisors: dict[int, list[Staff]],
    today: datetime.date,
) -> Person:
    female = rng.random() < 0.55
    given = rng.choice(names.female if female else names.male)
    family = rng.choice(names.family)
    shorts = NICKNAMES.get(given.casefold(), ())
    preferred = rng.choice(shorts).title() if shorts and rng.random() < 0.3 else ""
    language, time_zone, abroad_phone = "", "", ""
    if rng.random() < 0.04:
        language, time_zone, prefix, digits = rng.choice(ABROAD)
        abroad_phone = f"{prefix}{scrambled('mobile', number, digits)}"
    store = rng.choice(stores) if stores and rng.random() < 0.7 else None
    store_advisors = advisors.get(store.pk, []) if store else []
    advisor = rng.choice(store_advisors) if store_advisors and rng.random() < 0.3 else None
    channels = tuple(rng.sample(CHANNEL_HABITS, rng.randint(1, 3)))
    return Person(
        number=number,
        given_name=given,
        family_name=family,
        preferred_name=preferred,
        date_of_birth=_birth_date(rng) if rng.random() < 0.6 else None,
        postcode=_postcode(rng) if rng.random() < 0.7 else "",
        language=language,
        time_zone=time_zone,
        home_store=store,
        advisor=advisor,
        preferences=_preferences(rng, channels, today),
        tags=rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2))),
        typed_points=_typed_points(rng, number, given, family, abroad_phone),
        preferred_channels=channels,
    )


def duplicate_draw(rng: random.Random, person: Person) -> Person:
    """The same person entered again, with one to three of the usual differences."""
    given, family = person.given_name, person.family_name
    birth, postcode = person.date_of_birth, person.postcode
    for change in rng.sample(
        ("typo", "nickname", "swapped", "no_birth", "moved"), rng.randint(1, 3)
    ):
        if change == "typo":
            given, family = (
                (_typo(rng, given), family) if rng.random() < 0.5 else (given, _typo(rng, family))
            )
        elif change == "nickname" and NICKNAMES.get(given.casefold()):
            given = rng.choice(NICKNAMES[given.casefold()]).title()
        elif change == "swapped":
            given, family = family, given
        elif change == "no_birth":
            birth = None
        elif change == "moved":
            postcode = _postcode(rng)
    return Person(
        number=person.number,
        given_name=given,
        family_name=family,
        preferred_name="",
        date_of_birth=birth,
        postcode=postcode,
        language=person.language,
        time_zone=person.time_zone,
        home_store=person.home_store,
        advisor=None,
        preferences={},
        tags=[],
        typed_points=_duplicate_points(rng, person),
        preferred_channels=(rng.choice(_DUPLICATE_CHANNELS),),
    )


def contact_points_normalise(person: Person, *, region: str) -> list[tuple[str, str]]:
    """The stored (kind, value) of each typed contact point, by the product's own rules."""
    return [
        (kind, contact_point_normalise(kind, typed, region=region))
        for kind, typed in person.typed_points
    ]


def search_keys(person: Person) -> tuple[str, str]:
    """(sort_key, search_text) as Customer.save() derives them from the names."""
    return (
        name_key(f"{person.family_name} {person.given_name}"),
        name_key(f"{person.given_name} {person.preferred_name} {person.family_name}"),
    )


# Channels a customer habitually uses, as often as customers use them (plain values: rows
# hold what the database holds).
CHANNEL_HABITS = tuple(channel.value for channel in (
    Channel.EMAIL, Channel.EMAIL, Channel.EMAIL, Channel.WHATSAPP, Channel.WHATSAPP,
    Channel.CHAT, Channel.CHAT, Channel.PHONE, Channel.PHONE, Channel.IN_STORE,
    Channel.IN_STORE, Channel.SMS, Channel.INSTAGRAM, Channel.APP, Channel.WEB_FORM,
    Channel.VIDEO, Channel.CLICK_AND_COLLECT, Channel.X, Channel.MESSENGER,
))  # fmt: skip


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def _typed_points(
    rng: random.Random, number: int, given: str, family: str, abroad_phone: str
) -> list[tuple[str, str]]:
    first, last = _ascii(given) or "x", _ascii(family) or "x"
    tag = f"{number:x}"  # unique per customer, short enough for every network's handle rule
    points = [("crm", crm_id(number))]
    if rng.random() < 0.85:
        points.append(("email", _email_typed(rng, first, last, number)))
    if rng.random() < 0.1:
        points.append(("email", f"{first}.{last}.{number}@work.example.com"))
    if abroad_phone:
        points.append(("phone", abroad_phone))
    elif rng.random() < 0.75:
        points.append(("phone", _mobile_typed(rng, scrambled("mobile", number, 8))))
    if rng.random() < 0.15:
        # London numbers: 020 3 and 020 8 take any seven digits after them.
        digits = scrambled("landline", number, 7)
        points.append(("phone", f"020 {rng.choice('38')}{digits[:3]} {digits[3:]}"))
    if rng.random() < 0.5:
        digits = scrambled("loyalty", number, 9)
        points.append(("loyalty", f"ly-{digits[:3]} {digits[3:6]} {digits[6:]}"))
    if rng.random() < 0.1:
        points.append(("order", f"web {number:09d}"))
    points += _handles(rng, first, last, tag)
    return points


def _email_typed(rng: random.Random, first: str, last: str, number: int) -> str:
    local = rng.choice(
        (
            f"{first}.{last}",
            f"{first}{last}",
            f"{first[0]}.{last}",
            f"{last}.{first}",
            f"{first}_{last}",
        )
    )
    domain = rng.choice(EMAIL_DOMAINS)
    typed = f"{local}{number}@{domain}"
    if rng.random() < 0.3:
        typed = typed.title()  # "Jane.Smith42@Example.Com", as some people type it
    return f" {typed} " if rng.random() < 0.05 else typed


def _mobile_typed(rng: random.Random, eight: str) -> str:
    national = f"7{rng.choice('458')}{eight}"  # 074, 075 and 078 take any eight digits
    return rng.choice(
        (
            f"0{national[:4]} {national[4:]}",
            f"+44 {national[:4]} {national[4:7]} {national[7:]}",
            f"0044 {national}",
            f"(0{national[:4]}) {national[4:7]}-{national[7:]}",
            f"0{national}",
        )
    )


def _handles(rng: random.Random, first: str, last: str, tag: str) -> list[tuple[str, str]]:
    handles = []
    if rng.random() < 0.25:
        handle = f"{first[:12]}.{last[:8]}.{tag}"
        typed = f"https://instagram.com/{handle}" if rng.random() < 0.3 else f"@{handle.title()}"
        handles.append(("instagram", typed))
    if rng.random() < 0.08:
        handles.append(("x", f"@{first[:4]}{last[:3]}_{tag}"))
    if rng.random() < 0.06:
        handles.append(("facebook", f"facebook.com/{first[:15]}.{last[:15]}.{tag}"))
    if rng.random() < 0.04:
        handles.append(("tiktok", f"@{first[:8]}_{tag}"))
    return handles


def _duplicate_points(rng: random.Random, person: Person) -> list[tuple[str, str]]:
    """Contact points the original does not have, so the two records share none."""
    number = person.number
    first, last = _ascii(person.given_name) or "x", _ascii(person.family_name) or "x"
    points = []
    if rng.random() < 0.6:
        # Left without dots, or with a shop tag: another stored address of the same mailbox.
        domain = rng.choice(EMAIL_DOMAINS)
        # An original's address always has a letter just before its number; these never do.
        local = f"{first}{last}.{number}" if rng.random() < 0.5 else f"{first}.{last}+{number}"
        points.append(("email", f"{local}@{domain}"))
    if rng.random() < 0.5:
        points.append(
            ("phone", _mobile_typed(rng, scrambled("mobile", number + DUPLICATE_NUMBERS, 8)))
        )
    if not points or rng.random() < 0.4:
        digits = scrambled("loyalty", number + DUPLICATE_NUMBERS, 9)
        points.append(("loyalty", f"LY{digits}"))
    return points


def _typo(rng: random.Random, text: str) -> str:
    """One slip of the keyboard: a letter dropped or doubled."""
    if len(text) < 4:
        return text
    at = rng.randrange(1, len(text) - 1)
    return text[:at] + text[at + 1 :] if rng.random() < 0.5 else text[:at] + text[at] + text[at:]


def _birth_date(rng: random.Random) -> datetime.date:
    return datetime.date(1940, 1, 1) + datetime.timedelta(days=rng.randrange(66 * 365))


def _postcode(rng: random.Random) -> str:
    letters = "".join(rng.choice(_POSTCODE_LETTERS) for _ in range(2))
    return f"{rng.choice(OUTWARD_CODES)} {rng.randint(1, 9)}{letters}"


def _preferences(
    rng: random.Random, channels: tuple[str, ...], today: datetime.date
) -> dict[str, Any]:
    """Preferences in the JSON form Preferences.stored() keeps."""
    preferences: dict[str, Any] = {}
    if rng.random() < 0.3:
        preferences["preferred_channel"] = channels[0]
    if rng.random() < 0.1:
        when = today + datetime.timedelta(days=rng.randint(7, 330))
        label = rng.choice(("Birthday", "Anniversary", "Wedding", "Holiday"))
        preferences["important_dates"] = [{"label": label, "date": when.isoformat()}]
    return preferences
