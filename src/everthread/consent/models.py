"""The consent ledger: an append-only history of what each customer agreed to, with evidence.

The current state of every channel and purpose is derived from the history
(``consent.ledger``), never stored beside it, so it can never disagree with the
evidence.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db import models
from django.utils import timezone

from everthread.core.models import Staff
from everthread.customers.models import Customer


class ConsentChannel(models.TextChoices):
    EMAIL = "email", "Email"
    SMS = "sms", "SMS"
    WHATSAPP = "whatsapp", "WhatsApp"
    PHONE_CALL = "phone_call", "Phone call"
    POST = "post", "Post"
    SOCIAL_DM = "social_dm", "Social direct message"


# The consent channel an inbound message's channel answers for (a STOP by Instagram DM
# stops social direct messages; one by voice on the phone stops calls).
_BY_CONVERSATION_CHANNEL = {
    "phone": ConsentChannel.PHONE_CALL,
    "instagram": ConsentChannel.SOCIAL_DM,
    "x": ConsentChannel.SOCIAL_DM,
    "messenger": ConsentChannel.SOCIAL_DM,
}


def consent_channel_of(channel: str) -> str:
    """The consent channel for a channel name of either kind ("instagram" → "social_dm")."""
    return _BY_CONVERSATION_CHANNEL.get(channel, channel)


class Purpose(models.TextChoices):
    SERVICE = "service", "Service messages"
    MARKETING = "marketing", "Marketing"
    RECOMMENDATIONS = "recommendations", "Personalised recommendations"


# Direct marketing in the sense of an objection: an objection stops both, on every channel.
MARKETING_PURPOSES = frozenset({Purpose.MARKETING, Purpose.RECOMMENDATIONS})


class Source(models.TextChoices):
    WEB_FORM = "web_form", "Web form"
    IN_STORE = "in_store", "In store"
    REPLY_KEYWORD = "reply_keyword", "Reply keyword"
    IMPORT = "import", "Import"
    API = "api", "API"
    STAFF_PHONE = "staff_phone", "Staff, on the phone"
    STAFF_IN_PERSON = "staff_in_person", "Staff, in person"
    IN_WRITING = "in_writing", "In writing"
    UNSUBSCRIBE_LINK = "unsubscribe_link", "Unsubscribe link"
    PURCHASE = "purchase", "Purchase (soft opt-in)"
    INBOUND_MESSAGE = "inbound_message", "Customer's message"
    MERGE = "merge", "Merge of two records"


# Sources where the customer acts on the web: their events must keep the address they came
# from (an API client may send one too).
WEB_SOURCES = frozenset({Source.WEB_FORM, Source.UNSUBSCRIBE_LINK})


class ConsentEventQuerySet(models.QuerySet["ConsentEvent"]):
    # Merges move history to the surviving record and erasure blanks the person's words
    # and address; nothing else may change or remove evidence once recorded.
    _CHANGEABLE = frozenset({"customer", "customer_id", "ip_address", "wording"})

    def update(self, **kwargs: Any) -> int:
        if set(kwargs) - self._CHANGEABLE:
            raise ValueError("Consent events are append-only.")
        return super().update(**kwargs)

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValueError("Consent events are append-only.")


class ConsentEvent(models.Model):
    """One thing that happened to a customer's consent, with who, when, how and the wording."""

    class Kind(models.TextChoices):
        GRANTED = "granted", "Granted"
        WITHDRAWN = "withdrawn", "Withdrawn"
        SOFT_OPT_IN = "soft_opt_in", "Soft opt-in (existing customer)"
        OBJECTED = "objected", "Objected to direct marketing"
        OBJECTION_LIFTED = "objection_lifted", "Asked to hear from us again"
        DO_NOT_CONTACT = "do_not_contact", "Marked do not contact"
        CONTACT_ALLOWED = "contact_allowed", "Do not contact lifted"
        # An opt-out in other words ("please stop texting me"): staff decide what it means.
        LIKELY_OBJECTION = "likely_objection", "Possible objection to check"
        CHECKED = "checked", "Possible objection checked"

    # Indexed by consent_customer_kind, which leads with it.
    customer = models.ForeignKey(
        Customer, on_delete=models.PROTECT, related_name="consent_events", db_index=False
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Blank for what concerns the whole customer (objections, do not contact, flags).
    channel = models.CharField(max_length=12, choices=ConsentChannel.choices, blank=True)
    purpose = models.CharField(max_length=16, choices=Purpose.choices, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices)
    wording = models.TextField(
        blank=True, help_text="What the customer saw or said, word for word."
    )
    recorded_by = models.ForeignKey(
        Staff, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField()
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    # The customer import that recorded it: an import is not the person asking anew.
    from_import = models.PositiveIntegerField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = ConsentEventQuerySet.as_manager()

    class Meta:
        ordering = ("occurred_at", "id")
        indexes: ClassVar = [
            # With the kind, whether a customer had answered by a time comes from the index
            # alone (consent coverage asks it of every customer in touch).
            models.Index(
                fields=["customer", "occurred_at", "id", "kind"], name="consent_customer_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.customer_id} {self.kind} {self.channel} {self.purpose}".strip()

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValueError("Consent events are append-only.")
        super().save(*args, **kwargs)

    @property
    def how(self) -> str:
        """Who, when and how, as the customer page says it."""
        parts = [self.get_source_display(), f"{timezone.localtime(self.occurred_at):%-d %b %Y}"]
        if self.recorded_by is not None:
            parts.append(f"recorded by {self.recorded_by}")
        return " · ".join(parts)
