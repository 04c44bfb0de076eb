"""A practice persona: the fictional customer of a scenario, as plain values.

It has no customer row. Its stated consent is turned into a consent standing in memory
(events never saved) so that the gate's own rules (``outreach_rules``) and the tone check
judge a practice message exactly as they would a real one.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from zoneinfo import available_timezones

from everthread.consent.ledger import Standing, standing_derive
from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.core.errors import DomainError
from everthread.core.models import Channel
from everthread.core.selectors import organisation_get
from everthread.message_templates.selectors import tone_check
from everthread.message_templates.tone import Contact, Hint
from everthread.outreach.selectors import outreach_rules

if TYPE_CHECKING:
    from everthread.coaching.models import PracticeAttempt, PracticeScenario

# Where the customer is in the conversation right now: a reply there is an answer, not
# outreach, so (as in the real chat panel) the tone check reads it and the gate does not.
LIVE_CHANNELS = frozenset({Channel.CHAT})
# What a persona may have said about each channel and purpose.
CONSENT_STATES = {
    "granted": (ConsentEvent.Kind.GRANTED, Source.STAFF_IN_PERSON, ""),
    "soft_opt_in": (ConsentEvent.Kind.SOFT_OPT_IN, Source.PURCHASE, ""),
    "withdrawn": (ConsentEvent.Kind.WITHDRAWN, Source.STAFF_PHONE, ""),
    "stop": (ConsentEvent.Kind.WITHDRAWN, Source.REPLY_KEYWORD, "STOP"),
}
# The persona stated their consent this long before an attempt starts.
STATED_BEFORE = datetime.timedelta(days=30)
_ADDRESS_OF: dict[str, str] = {
    ConsentChannel.EMAIL: "email",
    ConsentChannel.SMS: "phone",
    ConsentChannel.WHATSAPP: "phone",
    ConsentChannel.PHONE_CALL: "phone",
    ConsentChannel.SOCIAL_DM: "social",
}


@dataclass(frozen=True)
class Persona:
    given_name: str
    family_name: str = ""
    email: str = ""
    phone: str = ""
    social: str = ""
    preferred_channel: str = ""
    language: str = ""
    time_zone: str = ""
    preferences: str = ""  # sizes, fits, colours, budget, occasions, needs
    notes: str = ""
    # "email:marketing" -> one of CONSENT_STATES
    consents: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, values: Mapping[str, Any]) -> Persona:
        names = cls.__dataclass_fields__
        return cls(**{key: value for key, value in values.items() if key in names})

    @classmethod
    def of(cls, scenario: PracticeScenario) -> Persona:
        return cls.from_dict(scenario.persona)

    def as_dict(self) -> dict[str, Any]:
        return {
            name: getattr(self, name) if name != "consents" else dict(self.consents)
            for name in self.__dataclass_fields__
        }

    @property
    def greeting(self) -> str:
        return self.given_name or "the customer"

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)

    def check(self, *, refuse: type[DomainError]) -> None:
        if not self.given_name.strip():
            raise refuse("Give the persona a name.", field="persona.given_name")
        if self.time_zone and self.time_zone not in available_timezones():
            raise refuse(f"{self.time_zone!r} is not a time zone.", field="persona.time_zone")
        for key, state in self.consents.items():
            channel, _, purpose = key.partition(":")
            if channel not in ConsentChannel.values or purpose not in Purpose.values:
                raise refuse(
                    f"{key!r} is not a channel and purpose (like “email:marketing”).",
                    field="persona.consents",
                )
            if state not in CONSENT_STATES:
                raise refuse(
                    f"{key}: {state!r} is not one of {', '.join(CONSENT_STATES)}.",
                    field="persona.consents",
                )

    def consent_lines(self) -> list[tuple[str, str, str]]:
        """(channel, purpose, state) as the persona card shows them."""
        rows = []
        for key, state in self.consents.items():
            channel, _, purpose = key.partition(":")
            rows.append(
                (
                    ConsentChannel(channel).label,
                    Purpose(purpose).label,
                    "Replied STOP" if state == "stop" else state.replace("_", " ").capitalize(),
                )
            )
        return rows

    def standing(self, *, at: datetime.datetime) -> Standing:
        """The consent standing the stated consent gives, from events held in memory only."""
        events = []
        for key, state in self.consents.items():
            channel, _, purpose = key.partition(":")
            kind, source, wording = CONSENT_STATES[state]
            events.append(
                ConsentEvent(
                    kind=kind,
                    channel=channel,
                    purpose=purpose,
                    source=source,
                    wording=wording,
                    occurred_at=at - STATED_BEFORE,
                )
            )
        return standing_derive(events)


def persona_gate(
    persona: Persona, *, channel: str, purpose: str, at: datetime.datetime
) -> tuple[str, list[str]]:
    """The gate's outcome and reasons for this message to the persona."""
    return outreach_rules(
        name=persona.greeting,
        standing=persona.standing(at=at),
        channel=channel,
        purpose=purpose,
        has_address=bool(getattr(persona, _ADDRESS_OF.get(channel, ""), "")),
        time_zone=persona.time_zone,
        at=at,
    )


def persona_tone_hints(
    *, attempt: PracticeAttempt, channel: str, body: str, at: datetime.datetime
) -> list[Hint]:
    """The tone check against the brand voice and the attempt's own history."""
    history = [
        Contact(entry.channel, entry.detail.get("direction", ""), entry.occurred_at, entry.title)
        for entry in attempt.entries.filter(kind="interaction").order_by("-occurred_at", "-pk")[:20]
        if entry.detail.get("gate") != "refused"
    ]
    return tone_check(
        text=body,
        channel=channel,
        organisation=organisation_get(),
        customer_id=None,
        at=at,
        history=history,
    )
