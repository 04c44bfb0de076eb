"""Every table the dashboard shows, as plain rows: the page renders them and the CSV export
writes the same rows, so a number on screen is the number in the file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from everthread.conversations.models import Interaction
from everthread.insights.repeats.detect import Repeat
from everthread.insights.repeats.views import Shown
from everthread.insights.selectors import Dashboard

NO_DATA = "no data"


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    headers: tuple[str, ...]
    rows: list[tuple[str, ...]]


def _shown(value: object) -> str:
    if value is None:
        return NO_DATA
    return f"{value:g}" if isinstance(value, float) else str(value)


def _score(percent: float | None) -> float | None:
    return None if percent is None else round(percent, 1)


def dashboard_tables(dashboard: Dashboard) -> dict[str, Table]:
    tables = [
        Table(
            "metrics",
            "Continuity metrics",
            ("Metric", "Value", "Unit", "Numerator", "Denominator", "Definition"),
            [
                (m.label, _shown(m.value), m.unit, _shown(m.numerator), str(m.denominator),
                 m.definition)
                for m in dashboard.metrics
            ],
        ),
        Table(
            "response",
            "Response time by channel",
            ("Channel", "Messages answered", "Mean hours to answer"),
            [(str(r["label"]), _shown(r["answered"]), _shown(r["hours"]))
             for r in dashboard.response_by_channel],
        ),
        Table(
            "tone",
            "Tone check by channel",
            ("Channel", "Messages sent", "Passed without a warning", "Share (%)"),
            [(str(r["label"]), _shown(r["sent"]), _shown(r["on_tone"]), _shown(r["share"]))
             for r in dashboard.tone_by_channel],
        ),
        Table(
            "months",
            "Follow-ups by month due",
            ("Month", "Due", "Done", "Done on time", "Completed (%)"),
            [(str(r["label"]), _shown(r["due"]), _shown(r["done"]), _shown(r["on_time"]),
              _shown(r["completed"])) for r in dashboard.followups_by_month],
        ),
        Table(
            "flows",
            "Journey map: moves between channels",
            ("From", "To", "Moves", "Mean hours between"),
            [(str(r["from_label"]), str(r["to_label"]), _shown(r["moves"]), _shown(r["hours"]))
             for r in dashboard.journey_map.flows],
        ),
        Table(
            "breaks",
            "Journey map: where continuity broke",
            ("Channel", "Missed follow-ups", "Escalated follow-ups", "Repeats"),
            [(str(r["label"]), _shown(r["missed"]), _shown(r["escalated"]), _shown(r["repeats"]))
             for r in dashboard.journey_map.breaks],
        ),
        Table(
            "behaviours",
            "Behaviours: observations and mystery shopping (0–100)",
            ("Behaviour", "Scores observed", "Observed", "Mystery-shop answers", "Mystery shop",
             "Together"),
            [(b.label, str(b.observation_scores), _shown(_score(b.observation_percent)),
              str(b.mystery_answers), _shown(_score(b.mystery_percent)), _shown(_score(b.percent)))
             for b in dashboard.behaviours if b.count],
        ),
    ]  # fmt: skip
    return {table.slug: table for table in tables}


CONTACT_HEADERS = (
    "When",
    "Channel",
    "Direction",
    "Customer",
    "Staff",
    "Store",
    "Journey",
    "Summary",
)


def contact_rows(contacts: Iterable[Interaction]) -> Iterator[tuple[str, ...]]:
    for contact in contacts:
        yield (
            timezone.localtime(contact.occurred_at).isoformat(),
            contact.get_channel_display(),
            contact.get_direction_display(),
            contact.customer.full_name,
            str(contact.staff or ""),
            str(contact.store or ""),
            str(contact.journey or ""),
            contact.summary,
        )


REPEAT_HEADERS = (
    "Told again",
    "Channel",
    "Staff",
    "What the customer said",
    "Already known",
    "Where it was known",
    "What we knew",
    "Why it counts",
)


def repeat_rows(shown: Iterable[tuple[Repeat, Shown, Shown]]) -> Iterator[tuple[str, ...]]:
    for repeat, earlier, later in shown:
        yield (
            timezone.localtime(repeat.later.occurred_at).isoformat(),
            later.where,
            later.who,
            repeat.later.text,
            timezone.localtime(repeat.earlier.occurred_at).isoformat(),
            earlier.where,
            repeat.earlier.text,
            repeat.reason,
        )
