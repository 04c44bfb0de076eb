"""Every write to customers and their contact points."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

import pydantic
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone

from everthread.core.models import Capability, Staff, Store, time_zone_names
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.contact_points import ContactKind, contact_point_normalise
from everthread.customers.errors import (
    ContactPointTaken,
    CustomerNotFound,
    InvalidProfile,
    MergeRefused,
)
from everthread.customers.merge_rules import merge_rules
from everthread.customers.models import PROFILE_FIELDS, ContactPoint, Customer, CustomerMerge
from everthread.customers.preferences import Preferences
from everthread.customers.recognition import Clues, Recognition, recognise
from everthread.customers.selectors import customer_detail

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
    for kind, value, *label in contact_points:
        _contact_point_attach(
            actor=actor, customer=customer, kind=kind, value=value, label=label[0] if label else ""
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


def customer_open(*, viewer: Staff, customer_id: int) -> Customer:
    """The customer's profile for ``viewer``, recorded in the audit log as a view."""
    capability_require(staff=viewer, capability=Capability.VIEW_CUSTOMERS)
    customer = customer_detail(customer_id=customer_id)
    audit_record(actor=viewer, action="customer.viewed", subject=customer, customer_id=customer.pk)
    return customer


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


@transaction.atomic
def contact_point_add(
    *, actor: Staff, customer_id: int, kind: str, value: str, label: str = ""
) -> ContactPoint:
    """Attach a contact point; adding one the customer already has returns it unchanged."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    customer = Customer.objects.filter(pk=customer_id).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.")
    return _contact_point_attach(
        actor=actor, customer=customer, kind=kind, value=value, label=label
    )


@transaction.atomic
def contact_point_remove(*, actor: Staff, customer_id: int, contact_point_id: int) -> None:
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    point = ContactPoint.objects.filter(pk=contact_point_id, customer_id=customer_id).first()
    if point is None:
        raise CustomerNotFound(f"Customer {customer_id} has no contact point {contact_point_id}.")
    audit_record(
        actor=actor,
        action="contact_point.removed",
        subject=point,
        customer_id=customer_id,
        detail={"kind": point.kind},
    )
    point.delete()


def _contact_point_attach(
    *, actor: Staff, customer: Customer, kind: str, value: str, label: str = ""
) -> ContactPoint:
    normalised = contact_point_normalise(kind, value, region=organisation_get().phone_region)
    existing = (
        ContactPoint.objects.select_related("customer").filter(kind=kind, value=normalised).first()
    )
    if existing is None:
        try:
            # A savepoint, so a concurrent insert of the same point leaves the outer work intact.
            with transaction.atomic():
                existing = ContactPoint.objects.create(
                    customer=customer, kind=kind, value=normalised, label=label.strip()
                )
        except IntegrityError:
            existing = ContactPoint.objects.select_related("customer").get(
                kind=kind, value=normalised
            )
        else:
            audit_record(
                actor=actor,
                action="contact_point.added",
                subject=existing,
                customer_id=customer.pk,
                detail={"kind": kind},
            )
            return existing
    if existing.customer_id != customer.pk:
        raise _taken(actor=actor, point=existing)
    return existing


def _taken(*, actor: Staff, point: ContactPoint) -> ContactPointTaken:
    what = f"{ContactKind(point.kind).label} {point.display}"
    if actor.can(Capability.VIEW_CUSTOMERS):
        return ContactPointTaken(
            f"{what} already belongs to {point.customer.full_name}.",
            field=point.kind,
            customer_id=point.customer_id,
        )
    return ContactPointTaken(f"{what} already belongs to another customer.", field=point.kind)


def _profile_apply(customer: Customer, profile: Mapping[str, Any]) -> list[str]:
    """Check and set profile fields on ``customer``; the names of those that changed."""
    changed = []
    for name, raw in profile.items():
        if name not in PROFILE_FIELDS:
            raise InvalidProfile(f"{name!r} is not a profile field.", field=name)
        value = _PROFILE_RULES.get(name, _text)(name, raw)
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


@transaction.atomic
def customer_merge(
    *, actor: Staff, survivor_id: int, merged_id: int, take_from_merged: Iterable[str] = ()
) -> CustomerMerge:
    """Fold ``merged`` into ``survivor``: every linked row moves, per its app's merge rule.

    ``take_from_merged`` names the profile fields whose value should come from the
    merged record; every other field keeps the survivor's. The merged record is kept,
    marked, so ``customer_unmerge`` can restore both exactly.
    """
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    if survivor_id == merged_id:
        raise MergeRefused("A customer cannot be merged into themselves.", field="merged_id")
    survivor, merged = _lock_customers(survivor_id, merged_id)
    for customer in (survivor, merged):
        if customer.merged_into_id is not None:
            raise MergeRefused(
                f"{customer.full_name} (id {customer.pk}) was already merged into "
                f"customer {customer.merged_into_id}; use that record.",
                field="merged_id" if customer is merged else "survivor_id",
            )
    chosen = list(take_from_merged)
    unknown = sorted(set(chosen) - set(PROFILE_FIELDS))
    if unknown:
        raise InvalidProfile(f"{unknown[0]!r} is not a profile field.", field="take_from_merged")
    snapshot = {"survivor": _profile_snapshot(survivor), "merged": _profile_snapshot(merged)}
    for name in chosen:
        setattr(survivor, name, getattr(merged, name))
    survivor.save()
    snapshot["moved"] = {
        rule.key: rule.move(rule.rows_of(merged.pk), survivor.pk) for rule in merge_rules()
    }
    merged.merged_into = survivor
    merged.save(update_fields=["merged_into"])
    merge = CustomerMerge.objects.create(
        survivor=survivor, merged=merged, merged_by=actor, snapshot=snapshot
    )
    audit_record(
        actor=actor,
        action="customer.merged",
        subject=merge,
        customer_id=survivor.pk,
        detail={"merged_id": merged.pk, "fields_from_merged": chosen},
    )
    return merge


@transaction.atomic
def customer_unmerge(*, actor: Staff, merge_id: int) -> CustomerMerge:
    """Undo a merge: both profiles as they were, every moved row back where it came from."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    merge = CustomerMerge.objects.select_for_update().filter(pk=merge_id).first()
    if merge is None:
        raise CustomerNotFound(f"There is no merge with id {merge_id}.")
    if merge.undone_at is not None:
        raise MergeRefused("This merge has already been undone.")
    survivor, merged = _lock_customers(merge.survivor_id, merge.merged_id)
    if survivor.merged_into_id is not None:
        raise MergeRefused(
            f"{survivor.full_name} was since merged into customer {survivor.merged_into_id}; "
            "undo that merge first."
        )
    rules = {rule.key: rule for rule in merge_rules()}
    for key, moved in merge.snapshot["moved"].items():
        rule = rules[key]
        rule.restore(rule.rows_by_pk(moved), merged.pk)
    _profile_restore(survivor, merge.snapshot["survivor"])
    _profile_restore(merged, merge.snapshot["merged"])
    merged.merged_into = None
    merged.save()
    merge.undone_by, merge.undone_at = actor, timezone.now()
    merge.save(update_fields=["undone_by", "undone_at"])
    audit_record(
        actor=actor,
        action="customer.unmerged",
        subject=merge,
        customer_id=survivor.pk,
        detail={"merged_id": merged.pk},
    )
    return merge


def _lock_customers(*ids: int) -> tuple[Customer, ...]:
    # Lock in pk order: two people merging the same pair must not deadlock.
    locked = {
        c.pk: c for c in Customer.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    missing = [customer_id for customer_id in ids if customer_id not in locked]
    if missing:
        raise CustomerNotFound(f"There is no customer with id {missing[0]}.")
    return tuple(locked[customer_id] for customer_id in ids)


def _profile_fields() -> list[Any]:
    return [f for f in Customer._meta.concrete_fields if f.name in PROFILE_FIELDS]


def _profile_snapshot(customer: Customer) -> dict[str, Any]:
    values = {f.attname: getattr(customer, f.attname) for f in _profile_fields()}
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def _profile_restore(customer: Customer, snapshot: dict[str, Any]) -> None:
    for f in _profile_fields():
        setattr(customer, f.attname, f.to_python(snapshot[f.attname]))
    customer.save()
