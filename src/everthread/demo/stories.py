"""The stories of ../shared/SCENARIOS.md told as real records, through the product's services.

Each story is told once: its first contact carries a demo external id, and a run that
finds it recorded already leaves the story as it is (staff may have moved it on).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from everthread.consent.models import ConsentChannel, ConsentEvent, Purpose, Source
from everthread.consent.services import Evidence, consent_keyword_apply, consent_record
from everthread.conversations.models import Interaction, Journey
from everthread.conversations.services import JourneyStart, journey_update
from everthread.core.errors import InvalidInput
from everthread.core.models import Channel, Staff
from everthread.customers.models import Customer
from everthread.demo.cast import Cast, followup_age, journey_started
from everthread.followups.models import FollowUp
from everthread.followups.services import (
    FollowUpDraft,
    followup_complete,
    followup_open,
    followup_take,
)
from everthread.notes.services import NoteDraft, note_save

IN, OUT = Interaction.Direction.INBOUND, Interaction.Direction.OUTBOUND
SATURDAY, WEDNESDAY = 5, 2


def handover_write(customer: Customer, *, author: Staff, draft: NoteDraft) -> None:
    """Save a story's handover note; a story note kept as a draft is a broken demo."""
    saved = note_save(customer=customer, author=author, draft=draft)
    if saved.missing:
        raise InvalidInput(
            f"The demo note for {customer} stayed a draft: it lacks {', '.join(saved.missing)}."
        )


def amara_virtual_styling(cast: Cast) -> bool:
    """Story 1: Priya styles Amara over video and hands the visit to Tom at Manchester."""
    amara, priya, tom = (
        cast.customer("amara.osei@example.com"),
        cast.staff["priya"],
        cast.staff["tom"],
    )
    centre = cast.teams["contact-centre-leeds"]
    booking, new = cast.contact(
        amara,
        key="hf-amara-booking",
        channel=Channel.WEB_FORM,
        direction=IN,
        at=cast.days_ago(4, 20, 15),
        summary="Booked a virtual styling appointment for her sister's wedding",
        body="Looking for an outfit for my sister's wedding on 14 March. Happy to do a video call.",
        team=centre,
        start=JourneyStart(
            kind=Journey.Kind.STYLING, title="An outfit for her sister's wedding", owner=priya
        ),
    )
    if not new:
        return False
    journey = journey_started(booking)
    cast.contact(
        amara,
        key="hf-amara-confirmation",
        channel=Channel.EMAIL,
        direction=OUT,
        at=cast.days_ago(3, 9, 30),
        summary="Confirmed the video styling appointment",
        body="Dear Amara, I look forward to seeing you on video tomorrow at 17:00. Priya",
        staff=priya,
        team=centre,
        journey=journey,
    )
    video, _ = cast.contact(
        amara,
        key="hf-amara-video",
        channel=Channel.VIDEO,
        direction=OUT,
        at=cast.days_ago(2, 17, 0),
        summary="Virtual styling: three looks for her sister's wedding on 14 March",
        body=(
            "Sizes: UK 12 in dresses, 10 in some brands. Fit: tailored. Budget: £300–500. "
            "Occasion: her sister's wedding on 14 March. Colours: emerald, navy.\n"
            "Looks: 1) emerald wrap dress with nude block heels; 2) navy tailored jumpsuit "
            "with a gold belt; 3) emerald pleated midi skirt with an ivory silk blouse. "
            "The emerald wrap dress was her favourite."
        ),
        staff=priya,
        team=centre,
        journey=journey,
    )
    saturday = cast.next_weekday(SATURDAY, 10)
    handover_write(
        amara,
        author=priya,
        draft=NoteDraft(
            wants=(
                "An outfit for her sister's wedding on 14 March: tailored fit, UK 12 in "
                "dresses (10 in some brands), emerald or navy, £300–500."
            ),
            promised="We will hold the emerald wrap dress in 12 at Manchester until Saturday.",
            promised_by=priya,
            tried=(
                "Three looks on video: the emerald wrap dress, a navy tailored jumpsuit, an "
                "emerald pleated midi skirt with an ivory blouse. She loved the wrap dress."
            ),
            next_step=(
                "Have the emerald wrap dress in 12 in a fitting room and show Amara the other "
                "two looks when she visits Manchester King Street."
            ),
            next_step_owner=tom,
            next_step_due=saturday,
            body="She prefers WhatsApp for updates.",
            journey=journey,
            interaction=video,
        ),
    )
    journey_update(
        journey=journey,
        actor=priya,
        where_it_stands=f"Emerald wrap dress held in 12 at Manchester; visit {saturday:%A %H:%M}",
    )
    return True


def daniel_boots_exchange(cast: Cast) -> bool:
    """Story 4: Chloe takes the whole return in one chat; Leeds Briggate has EU 43 ready."""
    daniel, chloe = cast.customer("daniel.novak@example.com"), cast.staff["chloe"]
    centre = cast.teams["contact-centre-leeds"]
    asked, new = cast.contact(
        daniel,
        key="hf-daniel-chat-1",
        channel=Channel.CHAT,
        direction=IN,
        at=cast.days_ago(1, 14, 2),
        summary="Boots from order HF-100482 are a size too small",
        body=(
            "Hi, the Chelsea boots from order HF-100482 are a size too small (EU 42). "
            "Can I swap them for a 43 at the Leeds shop?"
        ),
        team=centre,
        start=JourneyStart(
            kind=Journey.Kind.RETURN,
            title="Exchange boots from order HF-100482 for EU 43",
            owner=chloe,
        ),
    )
    if not new:
        return False
    journey = journey_started(asked)
    answer, _ = cast.contact(
        daniel,
        key="hf-daniel-chat-2",
        channel=Channel.CHAT,
        direction=OUT,
        at=cast.days_ago(1, 14, 7),
        summary="Exchange agreed: Leeds Briggate will have the boots ready in EU 43",
        body=(
            "Of course, Daniel. Our Leeds Briggate team will have the boots ready for you in "
            "EU 43: bring the pair you have and they will swap them. Chloe"
        ),
        staff=chloe,
        team=centre,
        journey=journey,
    )
    handover_write(
        daniel,
        author=chloe,
        draft=NoteDraft(
            wants=(
                "To exchange the Chelsea boots from order HF-100482 (EU 42, a size too small) "
                "for EU 43 at Leeds Briggate."
            ),
            promised=(
                "The Leeds Briggate store will have the boots ready in EU 43 from tomorrow at "
                "12:00."
            ),
            promised_by=chloe,
            tried="Checked stock: EU 43 is in stock at Leeds Briggate.",
            next_step=(
                "Have the Chelsea boots ready in EU 43 at Leeds Briggate and exchange them "
                "for the pair from order HF-100482."
            ),
            next_step_team=cast.teams["leeds-store"],
            next_step_due=cast.at(cast.today + datetime.timedelta(days=1), 12),
            journey=journey,
            interaction=answer,
        ),
    )
    journey_update(
        journey=journey,
        actor=chloe,
        where_it_stands="Leeds Briggate to have EU 43 ready; Daniel brings the pair he has",
    )
    return True


def rosa_raincoat(cast: Cast) -> bool:
    """Story 6: from X to live chat; the chat agent asks Covent Garden where the coat falls."""
    rosa, ellie, chloe = (
        cast.customer("rosa.alvarez@example.com"),
        cast.staff["ellie"],
        cast.staff["chloe"],
    )
    social, centre = cast.teams["social"], cast.teams["contact-centre-leeds"]
    tweet, new = cast.contact(
        rosa,
        key="hf-rosa-x-1",
        channel=Channel.X,
        direction=IN,
        at=cast.days_ago(3, 19, 40),
        summary="Asked on X for a raincoat recommendation",
        body=(
            "@harlowfinch I need a raincoat that actually keeps me dry on the walk to work. "
            "Is the red toggle one any good?"
        ),
        team=social,
        start=JourneyStart(
            kind=Journey.Kind.PRODUCT_ENQUIRY,
            title="A raincoat for the walk to work",
            owner=ellie,
        ),
    )
    if not new:
        return False
    journey = journey_started(tweet)
    cast.contact(
        rosa,
        key="hf-rosa-x-2",
        channel=Channel.X,
        direction=OUT,
        at=cast.days_ago(3, 19, 52),
        summary="Recommended the red toggle raincoat",
        body=(
            "Cute — love the toggles! It is fully waterproof with a deep hood, so it will keep "
            "you dry all the way to work ☔ Ellie"
        ),
        staff=ellie,
        team=social,
        journey=journey,
    )
    question, _ = cast.contact(
        rosa,
        key="hf-rosa-chat-1",
        channel=Channel.CHAT,
        direction=IN,
        at=cast.now - datetime.timedelta(minutes=40),
        summary="Does the red toggle raincoat cover her legs?",
        body="Hi! Back about the red toggle raincoat: does it cover my legs? I'm 5'5\".",
        team=centre,
        journey=journey,
    )
    journey_update(journey=journey, actor=chloe, owner=chloe)
    cast.contact(
        rosa,
        key="hf-rosa-chat-2",
        channel=Channel.CHAT,
        direction=OUT,
        at=cast.now - datetime.timedelta(minutes=37),
        summary="Asking Covent Garden to try the coat on",
        body=(
            "Hi Rosa, lovely to see you again after your message on X! Let me ask our Covent "
            "Garden team to try it on so I can tell you exactly where it falls."
        ),
        staff=chloe,
        team=centre,
        journey=journey,
    )
    request = followup_open(
        customer=rosa,
        actor=chloe,
        draft=FollowUpDraft(
            kind=FollowUp.Kind.REQUEST,
            title="Try on the red toggle raincoat and say where it falls on the leg",
            detail="Rosa (5'5\", coats UK 10) is waiting in live chat.",
            team=cast.teams["covent-garden-store"],
            due_at=cast.now + datetime.timedelta(hours=1),
            journey=journey,
            interaction=question,
            reply_channel=Channel.CHAT,
        ),
    )
    isabelle = cast.staff["isabelle"]
    followup_take(followup_id=request.pk, actor=isabelle)
    followup_complete(
        followup_id=request.pk,
        actor=isabelle,
        outcome="It falls just below the knee on me (I'm 5'6\"), so it covers most of the leg.",
    )
    return True


def jordan_family_membership(cast: Cast) -> bool:
    """Story 2: a web form, Sam's call, and the visit handed to the Bristol front desk."""
    jordan, sam = cast.customer("jordan.blake@example.com"), cast.staff["sam"]
    sales, bristol = cast.teams["sales"], cast.stores["bristol-harbourside"]
    form, new = cast.contact(
        jordan,
        key="pf-jordan-form",
        channel=Channel.WEB_FORM,
        direction=IN,
        at=cast.days_ago(2, 21, 10),
        summary="Web form: family membership at Bristol",
        body=(
            "Hi, we're thinking about a family membership at Bristol: two adults and two "
            "children (8 and 11). What does it cost, and are there classes for kids?"
        ),
        store=bristol,
        team=sales,
        start=JourneyStart(
            kind=Journey.Kind.MEMBERSHIP, title="Family membership at Bristol", owner=sam
        ),
    )
    if not new:
        return False
    journey = journey_started(form)
    call, _ = cast.contact(
        jordan,
        key="pf-jordan-call",
        channel=Channel.PHONE,
        direction=OUT,
        at=cast.days_ago(1, 10, 30),
        summary="Called about the family membership: price is a worry; two children",
        body=(
            "Two adults and two children (8 and 11). Price is the main worry: four memberships "
            "add up. Interested in kids' swimming and classes. Booked a visit to Bristol "
            "Harbourside on Wednesday after work."
        ),
        staff=sam,
        team=sales,
        journey=journey,
    )
    wednesday = cast.next_weekday(WEDNESDAY, 18)
    handover_write(
        jordan,
        author=sam,
        draft=NoteDraft(
            wants=(
                "A family membership at Bristol for two adults and two children (8 and 11), "
                "with classes for the children."
            ),
            promised="A tour of the club with the family prices when they visit on Wednesday.",
            promised_by=sam,
            tried=(
                "Went through the adult memberships on the phone. Jordan said the price is "
                "their main worry with four memberships."
            ),
            next_step="Show the family pass and kids' classes at the visit.",
            next_step_team=cast.teams["bristol-front-desk"],
            next_step_due=wednesday,
            journey=journey,
            interaction=call,
        ),
    )
    journey_update(
        journey=journey,
        actor=sam,
        where_it_stands=f"Visiting Bristol Harbourside {wednesday:%A} after work",
    )
    return True


def mei_lin_anniversary_stay(cast: Cast) -> bool:
    """Story 3: pre-arrival requests passed to the York front desk; the pillows are missed.

    The demo opens the morning after her arrival, with the pillows still an open,
    overdue follow-up, so duty manager Owen can make the recovery.
    """
    mei_lin, aisha = cast.customer("+44 7700 900303"), cast.staff["aisha"]
    guests, york = cast.teams["guest-messaging"], cast.stores["marlow-york"]
    arrival = cast.today - datetime.timedelta(days=1)
    requests, new = cast.contact(
        mei_lin,
        key="mh-mei-lin-whatsapp-1",
        channel=Channel.WHATSAPP,
        direction=IN,
        at=cast.days_ago(3, 10, 12),
        summary="Before her stay: late check-in around 23:30, feather-free pillows, anniversary",
        body=(
            f"Hello! We're staying at The Marlow York on {arrival:%A %-d %B} for our "
            "anniversary 🎉 We won't arrive until about 23:30, is that OK? Also I'm allergic "
            "to feathers, could we have feather-free pillows please?"
        ),
        store=york,
        team=guests,
        start=JourneyStart(
            kind=Journey.Kind.STAY,
            title=f"Anniversary stay at The Marlow York, {arrival:%-d %B}",
            owner=aisha,
        ),
    )
    if not new:
        return False
    journey = journey_started(requests)
    cast.contact(
        mei_lin,
        key="mh-mei-lin-whatsapp-2",
        channel=Channel.WHATSAPP,
        direction=OUT,
        at=cast.days_ago(3, 10, 20),
        summary="Acknowledged: late check-in and feather-free pillows passed to the front desk",
        body=(
            "Hello Mei Lin, and happy anniversary! A late arrival is no problem, and your room "
            "will have feather-free pillows. I've passed both to our York front desk. Aisha"
        ),
        staff=aisha,
        team=guests,
        journey=journey,
    )
    pillows = followup_open(
        customer=mei_lin,
        actor=aisha,
        draft=FollowUpDraft(
            title="Feather-free pillows in Mei Lin Chen's room before she arrives (allergy)",
            detail=(
                "She is allergic to feathers: feather-free pillows in the room before arrival. "
                "Late check-in around 23:30; they are celebrating their anniversary."
            ),
            team=cast.teams["york-front-desk"],
            due_at=cast.now + datetime.timedelta(hours=1),
            journey=journey,
            interaction=requests,
        ),
    )
    followup_age(pillows, created_at=cast.days_ago(3, 10, 22), due_at=cast.at(arrival, 16))
    ella = cast.staff["ella"]
    cast.contact(
        mei_lin,
        key="mh-mei-lin-check-in",
        channel=Channel.IN_STORE,
        direction=OUT,
        at=cast.at(arrival, 23, 40),
        summary="Late check-in; welcomed them for their anniversary",
        staff=ella,
        store=york,
        team=cast.teams["york-front-desk"],
        journey=journey,
    )
    cast.contact(
        mei_lin,
        key="mh-mei-lin-whatsapp-3",
        channel=Channel.WHATSAPP,
        direction=IN,
        at=cast.at(arrival, 23, 58),
        summary="The pillows in the room are feather ones",
        body="Sorry to message so late: the pillows in our room are feather ones. I did ask.",
        store=york,
        team=guests,
        journey=journey,
    )
    journey_update(
        journey=journey,
        actor=ella,
        where_it_stands="Checked in at 23:40; the feather-free pillows were not in the room",
    )
    return True


def isabelle_client_book(cast: Cast) -> bool:
    """Story 5: Isabelle's clients and what each agreed to, for the composer and the gate."""
    charlotte, henry, sofia = (
        cast.customer("charlotte.hale@example.com"),
        cast.customer("henry.adeyemi@example.com"),
        cast.customer("sofia.marchetti@example.com"),
    )
    isabelle, store = cast.staff["isabelle"], cast.stores["london-covent-garden"]
    stop, new = cast.contact(
        henry,
        key="hf-henry-stop",
        channel=Channel.SMS,
        direction=IN,
        at=cast.days_ago(12, 18, 40),
        summary="Replied STOP to a marketing text",
        body="STOP",
        store=store,
    )
    if not new:
        return False
    agreed = "Yes, please tell me about new arrivals by email and WhatsApp."
    for channel in (ConsentChannel.EMAIL, ConsentChannel.WHATSAPP):
        consent_record(
            customer=charlotte,
            channel=channel,
            purpose=Purpose.MARKETING,
            kind=ConsentEvent.Kind.GRANTED,
            evidence=Evidence(Source.IN_STORE, agreed, cast.days_ago(40, 15, 10)),
            actor=isabelle,
        )
    consent_record(
        customer=henry,
        channel=ConsentChannel.SMS,
        purpose=Purpose.MARKETING,
        kind=ConsentEvent.Kind.GRANTED,
        evidence=Evidence(
            Source.IN_STORE, "Text me when the new suits arrive.", cast.days_ago(60, 12, 5)
        ),
        actor=isabelle,
    )
    consent_keyword_apply(
        customer=henry, channel=ConsentChannel.SMS, text="STOP", at=stop.occurred_at
    )
    consent_record(
        customer=sofia,
        channel=ConsentChannel.EMAIL,
        purpose=Purpose.MARKETING,
        kind=ConsentEvent.Kind.SOFT_OPT_IN,
        evidence=Evidence(
            Source.PURCHASE,
            "Bought a camel cashmere coat at Covent Garden; told at the till she may opt out "
            "of our emails at any time, and every email says how.",
            cast.days_ago(21, 14, 30),
        ),
        actor=isabelle,
    )
    return True


# The stories each demo tells, in the order they are told.
STORIES: dict[str, tuple[Callable[[Cast], bool], ...]] = {
    "retail": (amara_virtual_styling, daniel_boots_exchange, rosa_raincoat, isabelle_client_book),
    "fitness": (jordan_family_membership,),
    "hospitality": (mei_lin_anniversary_stay,),
}
