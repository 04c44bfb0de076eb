"""Generated demo customers: varied, realistic, and the same on every run.

Each customer is drawn from Faker seeded with the demo seed and their number, so
customer 42 is the same whatever ``--customers`` says and whichever day it runs
(apart from dates that count from today), and re-running the demo finds them again.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from faker import Faker

from everthread.core.models import Staff, Store
from everthread.demo.organisations import Catalogue, DemoOrganisation

SEED = 2026
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")
# Ofcom's drama range: the only mobile numbers the contact-point rules accept as fictional.
DRAMA_MOBILES = range(900000, 901000)
NICKNAMES = {
    "female": {
        "Elizabeth": "Liz",
        "Katherine": "Kate",
        "Margaret": "Maggie",
        "Jennifer": "Jen",
        "Rebecca": "Becky",
        "Victoria": "Tori",
        "Samantha": "Sam",
        "Abigail": "Abbie",
        "Eleanor": "Nell",
        "Josephine": "Jo",
    },
    "male": {
        "William": "Will",
        "Alexander": "Alex",
        "Robert": "Rob",
        "Christopher": "Chris",
        "Nicholas": "Nick",
        "Jonathan": "Jon",
        "Benjamin": "Ben",
        "Matthew": "Matt",
        "Edward": "Ted",
        "Thomas": "Tom",
    },
}
WARDROBES = {"female": "womenswear", "male": "menswear"}
_POSTCODE_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
# How many of each list one customer may have: one fit and one diet, so none contradicts another.
_MOST_PICKED = {"fits": 1, "colours": 3, "fitness_goals": 3, "dietary": 1, "accessibility": 2}


class CustomerRecord(NamedTuple):
    profile: dict[str, Any]
    contact_points: list[tuple[str, str]]


@dataclass
class _Context:
    demo: DemoOrganisation
    stores: list[Store]
    advisors: dict[int, list[Staff]]
    phones: list[str]
    taken: set[str]
    today: datetime.date


def customers_generate(
    *,
    demo: DemoOrganisation,
    count: int,
    stores: list[Store],
    staff: list[Staff],
    story_contact_points: list[tuple[str, str]],
    today: datetime.date,
) -> Iterator[CustomerRecord]:
    """``count`` customers, each keyed by a CRM id; no email, phone or handle repeats."""
    taken = {value.lower().lstrip("@").replace(" ", "") for _, value in story_contact_points}
    context = _Context(
        demo=demo,
        stores=stores,
        advisors=_advisors_by_store(staff),
        phones=_phone_pool(taken),
        taken=taken,
        today=today,
    )
    fake = Faker("en_GB")
    for number in range(1, count + 1):
        fake.seed_instance(f"{SEED}:{demo.catalogue.crm_prefix}:{number}")
        crm_id = f"{demo.catalogue.crm_prefix}-{number:04d}"
        yield _customer(fake, context, number=number, crm_id=crm_id)


def _advisors_by_store(staff: list[Staff]) -> dict[int, list[Staff]]:
    advisors: dict[int, list[Staff]] = {}
    for member in staff:
        if member.role == "associate" and member.home_store_id:
            advisors.setdefault(member.home_store_id, []).append(member)
    return advisors


def _phone_pool(taken: set[str]) -> list[str]:
    """Every drama-range mobile the stories do not use, in a fixed shuffled order.

    Customer n may only take the n-th number, so numbers never repeat however many
    customers a run asks for.
    """
    pool = [f"+447700{n}" for n in DRAMA_MOBILES if f"+447700{n}" not in taken]
    random.Random(SEED).shuffle(pool)
    return pool


def _customer(fake: Faker, context: _Context, *, number: int, crm_id: str) -> CustomerRecord:
    rng, catalogue = fake.random, context.demo.catalogue
    chance = catalogue.chance
    gender = "female" if rng.random() < 0.55 else "male"
    given, preferred = _names(fake, gender)
    family = fake.last_name()
    profile: dict[str, Any] = {
        "given_name": given,
        "family_name": family,
        "preferred_name": preferred,
    }
    if rng.random() < chance["abroad"]:
        profile["language"], profile["time_zone"] = rng.choice(catalogue.abroad)
    if rng.random() < chance["date_of_birth"]:
        first, last = catalogue.birth_years
        profile["date_of_birth"] = fake.date_between_dates(
            datetime.date(first, 1, 1), datetime.date(last, 12, 31)
        )
    if rng.random() < chance["home_store"]:
        store = rng.choice(context.stores)
        profile["home_store"] = store
        profile["postcode"] = _postcode(rng, context.demo.postcode_areas[store.code])
        advisors = context.advisors.get(store.pk)
        if advisors and rng.random() < chance["advisor"]:
            profile["advisor"] = rng.choice(advisors)
    profile["preferences"] = _preferences(
        rng, catalogue, context.today, chart=catalogue.sizes.get(WARDROBES[gender], {})
    )
    profile["tags"] = rng.sample(catalogue.tags, rng.randint(0, 3))
    return CustomerRecord(profile, _contact_points(rng, context, given, family, number, crm_id))


def _names(fake: Faker, gender: str) -> tuple[str, str]:
    """A given name and, for some, the shorter name they go by."""
    if fake.random.random() < 0.12:
        given = fake.random.choice(sorted(NICKNAMES[gender]))
        return given, NICKNAMES[gender][given]
    return getattr(fake, f"first_name_{gender}")(), ""


def _postcode(rng: random.Random, areas: list[str]) -> str:
    letters = "".join(rng.choice(_POSTCODE_LETTERS) for _ in range(2))
    return f"{rng.choice(areas)} {rng.randint(1, 9)}{letters}"


def _preferences(
    rng: random.Random, catalogue: Catalogue, today: datetime.date, *, chart: dict[str, list[str]]
) -> dict[str, Any]:
    chance = catalogue.chance
    preferences: dict[str, Any] = {}
    if chart and rng.random() < chance["sizes"]:
        preferences["sizes"] = [
            _size(rng, catalogue, category, chart[category])
            for category in rng.sample(sorted(chart), rng.randint(1, 3))
        ]
    for name, most in _MOST_PICKED.items():
        options = getattr(catalogue, name)
        if options and rng.random() < chance[name]:
            preferences[name] = rng.sample(options, rng.randint(1, min(most, len(options))))
    if catalogue.budgets and rng.random() < chance["budget"]:
        minimum, maximum = rng.choice(catalogue.budgets)
        preferences["budget"] = {"minimum": minimum, "maximum": maximum, "currency": "GBP"}
    if rng.random() < chance["occasion"]:
        when = today + datetime.timedelta(days=rng.randint(7, 330))
        preferences["important_dates"] = [{"label": rng.choice(catalogue.occasions), "date": when}]
    if rng.random() < chance["preferred_channel"]:
        preferences["preferred_channel"] = rng.choice(catalogue.channels)
    return preferences


def _size(
    rng: random.Random, catalogue: Catalogue, category: str, sizes: list[str]
) -> dict[str, str]:
    note = rng.choice(catalogue.size_notes) if rng.random() < 0.15 else ""
    return {"category": category, "size": rng.choice(sizes), "note": note}


def _contact_points(
    rng: random.Random, context: _Context, given: str, family: str, number: int, crm_id: str
) -> list[tuple[str, str]]:
    chance, catalogue = context.demo.catalogue.chance, context.demo.catalogue
    first, last = _ascii(given), _ascii(family)
    points = [("crm", crm_id)]
    if rng.random() < chance["email"]:
        local = rng.choice([f"{first}.{last}", f"{first}{last}", f"{first[0]}{last}"])
        domain = rng.choice(EMAIL_DOMAINS)
        points.append(("email", _unique(context.taken, f"{local}@{domain}", number)))
    if number <= len(context.phones) and rng.random() < chance["phone"]:
        points.append(("phone", context.phones[number - 1]))
    if rng.random() < chance["instagram"]:
        points.append(("instagram", _unique(context.taken, f"{first}.{last}"[:25], number)))
    if rng.random() < chance["x"]:
        points.append(("x", _unique(context.taken, f"{first[:4]}_{last[:5]}", number)))
    if rng.random() < chance["loyalty"]:
        points.append(("loyalty", _loyalty_id(catalogue.loyalty_prefix, number)))
    return points


def _loyalty_id(prefix: str, number: int) -> str:
    """Eight digits that look random but never repeat: a*n + b is one-to-one modulo 9e7
    because a shares no factor with it."""
    return f"{prefix}{10_000_000 + (number * 55_623_059 + 4_242_421) % 90_000_000}"


def _unique(taken: set[str], value: str, number: int) -> str:
    """``value``, or with the customer's number added if an earlier customer has it.

    Bases hold no digits, so base + number cannot equal any other customer's value.
    """
    if value.lower() in taken:
        local, at, domain = value.partition("@")
        value = f"{local}{number}{at}{domain}"
    taken.add(value.lower())
    return value


def _ascii(name: str) -> str:
    """A name as the letters an email address or handle would use."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if "a" <= ch <= "z")
