"""Writes to customer profiles, and recognition as staff use it."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pydantic
from django.db import transaction

from everthread.core.models import Capability, Staff, Store, time_zone_names
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.errors import (
    CustomerNotFound,
    InvalidProfile,
)
from everthread.customers.models import PROFILE_FIELDS, Customer
from everthread.customers.preferences import Preferences
from everthread.customers.recognition import Clues, Recognition, recognise
from everthread.customers.selectors import MergesKept, customer_detail
from everthread.customers.services.contacts import contact_point_attach

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z]{2,4})?$")
MAX_TAGS = 20


@transaction.atomic
def customer_create(
    *,
    actor: Staff,
    profile: Mapping[str, Any],
    contact_points: Iterable[tuple[str, str] | tuple[str, str, str]] = (),
) -> Customer:
    """A new customer with their first contact points, each (kind, value) or (kind, value, label);
    nothing is kept if any part is refused."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    customer = Customer()
    _profile_apply(customer, {"given_name": "", **profile})
    customer.save()
    points = list(contact_points)
    region = organisation_get().phone_region if points else ""
    for kind, value, *label in points:
        contact_point_attach(
            actor=actor,
            customer=customer,
            kind=kind,
            value=value,
            label=label[0] if label else "",
            region=region,
        )
    audit_record(actor=actor, action="customer.created", subject=customer, customer_id=customer.pk)
    return customer


@transaction.atomic
def customer_update(*, actor: Staff, customer_id: int, profile: Mapping[str, Any]) -> Customer:
    """Change some profile fields; fields not named keep their value."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    customer = Customer.objects.select_for_update().filter(pk=customer_id).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.")
    changed = _profile_apply(customer, profile)
    if changed:
        customer.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="customer.updated",
            subject=customer,
            customer_id=customer.pk,
            detail={"fields": sorted(changed)},
        )
    return customer


def customer_open(
    *, viewer: Staff, customer_id: int, contact_points: bool = True
) -> WithAnnotations[Customer, MergesKept]:
    """The customer's profile for ``viewer``, recorded in the audit log as a view; without
    their contact points for a part of the page that shows none."""
    capability_require(staff=viewer, capability=Capability.VIEW_CUSTOMERS)
    customer = customer_detail(customer_id=customer_id, contact_points=contact_points)
    audit_record(actor=viewer, action="customer.viewed", subject=customer, customer_id=customer.pk)
    return customer


def customer_to_edit(*, actor: Staff, customer_id: int) -> WithAnnotations[Customer, MergesKept]:
    """The customer a write works on, for staff allowed to change customers' records."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    return customer_detail(customer_id=customer_id)


@transaction.atomic
def customer_recognise(*, viewer: Staff, clues: Clues) -> Recognition:
    """recognise() for a member of staff: whoever it shows them is in the audit log."""
    capability_require(staff=viewer, capability=Capability.VIEW_CUSTOMERS)
    recognition = recognise(clues=clues, region=organisation_get().phone_region)
    if recognition.customer is not None:
        audit_record(
            actor=viewer,
            action="customer.recognised",
            subject=recognition.customer,
            customer_id=recognition.customer.pk,
            detail={"kind": recognition.matched_on.kind if recognition.matched_on else ""},
        )
    for candidate in recognition.candidates:
        audit_record(
            actor=viewer,
            action="customer.suggested",
            subject=candidate.customer,
            customer_id=candidate.customer.pk,
            detail={"score": candidate.score},
        )
    return recognition


def profile_clean(profile: Mapping[str, Any]) -> dict[str, Any]:
    """The profile's values as they are stored, or InvalidProfile naming the first refused.

    No query for a home store or advisor given as an instance, so a bulk write can check
    every row before it writes any.
    """
    cleaned = {}
    for name, raw in profile.items():
        if name not in PROFILE_FIELDS:
            raise InvalidProfile(f"{name!r} is not a profile field.", field=name)
        cleaned[name] = _PROFILE_RULES.get(name, _text)(name, raw)
    return cleaned


def _profile_apply(customer: Customer, profile: Mapping[str, Any]) -> list[str]:
    """Check and set profile fields on ``customer``; the names of those that changed."""
    changed = []
    for name, value in profile_clean(profile).items():
        if getattr(customer, name) != value:
            setattr(customer, name, value)
            changed.append(name)
    return changed


def _text(name: str, raw: Any) -> str:
    value = str(raw or "").strip()
    if len(value) > getattr(Customer._meta.get_field(name), "max_length", 0):
        raise InvalidProfile(f"{name.replace('_', ' ').capitalize()} is too long.", field=name)
    return value


def _given_name(name: str, raw: Any) -> str:
    value = _text(name, raw)
    if not value:
        raise InvalidProfile("Enter the customer's given name.", field=name)
    return value


def _language(name: str, raw: Any) -> str:
    value = _text(name, raw)
    if value and not _LANGUAGE.match(value):
        raise InvalidProfile(f"{value!r} is not a language tag such as en-GB or fr.", field=name)
    return value


def _time_zone(name: str, raw: Any) -> str:
    value = _text(name, raw)
    if value and value not in time_zone_names():
        raise InvalidProfile(
            f"{value!r} is not a time zone name such as Europe/London.", field=name
        )
    return value


def _date_of_birth(name: str, raw: Any) -> datetime.date | None:
    if raw in (None, ""):
        return None
    try:
        value = raw if isinstance(raw, datetime.date) else datetime.date.fromisoformat(str(raw))
    except ValueError:
        raise InvalidProfile(f"{raw!r} is not a date (use YYYY-MM-DD).", field=name) from None
    if not datetime.date(1900, 1, 1) <= value <= datetime.date.today():
        raise InvalidProfile("Date of birth must be between 1900 and today.", field=name)
    return value


def _home_store(name: str, raw: Any) -> Store | None:
    if raw in (None, ""):
        return None
    store = raw if isinstance(raw, Store) else Store.objects.filter(pk=_id(name, raw)).first()
    if store is None:
        raise InvalidProfile(f"There is no store with id {raw}.", field=name)
    return store


def _advisor(name: str, raw: Any) -> Staff | None:
    if raw in (None, ""):
        return None
    advisor = raw if isinstance(raw, Staff) else Staff.objects.filter(pk=_id(name, raw)).first()
    if advisor is None or not advisor.is_active:
        raise InvalidProfile(f"There is no active staff member with id {raw}.", field=name)
    return advisor


def _id(name: str, raw: Any) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise InvalidProfile(f"{raw!r} is not an id.", field=name) from None


def _preferences(name: str, raw: Any) -> dict:
    try:
        preferences = raw if isinstance(raw, Preferences) else Preferences.model_validate(raw or {})
    except pydantic.ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        # Our own rules' messages come prefixed by pydantic; staff read only the rule.
        message = first["msg"].removeprefix("Value error, ")
        raise InvalidProfile(
            f"Preference {where}: {message}.", field=f"preferences.{where}"
        ) from None
    return preferences.stored()


def _tags(name: str, raw: Any) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str) or not all(isinstance(tag, str) for tag in raw):
        raise InvalidProfile("Tags must be a list of words.", field=name)
    tags = list(dict.fromkeys(tag.strip().lower() for tag in raw if tag.strip()))
    if len(tags) > MAX_TAGS or any(len(tag) > 40 for tag in tags):
        raise InvalidProfile(f"Use at most {MAX_TAGS} tags of up to 40 characters.", field=name)
    return tags


_PROFILE_RULES = {
    "given_name": _given_name,
    "language": _language,
    "time_zone": _time_zone,
    "date_of_birth": _date_of_birth,
    "home_store": _home_store,
    "advisor": _advisor,
    "preferences": _preferences,
    "tags": _tags,
}
