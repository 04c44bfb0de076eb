"""Writes for inbound channels: keep what arrived, then put it where staff will see it.

A webhook calls ``inbound_events_store`` and answers; the worker calls
``inbound_event_process`` for each event, which recognises the sender and records
the message on their timeline (or on an unlinked contact), applies opt-out
keywords or hands the reply to the app that reads it (channels.replies), and records
delivery receipts for what we sent.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import F
from django.db.models.signals import pre_save
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django_tasks.signals import task_enqueued
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from everthread.channels.arrivals import Arrival
from everthread.channels.models import InboundEvent, Provider, UnlinkedContact
from everthread.channels.replies import inbound_reply_read
from everthread.channels.selectors import conversation_thread
from everthread.channels.services.intake import Intake
from everthread.consent.models import ConsentChannel, Purpose, consent_channel_of
from everthread.consent.services import consent_keyword_apply
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import InteractionDraft, JourneyStart, interaction_record
from everthread.core.models import Channel, Role, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import staff_upsert
from everthread.customers.contact_points import ContactKind, contact_point_normalise
from everthread.customers.errors import InvalidContactPoint
from everthread.customers.models import Customer
from everthread.customers.recognition import Clues, recognise
from everthread.outreach.errors import InvalidOutreach
from everthread.outreach.services import outreach_delivery_update, outreach_send

log = logging.getLogger(__name__)
Kind, Outcome = InboundEvent.Kind, InboundEvent.Outcome

# The kind of contact point a sender's address is, in each channel.
SENDER_KINDS: dict[str, str] = {
    Channel.SMS: ContactKind.PHONE,
    Channel.WHATSAPP: ContactKind.PHONE,
    Channel.INSTAGRAM: ContactKind.INSTAGRAM,
    Channel.MESSENGER: ContactKind.FACEBOOK,
    Channel.X: ContactKind.X,
    Channel.EMAIL: ContactKind.EMAIL,
    Channel.CHAT: ContactKind.EMAIL,  # the web chat asks for an email address to answer at
}
# Who sends the replies nobody typed (a keyword's confirmation): outreach_send asks for
# a member of staff, and the audit log should say it was automatic.
AUTOMATIC_SENDER = "everthread-automatic"


def inbound_events_store(
    *, arrivals: Iterable[Arrival], raw_body: str, headers: Mapping[str, str]
) -> list[InboundEvent]:
    """Keep each arrival once and queue it for the worker; returns only the new events.

    A provider retries what it thinks we missed: an event already held is left as it is.
    A first delivery, the common case, is one INSERT and one commit, so a webhook answers
    fast; only when the provider's message id is already held does it look for what is new.
    On PostgreSQL, outside a transaction of the caller's, deliveries arriving together
    share that INSERT and commit (intake.py); each still returns once its own are kept.
    """
    fresh: dict[tuple[str, str], Arrival] = {}
    for arrival in arrivals:
        fresh.setdefault((arrival.provider, arrival.provider_message_id), arrival)
    if not fresh:
        return []
    events = [_event_of(arrival, raw_body, headers) for arrival in fresh.values()]
    db = connections[DEFAULT_DB_ALIAS]
    if db.vendor == "postgresql" and not db.in_atomic_block:
        return _INTAKE.keep(events)
    try:
        with transaction.atomic():
            InboundEvent.objects.bulk_create(events)
            _queue_with_the_events(events)
        return events
    except IntegrityError:  # a retried delivery: some of these are held already
        return _new_events_store(events)


def _deliveries_keep_at_once(deliveries: list[list[InboundEvent]]) -> list[list[InboundEvent]]:
    """The intake's writer on PostgreSQL: several deliveries kept as one keeps one, in one
    statement; each delivery's new events.

    The events and the database queue's task for them are one INSERT ... RETURNING with
    a second INSERT beside it, sent in autocommit: one round trip and one commit, where a
    transaction of two ORM inserts takes four, and compiling them costs more than the
    inserts themselves. Columns and values still come from the models' own fields.
    """
    from everthread.channels.tasks import process_inbound_events

    events = [event for delivery in deliveries for event in delivery]
    backend = process_inbound_events.get_backend()
    # The database queue's task is written by the same statement; any other queue is
    # given the events once they are committed.
    task = (
        _task_row(backend, process_inbound_events) if isinstance(backend, DatabaseBackend) else None
    )
    db = connections[DEFAULT_DB_ALIAS]
    sql, params = _events_insert(events, db)
    if task is not None:
        task_sql, task_params = _task_insert(task, db)
        sql = f"WITH kept AS ({sql}), queued AS ({task_sql}) SELECT id FROM kept ORDER BY id"
        params += task_params
    try:
        with db.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
    except IntegrityError:  # a retried delivery among them: each on its own, as a retry
        return [_new_events_store(delivery) for delivery in deliveries]
    for event, pk in zip(events, ids, strict=True):
        event.pk, event._state.adding, event._state.db = pk, False, db.alias
    if task is not None:
        task.args_kwargs = {"args": [], "kwargs": {"event_ids": ids}}
        task_enqueued.send(type(backend), task_result=task.task_result)
    else:
        _queue(*ids)
    return deliveries


_EVENT_FIELDS = [field for field in InboundEvent._meta.concrete_fields if not field.primary_key]


def _events_insert(events: list[InboundEvent], db: BaseDatabaseWrapper) -> tuple[str, list]:
    columns = ", ".join(db.ops.quote_name(field.column) for field in _EVENT_FIELDS)
    row = "(" + ", ".join(["%s"] * len(_EVENT_FIELDS)) + ")"
    params = [
        field.get_db_prep_save(field.pre_save(event, add=True), connection=db)
        for event in events
        for field in _EVENT_FIELDS
    ]
    table = db.ops.quote_name(InboundEvent._meta.db_table)
    values = ", ".join([row] * len(events))
    return f"INSERT INTO {table} ({columns}) VALUES {values} RETURNING id", params


def _task_row(backend: DatabaseBackend, task: Any) -> DBTaskResult:
    """The row DatabaseBackend.enqueue would save for ``task``, as save() would have it
    just before writing it (pre_save sent: the backend fills in run_after there). Its
    arguments, the events' ids, are filled in by the statement that keeps the events."""
    row: DBTaskResult[Any, Any] = DBTaskResult(
        id=backend._get_id(),
        args_kwargs={},
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    pre_save.send(DBTaskResult, instance=row, raw=False, using=DEFAULT_DB_ALIAS, update_fields=None)
    return row


def _task_insert(task: DBTaskResult, db: BaseDatabaseWrapper) -> tuple[str, list]:
    fields = DBTaskResult._meta.concrete_fields
    columns = ", ".join(db.ops.quote_name(field.column) for field in fields)
    values, params = [], []
    for field in fields:
        if field.name == "args_kwargs":
            values.append(
                "jsonb_build_object('args', '[]'::jsonb, 'kwargs', "
                "jsonb_build_object('event_ids', (SELECT jsonb_agg(id ORDER BY id) FROM kept)))"
            )
        else:
            values.append("%s")
            params.append(field.get_db_prep_save(field.pre_save(task, add=True), connection=db))
    table = db.ops.quote_name(DBTaskResult._meta.db_table)
    return f"INSERT INTO {table} ({columns}) VALUES ({', '.join(values)})", params


_INTAKE = Intake(_deliveries_keep_at_once)


def inbound_intake_stop() -> None:
    """Write the deliveries waiting and end the intake's thread (at shutdown, after tests)."""
    _INTAKE.stop()


@transaction.atomic
def _new_events_store(events: list[InboundEvent]) -> list[InboundEvent]:
    providers = {event.provider for event in events}
    keys = [event.provider_message_id for event in events]
    held = set(
        InboundEvent.objects.filter(
            provider__in=providers, provider_message_id__in=keys
        ).values_list("provider", "provider_message_id")
    )
    new = [event for event in events if (event.provider, event.provider_message_id) not in held]
    # ignore_conflicts: a retry racing the first delivery must not fail either of them.
    InboundEvent.objects.bulk_create(new, ignore_conflicts=True)
    stored = list(
        InboundEvent.objects.filter(
            provider__in=providers,
            provider_message_id__in=[event.provider_message_id for event in new],
            attempts=0,
            processed_at__isnull=True,
        ).order_by("pk")
    )
    _queue_with_the_events(stored)
    return stored


def _queue_with_the_events(events: list[InboundEvent]) -> None:
    """The database queue writes its tasks in the events' own transaction: one commit, and
    never an event without its task. Any other queue (Redis, or running tasks at once)
    waits for the commit, or its worker could look for the events before they exist."""
    from everthread.channels.tasks import process_inbound_events

    ids = [event.pk for event in events]
    if isinstance(process_inbound_events.get_backend(), DatabaseBackend):
        _queue(*ids)
    else:
        transaction.on_commit(lambda: _queue(*ids))


def _event_of(arrival: Arrival, raw_body: str, headers: Mapping[str, str]) -> InboundEvent:
    return InboundEvent(
        provider=arrival.provider,
        kind=arrival.kind,
        provider_message_id=arrival.provider_message_id[:255],
        channel=arrival.channel,
        sender=arrival.sender[:320],
        sender_name=arrival.sender_name[:200],
        text=arrival.text,
        status=arrival.status[:32],
        occurred_at=arrival.occurred_at,
        payload=arrival.payload,
        raw_body=raw_body,
        headers=dict(headers),
    )


# Events per task: a busy webhook's whole batch is one task row, and a retry of thousands
# is still shared among the workers.
EVENTS_PER_TASK = 100


def _queue(*event_ids: int) -> None:
    from everthread.channels.tasks import process_inbound_events

    for start in range(0, len(event_ids), EVENTS_PER_TASK):
        process_inbound_events.enqueue(event_ids=list(event_ids[start : start + EVENTS_PER_TASK]))


def inbound_event_process(*, event_id: int) -> InboundEvent | None:
    """Act on one stored event, once: None if another worker has it or it is done.

    The claim and the work are one transaction: a worker that dies half-way leaves the
    event unclaimed for the next. A failure is kept on the event for staff and a retry.
    """
    try:
        with transaction.atomic():
            claimed = InboundEvent.objects.filter(pk=event_id, processed_at__isnull=True).update(
                processed_at=timezone.now(), attempts=F("attempts") + 1
            )
            if claimed != 1:
                return None
            event = InboundEvent.objects.get(pk=event_id)
            _act(event)
            event.error = ""
            event.save(
                update_fields=[
                    "outcome",
                    "error",
                    "note",
                    "customer",
                    "interaction",
                    "unlinked_contact",
                ]
            )
            return event
    except Exception as error:
        InboundEvent.objects.filter(pk=event_id, processed_at__isnull=True).update(
            outcome=Outcome.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            attempts=F("attempts") + 1,
        )
        raise


def inbound_events_retry(*, event_ids: Iterable[int] | None = None) -> int:
    """Queue again the events no worker has finished (all of them, or those named)."""
    waiting = InboundEvent.objects.filter(processed_at__isnull=True)
    if event_ids is not None:
        waiting = waiting.filter(pk__in=list(event_ids))
    ids = list(waiting.order_by("pk").values_list("pk", flat=True))
    _queue(*ids)
    return len(ids)


def _act(event: InboundEvent) -> None:
    if event.kind == Kind.STATUS:
        _receipt_record(event)
    elif event.kind == Kind.MESSAGE:
        _message_place(event)
    else:
        log.info("Ignored an unknown %s notification (event %s).", event.provider, event.pk)
        event.outcome, event.note = Outcome.IGNORED, "Not a message or a delivery status."


def _receipt_record(event: InboundEvent) -> None:
    message_id = event.provider_message_id.rsplit(":", 1)[0]
    try:
        message = outreach_delivery_update(
            provider_message_id=message_id,
            status=event.status,
            detail=_receipt_detail(event.payload),
            at=event.occurred_at,
        )
    except InvalidOutreach as refusal:
        event.outcome, event.note = Outcome.IGNORED, refusal.message
        return
    if message is None:
        event.outcome, event.note = Outcome.IGNORED, "No message we sent carries this id."
        return
    event.outcome, event.customer_id = Outcome.STATUS_RECORDED, message.customer_id
    event.note = f"Message {message.pk} is {message.get_status_display().lower()}."


def _receipt_detail(payload: Mapping[str, object]) -> str:
    """The provider's words for a failure: Twilio's ErrorCode, WhatsApp's errors[].title."""
    if payload.get("ErrorCode"):
        return f"Twilio error {payload['ErrorCode']}: {payload.get('ErrorMessage', '')}".strip(": ")
    errors = payload.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        first = errors[0]
        return f"{first.get('code', '')} {first.get('title', '')}".strip()
    return ""


def _message_place(event: InboundEvent) -> None:
    customer, address = _sender_of(event)
    thread = conversation_thread(event)
    if thread is not None and customer in (None, thread.customer):
        # A reply in a conversation we know (by its signed reply address, the message it
        # answers, or the chat it is in) belongs there, even from an address we do not have.
        inbound_message_record(event, thread.customer, address, journey=thread)
        return
    if customer is None:
        contact = unlinked_contact_note(event=event, address=address)
        event.outcome, event.unlinked_contact = Outcome.UNLINKED, contact
        event.note = "Nobody has this address yet: see Unlinked contacts."
        return
    inbound_message_record(event, customer, address)


def inbound_message_record(
    event: InboundEvent, customer: Customer, address: str, *, journey: Journey | None = None
) -> None:
    event.customer = customer
    event.interaction = _on_the_timeline(event, customer, journey=journey)
    event.outcome = Outcome.RECORDED
    event.note = _keyword_answer(event, customer, address) if event.text.strip() else ""
    if event.provider == Provider.WEB_CHAT:
        from everthread.channels.services.chat import chat_event_attach

        chat_event_attach(event, event.interaction)


def _sender_of(event: InboundEvent) -> tuple[Customer | None, str]:
    """The customer the sender's address belongs to, and the address in its stored form."""
    kind = SENDER_KINDS.get(event.channel, "")
    region = organisation_get().phone_region
    try:
        address = contact_point_normalise(kind, event.sender, region=region) if kind else ""
    except InvalidContactPoint:
        address = ""
    if not address:
        return None, event.sender.strip().lower()
    found = recognise(clues=Clues(contact_point=address, kind=kind), region=region)
    return found.customer, address


def _on_the_timeline(
    event: InboundEvent, customer: Customer, *, journey: Journey | None = None
) -> Interaction:
    """On ``journey``, else the customer's open journey in this channel, else a new one."""
    journey = journey or (
        Journey.objects.filter(
            customer=customer,
            status__in=Journey.OPEN_STATUSES,
            interactions__channel=event.channel,
        )
        .order_by("-last_activity_at", "-pk")
        .first()
    )
    summary = _summary(event)
    interaction, _ = interaction_record(
        customer=customer,
        staff=None,
        draft=InteractionDraft(
            channel=event.channel,
            direction=Interaction.Direction.INBOUND,
            summary=summary,
            body=_body(event),
            occurred_at=min(event.occurred_at or event.received_at, timezone.now()),
            external_id=event.provider_message_id[:200],
        ),
        journey=journey,
        start=None
        if journey
        else JourneyStart(
            kind=Journey.Kind.GENERAL, title=f"{Channel(event.channel).label}: {summary}"[:200]
        ),
    )
    return interaction


def _body(event: InboundEvent) -> str:
    files = event.payload.get("attachments") or []
    listed = [f"{f['name']} ({filesizeformat(f['size'])})" for f in files]
    # Twilio's MMS and WhatsApp media stay with Twilio, behind the account's credentials.
    media = int(event.payload.get("NumMedia") or 0) if event.provider == Provider.TWILIO else 0
    payload = event.payload
    listed += [
        f"{payload.get(f'MediaContentType{n}', 'media')} at {payload.get(f'MediaUrl{n}')}"
        for n in range(media)
    ]
    if not listed:
        return event.text
    return f"{event.text}\n\nAttachments: {', '.join(listed)}".strip()


def _summary(event: InboundEvent) -> str:
    subject = str(event.payload.get("subject") or "").strip()
    if subject:
        return subject[:120]
    first = next((line.strip() for line in event.text.splitlines() if line.strip()), "")
    if not first:
        return f"{Channel(event.channel).label} message without text"
    return first if len(first) <= 120 else first[:119] + "…"


def _keyword_answer(event: InboundEvent, customer: Customer, address: str) -> str:
    """STOP, START, HELP: apply at once, and send the confirmation through the gate; else a
    reply another app reads (a survey's YES or NO)."""
    channel = consent_channel_of(event.channel)
    if channel not in ConsentChannel.values:
        return ""
    confirmation = consent_keyword_apply(
        customer=customer, channel=channel, text=event.text, at=event.occurred_at
    )
    if confirmation is None:
        at = event.occurred_at or event.received_at
        return inbound_reply_read(customer=customer, channel=channel, text=event.text, at=at)
    sent = outreach_send(
        customer=customer,
        channel=channel,
        purpose=Purpose.SERVICE,
        body=confirmation,
        actor=automatic_sender(),
        address=address,
    )
    if sent.message is None:
        return "Keyword applied; the gate refused the confirmation: " + " ".join(
            sent.decision.reasons
        )
    return f"Keyword applied; confirmation {sent.message.get_status_display().lower()}."


def automatic_sender() -> Staff:
    """The member of staff named on replies nobody typed; it cannot sign in."""
    staff = Staff.objects.filter(username=AUTOMATIC_SENDER).first()
    if staff is not None:
        return staff
    staff = staff_upsert(
        username=AUTOMATIC_SENDER,
        password=secrets.token_urlsafe(32),
        role=Role.AGENT,
        first_name="Everthread",
        last_name="(automatic)",
    )
    staff.set_unusable_password()
    staff.save(update_fields=["password"])
    return staff


def unlinked_contact_note(*, event: InboundEvent, address: str) -> UnlinkedContact:
    """Count one more message from an address nobody has (first seen now if new)."""
    at = event.occurred_at or event.received_at
    contact, created = UnlinkedContact.objects.select_for_update().get_or_create(
        channel=event.channel,
        address=address[:320],
        defaults={
            "display_name": event.sender_name,
            "first_seen_at": at,
            "last_seen_at": at,
            "message_count": 1,
        },
    )
    if not created:
        contact.last_seen_at = max(contact.last_seen_at, at)
        contact.message_count += 1
        contact.display_name = contact.display_name or event.sender_name
        contact.save(update_fields=["last_seen_at", "message_count", "display_name"])
    return contact
