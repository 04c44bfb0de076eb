"""Each demo's knowledge base, written from the practices the seeds describe: the single
narrative for returns, the virtual-appointment script, handover notes as a service skill,
the same warmth in every channel, consent before outreach, and service recovery (apologise,
offer options, record the choice so the next shift can continue)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, replace

from everthread.demo.cast import Cast
from everthread.knowledge.models import Article
from everthread.knowledge.services import ArticleDraft, article_create, article_publish


@dataclass(frozen=True)
class DemoArticle:
    title: str
    kind: str
    owner: str  # username
    summary: str
    body: str
    checklist: tuple[str, ...] = ()
    journey_kinds: tuple[str, ...] = ()
    # Days from today to the review date; negative is already past review.
    review_in_days: int = 120
    published: bool = True


HANDOVER_NOTES = DemoArticle(
    title="Handover notes: write for the next colleague",
    kind=Article.Kind.PLAYBOOK,
    owner="grace",
    summary="What the customer wants, what was promised, what was tried, the next step.",
    body=(
        "A handover note is part of the customer's experience: the next colleague reads it "
        "so the customer never has to repeat themselves.\n\n"
        "Write four things, concisely and factually: what the customer wants; what has been "
        "promised, and by whom; what has already been tried; and the agreed next step, with "
        "the colleague or team who owns it and when it is due.\n\n"
        "A good note: \"Wants the emerald wrap dress in 12 for her sister's wedding on 14 "
        "March. Promised: held at Manchester until Saturday. Tried: the 10, too snug on the "
        'shoulders. Next: Tom Reilly, Manchester, Saturday 10:00, fitting."\n\n'
        'A poor note: "Customer called about dress, will come in." The next colleague has '
        "to ask everything again.\n\n"
        "Keep notes respectful: record what the customer said, not assumptions about health, "
        "money or family. Never write card numbers, security codes or passwords."
    ),
    journey_kinds=("styling", "general", "product_enquiry"),
)

RETAIL = [
    DemoArticle(
        title="Returns and exchanges: one story, told once",
        kind=Article.Kind.RETURNS,
        owner="james",
        summary="Find the journey from the order number; offer the exchange before a refund.",
        body=(
            "Customers may return unworn items with their labels within 28 days, whichever "
            "channel they bought in: in store, online, by phone or click-and-collect. The "
            "order number is proof of purchase; so is the customer's email or phone, which "
            "finds the order.\n\n"
            "The single narrative: the first colleague (often the chat agent) captures the "
            "order, the item, the reason and what the customer wants in the handover note. "
            "Whoever completes the return reads it first and confirms it back in one "
            'sentence - "You\'d like to swap the boots for a 43, is that right?" - instead '
            "of asking the customer to tell the story again.\n\n"
            "Offer an exchange before a refund: check this store's stock, then the endless "
            "aisle to deliver or collect. Refunds go back to the original payment method.\n\n"
            "Empathy first: \"I'm sorry they didn't fit - let's get that sorted for you "
            'today."'
        ),
        checklist=(
            "Find the journey from the order number, phone or email before asking anything",
            "Read the first colleague's note: order, item, reason, what was promised",
            "Confirm the facts back in one sentence instead of asking again",
            "Check the item is unworn, with labels, within 28 days",
            "Offer the exchange size first: this store, then the endless aisle",
            "Record the outcome on the journey, or hand over with an owner and due date",
        ),
        journey_kinds=("return", "order"),
    ),
    DemoArticle(
        title="Service recovery: apologise, offer options, record the choice",
        kind=Article.Kind.SERVICE_RECOVERY,
        owner="claire",
        summary="When we missed something: the apology, the options you may offer, the record.",
        body=(
            "When a promise was missed - a hold released early, a delivery late, a call not "
            "returned - recover it yourself, now, without passing the customer on.\n\n"
            "Apologise first, plainly and without excuses. Say in one sentence what went "
            "wrong. Then offer options you may give without asking a manager: free delivery "
            "or collection of the replacement; a free alteration; priority on the next "
            "fitting appointment; a goodwill gift card up to £20. Above that, call the store "
            "manager on duty.\n\n"
            "Record what the customer chose, who will do it and by when, so the next "
            "colleague or shift can continue the resolution. Follow up within a day to check "
            "it was put right."
        ),
        checklist=(
            "Apologise first, without excuses",
            "Say what went wrong in one plain sentence",
            "Offer the options you may give; ask the manager on duty above £20",
            "Record what the customer chose, with an owner and a due time",
            "Follow up within a day to check it was put right",
        ),
        journey_kinds=("service_recovery", "order", "return"),
    ),
    DemoArticle(
        title="Virtual styling appointment script",
        kind=Article.Kind.PLAYBOOK,
        owner="grace",
        summary="Discovery questions, three looks, and a handover the store can pick up.",
        body=(
            "Before the call, read the customer's page: past purchases, sizes by brand, "
            "preferences and any open promises.\n\n"
            'Open warmly and acknowledge what you know ("Lovely to see you again - last time '
            'we found the navy blazer"). Ask the discovery questions: the occasion and its '
            "date; sizes, by brand where they differ; fit; colours they love and avoid; "
            "budget.\n\nPull three looks within budget, show them on the call, and note what "
            "they liked and what they tried. Close by summarising what was agreed and what "
            "happens next: which store holds what, until when, and who will look after them."
        ),
        checklist=(
            "Greet by name and acknowledge their history",
            "Ask the occasion and its date",
            "Confirm sizes by brand, fit and colours",
            "Agree the budget",
            "Show three looks and note what they liked",
            "Summarise what was agreed and what happens next",
            "Write the handover note with the next step's owner and due time",
        ),
        journey_kinds=("styling",),
    ),
    HANDOVER_NOTES,
    DemoArticle(
        title="The same warmth in every channel",
        kind=Article.Kind.ETIQUETTE,
        owner="ruth",
        summary="Chat, social, WhatsApp and email: one voice, adapted to the channel.",
        body=(
            "A customer who moves from X to live chat should meet the same person. On social "
            'our answers are warm ("Cute - love the toggles!"); chat must not suddenly '
            'turn dry. "Length: 98 cm." is accurate and cold; "It falls just below the '
            'knee, so it will keep your legs dry" answers the real question.\n\n'
            "Read the thread so far before replying and acknowledge it. Greet, confirm the "
            "need, answer, summarise what happens next, and close the loop.\n\n"
            "Brand voice: warm, polished, no slang. At most one emoji on social and WhatsApp, "
            "never in email. When you need a colleague's eyes - how a coat falls, how a "
            "colour looks in daylight - ask the store team and say you are doing so."
        ),
        journey_kinds=("product_enquiry",),
    ),
    DemoArticle(
        title="Consent before outreach",
        kind=Article.Kind.PRIVACY,
        owner="david",
        summary="Service messages versus marketing; which channels; opt-outs and quiet hours.",
        body=(
            "Service messages - your order is ready, your appointment is confirmed - need a "
            "service reason. Marketing - new arrivals, invitations - needs the customer's "
            "consent for that channel, or a soft opt-in from a purchase for email only.\n\n"
            "The composer shows who may be contacted, on which channel and why not. Never "
            "work around it: a customer who replied STOP to SMS has withdrawn SMS marketing, "
            "even if they still buy in store. Messages written in quiet hours wait for the "
            "morning in the customer's time zone.\n\n"
            "Offer value, not volume: new arrivals related to past purchases, care advice, an "
            "appointment. Avoid sensitive assumptions (health, money, family) and overly "
            "familiar messaging."
        ),
        journey_kinds=("styling",),
    ),
    DemoArticle(
        title="Click-and-collect ready times",
        kind=Article.Kind.PRODUCT,
        owner="james",
        summary="When an order placed online is ready to collect in each store.",
        body=(
            "Orders placed before 14:00 are ready to collect in Leeds, Manchester and Covent "
            "Garden from 10:00 the next day; the customer is sent a service message when it "
            "is. Items are kept for 7 days. Returns of collected items follow the usual "
            "returns rules."
        ),
        journey_kinds=("order",),
        review_in_days=-5,
    ),
    DemoArticle(
        title="Red toggle raincoat: fit and length",
        kind=Article.Kind.PRODUCT,
        owner="oliver",
        summary="It falls just below the knee; true to size; room for a jumper.",
        body=(
            "The red toggle raincoat falls just below the knee on most customers (98 cm from "
            "the shoulder), so it keeps legs dry in the rain. True to size with room for a "
            "knitted jumper underneath; size down for a neater fit. Fully waterproof with "
            "taped seams; the toggles are horn-effect."
        ),
        journey_kinds=("product_enquiry",),
    ),
]

FITNESS = [
    DemoArticle(
        title="Membership enquiries: web form to call to club visit",
        kind=Article.Kind.PLAYBOOK,
        owner="lucy",
        summary="Keep the conversation personal without being intrusive, in every channel.",
        body=(
            "A prospect may send a web form, take a call from sales, then walk into the club. "
            "Each colleague continues from the last: read the notes and do not ask the same "
            "questions again.\n\nOn the call, listen for the objection (price, time, "
            "children) and log it with the next step and who owns it - often the club's "
            "front desk queue. At the visit, greet them by name and start from what they "
            'told us: "You mentioned the kids\' classes - let me show you those first."'
        ),
        checklist=(
            "Read the enquiry and any call notes before speaking",
            "Log the objection in the customer's words",
            "Agree the next step, its owner and when",
            "At the visit, start from what they already told us",
        ),
        journey_kinds=("membership",),
    ),
    DemoArticle(
        title="Family pass and kids' classes",
        kind=Article.Kind.PRODUCT,
        owner="gemma",
        summary="Two adults and up to three children; kids' classes at weekends.",
        body=(
            "The family pass covers two adults and up to three children aged 8 to 15, with "
            "kids' swimming and climbing classes on Saturday and Sunday mornings. Children "
            "under 12 are supervised in classes; a parent stays in the club."
        ),
        journey_kinds=("membership",),
    ),
    replace(HANDOVER_NOTES, owner="lucy"),
]

HOSPITALITY = [
    DemoArticle(
        title="Pre-arrival requests: acknowledge, confirm, pass on",
        kind=Article.Kind.PLAYBOOK,
        owner="peter",
        summary="Every request a guest sends before arrival reaches the front desk, owned.",
        body=(
            "Acknowledge every pre-arrival message the same day, confirm the details back "
            '("A late check-in around 23:30 and feather-free pillows - noted"), and pass '
            "each request to the front desk of the hotel as a follow-up with an owner and a "
            "due time before arrival. Allergies are service needs: record them as such, "
            "never as a guess about health."
        ),
        checklist=(
            "Acknowledge the message the same day",
            "Confirm each request back in the guest's words",
            "Pass each request to the front desk with an owner and due time",
            "Record allergies as service needs",
        ),
        journey_kinds=("stay",),
    ),
    DemoArticle(
        title="Service recovery when a request was missed",
        kind=Article.Kind.SERVICE_RECOVERY,
        owner="catherine",
        summary="Apologise, offer options, record the choice so the next shift continues.",
        body=(
            "When a request was missed, the duty manager apologises in person or by the "
            "guest's channel, without excuses, and offers options: a room move, breakfast on "
            "the house, or a late check-out. Record what the guest chose and who will do it, "
            "so the next shift sees the resolution and does not apologise again from "
            "scratch."
        ),
        checklist=(
            "Apologise without excuses",
            "Offer options: room move, breakfast on the house, late check-out",
            "Record what the guest chose and who does it",
            "Tell the next shift in a handover note",
        ),
        journey_kinds=("stay", "service_recovery"),
    ),
    replace(HANDOVER_NOTES, owner="peter"),
]

KNOWLEDGE: dict[str, list[DemoArticle]] = {
    "retail": RETAIL,
    "fitness": FITNESS,
    "hospitality": HOSPITALITY,
}


def knowledge_load(cast: Cast, industry: str) -> Iterator[bool]:
    """Write and publish each article unless one of its title exists; yields created."""
    for item in KNOWLEDGE[industry]:
        if Article.objects.filter(title=item.title).exists():
            yield False
            continue
        owner = cast.staff[item.owner]
        author = owner if owner.can("manage_knowledge") else cast.staff["admin"]
        article = article_create(
            actor=author,
            draft=ArticleDraft(
                title=item.title,
                body=item.body,
                kind=item.kind,
                summary=item.summary,
                checklist=item.checklist,
                owner=owner,
                review_by=cast.today + datetime.timedelta(days=item.review_in_days),
                journey_kinds=item.journey_kinds,
            ),
        )
        if item.published:
            article_publish(actor=author, article_id=article.pk)
        yield True
