"""Writes to the consent ledger. Every change carries its evidence; nothing is ever edited."""

from __future__ import annotations

import datetime
import ipaddress
import re
from dataclasses import dataclass

from django.db import models, transaction
from django.utils import timezone

from everthread.consent.errors import EvidenceMissing, InvalidConsent, ObjectionStands
from everthread.consent.ledger import Standing, State, standing_derive
from everthread.consent.models import (
    MARKETING_PURPOSES,
    WEB_SOURCES,
    ConsentChannel,
    ConsentEvent,
    Purpose,
    Source,
    consent_channel_of,
)
from everthread.core.models import Capability, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import (
    Audited,
    audit_record,
    audit_record_many,
    capability_require,
)
from everthread.customers.models import Customer

Kind = ConsentEvent.Kind
_CLOCK_SKEW = datetime.timedelta(minutes=5)


@dataclass(frozen=True)
class Evidence:
    """How we know: where it came from, the words shown or said, when, and from which address."""

    source: str
    wording: str
    occurred_at: datetime.datetime | None = None
    ip_address: str | None = None


@transaction.atomic
def consent_record(
    *,
    customer: Customer,
    channel: str,
    purpose: str,
    kind: str,
    evidence: Evidence,
    actor: Staff | None,
) -> ConsentEvent:
    """Record a grant, a withdrawal or a soft opt-in for one channel and purpose."""
    if channel not in ConsentChannel.values:
        raise InvalidConsent(f"“{channel}” is not a channel consent is kept for.", field="channel")
    if purpose not in Purpose.values:
        raise InvalidConsent(f"“{purpose}” is not a purpose consent is kept for.", field="purpose")
    if kind not in (Kind.GRANTED, Kind.WITHDRAWN, Kind.SOFT_OPT_IN):
        raise InvalidConsent("Consent is granted, withdrawn or a soft opt-in.", field="kind")
    if kind == Kind.SOFT_OPT_IN and (channel, purpose) != (
        ConsentChannel.EMAIL,
        Purpose.MARKETING,
    ):
        raise InvalidConsent(
            "The soft opt-in covers email marketing to existing customers only.", field="kind"
        )
    if kind != Kind.WITHDRAWN and purpose in MARKETING_PURPOSES:
        objection = _standing(customer).objection
        if objection is not None:
            raise ObjectionStands(
                f"{customer.greeting_name} objected to direct marketing on "
                f"{_day(objection.occurred_at)}: record that they asked to hear from us again "
                "before recording marketing consent.",
                field="kind",
            )
    return _event(customer, kind, evidence, actor, channel=channel, purpose=purpose)


@transaction.atomic
def consent_object(*, customer: Customer, evidence: Evidence, actor: Staff | None) -> ConsentEvent:
    """An objection to direct marketing, by any means: all marketing on all channels stops."""
    return _event(customer, Kind.OBJECTED, evidence, actor)


@transaction.atomic
def consent_objection_lift(
    *, customer: Customer, evidence: Evidence, actor: Staff | None
) -> ConsentEvent:
    """The customer asked to hear from us again; each channel still needs its own consent."""
    if _standing(customer).objection is None:
        raise InvalidConsent(f"{customer.greeting_name} has no objection on record.")
    return _event(customer, Kind.OBJECTION_LIFTED, evidence, actor)


@transaction.atomic
def consent_do_not_contact(
    *, customer: Customer, evidence: Evidence, actor: Staff | None, on: bool = True
) -> ConsentEvent:
    """Mark (or unmark) the customer "do not contact": no message of any kind goes to them."""
    return _event(customer, Kind.DO_NOT_CONTACT if on else Kind.CONTACT_ALLOWED, evidence, actor)


@transaction.atomic
def consent_flag_check(*, customer: Customer, actor: Staff, note: str) -> ConsentEvent:
    """Staff looked at the possible objections flagged and decided they need nothing more."""
    if not _standing(customer).flags:
        raise InvalidConsent(f"Nothing is flagged for {customer.greeting_name}.")
    evidence = Evidence(source=Source.STAFF_IN_PERSON, wording=note)
    return _event(customer, Kind.CHECKED, evidence, actor)


def _standing(customer: Customer) -> Standing:
    return standing_derive(ConsentEvent.objects.filter(customer=customer))


def _event(
    customer: Customer,
    kind: str,
    evidence: Evidence,
    actor: Staff | None,
    *,
    channel: str = "",
    purpose: str = "",
) -> ConsentEvent:
    if actor is not None:
        capability_require(staff=actor, capability=Capability.RECORD_CONSENT)
    consent_evidence_check(evidence)
    event = ConsentEvent.objects.create(
        customer=customer,
        kind=kind,
        channel=channel,
        purpose=purpose,
        source=evidence.source,
        wording=evidence.wording.strip(),
        recorded_by=actor,
        occurred_at=evidence.occurred_at or timezone.now(),
        ip_address=evidence.ip_address or None,
    )
    audit_record(
        actor=actor,
        action=f"consent.{kind}",
        subject=event,
        customer_id=customer.pk,
        detail={"channel": channel, "purpose": purpose, "source": evidence.source},
    )
    return event


def consent_evidence_check(evidence: Evidence) -> None:
    """Refuse evidence that would not prove anything, naming what is missing."""
    if evidence.source not in Source.values:
        raise EvidenceMissing(
            "Say where this came from (web form, in store, reply keyword, import, API, "
            "on the phone or in person).",
            field="source",
        )
    if not evidence.wording.strip():
        raise EvidenceMissing(
            "Record the words the customer saw or said: a change without them is not evidence.",
            field="wording",
        )
    if evidence.source in WEB_SOURCES and not evidence.ip_address:
        raise EvidenceMissing(
            "A change made over the web needs the address it came from.", field="ip_address"
        )
    if evidence.ip_address:
        try:
            ipaddress.ip_address(evidence.ip_address)
        except ValueError:
            raise EvidenceMissing(
                f"“{evidence.ip_address}” is not an IP address.", field="ip_address"
            ) from None
    if evidence.occurred_at is not None and evidence.occurred_at > timezone.now() + _CLOCK_SKEW:
        raise InvalidConsent("Consent cannot be given in the future.", field="occurred_at")


def _day(moment: datetime.datetime) -> str:
    return f"{timezone.localtime(moment):%-d %B %Y}"


# --- Consent from a customer import ----------------------------------------------------

# What makes two events the same evidence: importing a file again must add none.
ImportKey = tuple[int, str, str, str, str, datetime.datetime]


@dataclass(frozen=True)
class ImportedConsent:
    """A row's marketing choices, channel by channel, and the evidence for all of them."""

    choices: tuple[tuple[str, str], ...]  # (channel, kind)
    evidence: Evidence


def consent_import_key(event: ConsentEvent) -> ImportKey:
    return (
        event.customer_id,
        event.channel,
        event.purpose,
        event.kind,
        event.source,
        event.occurred_at,
    )


def consent_import_record(
    *,
    rows: list[tuple[int, ImportedConsent]],
    known: set[ImportKey],
    actor: Staff,
    import_id: int,
) -> list[ConsentEvent]:
    """Record an import's rows' choices in bulk, in the caller's transaction, but none
    already recorded with the same evidence (``known``, which this adds to)."""
    capability_require(staff=actor, capability=Capability.RECORD_CONSENT)
    events = []
    for customer_id, imported in rows:
        evidence = imported.evidence
        for channel, kind in imported.choices:
            event = ConsentEvent(
                customer_id=customer_id,
                kind=kind,
                channel=channel,
                purpose=Purpose.MARKETING,
                source=evidence.source,
                wording=evidence.wording.strip(),
                recorded_by=actor,
                occurred_at=evidence.occurred_at or timezone.now(),
                ip_address=evidence.ip_address or None,
                from_import=import_id,
            )
            if consent_import_key(event) not in known:
                known.add(consent_import_key(event))
                events.append(event)
    ConsentEvent.objects.bulk_create(events)
    audit_record_many(
        actor=actor,
        entries=(
            Audited(
                f"consent.{event.kind}",
                event,
                event.customer_id,
                {
                    "channel": event.channel,
                    "purpose": event.purpose,
                    "source": event.source,
                    "import_id": import_id,
                },
            )
            for event in events
        ),
    )
    return events


# --- Opt-out keywords in every channel -------------------------------------------------

STOP_WORDS = frozenset({"STOP", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT"})
STOP_ALL = "STOPALL"
START_WORDS = frozenset({"START", "UNSTOP"})
HELP_WORDS = frozenset({"HELP"})
# An opt-out in other words: a person decides whether it is an objection.
_OPT_OUT_WORDS = re.compile(
    r"\b(stop|unsubscribe|no more|don'?t|do not|quit|remove me|leave me alone|opt me out)\b"
    r".*\b(text|texting|messag\w*|email\w*|contact\w*|call\w*|send\w*|marketing|spam)\b"
    r"|\b(take me off|remove me from)\b",
    re.IGNORECASE,
)


def consent_keyword_apply(
    *, customer: Customer, channel: str, text: str, at: datetime.datetime | None = None
) -> str | None:
    """An inbound message in ``channel`` (a consent channel, or the conversation channel it
    came in: "instagram" is a social direct message): apply a STOP/START/HELP keyword at once.

    Returns the one confirmation to send back, or None. STOP and its synonyms withdraw
    every purpose on that channel, STOPALL on every channel; START restores service
    messages and whatever the last STOP took away. Other words that read like an opt-out
    are flagged for staff as a likely objection (no automatic reply).
    """
    channel = consent_channel_of(channel)
    if channel not in ConsentChannel.values:
        raise InvalidConsent(f"“{channel}” is not a channel consent is kept for.", field="channel")
    word = re.sub(r"[^A-Z]", "", text.strip().upper()) if len(text.split()) == 1 else ""
    at = at or timezone.now()  # one moment for every cell a keyword changes
    evidence = Evidence(source=Source.REPLY_KEYWORD, wording=text.strip(), occurred_at=at)
    brand, label = organisation_get().name, ConsentChannel(channel).label
    with transaction.atomic():
        if word in STOP_WORDS or word == STOP_ALL:
            channels = ConsentChannel.values if word == STOP_ALL else [channel]
            _withdraw(customer, channels, evidence)
            where = "any channel" if word == STOP_ALL else label
            return (
                f"{brand}: you will get no more messages from us by {where}. Reply START to undo."
            )
        if word in START_WORDS:
            _restore(customer, channel, evidence)
            return f"{brand}: you will get {label} messages from us again. Reply STOP to stop."
        if word in HELP_WORDS:
            return (
                f"{brand}: reply STOP to stop {label} messages, STOPALL to stop every channel, "
                "START to receive them again."
            )
        if _OPT_OUT_WORDS.search(text):
            evidence = Evidence(Source.INBOUND_MESSAGE, text.strip(), at)
            _event(customer, Kind.LIKELY_OBJECTION, evidence, None, channel=channel)
    return None


def _withdraw(customer: Customer, channels: list[str], evidence: Evidence) -> None:
    standing = _standing(customer)
    for channel in channels:
        for purpose in Purpose.values:
            if standing.state(channel, purpose).state != State.WITHDRAWN:
                _event(customer, Kind.WITHDRAWN, evidence, None, channel=channel, purpose=purpose)


def _restore(customer: Customer, channel: str, evidence: Evidence) -> None:
    """Service messages again, and each purpose the last keyword withdrew if it was granted."""
    history = list(ConsentEvent.objects.filter(customer=customer).order_by("occurred_at", "id"))
    stops = [
        event
        for event in history
        if event.channel == channel
        and event.kind == Kind.WITHDRAWN
        and event.source == Source.REPLY_KEYWORD
    ]
    last_stop = stops[-1].occurred_at if stops else None
    before = standing_derive(e for e in history if last_stop and e.occurred_at < last_stop)
    now = standing_derive(history)
    for purpose in Purpose.values:
        was_granted = before.state(channel, purpose).granted
        wanted = purpose == Purpose.SERVICE or (was_granted and now.objection is None)
        if wanted and not now.state(channel, purpose).granted:
            _event(customer, Kind.GRANTED, evidence, None, channel=channel, purpose=purpose)


# --- Merges: the most restrictive choice wins -------------------------------------------


def consent_merge_move(rows: models.QuerySet, to_customer_id: int) -> list[int]:
    """Move the merged record's history to the survivor and keep the more restrictive choice.

    Interleaving two histories could let a later grant on one record outvote a
    withdrawal on the other; where either record had withdrawn, objected or asked not
    to be contacted, an event from the merge says so again on the survivor. Those events
    stay with the survivor if the merge is undone: a refusal once known is not forgotten.
    """
    moved = list(rows.order_by("pk").values_list("pk", flat=True))
    merged_events = list(ConsentEvent.objects.filter(pk__in=moved))
    survivor_events = list(ConsentEvent.objects.filter(customer_id=to_customer_id))
    merged, survivor = standing_derive(merged_events), standing_derive(survivor_events)
    ConsentEvent.objects.filter(pk__in=moved).update(customer_id=to_customer_id)
    combined = standing_derive(merged_events + survivor_events)
    customer = Customer.objects.get(pk=to_customer_id)
    evidence = Evidence(
        source=Source.MERGE,
        wording="Two records of this customer were merged; the more restrictive choice is kept.",
    )
    if (merged.objection or survivor.objection) and combined.objection is None:
        _event(customer, Kind.OBJECTED, evidence, None)
    if (merged.do_not_contact or survivor.do_not_contact) and combined.do_not_contact is None:
        _event(customer, Kind.DO_NOT_CONTACT, evidence, None)
    for key, state in combined.cells.items():
        refused = merged.state(*key).withdrawn or survivor.state(*key).withdrawn
        if refused and not state.withdrawn:
            _event(customer, Kind.WITHDRAWN, evidence, None, channel=key[0], purpose=key[1])
    return moved
