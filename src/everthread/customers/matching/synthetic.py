"""A generated customer base with planted duplicates and households, for tests and benchmarks.

Real customer data cannot be shared, and FEBRL has no phones, emails or
households. This base has the mess a clienteling import really has: typos,
nicknames, swapped names, mistyped dates of birth, people who moved house,
phone and email written in other formats, and households whose members share
an address, a landline and an email without being one person. Everything is
drawn from one seeded generator, so a given seed always gives the same base.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from faker import Faker

from everthread.customers.matching.nicknames import NICKNAMES
from everthread.customers.matching.records import CustomerRecord

_EARLIEST_BIRTH = date(1935, 1, 1)
_BIRTH_SPAN_DAYS = 70 * 365


@dataclass(frozen=True, slots=True)
class SyntheticBase:
    """Records, and the truth: which pairs are one person and which one household."""

    records: list[CustomerRecord]
    duplicates: frozenset[tuple[str, str]]
    households: frozenset[tuple[str, str]]


def synthetic_base(
    people: int, *, duplicate_share: float = 0.1, household_share: float = 0.05, seed: int = 0
) -> SyntheticBase:
    """``people`` distinct customers, then duplicates and household members added on top."""
    rng = random.Random(seed)
    faker = Faker("en_GB")
    faker.seed_instance(seed)
    originals = [_person(f"c{k}", faker, rng) for k in range(people)]
    duplicates = [
        _duplicate(person, f"{person.id}-dup", faker, rng)
        for person in rng.sample(originals, int(people * duplicate_share))
    ]
    members = [
        _household_member(person, f"{person.id}-home", faker, rng)
        for person in rng.sample(originals, int(people * household_share))
    ]
    records = originals + duplicates + members
    rng.shuffle(records)
    return SyntheticBase(
        records=records,
        duplicates=frozenset((str(d.id).removesuffix("-dup"), str(d.id)) for d in duplicates),
        households=frozenset((str(m.id).removesuffix("-home"), str(m.id)) for m in members),
    )


def _person(record_id: str, faker: Faker, rng: random.Random) -> CustomerRecord:
    given, family = faker.first_name(), faker.last_name()
    return CustomerRecord(
        id=record_id,
        given_name=given,
        family_name=family,
        date_of_birth=_EARLIEST_BIRTH + timedelta(days=rng.randrange(_BIRTH_SPAN_DAYS)),
        postcode=faker.postcode(),
        address_lines=(f"{faker.building_number()} {faker.street_name()}",),
        suburb=faker.city(),
        phones=(f"+447{rng.randrange(10**9):09d}",),
        emails=(f"{given}.{family}{rng.randrange(100)}@{faker.free_email_domain()}".lower(),),
    )


def _duplicate(
    person: CustomerRecord, record_id: str, faker: Faker, rng: random.Random
) -> CustomerRecord:
    """The same person entered again, with one to three of the usual differences."""
    copy = replace(person, id=record_id)
    for change in rng.sample(_CHANGES, rng.randint(1, 3)):
        copy = change(copy, faker, rng)
    return copy


def _household_member(
    person: CustomerRecord, record_id: str, faker: Faker, rng: random.Random
) -> CustomerRecord:
    """Someone else at the same address, sharing the landline and usually the email."""
    landline = f"+441{rng.randrange(10**9):09d}"
    return replace(
        person,
        id=record_id,
        given_name=faker.first_name(),
        family_name=person.family_name if rng.random() < 0.8 else faker.last_name(),
        date_of_birth=_EARLIEST_BIRTH + timedelta(days=rng.randrange(_BIRTH_SPAN_DAYS)),
        phones=(landline,),
        emails=person.emails if rng.random() < 0.7 else (),
    )


def _typo(text: str, rng: random.Random) -> str:
    if len(text) < 3:
        return text
    at = rng.randrange(1, len(text) - 1)
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap":
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    if kind == "drop":
        return text[:at] + text[at + 1 :]
    return text[:at] + text[at] + text[at:]


def _typo_in_name(p: CustomerRecord, _: Faker, rng: random.Random) -> CustomerRecord:
    if rng.random() < 0.5:
        return replace(p, given_name=_typo(p.given_name, rng))
    return replace(p, family_name=_typo(p.family_name, rng))


def _nickname(p: CustomerRecord, _: Faker, rng: random.Random) -> CustomerRecord:
    shorts = NICKNAMES.get(p.given_name.casefold())
    return replace(p, given_name=rng.choice(shorts).title()) if shorts else p


def _swapped_names(p: CustomerRecord, _: Faker, __: random.Random) -> CustomerRecord:
    return replace(p, given_name=p.family_name, family_name=p.given_name)


def _mistyped_birth_date(p: CustomerRecord, _: Faker, rng: random.Random) -> CustomerRecord:
    digits = p.date_of_birth.strftime("%Y%m%d") if isinstance(p.date_of_birth, date) else ""
    if not digits:
        return p
    if rng.random() < 0.5 and int(digits[6:]) <= 12:
        return replace(p, date_of_birth=digits[:4] + digits[6:] + digits[4:6])
    at = rng.randrange(4, 7)
    return replace(p, date_of_birth=digits[:at] + digits[at + 1] + digits[at] + digits[at + 2 :])


def _no_birth_date(p: CustomerRecord, _: Faker, __: random.Random) -> CustomerRecord:
    return replace(p, date_of_birth=None)


def _moved_house(p: CustomerRecord, faker: Faker, _: random.Random) -> CustomerRecord:
    return replace(
        p,
        postcode=faker.postcode(),
        address_lines=(f"{faker.building_number()} {faker.street_name()}",),
        suburb=faker.city(),
    )


def _phone_written_nationally(p: CustomerRecord, _: Faker, __: random.Random) -> CustomerRecord:
    return replace(p, phones=tuple("0" + phone.removeprefix("+44") for phone in p.phones))


def _email_variant(p: CustomerRecord, _: Faker, rng: random.Random) -> CustomerRecord:
    def variant(email: str) -> str:
        local, _, domain = email.partition("@")
        if domain == "gmail.com" and rng.random() < 0.5:
            return f"{local.replace('.', '')}+shop@{domain}"
        return email.upper()

    return replace(p, emails=tuple(map(variant, p.emails)))


def _no_contact_details(p: CustomerRecord, _: Faker, rng: random.Random) -> CustomerRecord:
    return replace(p, phones=()) if rng.random() < 0.5 else replace(p, emails=())


_CHANGES: tuple[Callable[[CustomerRecord, Faker, random.Random], CustomerRecord], ...] = (
    _typo_in_name,
    _nickname,
    _swapped_names,
    _mistyped_birth_date,
    _no_birth_date,
    _moved_house,
    _phone_written_nationally,
    _email_variant,
    _no_contact_details,
)
