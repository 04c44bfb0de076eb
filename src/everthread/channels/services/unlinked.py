"""Senders nobody recognised, until staff say who they are."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils import timezone

from everthread.channels.errors import UnlinkedContactLinked, UnlinkedContactNotFound
from everthread.channels.models import InboundEvent, UnlinkedContact
from everthread.channels.services.inbound import SENDER_KINDS, inbound_message_record
from everthread.core.models import Capability, Channel, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.errors import CustomerNotFound
from everthread.customers.models import Customer
from everthread.customers.services import customer_create
from everthread.customers.services.contacts import contact_point_attach

Outcome = InboundEvent.Outcome


@transaction.atomic
def unlinked_contact_link(*, actor: Staff, contact_id: int, customer_id: int) -> Customer:
    """It was this customer: keep the address on them and move every message onto their
    timeline, so the next message from it is recognised."""
    capability_require(staff=actor, capability=Capability.EDIT_CUSTOMERS)
    contact = UnlinkedContact.objects.select_for_update().filter(pk=contact_id).first()
    if contact is None:
        raise UnlinkedContactNotFound(f"There is no unlinked contact with id {contact_id}.")
    if contact.customer_id is not None:
        raise UnlinkedContactLinked(
            f"{contact} is already linked to customer {contact.customer_id}."
        )
    customer = Customer.objects.filter(pk=customer_id, merged_into__isnull=True).first()
    if customer is None:
        raise CustomerNotFound(f"There is no customer with id {customer_id}.", field="customer_id")
    kind = SENDER_KINDS.get(contact.channel)
    if kind:
        contact_point_attach(
            actor=actor,
            customer=customer,
            kind=kind,
            value=contact.address,
            label=f"from {Channel(contact.channel).label}",
            region=organisation_get().phone_region,
        )
    for event in contact.events.filter(outcome=Outcome.UNLINKED).order_by("received_at", "pk"):
        inbound_message_record(event, customer, contact.address)
        event.save(update_fields=["outcome", "note", "customer", "interaction"])
    contact.customer, contact.linked_by, contact.linked_at = customer, actor, timezone.now()
    contact.save(update_fields=["customer", "linked_by", "linked_at"])
    audit_record(
        actor=actor,
        action="unlinked_contact.linked",
        subject=contact,
        customer_id=customer.pk,
        detail={"channel": contact.channel, "messages": contact.message_count},
    )
    return customer


@transaction.atomic
def unlinked_contact_customer_create(
    *, actor: Staff, contact_id: int, profile: Mapping[str, object]
) -> Customer:
    """Nobody we know: a new customer with the address they wrote from, and their messages."""
    contact = UnlinkedContact.objects.filter(pk=contact_id, customer__isnull=True).first()
    if contact is None:
        raise UnlinkedContactNotFound(f"There is no unlinked contact with id {contact_id}.")
    customer = customer_create(actor=actor, profile=profile)
    return unlinked_contact_link(actor=actor, contact_id=contact.pk, customer_id=customer.pk)
