"""factory_boy factories for the records most tests arrange."""

from __future__ import annotations

import factory

from everthread.core.models import Organisation, Staff, Store
from everthread.customers.models import ContactPoint, Customer


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("id",)

    id = 1
    name = "Harlow & Finch"
    time_zone = "Europe/London"
    phone_region = "GB"


class StoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Store
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"store-{n}")
    name = factory.Sequence(lambda n: f"Store {n}")


class StaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Staff
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = "Sam"
    last_name = factory.Sequence(lambda n: f"Staff{n}")
    role = "associate"
    password = factory.django.Password("everthread-test")


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    given_name = factory.Faker("first_name")
    family_name = factory.Faker("last_name")


class ContactPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPoint

    customer = factory.SubFactory(CustomerFactory)
    kind = "email"
    value = factory.Sequence(lambda n: f"customer{n}@example.com")


# --- Continuity (issue 5): teams, follow-ups and timeline lines. ---
# Models are named by label so this block needs no imports of its own; it is appended
# after other blocks and may be followed by more.


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "core.Team"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"team-{n}")
    name = factory.Sequence(lambda n: f"Team {n}")
    kind = "store"


class FollowUpFactory(factory.django.DjangoModelFactory):
    """A follow-up as it stands in the database, e.g. one opened last week and now overdue
    (the service refuses to open one with a due time already past)."""

    class Meta:
        model = "followups.FollowUp"

    customer = factory.SubFactory(CustomerFactory)
    title = factory.Sequence(lambda n: f"Call back about order HF-{100000 + n}")
    owner = factory.SubFactory(StaffFactory)
    due_at = factory.LazyFunction(lambda: _from_now(days=1))
    created_by = factory.SubFactory(StaffFactory)


class TimelineEntryFactory(factory.django.DjangoModelFactory):
    """One line of a long history, without the interaction behind it."""

    class Meta:
        model = "conversations.TimelineEntry"

    customer = factory.SubFactory(CustomerFactory)
    kind = "interaction"
    object_id = factory.Sequence(lambda n: 1_000_000 + n)
    channel = "email"
    title = factory.Sequence(lambda n: f"Email {n}")
    occurred_at = factory.Sequence(lambda n: _from_now(days=-30, minutes=n))


def _from_now(**delta: float):
    import datetime

    from django.utils import timezone

    return timezone.now() + datetime.timedelta(**delta)


class JourneyFactory(factory.django.DjangoModelFactory):
    """A journey as it stands in the database, without the contacts that made it."""

    class Meta:
        model = "conversations.Journey"

    customer = factory.SubFactory(CustomerFactory)
    kind = "styling"
    title = factory.Sequence(lambda n: f"Styling project {n}")
    opened_at = factory.LazyFunction(lambda: _from_now(days=-1))
    last_activity_at = factory.SelfAttribute("opened_at")


# --- One voice (issue 7): message templates. ---


class MessageTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "message_templates.MessageTemplate"

    organisation = factory.LazyFunction(lambda: OrganisationFactory())
    name = factory.Sequence(lambda n: f"New arrivals {n}")
    channel = "sms"
    purpose = "marketing"
    language = "en-GB"
    body = "Hi {{ customer.first_name }}, the new coats are in. {{ staff.first_name }}"
    created_by = factory.SubFactory(StaffFactory)
    updated_by = factory.SelfAttribute("created_by")
