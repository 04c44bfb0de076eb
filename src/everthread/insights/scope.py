"""What a dashboard, a CSV or an API call is measuring: a period and optional narrowing,
within the stores and teams the viewer may see."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q

from everthread.core.models import Role, Staff, Team


@dataclass(frozen=True)
class Reach:
    """The stores and teams whose figures a viewer may see; a row counts when it belongs to
    any of them (its store or its team, as each metric places its rows)."""

    store_ids: frozenset[int]
    team_ids: frozenset[int]

    @property
    def empty(self) -> bool:
        return not self.store_ids and not self.team_ids


def reach_of(viewer: Staff) -> Reach | None:
    """Whose figures ``viewer`` sees: ``None`` for the whole organisation.

    Coaches, and managers in a head-office team, look after everyone. Any other manager
    sees their own: their home store, the teams they belong to or manage, and those
    teams' stores (1 query)."""
    if viewer.role != Role.MANAGER:
        return None
    teams = list(
        Team.objects.filter(Q(members=viewer) | Q(manager=viewer))
        .distinct()
        .values_list("pk", "kind", "store_id")
    )
    if any(kind == Team.Kind.HEAD_OFFICE for _, kind, _ in teams):
        return None
    stores = {store for _, _, store in teams if store}
    if viewer.home_store_id:
        stores.add(viewer.home_store_id)
    return Reach(frozenset(stores), frozenset(team for team, _, _ in teams))


@dataclass(frozen=True)
class Scope:
    """From ``start`` (inclusive) to ``end`` (exclusive), optionally one store, team,
    channel (a timeline channel) or member of staff; ``reach`` keeps it to the viewer's
    stores and teams (``None``: everywhere)."""

    start: datetime.datetime
    end: datetime.datetime
    store_id: int | None = None
    team_id: int | None = None
    channel: str = ""
    staff_id: int | None = None
    reach: Reach | None = None

    def during(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def as_query(self) -> dict[str, str]:
        """The scope as the dashboard's query string, for links and CSV downloads (the
        reach is the viewer's, never part of a link)."""
        values = {
            "from": self.start.date().isoformat(),
            "to": (self.end - datetime.timedelta(days=1)).date().isoformat(),
            "store": self.store_id,
            "team": self.team_id,
            "channel": self.channel,
            "staff": self.staff_id,
        }
        return {key: str(value) for key, value in values.items() if value not in (None, "")}
