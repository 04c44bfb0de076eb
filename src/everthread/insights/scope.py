"""What a dashboard, a CSV or an API call is measuring: a period and optional narrowing."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Scope:
    """From ``start`` (inclusive) to ``end`` (exclusive), optionally one store, team,
    channel (a timeline channel) or member of staff."""

    start: datetime.datetime
    end: datetime.datetime
    store_id: int | None = None
    team_id: int | None = None
    channel: str = ""
    staff_id: int | None = None

    def during(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lt": self.end})

    def as_query(self) -> dict[str, str]:
        """The scope as the dashboard's query string, for links and CSV downloads."""
        values = {
            "from": self.start.date().isoformat(),
            "to": (self.end - datetime.timedelta(days=1)).date().isoformat(),
            "store": self.store_id,
            "team": self.team_id,
            "channel": self.channel,
            "staff": self.staff_id,
        }
        return {key: str(value) for key, value in values.items() if value not in (None, "")}
