"""Where each app says what personal data it holds about a customer, and what to do with it.

Every model holding a customer's personal data registers here from its app's
``ready()``: which of its fields a subject access export hands over, how an
erasure anonymises or removes its rows (keeping what is not personal, such as
channel, direction, times and counts), and how long its rows are kept. A
system check refuses to start while a model linked to a customer has no
registration, so a new model can never be left out of an export or an erasure.

This module imports nothing from the apps, so the lowest of them can register.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django.apps import apps
from django.core import checks
from django.db import models
from django.db.models import Q

# What staff and exports see in place of an erased required text.
ERASED = "[erased]"

Erase = Callable[[models.QuerySet], int]


@dataclass(frozen=True)
class Anonymise:
    """Erase by overwriting the personal fields in place; every other field is kept."""

    replacements: Mapping[str, Any]

    def __call__(self, rows: models.QuerySet) -> int:
        return rows.update(**self.replacements)

    def pending(self, rows: models.QuerySet) -> models.QuerySet:
        """The rows not yet anonymised (their plain fields do not all hold the replacements)."""
        plain = {
            name: value
            for name, value in self.replacements.items()
            if not isinstance(value, dict | list)
        }
        return rows.exclude(**plain) if plain else rows


def anonymise(**replacements: Any) -> Anonymise:
    return Anonymise(replacements)


def delete(rows: models.QuerySet) -> int:
    """Erase by removing the rows: nothing in them is worth keeping without the person."""
    count, _ = rows.delete()
    return count


def json_scrub(field_name: str, *, keep: Iterable[str]) -> Callable[[models.QuerySet], int]:
    """A scrub that replaces every text in a JSON field by ERASED, except under ``keep`` keys.

    Numbers, booleans and the keys themselves stay: they say what happened, not to whom.
    """
    kept = frozenset(keep)

    def scrubbed(value: Any, *, key: str = "") -> Any:
        if key in kept:
            return value
        if isinstance(value, dict):
            return {name: scrubbed(inner, key=name) for name, inner in value.items()}
        if isinstance(value, list):
            return [scrubbed(inner) for inner in value]
        return ERASED if isinstance(value, str) and value else value

    def scrub(rows: models.QuerySet) -> int:
        changed = 0
        for pk, value in rows.order_by("pk").values_list("pk", field_name):
            clean = scrubbed(value)
            if clean != value:
                rows.model._default_manager.filter(pk=pk).update(**{field_name: clean})
                changed += 1
        return changed

    return scrub


@dataclass(frozen=True)
class Retention:
    """Rows whose ``after`` date is more than ``days`` old are deleted or anonymised."""

    days: int
    after: str
    action: Literal["delete", "anonymise"]

    def cutoff(self, now: datetime.datetime) -> datetime.datetime:
        return now - datetime.timedelta(days=self.days)


@dataclass(frozen=True)
class PersonalData:
    model: type[models.Model]
    # Lookups from a row to the customer's id ("customer", "followup__customer", "pk");
    # empty for rows held about people not yet linked to a customer (an import's rejects).
    customer: tuple[str, ...]
    export: tuple[str, ...]
    erase: Erase | None
    retention: Retention | None = None
    # Why the rows are kept as they are on erasure, when ``erase`` is None.
    kept_because: str = ""
    # Runs after ``erase`` for what a plain update cannot do (a JSON field's personal keys).
    scrub: Callable[[models.QuerySet], int] | None = field(default=None)

    @property
    def label(self) -> str:
        return self.model._meta.label

    def rows_of(self, customer_ids: Iterable[int]) -> models.QuerySet:
        ids = list(customer_ids)
        manager = self.model._default_manager
        if not self.customer:
            return manager.none()
        linked = Q()
        for path in self.customer:
            linked |= Q(**{f"{path}__in": ids})
        # Each path is a forward key, so the OR never repeats a row (and delete() allows it).
        return manager.filter(linked)

    def expired(self, now: datetime.datetime, retention: Retention) -> models.QuerySet:
        """Rows past ``retention`` (this kind's, with the privacy officer's period) that
        its action has not dealt with yet."""
        rows = self.model._default_manager.filter(
            **{f"{retention.after}__lt": retention.cutoff(now)}
        )
        if retention.action == "anonymise" and isinstance(self.erase, Anonymise):
            rows = self.erase.pending(rows)
        return rows


_REGISTRY: dict[str, PersonalData] = {}


def personal_data_register(
    model: type[models.Model],
    *,
    customer: str | tuple[str, ...],
    export: Iterable[str],
    erase: Erase | None,
    retention: Retention | None = None,
    kept_because: str = "",
    scrub: Callable[[models.QuerySet], int] | None = None,
) -> None:
    """Say what ``model`` holds about a customer and what export, erasure and retention do.

    ``erase`` is ``anonymise(field=replacement, ...)``, ``delete``, or None for
    records kept whole (then say why in ``kept_because``). A retention with
    action "anonymise" needs an ``anonymise(...)`` erase.
    """
    if erase is None and not kept_because:
        raise ValueError(f"{model._meta.label}: say why its rows are kept on erasure.")
    if retention is not None and retention.action == "anonymise" and erase is None:
        raise ValueError(f"{model._meta.label}: a retention that anonymises needs an erase.")
    paths = (customer,) if isinstance(customer, str) else tuple(customer)
    entry = PersonalData(
        model=model,
        customer=paths,
        export=tuple(export),
        erase=erase,
        retention=retention,
        kept_because=kept_because,
        scrub=scrub,
    )
    _REGISTRY[entry.label] = entry


def personal_data() -> list[PersonalData]:
    """Every registration, in label order."""
    return [_REGISTRY[label] for label in sorted(_REGISTRY)]


def models_holding_a_customer() -> list[type[models.Model]]:
    """Every model that links to a customer by a key, or holds a customer's id as a number."""
    customer = apps.get_model("customers", "Customer")
    found = []
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            linked = (
                isinstance(model_field, models.ForeignKey | models.OneToOneField)
                and model_field.related_model is customer
            )
            plain_id = (
                getattr(model_field, "attname", None) == "customer_id"
                and not model_field.is_relation
            )
            if linked or plain_id or model is customer:
                found.append(model)
                break
    return found


@checks.register(checks.Tags.models)
def models_without_personal_data_registration(**_: object) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{model._meta.label} holds data about a customer but says nothing about "
            "subject access, erasure or retention.",
            hint="Call personal_data_register() for it in its app's ready().",
            obj=model,
            id="everthread.E002",
        )
        for model in models_holding_a_customer()
        if model._meta.label not in _REGISTRY
    ]
