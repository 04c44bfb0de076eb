"""What happens to each app's rows when two customers become one.

Every model with a foreign key to Customer registers a rule here from its
app's ``ready()``; a system check refuses to start while any link has none, so
a new model can never be silently left behind on the merged record. Rules
return the primary keys they moved, which the merge keeps so unmerge can move
exactly those rows back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.core import checks
from django.db import models

Move = Callable[[models.QuerySet, int], list[int]]
Restore = Callable[[models.QuerySet, int], None]


def reassign(rows: models.QuerySet, to_customer_id: int, *, field: str) -> list[int]:
    """The usual rule: the rows now belong to the surviving customer."""
    moved = list(rows.order_by("pk").values_list("pk", flat=True))
    rows.model._default_manager.filter(pk__in=moved).update(**{f"{field}_id": to_customer_id})
    return moved


def reassign_back(rows: models.QuerySet, to_customer_id: int, *, field: str) -> None:
    rows.update(**{f"{field}_id": to_customer_id})


def keep(rows: models.QuerySet, to_customer_id: int) -> list[int]:
    """For history that must keep naming the record it was about (e.g. merges themselves)."""
    return []


@dataclass(frozen=True)
class MergeRule:
    model: type[models.Model]
    field: str
    move: Move
    restore: Restore

    @property
    def key(self) -> str:
        return f"{self.model._meta.label}.{self.field}"

    def rows_of(self, customer_id: int) -> models.QuerySet:
        return self.model._default_manager.filter(**{f"{self.field}_id": customer_id})

    def rows_by_pk(self, pks: list[int]) -> models.QuerySet:
        return self.model._default_manager.filter(pk__in=pks)


_RULES: dict[str, MergeRule] = {}


def merge_rule_register(
    model: type[models.Model],
    field: str,
    *,
    move: Move | None = None,
    restore: Restore | None = None,
) -> None:
    """Say what a merge does with ``model``'s rows whose ``field`` names the merged customer.

    By default they move to the survivor and move back on unmerge.
    """
    rule = MergeRule(
        model=model,
        field=field,
        move=move or (lambda rows, to_id: reassign(rows, to_id, field=field)),
        restore=restore or (lambda rows, to_id: reassign_back(rows, to_id, field=field)),
    )
    _RULES[rule.key] = rule


def merge_rules() -> list[MergeRule]:
    return [_RULES[key] for key in sorted(_RULES)]


def customer_links() -> list[tuple[type[models.Model], str]]:
    """Every (model, field) in the project that points at a customer."""
    customer = apps.get_model("customers", "Customer")
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.ForeignKey | models.OneToOneField)
        and field.related_model is customer
    ]


@checks.register(checks.Tags.models)
def links_without_merge_rule(**_: object) -> list[checks.CheckMessage]:
    return [
        checks.Error(
            f"{model._meta.label}.{field} links to a customer but has no merge rule.",
            hint="Call merge_rule_register() for it in its app's ready().",
            obj=model,
            id="everthread.E001",
        )
        for model, field in customer_links()
        if f"{model._meta.label}.{field}" not in _RULES
    ]
