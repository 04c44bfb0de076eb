"""Deriving the current state of a customer's consent from its history: pure, no database.

Rules, in the order events happened:

- a grant or a withdrawal for one channel and purpose sets that cell;
- a soft opt-in (email marketing to an existing customer) counts only where the
  customer has not answered yet: withdrawn always wins, and explicit consent stays;
- an objection to direct marketing withdraws marketing and recommendations on every
  channel, and while it stands no grant counts; lifting it restores nothing by itself;
- "do not contact" stops everything until it is lifted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import models

from everthread.consent.models import (
    MARKETING_PURPOSES,
    ConsentChannel,
    ConsentEvent,
    Purpose,
)


class State(models.TextChoices):
    GRANTED = "granted", "Granted"
    WITHDRAWN = "withdrawn", "Withdrawn"
    NEVER_ASKED = "never_asked", "Never asked"


class Basis(models.TextChoices):
    NONE = "", "—"
    CONSENT = "consent", "Consent"
    SOFT_OPT_IN = "soft_opt_in", "Soft opt-in"
    OBJECTION = "objection", "Objection"


@dataclass(frozen=True)
class ConsentState:
    """One channel and purpose: the state, on what basis, and the event it comes from."""

    channel: str
    purpose: str
    state: str = State.NEVER_ASKED
    basis: str = Basis.NONE
    event: ConsentEvent | None = None

    @property
    def granted(self) -> bool:
        return self.state == State.GRANTED

    @property
    def withdrawn(self) -> bool:
        return self.state == State.WITHDRAWN

    @property
    def label(self) -> str:
        if self.basis == Basis.SOFT_OPT_IN:
            return "Soft opt-in"
        if self.basis == Basis.OBJECTION:
            return "Objected"
        return State(self.state).label


@dataclass
class Standing:
    """Everything about one customer's consent now."""

    cells: dict[tuple[str, str], ConsentState] = field(default_factory=dict)
    objection: ConsentEvent | None = None
    do_not_contact: ConsentEvent | None = None
    flags: list[ConsentEvent] = field(default_factory=list)

    def state(self, channel: str, purpose: str) -> ConsentState:
        return self.cells.get((channel, purpose)) or ConsentState(channel, purpose)

    def rows(self) -> list[tuple[str, list[ConsentState]]]:
        """Every channel with its state for every purpose, in the order the page shows them."""
        return [
            (label, [self.state(channel, purpose) for purpose in Purpose.values])
            for channel, label in ConsentChannel.choices
        ]


def standing_derive(events: Iterable[ConsentEvent]) -> Standing:
    standing = Standing()
    for event in sorted(events, key=lambda event: (event.occurred_at, event.pk or 0)):
        _apply(standing, event)
    return standing


def _apply(standing: Standing, event: ConsentEvent) -> None:
    Kind, key = ConsentEvent.Kind, (event.channel, event.purpose)
    blocked = standing.objection is not None and event.purpose in MARKETING_PURPOSES
    if event.kind == Kind.GRANTED and not blocked:
        standing.cells[key] = ConsentState(*key, State.GRANTED, Basis.CONSENT, event)
    elif event.kind == Kind.WITHDRAWN:
        standing.cells[key] = ConsentState(*key, State.WITHDRAWN, Basis.CONSENT, event)
    elif event.kind == Kind.SOFT_OPT_IN and not blocked:
        if standing.state(*key).state == State.NEVER_ASKED:
            standing.cells[key] = ConsentState(*key, State.GRANTED, Basis.SOFT_OPT_IN, event)
    elif event.kind == Kind.OBJECTED:
        standing.objection, standing.flags = event, []
        for channel in ConsentChannel.values:
            for purpose in MARKETING_PURPOSES:
                standing.cells[channel, purpose] = ConsentState(
                    channel, purpose, State.WITHDRAWN, Basis.OBJECTION, event
                )
    elif event.kind == Kind.OBJECTION_LIFTED:
        standing.objection = None
    elif event.kind == Kind.DO_NOT_CONTACT:
        standing.do_not_contact = event
    elif event.kind == Kind.CONTACT_ALLOWED:
        standing.do_not_contact = None
    elif event.kind == Kind.LIKELY_OBJECTION:
        standing.flags.append(event)
    elif event.kind == Kind.CHECKED:
        standing.flags = []
