"""Generated records around the contacts: messages, handover notes and consent.

- Messages: an answer we sent by email, SMS, WhatsApp or Instagram went through the
  outreach gate (its decision) and the outbox (the message, with the delivery status the
  provider last reported); a customer's message on a channel a provider delivers came in
  as a webhook event the worker recorded on the timeline. Only where the customer has
  the address the channel needs.
- Notes: some journeys carry a colleague's handover note on one of its contacts, its
  quality assessed by the product's own rules; a saved one has its timeline line.
- Consent: the ledger's events for each customer, with their evidence (source, wording,
  web address or member of staff): grants when they first came, a soft opt-in for email
  marketing after a purchase, and changes of mind later; the longer the history, the
  more changes, so the busiest customers have dozens.

Rows are plain tuples in the columns below, as ``bulk_history`` draws them.
"""

from __future__ import annotations

import datetime
import functools
import random
from typing import TYPE_CHECKING, Any

from everthread.channels.models import InboundEvent, Provider
from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.core.models import Channel, Staff
from everthread.customers.contact_points import ContactKind
from everthread.followups.models import FollowUp
from everthread.notes.assessment import NoteText, note_assess
from everthread.notes.models import Note
from everthread.notes.services import note_line
from everthread.outreach.history import (
    ALLOWED,
    DECISION_TABLE,
    MESSAGE_TABLE,
    Status,
    history_key,
)

if TYPE_CHECKING:
    from everthread.demo.bulk_history import Cast, Client, InteractionRow, Need, NextId, Rows

DECISION_COLUMNS = (
    "id", "customer_id", "channel", "purpose", "address", "at", "outcome", "reasons",
    "send_after", "decided_by_id", "decided_at",
)  # fmt: skip
OUTBOUND_COLUMNS = (
    "id", "customer_id", "decision_id", "channel", "purpose", "address", "subject", "body",
    "status", "send_after", "interaction_id", "created_by_id", "created_at",
    "provider_message_id", "status_detail", "status_changed_at", "idempotency_key", "attempts",
    "next_attempt_at", "claimed_at", "last_error", "tone_hints", "sent_anyway", "attachments",
)  # fmt: skip
INBOUND_COLUMNS = (
    "id", "provider", "kind", "provider_message_id", "channel", "sender", "sender_name", "text",
    "status", "occurred_at", "payload", "raw_body", "headers", "received_at", "processed_at",
    "outcome", "error", "note", "attempts", "customer_id", "interaction_id",
    "unlinked_contact_id",
)  # fmt: skip
NOTE_COLUMNS = (
    "id", "customer_id", "journey_id", "interaction_id", "author_id", "status", "wants",
    "promised", "promised_by_id", "tried", "next_step", "body", "next_step_followup_id",
    "sensitive", "assessment", "quality_score", "created_at", "updated_at",
)  # fmt: skip
CONSENT_COLUMNS = (
    "id", "customer_id", "kind", "channel", "purpose", "source", "wording", "recorded_by_id",
    "occurred_at", "ip_address", "from_import", "recorded_at",
)  # fmt: skip

# Where an answer of ours goes out through the outbox: (consent channel, contact kind).
SENT_BY: dict[str, tuple[str, str]] = {
    Channel.EMAIL: (ConsentChannel.EMAIL.value, ContactKind.EMAIL.value),
    Channel.SMS: (ConsentChannel.SMS.value, ContactKind.PHONE.value),
    Channel.WHATSAPP: (ConsentChannel.WHATSAPP.value, ContactKind.PHONE.value),
    Channel.INSTAGRAM: (ConsentChannel.SOCIAL_DM.value, ContactKind.INSTAGRAM.value),
}
# Where a customer's message comes in by webhook: (provider, contact kind of the sender).
RECEIVED_BY: dict[str, tuple[str, str]] = {
    Channel.EMAIL: (Provider.EMAIL.value, ContactKind.EMAIL.value),
    Channel.SMS: (Provider.TWILIO.value, ContactKind.PHONE.value),
    Channel.WHATSAPP: (Provider.META.value, ContactKind.PHONE.value),
    Channel.INSTAGRAM: (Provider.META.value, ContactKind.INSTAGRAM.value),
    Channel.X: (Provider.X.value, ContactKind.X.value),
    Channel.MESSENGER: (Provider.META.value, ContactKind.FACEBOOK.value),
}
# What the provider last said of a message sent more than a day ago, by channel: weights of
# (status, detail); email rarely reports more than "sent", WhatsApp reports reading.
_S = Status
_UNREACHABLE = "Twilio error 30003: Unreachable destination handset"
SETTLED: dict[str, tuple[tuple[str, str, float], ...]] = {
    ConsentChannel.EMAIL: (
        (_S.SENT, "", 0.55),
        (_S.DELIVERED, "", 0.41),
        (_S.FAILED, "550 5.1.1 Mailbox unavailable", 0.03),
        (_S.DEAD, "550 5.1.1 Mailbox unavailable", 0.01),
    ),
    ConsentChannel.SMS: (
        (_S.DELIVERED, "", 0.93),
        (_S.SENT, "", 0.03),
        (_S.FAILED, _UNREACHABLE, 0.03),
        (_S.DEAD, _UNREACHABLE, 0.01),
    ),
    ConsentChannel.WHATSAPP: (
        (_S.READ, "", 0.62),
        (_S.DELIVERED, "", 0.33),
        (_S.FAILED, "131026 Message undeliverable", 0.04),
        (_S.DEAD, "131026 Message undeliverable", 0.01),
    ),
    ConsentChannel.SOCIAL_DM: (
        (_S.DELIVERED, "", 0.7),
        (_S.READ, "", 0.28),
        (_S.FAILED, "Recipient unavailable", 0.02),
    ),
}
NOTE_SHARE = 0.3  # of journeys with a colleague on them
NOTE_DRAFT_SHARE = 0.05
NOTE_SENSITIVE_SHARE = 0.03
SOMEONE = "A colleague"
SENSITIVE_BODIES = (
    "Mentioned a recent bereavement in the family; go gently.",
    "Recovering from an operation; prefers calls after 2pm.",
)
# Every so many contacts, one more change of mind about consent.
CONTACTS_PER_CONSENT_CHANGE = 50
OBJECTION_SHARE = 0.015
# Documentation addresses (RFC 5737): where a web form or unsubscribe link was used.
_WEB_NETWORKS = ("192.0.2", "198.51.100", "203.0.113")
GRANTS = (
    # (channel, purpose, contact kind needed or "", chance)
    (ConsentChannel.EMAIL, Purpose.SERVICE, ContactKind.EMAIL, 0.6),
    (ConsentChannel.EMAIL, Purpose.MARKETING, ContactKind.EMAIL, 0.35),
    (ConsentChannel.EMAIL, Purpose.RECOMMENDATIONS, ContactKind.EMAIL, 0.15),
    (ConsentChannel.SMS, Purpose.SERVICE, ContactKind.PHONE, 0.5),
    (ConsentChannel.SMS, Purpose.MARKETING, ContactKind.PHONE, 0.2),
    (ConsentChannel.WHATSAPP, Purpose.SERVICE, ContactKind.PHONE, 0.35),
    (ConsentChannel.WHATSAPP, Purpose.MARKETING, ContactKind.PHONE, 0.12),
    (ConsentChannel.PHONE_CALL, Purpose.SERVICE, ContactKind.PHONE, 0.25),
    (ConsentChannel.SOCIAL_DM, Purpose.MARKETING, ContactKind.INSTAGRAM, 0.1),
    (ConsentChannel.POST, Purpose.MARKETING, "", 0.08),
)
SOFT_OPT_IN_SHARE = 0.4  # of customers with an email address who did not grant marketing
_K = ConsentEvent.Kind


def message_draw(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    client: Client,
    contact: InteractionRow,
) -> None:
    """The outbox's message for our answer, or the webhook's event for theirs, if any."""
    if contact.direction == "outbound" and contact.channel in SENT_BY:
        channel, kind = SENT_BY[contact.channel]
        if address := client.addresses.get(kind):
            _sent(rng, cast_, next_id, rows, contact, channel, address)
    elif contact.direction == "inbound" and contact.channel in RECEIVED_BY:
        provider, kind = RECEIVED_BY[contact.channel]
        if address := client.addresses.get(kind):
            _received(rng, next_id, rows, contact, provider, address)


def _sent(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    contact: InteractionRow,
    channel: str,
    address: str,
) -> None:
    at = contact.occurred_at
    sender = contact.staff or rng.choice(cast_.agents)
    decision_id = next_id(DECISION_TABLE)
    rows.decisions.append(
        (decision_id, contact.customer_id, channel, Purpose.SERVICE.value, address, at,
         ALLOWED, [], None, sender.pk, at)
    )  # fmt: skip
    # History is settled: nothing generated is left queued for the outbox to send.
    status, detail = _settled(rng, channel)
    changed = at + datetime.timedelta(seconds=rng.randint(2, 600))
    failed = status in (_S.FAILED, _S.DEAD)
    body = contact.body or contact.summary
    rows.outbound.append(
        (next_id(MESSAGE_TABLE), contact.customer_id, decision_id, channel,
         Purpose.SERVICE.value, address, contact.summary if channel == "email" else "", body,
         status, at, contact.pk, sender.pk, at, contact.external_id, detail, changed,
         history_key(decision_id), 5 if status == _S.DEAD else 1,
         at + datetime.timedelta(minutes=15) if status == _S.FAILED else None, None,
         detail if failed else "", [], False, [])
    )  # fmt: skip


def _settled(rng: random.Random, channel: str) -> tuple[str, str]:
    pick = rng.random()
    for status, detail, weight in SETTLED[channel]:
        pick -= weight
        if pick < 0:
            return str(status), detail
    return _S.DELIVERED.value, ""


def _received(
    rng: random.Random,
    next_id: NextId,
    rows: Rows,
    contact: InteractionRow,
    provider: str,
    address: str,
) -> None:
    at = contact.occurred_at
    sender = address.removeprefix("+") if contact.channel == "whatsapp" else address
    rows.inbound.append(
        (next_id(InboundEvent), provider, InboundEvent.Kind.MESSAGE.value, contact.external_id,
         contact.channel, sender, "", contact.summary, "", at, {}, "", {}, at,
         at + datetime.timedelta(milliseconds=rng.randint(40, 4000)),
         InboundEvent.Outcome.RECORDED.value, "", "", 1, contact.customer_id, contact.pk, None)
    )  # fmt: skip


def note_draw(
    rng: random.Random,
    next_id: NextId,
    rows: Rows,
    need: Need,
    contacts: list[InteractionRow],
    followup: FollowUp | None,
    now: datetime.datetime,
) -> None:
    """A colleague's handover note on one of the journey's contacts with them: saved, with
    ``followup`` the next step it opened, or (without one) left as the author's draft."""
    contact = rng.choice([contact for contact in contacts if contact.staff is not None])
    author: Staff = contact.staff  # type: ignore[assignment]
    created = min(contact.occurred_at + datetime.timedelta(minutes=rng.randint(2, 90)), now)
    sensitive = rng.random() < NOTE_SENSITIVE_SHARE
    promised = rng.random() < 0.4
    stored, verdict, score = _assessed(
        NoteText(
            wants=rng.choice(need.asks).format(item="it"),
            promised=f"{rng.choice(need.next_steps)}." if promised else "",
            # The rules ask whether someone made the promise and holds the next step,
            # not who: a stand-in keeps the texts few, so each is assessed once.
            promised_by=SOMEONE if promised else "",
            tried=rng.choice(need.answers).format(item="it"),
            next_step=followup.title if followup else "",
            next_step_owner=SOMEONE if followup else "",
            body=rng.choice(SENSITIVE_BODIES) if sensitive else "",
        )
    )
    final = followup is not None and not verdict["missing_for_final"]
    note = Note(
        pk=next_id(Note),
        customer_id=contact.customer_id,
        journey_id=contact.journey_id,
        interaction_id=contact.pk,
        author=author,
        status=(Note.Status.FINAL if final else Note.Status.DRAFT).value,
        promised_by=author if promised else None,
        next_step_followup=followup if final else None,
        sensitive=sensitive,
        # As note_save keeps it: the verdict, and what a draft still lacks.
        assessment={
            **verdict,
            "missing": [] if final else verdict["missing_for_final"] or ["who owns the next step"],
        },
        quality_score=score,
        created_at=created,
        updated_at=created,
        **stored,
    )
    rows.notes.append(tuple(getattr(note, name) for name in NOTE_COLUMNS))
    if final:
        rows.timeline.append(note_line(note))


@functools.cache
def _assessed(text: NoteText) -> tuple[dict[str, str], dict[str, Any], int]:
    """What note_save stores of a note's text: the redacted fields, the verdict and the
    score (generated texts repeat: each is assessed once)."""
    assessment = note_assess(text)
    redacted = assessment.note
    stored = {
        "wants": redacted.wants,
        "promised": redacted.promised,
        "tried": redacted.tried,
        "next_step": redacted.next_step,
        "body": redacted.body,
    }
    verdict = {key: value for key, value in assessment.as_dict().items() if key != "note"}
    return stored, verdict, assessment.score


def consents_draw(
    rng: random.Random,
    cast_: Cast,
    next_id: NextId,
    rows: Rows,
    *,
    client: Client,
    count: int,
    since: datetime.datetime,
    now: datetime.datetime,
) -> None:
    """The customer's consent ledger: first answers, a soft opt-in, then changes of mind."""
    store_staff = cast_.associates.get(client.home_store.pk, []) if client.home_store else []
    events: list[tuple[Any, ...]] = []
    granted: dict[tuple[str, str], bool] = {}
    first_week = (now - since).total_seconds() / 52 if now > since else 0.0
    for channel, purpose, kind, chance in GRANTS:
        if (kind and kind not in client.addresses) or rng.random() >= chance:
            continue
        at = since + datetime.timedelta(seconds=rng.random() * first_week)
        events.append(_evidence(rng, cast_, store_staff, _K.GRANTED, channel, purpose, at))
        granted[(channel.value, purpose.value)] = True
    email_marketing = (ConsentChannel.EMAIL.value, Purpose.MARKETING.value)
    if (
        ContactKind.EMAIL in client.addresses
        and email_marketing not in granted
        and rng.random() < SOFT_OPT_IN_SHARE
    ):
        at = since + datetime.timedelta(seconds=rng.random() * first_week)
        events.append(
            (_K.SOFT_OPT_IN.value, *email_marketing, Source.PURCHASE.value,
             "Bought from us; offered the opt-out at the till and in every email.", None, at, None)
        )  # fmt: skip
    changes = count // CONTACTS_PER_CONSENT_CHANGE + (1 if rng.random() < 0.2 else 0)
    if granted and changes:
        later = since + datetime.timedelta(seconds=first_week)
        span = max((now - later).total_seconds(), 1.0)
        cells = sorted(granted)
        for offset in sorted(rng.random() * span for _ in range(changes)):
            cell = rng.choice(cells)
            kind = _K.WITHDRAWN if granted[cell] else _K.GRANTED
            granted[cell] = not granted[cell]
            at = later + datetime.timedelta(seconds=offset)
            events.append(_evidence(rng, cast_, store_staff, kind, *cell, at))
    if events and rng.random() < OBJECTION_SHARE:
        agent = rng.choice(cast_.agents)
        events.append(
            (_K.OBJECTED.value, "", "", Source.STAFF_PHONE.value,
             "Said on the phone they want no more marketing from us, by any channel.", agent.pk,
             now - datetime.timedelta(days=rng.randint(1, 60)), None)
        )  # fmt: skip
    events.sort(key=lambda event: event[6])
    for kind, channel, purpose, source, wording, staff_id, at, ip in events:
        rows.consents.append(
            (next_id(ConsentEvent), client.id, kind, channel, purpose, source, wording, staff_id,
             at, ip, None, at)
        )  # fmt: skip


_GRANT_WORDING = {
    Source.WEB_FORM: "Ticked: “Keep me posted by {channel} about {purpose}.”",
    Source.IN_STORE: "Said yes at the till when asked about {purpose} by {channel}.",
    Source.STAFF_PHONE: "Agreed on the phone to {purpose} by {channel}.",
}
_WITHDRAW_WORDING = {
    Source.UNSUBSCRIBE_LINK: "Used the unsubscribe link: no more {purpose} by {channel}.",
    Source.REPLY_KEYWORD: "STOP",
    Source.STAFF_PHONE: "Asked on the phone for no more {purpose} by {channel}.",
}


def _evidence(
    rng: random.Random,
    cast_: Cast,
    store_staff: list[Staff],
    kind: str,
    channel: str,
    purpose: str,
    at: datetime.datetime,
) -> tuple[Any, ...]:
    """(kind, channel, purpose, source, wording, recorded by, when, web address)."""
    if kind == _K.GRANTED:
        sources = [Source.WEB_FORM, Source.STAFF_PHONE] + ([Source.IN_STORE] if store_staff else [])
        wordings = _GRANT_WORDING
    else:
        sources = [Source.UNSUBSCRIBE_LINK, Source.STAFF_PHONE]
        if channel in (ConsentChannel.SMS, ConsentChannel.WHATSAPP):
            sources.append(Source.REPLY_KEYWORD)
        wordings = _WITHDRAW_WORDING
    source = rng.choice(sources)
    staff_id = ip = None
    if source == Source.IN_STORE:
        staff_id = rng.choice(store_staff).pk
    elif source == Source.STAFF_PHONE:
        staff_id = rng.choice(cast_.agents).pk
    elif source in (Source.WEB_FORM, Source.UNSUBSCRIBE_LINK):
        ip = f"{rng.choice(_WEB_NETWORKS)}.{rng.randint(1, 254)}"
    wording = _wording(wordings[source], str(channel), str(purpose))
    return (str(kind), str(channel), str(purpose), source.value, wording, staff_id, at, ip)


@functools.cache
def _wording(template: str, channel: str, purpose: str) -> str:
    """A template in a channel's and a purpose's words (an enum's label is slow to read)."""
    return template.format(
        channel=ConsentChannel(channel).label.lower(), purpose=Purpose(purpose).label.lower()
    )
