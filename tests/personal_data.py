"""A customer with something in every app: what privacy tests export, erase and search."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from appointing import THURSDAY, coming
from consenting import at_local
from everthread.channels.models import ChatConversation, InboundEvent, UnlinkedContact
from everthread.coaching.services import (
    CriterionDraft,
    ObservationDraft,
    RubricDraft,
    observation_record,
    rubric_create,
)
from everthread.commerce.models import Appointment, Location, Product, StockLevel
from everthread.commerce.services import (
    OrderDraft,
    OrderLineDraft,
    ReturnLineDraft,
    hold_place,
    order_place,
    return_start,
    wishlist_add,
)
from everthread.consent.services import Evidence, consent_record
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import InteractionDraft, interaction_record, journey_open
from everthread.core.models import Staff
from everthread.customers.models import Customer, DuplicatePair
from everthread.customers.services import customer_create, customer_merge
from everthread.followups.services import FollowUpDraft, followup_hand_over, followup_open
from everthread.notes.services import NoteDraft, note_save
from everthread.outreach.services import outreach_send
from factories import CustomerFactory, StaffFactory, StoreFactory

EMAIL = "amara.osei@example.com"
PHONE = "+447700900123"
ORDER = "HF-200001"
# Words that only this customer's data contains: none may survive her erasure.
PERSONAL = (
    "Amara",
    "Osei",
    "amara.osei",
    "7700900123",
    "M14 5TT",
    "emerald",
    "linen wedding suit",
    "her sister's wedding",
    "WA-MSG-88812",
)


@dataclass(frozen=True)
class Everywhere:
    customer: Customer
    merged: Customer


def _hours_ago(hours: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=hours)


def customer_everywhere(associate: Staff) -> Everywhere:
    """Amara Osei: a profile, contact points, a journey of contacts, a follow-up handed
    over, a note, marketing consent and a message, a hold, an order delivered home and its
    return, a wishlist item, an appointment with its outcome, a duplicate merged in, a pair
    under review and the audit of all of it."""
    priya = StaffFactory(username="priya", first_name="Priya", last_name="Shah", role="manager")
    amara = customer_create(
        actor=associate,
        profile={
            "given_name": "Amara",
            "family_name": "Osei",
            "postcode": "M14 5TT",
            "date_of_birth": "1990-04-12",
            "preferences": {"colours": ["emerald"]},
        },
        contact_points=[("email", EMAIL), ("phone", PHONE)],
    )
    journey = journey_open(
        customer=amara, actor=associate, kind="styling", title="A linen wedding suit for Amara"
    )
    interaction, _ = interaction_record(
        customer=amara,
        staff=associate,
        draft=InteractionDraft(
            channel="whatsapp",
            direction="inbound",
            summary="Amara asked about a linen wedding suit",
            body="It is for her sister's wedding in June.",
            occurred_at=_hours_ago(2),
            external_id="WA-MSG-88812",
        ),
        journey=journey,
    )
    followup = followup_open(
        customer=amara,
        actor=associate,
        draft=FollowUpDraft(
            title="Send Amara the linen wedding suit lookbook",
            due_at=timezone.now() + datetime.timedelta(days=1),
            owner=priya,
            journey=journey,
            interaction=interaction,
        ),
    )
    followup_hand_over(
        followup_id=followup.pk, actor=priya, owner=associate, reason="Amara asked for Tom"
    )
    note_save(
        customer=amara,
        author=associate,
        draft=NoteDraft(
            wants="A linen wedding suit for her sister's wedding",
            tried="Showed the emerald swatches",
            body="Amara prefers WhatsApp.",
            journey=journey,
        ),
    )
    consent_record(
        customer=amara,
        channel="email",
        purpose="marketing",
        kind="granted",
        evidence=Evidence(
            source="web_form", wording="Yes, send me news and offers", ip_address="203.0.113.9"
        ),
        actor=None,
    )
    outreach_send(
        customer=amara,
        channel="email",
        purpose="marketing",
        subject="Your linen wedding suit",
        body="Dear Amara, the linen wedding suit is in.",
        actor=associate,
        # Late-morning her time, so quiet hours never hold it, whenever the suite runs.
        at=at_local("Europe/London", 11, days=0),
    )
    _channel_rows(amara)
    _commerce(amara, associate, journey)
    _coaching(interaction, observer=priya)
    _repeat_survey(amara, journey)
    _told_again(amara, journey)
    duplicate = CustomerFactory(given_name="Amara", family_name="Osei", postcode="M14 5TT")
    customer_merge(actor=associate, survivor_id=amara.pk, merged_id=duplicate.pk)
    look_alike = CustomerFactory(given_name="Amara", family_name="Osei-Mensah")
    DuplicatePair.objects.create(customer_a=amara, customer_b=look_alike, score=0.71)
    return Everywhere(customer=amara, merged=duplicate)


def _repeat_survey(amara: Customer, journey: Journey) -> None:
    """Her answer to "did you have to repeat yourself?" about the journey."""
    from everthread.insights.models import RepeatSurvey

    RepeatSurvey.objects.create(
        customer=amara,
        journey=journey,
        channel="email",
        asked_at=_hours_ago(1),
        answer="no",
        answered_at=_hours_ago(0.5),
        answered_via="link",
    )


def _told_again(amara: Customer, journey: Journey) -> None:
    """She tells us again what her first message said; the detector keeps the repeat."""
    from everthread.insights.models import RepeatHeard
    from everthread.insights.repeats.services import repeats_catch_up

    interaction_record(
        customer=amara,
        staff=None,
        draft=InteractionDraft(
            channel="email",
            direction="inbound",
            summary="Amara asked about a linen wedding suit",
            body="Again: it is for her sister's wedding in June.",
            occurred_at=_hours_ago(1),
        ),
        journey=journey,
    )
    repeats_catch_up()
    assert RepeatHeard.objects.filter(customer=amara).exists()


def _channel_rows(amara: Customer) -> None:
    """A text as the SMS provider delivered it, a web chat, and the Instagram account she
    wrote from before staff linked it to her."""
    now = timezone.now()
    InboundEvent.objects.create(
        provider="twilio",
        kind="message",
        provider_message_id="SM-AMARA-1",
        channel="sms",
        sender=PHONE,
        text="Is the emerald wrap dress in?",
        payload={"From": PHONE, "Body": "Is the emerald wrap dress in?"},
        raw_body=f"From={PHONE}&Body=Is+the+emerald+wrap+dress+in",
        customer=amara,
        outcome="recorded",
        processed_at=now,
    )
    chat = ChatConversation.objects.create(
        token="chat-amara",
        name="Amara Osei",
        email=EMAIL,
        origin="https://harlowandfinch.example.com",
        customer=amara,
        last_message_at=now,
    )
    chat.messages.create(direction="inbound", text="Is the emerald wrap dress lined?")
    UnlinkedContact.objects.create(
        channel="instagram",
        address="amara.osei",
        first_seen_at=now,
        last_seen_at=now,
        message_count=1,
        customer=amara,
        linked_at=now,
    )


def _coaching(interaction: Interaction, *, observer: Staff) -> None:
    """Priya observes the associate's WhatsApp with Amara; the comment says what she said."""
    rubric = rubric_create(
        actor=observer,
        draft=RubricDraft(
            name="Continuity behaviours",
            criteria=[CriterionDraft("confirm_needs", "Confirm needs")],
        ),
    )
    observation_record(
        observer=observer,
        draft=ObservationDraft(
            rubric_id=rubric.pk,
            observed_id=interaction.staff_id or 0,
            interaction_ids=[interaction.pk],
            scores={"confirm_needs": 4},
            comment="Asked what the suit is for: her sister's wedding in June.",
        ),
    )


def _commerce(amara: Customer, associate: Staff, journey: Journey) -> None:
    store = StoreFactory(code="manchester-king-street", name="Manchester King Street")
    manchester = Location.objects.create(
        code=store.code, name=store.name, kind="store", store=store
    )
    dress = Product.objects.create(style_code="HF-WRAP-12", name="Wrap dress", price="189.00")
    variant = dress.variants.create(sku="HF-WRAP-12-EME-12", colour="Emerald", size="12")
    StockLevel.objects.create(variant=variant, location=manchester, on_hand=3)
    hold_place(actor=associate, customer=amara, sku=variant.sku, location=manchester)
    order = order_place(
        actor=associate,
        customer=amara,
        draft=OrderDraft(
            channel="phone",
            fulfilment="delivery",
            number=ORDER,
            delivery_address="1 Wilmslow Road, Manchester M14 5TT",
            lines=(OrderLineDraft(sku=variant.sku),),
        ),
    )
    return_start(
        actor=associate,
        order=order,
        kind="return",
        reason="Too long",
        channel="phone",
        lines=(ReturnLineDraft(order_line_id=order.lines.get().pk),),
        journey=journey,
    )
    wishlist_add(actor=associate, customer=amara, sku=variant.sku, source="saved_for_you")
    # Written directly: booking would send a confirmation, or not, by the hour the suite runs.
    starts_at = coming(THURSDAY, 10)
    Appointment.objects.create(
        customer=amara,
        host=associate,
        created_by=associate,
        kind="virtual",
        purpose="styling",
        video_link="https://meet.example.com/amara",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=1),
        preparation="Sister's wedding; UK 12, emerald or navy.",
        outcome="Chose the emerald wrap dress; trying it on in Manchester.",
        status="completed",
    )
