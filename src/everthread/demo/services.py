"""Loading a demo organisation through the other apps' services, safe to run again."""

from __future__ import annotations

import copy
import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from everthread.core.errors import InvalidInput, NotFound
from everthread.core.models import Role, Staff, Store, Team
from everthread.core.selectors import organisation_get
from everthread.core.services import organisation_configure, staff_upsert, store_upsert, team_upsert
from everthread.customers.contact_points import contact_point_normalise
from everthread.customers.models import ContactPoint, Customer
from everthread.customers.services import customer_create
from everthread.demo.bulletins import bulletins_load
from everthread.demo.cast import Cast
from everthread.demo.coaching import RUBRIC_SLUG, coaching_stories
from everthread.demo.commerce import appointments_load, catalogue_load, commerce_stories
from everthread.demo.continuity import continuity_history
from everthread.demo.errors import DemoDatabaseTaken
from everthread.demo.generated import CustomerRecord, customers_generate
from everthread.demo.histories import history_write
from everthread.demo.knowledge import knowledge_load
from everthread.demo.organisations import DEMOS, Annual, DemoOrganisation
from everthread.demo.practice import practice_stories
from everthread.demo.stories import STORIES
from everthread.demo.voices import TEMPLATES, VOICES
from everthread.message_templates.models import BrandVoice, MessageTemplate
from everthread.message_templates.services import brand_voice_update, message_template_create

DEMO_PASSWORD = "everthread-demo"
PROGRESS_EVERY = 100


@dataclass
class Tally:
    created: int = 0
    existing: int = 0

    def count(self, created: bool) -> None:
        if created:
            self.created += 1
        else:
            self.existing += 1


@dataclass(frozen=True)
class Login:
    username: str
    name: str
    role: str
    where: str


@dataclass
class DemoSummary:
    organisation: str
    organisation_created: bool
    tallies: dict[str, Tally] = field(default_factory=dict)
    logins: list[Login] = field(default_factory=list)


@transaction.atomic
def demo_load(*, industry: str, customers: int, stdout: io.TextIOBase) -> DemoSummary:
    """Load ``industry``'s demo organisation; what exists already is kept, never duplicated."""
    demo = DEMOS.get(industry)
    if demo is None:
        raise InvalidInput(
            f"{industry!r} is not a demo; use one of {', '.join(DEMOS)}.", field="industry"
        )
    summary = DemoSummary(
        organisation=demo.organisation["name"], organisation_created=_organisation_load(demo)
    )
    stores = _stores_load(demo, summary)
    teams = _teams_load(demo, stores, summary)
    cast = Cast(
        staff={},
        teams=teams,
        stores=stores,
        now=timezone.now(),
        zone=ZoneInfo(demo.organisation["time_zone"]),
    )
    _staff_load(demo, cast, summary)
    _voice_load(industry, cast.staff["admin"], summary)
    articles = summary.tallies["articles"] = Tally()
    for created in knowledge_load(cast, industry):
        articles.count(created)
    stories = [_story_record(story, cast) for story in demo.stories]
    stdout.write(f"Loading {len(stories)} story customers and {customers} generated ones…\n")
    tally = summary.tallies["customers"] = Tally()
    region = demo.organisation["phone_region"]
    for record in stories:
        customer, created = _customer_ensure(
            actor=cast.staff["admin"], record=record, region=region
        )
        tally.count(created)
        cast.customers[record.contact_points[0][1]] = customer
    products = summary.tallies["products"] = Tally()
    for created in catalogue_load(cast, industry):
        products.count(created)
    told = summary.tallies["stories"] = Tally()
    for story in STORIES[industry]:
        told.count(story(cast))
    if industry == "retail":
        summary.tallies["commerce"] = Tally()
        summary.tallies["commerce"].count(commerce_stories(cast))
        summary.tallies["coaching"] = Tally()
        summary.tallies["coaching"].count(coaching_stories(cast))
        summary.tallies["practice scenarios"] = Tally()
        summary.tallies["practice scenarios"].count(practice_stories(cast, rubric_slug=RUBRIC_SLUG))
    news = summary.tallies["bulletins and promotions"] = Tally()
    for created in bulletins_load(cast, industry):
        news.count(created)
    summary.tallies["appointments"] = Tally()
    summary.tallies["appointments"].count(appointments_load(cast, industry))
    _generated_load(demo, cast, customers, summary, stdout=stdout, story_records=stories)
    older = summary.tallies["older journeys"] = Tally()
    for new in continuity_history(
        cast=cast, threads=demo.catalogue.threads, channels=demo.catalogue.channels
    ):
        older.count(new)
    return summary


def _generated_load(
    demo: DemoOrganisation,
    cast: Cast,
    count: int,
    summary: DemoSummary,
    *,
    stdout: io.TextIOBase,
    story_records: list[CustomerRecord],
) -> None:
    """The generated customers, each with the history they have had with the brand."""
    records = customers_generate(
        demo=demo,
        count=count,
        stores=list(cast.stores.values()),
        staff=list(cast.staff.values()),
        story_contact_points=[point for story in story_records for point in story.contact_points],
        today=cast.today,
    )
    customers = summary.tallies["customers"]
    histories = summary.tallies["histories"] = Tally()
    region = demo.organisation["phone_region"]
    for done, record in enumerate(records, 1):
        customer, created = _customer_ensure(
            actor=cast.staff["admin"], record=record, region=region
        )
        customers.count(created)
        journeys = history_write(
            cast=cast,
            customer=customer,
            crm_id=record.contact_points[0][1],
            threads=demo.catalogue.threads,
            channels=demo.catalogue.channels,
        )
        if journeys != 0:  # a customer new to the brand has no history to tell
            histories.count(journeys is not None)
        if done % PROGRESS_EVERY == 0:
            stdout.write(f"  {done} of {count} generated customers\n")


def _organisation_load(demo: DemoOrganisation) -> bool:
    """Configure the organisation; True if the database had none. Refuse another one's."""
    name = demo.organisation["name"]
    try:
        existing = organisation_get().name
    except NotFound:
        existing = None
    if existing not in (None, name):
        raise DemoDatabaseTaken(
            f"This database already holds {existing}; use a fresh database "
            f"(DATABASE_URL / EVERTHREAD_DATA_DIR) for another demo."
        )
    organisation_configure(**demo.organisation)
    return existing is None


def _stores_load(demo: DemoOrganisation, summary: DemoSummary) -> dict[str, Store]:
    summary.tallies["stores"] = _tally(
        Store.objects.values_list("code", flat=True), (store["code"] for store in demo.stores)
    )
    return {store["code"]: store_upsert(**store) for store in demo.stores}


def _teams_load(
    demo: DemoOrganisation, stores: dict[str, Store], summary: DemoSummary
) -> dict[str, Team]:
    summary.tallies["teams"] = _tally(
        Team.objects.values_list("code", flat=True), (team["code"] for team in demo.teams)
    )
    # Teams come before their members, so their managers are set once the staff exist.
    return {
        team["code"]: team_upsert(
            code=team["code"], name=team["name"], kind=team["kind"], store=stores.get(team["store"])
        )
        for team in demo.teams
    }


def _staff_load(demo: DemoOrganisation, cast: Cast, summary: DemoSummary) -> None:
    """Every member of staff, each after their manager, then each team's manager.
    The password is only set for those not here before."""
    summary.tallies["staff"] = _tally(
        Staff.objects.values_list("username", flat=True),
        (member["username"] for member in demo.staff),
    )
    for member in _managers_first(demo.staff):
        email = f"{member['first_name']}.{member['last_name']}@{demo.staff_email_domain}"
        fields = {
            **member,
            "email": email.lower(),
            "home_store": cast.stores.get(member["home_store"] or ""),
            "teams": tuple(cast.teams[code] for code in member["teams"]),
            "manager": cast.staff.get(member["manager"]),
        }
        cast.staff[member["username"]] = staff_upsert(password=DEMO_PASSWORD, **fields)
        cast.teams_of[member["username"]] = fields["teams"]
    for team in demo.teams:
        cast.teams[team["code"]] = team_upsert(
            code=team["code"], manager=cast.staff[team["manager"]]
        )
    summary.logins = [
        _login(cast.staff[member["username"]], cast.teams_of[member["username"]])
        for member in demo.staff
    ]


def _voice_load(industry: str, actor: Staff, summary: DemoSummary) -> None:
    """The brand voice and templates, unless already there: a manager's changes are kept."""
    organisation = organisation_get()
    if not BrandVoice.objects.filter(organisation=organisation).exists():
        brand_voice_update(actor=actor, organisation=organisation, draft=VOICES[industry])
    tally = summary.tallies["templates"] = Tally()
    for draft in TEMPLATES[industry]:
        known = MessageTemplate.objects.filter(
            organisation=organisation,
            channel=draft.channel,
            language=draft.language,
            name=draft.name,
        ).exists()
        if not known:
            message_template_create(actor=actor, organisation=organisation, draft=draft)
        tally.count(not known)


def _managers_first(members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_username = {member["username"]: member for member in members}

    def rank(member: dict[str, Any]) -> int:
        return 1 + rank(by_username[member["manager"]]) if member["manager"] else 0

    return sorted(members, key=rank)


def _login(member: Staff, teams: tuple[Team, ...]) -> Login:
    """Who to sign in as: staff without a home store are placed by their teams."""
    return Login(
        username=member.username,
        name=member.get_full_name(),
        role=Role(member.role).label,
        where=member.home_store.name if member.home_store else ", ".join(map(str, teams)),
    )


def _tally(existing: Iterable[str], wanted: Iterable[str]) -> Tally:
    present, wanted = set(existing), list(wanted)
    created = sum(key not in present for key in wanted)
    return Tally(created=created, existing=len(wanted) - created)


def _story_record(story: dict[str, Any], cast: Cast) -> CustomerRecord:
    """A story customer with store codes, usernames and yearly dates made into real values."""
    profile = copy.deepcopy(story["profile"])
    profile["home_store"] = cast.stores[profile["home_store"]]
    if "advisor" in profile:
        profile["advisor"] = cast.staff[profile["advisor"]]
    for important in profile["preferences"].get("important_dates", []):
        important["date"] = _next_occurrence(important["date"], cast.today)
    return CustomerRecord(profile, list(story["contact_points"]))


def _next_occurrence(annual: Annual, today: datetime.date) -> datetime.date:
    this_year = datetime.date(today.year, annual.month, annual.day)
    return this_year if this_year > today else this_year.replace(year=today.year + 1)


def _customer_ensure(*, actor: Staff, record: CustomerRecord, region: str) -> tuple[Customer, bool]:
    """The customer one of their contact points already names, or a new one: (customer, new).

    Any point counts, not just the key (email or CRM id): if staff removed that one,
    creating the customer again would collide on the others.
    """
    known = Q()
    for kind, value in record.contact_points:
        known |= Q(kind=kind, value=contact_point_normalise(kind, value, region=region))
    point = ContactPoint.objects.filter(known).select_related("customer").first()
    if point is not None:
        return point.customer, False
    customer = customer_create(
        actor=actor, profile=record.profile, contact_points=record.contact_points
    )
    return customer, True
