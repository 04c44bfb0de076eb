"""The demo's bulletins and promotions calendar: a bulletin each organisation's staff must
acknowledge, and promotions live now, coming up and ended, among them the Instagram and X
offer Rosa Alvarez saw that the Harlow & Finch stores honour. Written through the
bulletins services, once: loading again keeps what is there (a manager's changes too)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from everthread.bulletins.models import Bulletin, Promotion
from everthread.bulletins.services import (
    Audience,
    BulletinDraft,
    PromotionDraft,
    bulletin_publish,
    promotion_save,
)
from everthread.demo.cast import Cast


@dataclass(frozen=True)
class DemoBulletin:
    author: str
    title: str
    body: str
    roles: tuple[str, ...] = ()
    teams: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    days_ago: int = 1
    acknowledgement_required: bool = True


@dataclass(frozen=True)
class DemoPromotion:
    author: str
    name: str
    description: str
    channels: tuple[str, ...]
    days: tuple[int, int]  # starts and ends, in days from the demo's now
    codes: tuple[str, ...] = ()
    eligibility: str = ""
    audience_notes: str = ""


BULLETINS: dict[str, tuple[DemoBulletin, ...]] = {
    "retail": (
        DemoBulletin(
            "claire",
            "Honour the rainy-days code in every channel",
            "Customers are quoting RAINYDAYS15 from our Instagram and X posts. Honour it in "
            "store, on the phone and in chat as well: 15% off full-price raincoats, one per "
            "customer. The promotions panel on the customer page has the details.",
            channels=("in_store", "chat", "phone"),
        ),
        DemoBulletin(
            "claire",
            "Returns: scan the order number first",
            "From today every return or exchange starts by scanning or typing the order "
            "number, so the journey and what a colleague promised come up before you ask the "
            "customer anything.",
            roles=("associate", "agent"),
            days_ago=3,
        ),
        DemoBulletin(
            "claire",
            "Late opening on Thursdays",
            "Covent Garden, Manchester and Leeds open until 20:00 on Thursdays this month.",
            acknowledgement_required=False,
            days_ago=5,
        ),
    ),
    "fitness": (
        DemoBulletin(
            "dan",
            "Family pass: kids' classes now on Saturdays too",
            "Tell families asking about the family pass that kids' classes now run on "
            "Saturday mornings at both clubs.",
            teams=("sales", "bristol-front-desk", "bath-front-desk"),
        ),
    ),
    "hospitality": (
        DemoBulletin(
            "catherine",
            "Allergy requests go on the room, not only the note",
            "Feather-free bedding and other allergy requests are set on the room before "
            "arrival and checked at turndown.",
            roles=("associate", "agent", "manager"),
        ),
    ),
}

PROMOTIONS: dict[str, tuple[DemoPromotion, ...]] = {
    "retail": (
        DemoPromotion(
            "claire",
            "Rainy days: 15% off raincoats",
            "Our social posts feature the red toggle raincoat and the rest of the rainwear.",
            channels=("instagram", "x"),
            days=(-3, 11),
            codes=("RAINYDAYS15",),
            eligibility="Full-price raincoats and rain jackets, one per customer; not with "
            "other offers. Honoured in every channel when the customer quotes the code or "
            "shows the post.",
            audience_notes="Customers such as Rosa Alvarez see it on Instagram or X and then "
            "come to chat or the store: honour it there too.",
        ),
        DemoPromotion(
            "claire",
            "Spring occasionwear preview",
            "Early access to the spring occasionwear edit for loyalty members.",
            channels=("email", "app"),
            days=(10, 17),
            eligibility="Loyalty members; by invitation email or the app.",
        ),
        DemoPromotion(
            "claire",
            "Winter sale",
            "Up to 40% off selected knitwear and boots.",
            channels=("in_store", "email", "app", "instagram"),
            days=(-30, -8),
            codes=("WINTER40",),
            eligibility="Marked items only.",
        ),
    ),
    "fitness": (
        DemoPromotion(
            "dan",
            "Bring a friend week",
            "Members bring a friend free for a week.",
            channels=("instagram", "messenger", "in_store"),
            days=(-2, 5),
            codes=("FRIENDWEEK",),
            eligibility="Current members; the friend must be 16 or over.",
        ),
    ),
    "hospitality": (
        DemoPromotion(
            "catherine",
            "Stay three nights, pay for two",
            "Midweek breaks at Edinburgh and York.",
            channels=("email", "instagram", "whatsapp"),
            days=(-5, 20),
            codes=("MIDWEEK3",),
            eligibility="Sunday to Thursday arrivals; direct bookings only.",
        ),
    ),
}


def bulletins_load(cast: Cast, industry: str) -> list[bool]:
    """Each bulletin and promotion, created (True) or already there (False)."""
    created = []
    for demo in BULLETINS.get(industry, ()):
        known = Bulletin.objects.filter(title=demo.title).exists()
        if not known:
            bulletin_publish(
                author=cast.staff[demo.author],
                draft=BulletinDraft(
                    title=demo.title,
                    body=demo.body,
                    audience=Audience(
                        roles=demo.roles,
                        teams=tuple(cast.teams[code] for code in demo.teams),
                        channels=demo.channels,
                    ),
                    publish_at=cast.now - datetime.timedelta(days=demo.days_ago),
                    acknowledgement_required=demo.acknowledgement_required,
                ),
            )
        created.append(not known)
    for offer in PROMOTIONS.get(industry, ()):
        known = Promotion.objects.filter(name=offer.name).exists()
        if not known:
            promotion_save(
                actor=cast.staff[offer.author],
                draft=PromotionDraft(
                    name=offer.name,
                    description=offer.description,
                    channels=offer.channels,
                    starts_at=cast.now + datetime.timedelta(days=offer.days[0]),
                    ends_at=cast.now + datetime.timedelta(days=offer.days[1]),
                    codes=offer.codes,
                    eligibility=offer.eligibility,
                    audience_notes=offer.audience_notes,
                ),
            )
        created.append(not known)
    return created
