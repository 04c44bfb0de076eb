"""The three demo organisations as plain data: who works where, the stories' customers,
and the vocabulary their generated customers are drawn from.

Names, contact points and preferences follow ../shared/SCENARIOS.md, so every part
of the product and every test tells the same stories. Phones are in Ofcom's drama
range (+44 7700 900xxx) and emails at example.com: they reach nobody.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Annual(NamedTuple):
    """A date that recurs every year; the demo stores its next occurrence after today."""

    month: int
    day: int


class Thread(NamedTuple):
    """A need generated customers bring, as it goes back and forth until it is met."""

    kind: str  # a kind of journey
    title: str
    wants: str
    # What the customer said, what we answered, what they said next, ...: a journey
    # tells the first few lines, so one left on the customer's line still awaits a reply.
    lines: tuple[str, ...]
    next_step: str


@dataclass(frozen=True)
class Catalogue:
    """What generated customers of one industry look like, and how often each part appears."""

    crm_prefix: str
    loyalty_prefix: str
    chance: dict[str, float]
    birth_years: tuple[int, int]
    # Size charts by wardrobe ("womenswear", "menswear"), then by category.
    sizes: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    size_notes: list[str] = field(default_factory=list)
    fits: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    budgets: list[tuple[int, int]] = field(default_factory=list)
    fitness_goals: list[str] = field(default_factory=list)
    dietary: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    occasions: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    # (language, time zone) of customers who live abroad; blank time zone means the brand's.
    abroad: list[tuple[str, str]] = field(default_factory=list)
    threads: list[Thread] = field(default_factory=list)


@dataclass(frozen=True)
class DemoOrganisation:
    organisation: dict[str, Any]
    staff_email_domain: str
    stores: list[dict[str, Any]]
    # Outward postcodes near each store, so generated customers live near their home store.
    postcode_areas: dict[str, list[str]]
    teams: list[dict[str, Any]]
    staff: list[dict[str, Any]]
    stories: list[dict[str, Any]]
    catalogue: Catalogue


def _staff(
    username: str,
    name: str,
    role: str,
    job_title: str,
    *,
    store: str | None = None,
    teams: tuple[str, ...] = (),
    manager: str = "",
) -> dict[str, Any]:
    first_name, last_name = name.split(" ", 1)
    return {
        "username": username,
        "first_name": first_name,
        "last_name": last_name,
        "role": role,
        "job_title": job_title,
        "home_store": store,
        "teams": teams,
        "manager": manager,
    }


def _team(code: str, name: str, kind: str, *, store: str = "", manager: str) -> dict[str, Any]:
    """A team; its manager hears about the overdue follow-ups in its queue."""
    return {"code": code, "name": name, "kind": kind, "store": store, "manager": manager}


HARLOW_AND_FINCH = DemoOrganisation(
    organisation={
        "name": "Harlow & Finch",
        "industry": "retail",
        "time_zone": "Europe/London",
        "phone_region": "GB",
        "language": "en-GB",
        "voice_guidelines": (
            "Warm, polished, no slang. At most one emoji on social and WhatsApp, never in "
            "email. Use the customer's preferred name and sign off with your own first name."
        ),
        "emoji_limit_messaging": 1,
        "emoji_in_email": False,
    },
    staff_email_domain="harlowfinch.example.com",
    stores=[
        {
            "code": "london-covent-garden",
            "name": "London Covent Garden",
            "address_line1": "27 James Street",
            "city": "London",
            "postcode": "WC2E 8PA",
        },
        {
            "code": "manchester-king-street",
            "name": "Manchester King Street",
            "address_line1": "38 King Street",
            "city": "Manchester",
            "postcode": "M2 4LY",
        },
        {
            "code": "leeds-briggate",
            "name": "Leeds Briggate",
            "address_line1": "94 Briggate",
            "city": "Leeds",
            "postcode": "LS1 6NP",
        },
    ],
    postcode_areas={
        "london-covent-garden": ["WC2E", "WC2H", "N1", "NW3", "SE1", "SW11", "E8", "W11"],
        "manchester-king-street": ["M1", "M4", "M14", "M20", "M33", "SK4", "WA14"],
        "leeds-briggate": ["LS1", "LS6", "LS8", "LS17", "HG1", "BD9", "WF1"],
    },
    teams=[
        _team("contact-centre-leeds", "Leeds contact centre", "contact_centre", manager="ruth"),
        _team("social", "Social team", "contact_centre", manager="ruth"),
        _team(
            "covent-garden-store",
            "Covent Garden store team",
            "store",
            store="london-covent-garden",
            manager="oliver",
        ),
        _team(
            "manchester-store",
            "Manchester store team",
            "store",
            store="manchester-king-street",
            manager="hannah",
        ),
        _team("leeds-store", "Leeds store team", "store", store="leeds-briggate", manager="james"),
        _team("head-office", "Head office", "head_office", manager="claire"),
    ],
    staff=[
        _staff(
            "admin",
            "Nadia Khan",
            "admin",
            "Systems administrator",
            teams=("head-office",),
            manager="claire",
        ),
        _staff(
            "priya",
            "Priya Shah",
            "agent",
            "Stylist",
            teams=("contact-centre-leeds",),
            manager="ruth",
        ),
        _staff(
            "chloe",
            "Chloe Evans",
            "agent",
            "Customer care agent",
            teams=("contact-centre-leeds",),
            manager="ruth",
        ),
        _staff(
            "ruth",
            "Ruth Okafor",
            "manager",
            "Contact centre manager",
            teams=("contact-centre-leeds", "social"),
            manager="claire",
        ),
        _staff(
            "ellie", "Ellie Ward", "agent", "Social media agent", teams=("social",), manager="ruth"
        ),
        _staff(
            "isabelle",
            "Isabelle Laurent",
            "associate",
            "Client advisor",
            store="london-covent-garden",
            teams=("covent-garden-store",),
            manager="oliver",
        ),
        _staff(
            "oliver",
            "Oliver Grant",
            "manager",
            "Store manager",
            store="london-covent-garden",
            teams=("covent-garden-store",),
            manager="claire",
        ),
        _staff(
            "tom",
            "Tom Reilly",
            "associate",
            "Sales associate",
            store="manchester-king-street",
            teams=("manchester-store",),
            manager="hannah",
        ),
        _staff(
            "hannah",
            "Hannah Price",
            "manager",
            "Store manager",
            store="manchester-king-street",
            teams=("manchester-store",),
            manager="claire",
        ),
        _staff(
            "marcus",
            "Marcus Bell",
            "associate",
            "Sales associate",
            store="leeds-briggate",
            teams=("leeds-store",),
            manager="james",
        ),
        _staff(
            "james",
            "James Whitaker",
            "manager",
            "Store manager",
            store="leeds-briggate",
            teams=("leeds-store",),
            manager="claire",
        ),
        _staff(
            "claire",
            "Claire Ashworth",
            "manager",
            "Head of customer experience",
            teams=("head-office",),
        ),
        _staff(
            "grace",
            "Grace Pym",
            "coach",
            "Learning and development coach",
            teams=("head-office",),
            manager="claire",
        ),
        _staff(
            "david",
            "David Lowe",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
            manager="claire",
        ),
    ],
    stories=[
        {
            "profile": {
                "given_name": "Amara",
                "family_name": "Osei",
                "home_store": "manchester-king-street",
                "preferences": {
                    "sizes": [
                        {"category": "Dresses", "size": "UK 12", "note": "10 in some brands"}
                    ],
                    "fits": ["tailored"],
                    "colours": ["emerald", "navy"],
                    "budget": {"minimum": 300, "maximum": 500, "currency": "GBP"},
                    "important_dates": [{"label": "Sister's wedding", "date": Annual(3, 14)}],
                    "preferred_channel": "whatsapp",
                },
                "tags": ["virtual styling", "occasionwear"],
            },
            "contact_points": [("email", "amara.osei@example.com"), ("phone", "+44 7700 900101")],
        },
        {
            "profile": {
                "given_name": "Daniel",
                "family_name": "Novak",
                "home_store": "leeds-briggate",
                "preferences": {
                    "sizes": [{"category": "Boots", "size": "EU 43"}],
                    "colours": ["tan", "black"],
                    "preferred_channel": "chat",
                },
                "tags": ["online first"],
            },
            # Story 4: the store finds his chat journey from the order number.
            "contact_points": [("email", "daniel.novak@example.com"), ("order", "HF-100482")],
        },
        {
            "profile": {
                "given_name": "Charlotte",
                "family_name": "Hale",
                "home_store": "london-covent-garden",
                "advisor": "isabelle",
                "preferences": {
                    "sizes": [{"category": "Dresses", "size": "UK 10"}],
                    "colours": ["ivory", "black"],
                    "budget": {"minimum": 1000, "maximum": 3000, "currency": "GBP"},
                    "preferred_channel": "whatsapp",
                },
                "tags": ["vip", "client book"],
            },
            "contact_points": [
                ("email", "charlotte.hale@example.com"),
                ("phone", "+44 7700 900111"),
            ],
        },
        {
            "profile": {
                "given_name": "Henry",
                "family_name": "Adeyemi",
                "home_store": "london-covent-garden",
                "advisor": "isabelle",
                "preferences": {
                    "sizes": [
                        {"category": "Suits", "size": "40R"},
                        {"category": "Shirts", "size": "Collar 16"},
                    ],
                    "fits": ["slim"],
                    "colours": ["charcoal", "navy"],
                    "budget": {"minimum": 800, "maximum": 2000, "currency": "GBP"},
                    "preferred_channel": "email",
                },
                "tags": ["vip", "client book", "menswear"],
            },
            "contact_points": [
                ("email", "henry.adeyemi@example.com"),
                ("phone", "+44 7700 900112"),
            ],
        },
        {
            "profile": {
                "given_name": "Sofia",
                "family_name": "Marchetti",
                "home_store": "london-covent-garden",
                "advisor": "isabelle",
                "preferences": {
                    "sizes": [
                        {"category": "Knitwear", "size": "S"},
                        {"category": "Shoes", "size": "EU 38"},
                    ],
                    "colours": ["camel", "cream"],
                    "budget": {"minimum": 500, "maximum": 1500, "currency": "GBP"},
                    "preferred_channel": "email",
                },
                "tags": ["client book"],
            },
            "contact_points": [
                ("email", "sofia.marchetti@example.com"),
                ("phone", "+44 7700 900113"),
            ],
        },
        {
            "profile": {
                "given_name": "Rosa",
                "family_name": "Alvarez",
                "home_store": "london-covent-garden",
                "preferences": {
                    "sizes": [{"category": "Coats", "size": "UK 10"}],
                    "colours": ["red"],
                    "preferred_channel": "chat",
                },
                "tags": ["social", "outerwear"],
            },
            "contact_points": [("email", "rosa.alvarez@example.com"), ("x", "@rosa_alv")],
        },
    ],
    catalogue=Catalogue(
        crm_prefix="DEMO-HF",
        loyalty_prefix="HF",
        chance={
            "preferred_name": 0.12,
            "abroad": 0.04,
            "date_of_birth": 0.7,
            "home_store": 0.85,
            "advisor": 0.12,
            "email": 0.95,
            "phone": 0.6,
            "instagram": 0.2,
            "x": 0.08,
            "loyalty": 0.55,
            "sizes": 0.85,
            "fits": 0.5,
            "colours": 0.75,
            "budget": 0.6,
            "occasion": 0.25,
            "preferred_channel": 0.7,
        },
        birth_years=(1950, 2006),
        sizes={
            "womenswear": {
                "Dresses": ["UK 6", "UK 8", "UK 10", "UK 12", "UK 14", "UK 16", "UK 18"],
                "Tops": ["XS", "S", "M", "L", "XL"],
                "Jeans": ["UK 8", "UK 10", "UK 12", "UK 14", "UK 16"],
                "Shoes": ["UK 3", "UK 4", "UK 5", "UK 6", "UK 7", "UK 8"],
                "Boots": ["EU 36", "EU 37", "EU 38", "EU 39", "EU 40", "EU 41"],
                "Knitwear": ["XS", "S", "M", "L", "XL"],
                "Coats": ["UK 8", "UK 10", "UK 12", "UK 14", "UK 16"],
            },
            "menswear": {
                "Shirts": ["Collar 15", "Collar 15.5", "Collar 16", "Collar 16.5", "Collar 17"],
                "Suits": ["36R", "38R", "40R", "40L", "42R", "44L"],
                "Jeans": ["W30 L32", "W32 L32", "W34 L32", "W34 L34", "W36 L34"],
                "Shoes": ["UK 7", "UK 8", "UK 9", "UK 10", "UK 11", "UK 12"],
                "Boots": ["EU 41", "EU 42", "EU 43", "EU 44", "EU 45", "EU 46"],
                "Knitwear": ["S", "M", "L", "XL", "XXL"],
                "Coats": ["36", "38", "40", "42", "44"],
            },
        },
        size_notes=["one size down in some brands", "between sizes", "prefers a longer length"],
        fits=["tailored", "relaxed", "slim", "regular", "oversized", "cropped", "petite", "tall"],
        colours=[
            "black",
            "navy",
            "camel",
            "ivory",
            "emerald",
            "burgundy",
            "forest green",
            "charcoal",
            "blush pink",
            "cobalt",
            "rust",
            "olive",
            "cream",
            "red",
        ],
        budgets=[(50, 150), (100, 250), (150, 300), (300, 500), (500, 1000), (1000, 2500)],
        occasions=[
            "Wedding anniversary",
            "Graduation",
            "Wedding guest",
            "Holiday",
            "Black-tie gala",
            "Partner's birthday",
            "New job",
        ],
        channels=["email", "whatsapp", "phone", "in_store", "chat", "sms", "instagram"],
        tags=[
            "vip",
            "client book",
            "online first",
            "click and collect",
            "occasionwear",
            "new customer",
            "lapsed",
            "gift buyer",
            "outerwear",
        ],
        abroad=[("fr", "Europe/Paris"), ("it", "Europe/Rome"), ("en-US", "America/New_York")],
        threads=[
            Thread(
                "product_enquiry",
                "Camel wool coat back in stock",
                "The camel wool coat in their size, which sold out online",
                (
                    "Asked when the camel wool coat is back in their size",
                    "Said the next delivery is due and offered to reserve one",
                    "Asked to reserve one",
                    "Reserved one for collection in store",
                ),
                "Call when the reserved camel coat arrives",
            ),
            Thread(
                "return",
                "Return of jeans bought online",
                "To return jeans bought online that are too long",
                (
                    "Jeans bought online are too long; asked how to return them",
                    "Explained returns in store or by post and sent the returns code",
                    "Returned them at the till",
                    "Refunded to the original card",
                ),
                "Check the refund for the returned jeans has gone through",
            ),
            Thread(
                "order",
                "Delivery of an online order",
                "The online order that has not arrived",
                (
                    "Order has not arrived after five working days",
                    "Chased the courier and gave a new delivery date",
                    "Parcel arrived but one item is missing",
                    "Sent the missing item by next-day delivery",
                ),
                "Confirm the missing item was delivered",
            ),
            Thread(
                "styling",
                "A work wardrobe for a new job",
                "Help building a work wardrobe for a new job, within budget",
                (
                    "Wants help building a wardrobe for a new job",
                    "Booked a styling session and asked about sizes and budget",
                    "Sent photos of what they already wear",
                    "Shortlisted five pieces that go with what they have",
                ),
                "Send the shortlist of looks before the styling session",
            ),
            Thread(
                "general",
                "Alterations on a suit",
                "Trousers of a new suit taken up in time for an event",
                (
                    "Asked whether we can take up the trousers of a new suit",
                    "Booked the alterations with the in-store tailor",
                ),
                "Call when the alterations are ready to collect",
            ),
            Thread(
                "product_enquiry",
                "Gift for a partner's birthday",
                "A gift idea under £150 for a partner's birthday",
                (
                    "Looking for a birthday gift for a partner, under £150",
                    "Suggested a cashmere scarf and a leather card holder",
                    "Chose the scarf; asked for gift wrapping",
                    "Gift-wrapped and ready to collect",
                ),
                "Let them know the gift-wrapped scarf is ready to collect",
            ),
        ],
    ),
)


PULSE_FITNESS = DemoOrganisation(
    organisation={
        "name": "Pulse Fitness",
        "industry": "fitness",
        "time_zone": "Europe/London",
        "phone_region": "GB",
        "language": "en-GB",
        "voice_guidelines": (
            "Encouraging and plain-spoken, never pushy; no gym jargon. At most one emoji on "
            "social and WhatsApp, never in email."
        ),
        "emoji_limit_messaging": 1,
        "emoji_in_email": False,
    },
    staff_email_domain="pulsefitness.example.com",
    stores=[
        {
            "code": "bristol-harbourside",
            "name": "Pulse Bristol Harbourside",
            "address_line1": "Unit 4, Canon's Road",
            "city": "Bristol",
            "postcode": "BS1 5UH",
        },
        {
            "code": "bath",
            "name": "Pulse Bath",
            "address_line1": "12 James Street West",
            "city": "Bath",
            "postcode": "BA1 2BX",
        },
    ],
    postcode_areas={
        "bristol-harbourside": ["BS1", "BS3", "BS6", "BS7", "BS8", "BS16"],
        "bath": ["BA1", "BA2", "BA3", "BA15"],
    },
    teams=[
        _team("sales", "Membership sales", "sales", manager="gemma"),
        _team(
            "bristol-front-desk",
            "Bristol front desk",
            "front_desk",
            store="bristol-harbourside",
            manager="zoe",
        ),
        _team("bath-front-desk", "Bath front desk", "front_desk", store="bath", manager="nathan"),
        _team("head-office", "Head office", "head_office", manager="dan"),
    ],
    staff=[
        _staff(
            "admin",
            "Ben Hollis",
            "admin",
            "Systems administrator",
            teams=("head-office",),
            manager="dan",
        ),
        _staff(
            "gemma",
            "Gemma Hart",
            "manager",
            "Head of membership sales",
            teams=("sales",),
            manager="dan",
        ),
        _staff(
            "sam", "Sam Carter", "agent", "Membership consultant", teams=("sales",), manager="gemma"
        ),
        _staff(
            "leah",
            "Leah Morgan",
            "associate",
            "Receptionist",
            store="bristol-harbourside",
            teams=("bristol-front-desk",),
            manager="zoe",
        ),
        _staff(
            "zoe",
            "Zoe Turner",
            "manager",
            "Club manager",
            store="bristol-harbourside",
            teams=("bristol-front-desk",),
            manager="dan",
        ),
        _staff(
            "kieran",
            "Kieran Walsh",
            "associate",
            "Receptionist",
            store="bath",
            teams=("bath-front-desk",),
            manager="nathan",
        ),
        _staff(
            "nathan",
            "Nathan Cole",
            "manager",
            "Club manager",
            store="bath",
            teams=("bath-front-desk",),
            manager="dan",
        ),
        _staff("dan", "Dan Fletcher", "manager", "Operations director", teams=("head-office",)),
        _staff(
            "lucy",
            "Lucy Barnes",
            "coach",
            "Learning and development coach",
            teams=("head-office",),
            manager="dan",
        ),
        _staff(
            "mark",
            "Mark Ellis",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
            manager="dan",
        ),
    ],
    stories=[
        {
            "profile": {
                "given_name": "Jordan",
                "family_name": "Blake",
                "home_store": "bristol-harbourside",
                "preferences": {
                    "fitness_goals": ["get fitter as a family", "kids' swimming and classes"],
                    "preferred_channel": "phone",
                },
                "tags": ["prospect", "family"],
            },
            "contact_points": [("email", "jordan.blake@example.com"), ("phone", "+44 7700 900202")],
        },
    ],
    catalogue=Catalogue(
        crm_prefix="DEMO-PF",
        loyalty_prefix="PF",
        chance={
            "preferred_name": 0.12,
            "abroad": 0.02,
            "date_of_birth": 0.9,
            "home_store": 0.95,
            "advisor": 0.1,
            "email": 0.97,
            "phone": 0.7,
            "instagram": 0.15,
            "x": 0.05,
            "loyalty": 0.8,
            "fitness_goals": 0.85,
            "dietary": 0.15,
            "accessibility": 0.05,
            "occasion": 0.2,
            "preferred_channel": 0.7,
        },
        birth_years=(1955, 2007),
        fitness_goals=[
            "lose weight",
            "build strength",
            "run a half marathon",
            "improve flexibility",
            "get back into swimming",
            "train for a triathlon",
            "rebuild after a knee injury",
            "stay active in retirement",
            "reduce stress",
            "learn to lift safely",
            "family fitness",
            "build core strength",
        ],
        dietary=["vegetarian", "vegan", "high protein", "gluten-free"],
        accessibility=["step-free access", "hearing loop", "accessible changing room"],
        occasions=["Membership renewal", "Race day", "Wedding", "Holiday"],
        channels=["app", "email", "phone", "whatsapp", "sms", "in_store"],
        tags=[
            "member",
            "prospect",
            "family",
            "personal training",
            "lapsed",
            "student",
            "corporate",
            "off-peak",
            "swimmer",
            "classes",
        ],
        abroad=[("pl", "Europe/Warsaw"), ("es", "Europe/Madrid")],
        threads=[
            Thread(
                "membership",
                "Switching to an off-peak membership",
                "To move to the off-peak membership from next month",
                (
                    "Asked to switch to off-peak to save money",
                    "Explained off-peak hours and the change date",
                    "Confirmed the switch",
                    "Switched from the first of next month",
                ),
                "Confirm the off-peak switch on the next statement",
            ),
            Thread(
                "membership",
                "Freezing a membership while travelling",
                "To freeze the membership for six weeks while travelling",
                (
                    "Asked to freeze the membership while travelling for work",
                    "Explained freezes of up to three months and the form",
                    "Sent the completed form",
                    "Froze the membership; restarts automatically",
                ),
                "Check the membership restarts after the freeze",
            ),
            Thread(
                "general",
                "Personal training taster session",
                "A taster session with a personal trainer",
                (
                    "Asked about trying a personal trainer",
                    "Offered a free taster session and asked about goals",
                    "Chose Thursday evening",
                    "Booked the taster with a trainer",
                ),
                "Ask how the taster session went and offer a block of sessions",
            ),
            Thread(
                "service_recovery",
                "Broken locker in the changing room",
                "The broken locker fixed, and the lost class refunded",
                (
                    "A locker jammed and they missed a class",
                    "Apologised, reported the locker and refunded the class",
                ),
                "Confirm the locker has been repaired",
            ),
            Thread(
                "membership",
                "Corporate membership through an employer",
                "To join through the employer's corporate scheme",
                (
                    "Asked whether their employer is in the corporate scheme",
                    "Checked: it is; sent the joining link and the discount",
                ),
                "Check they have joined through the corporate link",
            ),
        ],
    ),
)


MARLOW_HOTELS = DemoOrganisation(
    organisation={
        "name": "Marlow Hotels",
        "industry": "hospitality",
        "time_zone": "Europe/London",
        "phone_region": "GB",
        "language": "en-GB",
        "voice_guidelines": (
            "Gracious, calm and discreet. Apologise plainly when we fall short and say what we "
            "will do. At most one emoji on social and WhatsApp, never in email."
        ),
        "emoji_limit_messaging": 1,
        "emoji_in_email": False,
    },
    staff_email_domain="marlowhotels.example.com",
    stores=[
        {
            "code": "marlow-edinburgh",
            "name": "The Marlow Edinburgh",
            "address_line1": "21 Queen Street",
            "city": "Edinburgh",
            "postcode": "EH2 1JX",
        },
        {
            "code": "marlow-york",
            "name": "The Marlow York",
            "address_line1": "9 Blake Street",
            "city": "York",
            "postcode": "YO1 8QJ",
        },
    ],
    postcode_areas={
        "marlow-edinburgh": ["EH1", "EH3", "EH10", "G12", "AB10", "NE1", "SW3"],
        "marlow-york": ["YO1", "YO10", "LS8", "HG2", "S10", "NW1", "M20"],
    },
    teams=[
        _team("guest-messaging", "Guest messaging", "contact_centre", manager="imogen"),
        _team(
            "edinburgh-front-desk",
            "Edinburgh front desk",
            "front_desk",
            store="marlow-edinburgh",
            manager="fiona",
        ),
        _team(
            "york-front-desk", "York front desk", "front_desk", store="marlow-york", manager="owen"
        ),
        _team("head-office", "Head office", "head_office", manager="catherine"),
    ],
    staff=[
        _staff(
            "admin",
            "Rachel Moore",
            "admin",
            "Systems administrator",
            teams=("head-office",),
            manager="catherine",
        ),
        _staff(
            "imogen",
            "Imogen Reid",
            "manager",
            "Guest experience manager",
            teams=("guest-messaging",),
            manager="catherine",
        ),
        _staff(
            "aisha",
            "Aisha Rahman",
            "agent",
            "Guest messaging agent",
            teams=("guest-messaging",),
            manager="imogen",
        ),
        _staff(
            "callum",
            "Callum Fraser",
            "associate",
            "Front desk",
            store="marlow-edinburgh",
            teams=("edinburgh-front-desk",),
            manager="fiona",
        ),
        _staff(
            "fiona",
            "Fiona Campbell",
            "manager",
            "Duty manager",
            store="marlow-edinburgh",
            teams=("edinburgh-front-desk",),
            manager="catherine",
        ),
        _staff(
            "ella",
            "Ella Brooks",
            "associate",
            "Front desk",
            store="marlow-york",
            teams=("york-front-desk",),
            manager="owen",
        ),
        _staff(
            "owen",
            "Owen Hughes",
            "manager",
            "Duty manager",
            store="marlow-york",
            teams=("york-front-desk",),
            manager="catherine",
        ),
        _staff(
            "catherine",
            "Catherine Marsh",
            "manager",
            "Director of operations",
            teams=("head-office",),
        ),
        _staff(
            "peter",
            "Peter Quinn",
            "coach",
            "Learning and development coach",
            teams=("head-office",),
            manager="catherine",
        ),
        _staff(
            "helen",
            "Helen Shaw",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
            manager="catherine",
        ),
    ],
    stories=[
        {
            "profile": {
                "given_name": "Mei Lin",
                "family_name": "Chen",
                "home_store": "marlow-york",
                "preferences": {
                    "accessibility": ["feather-free pillows (allergy)"],
                    "important_dates": [{"label": "Wedding anniversary", "date": Annual(12, 12)}],
                    "preferred_channel": "whatsapp",
                },
                "tags": ["anniversary"],
            },
            "contact_points": [("phone", "+44 7700 900303"), ("email", "mei.lin.chen@example.com")],
        },
    ],
    catalogue=Catalogue(
        crm_prefix="DEMO-MH",
        loyalty_prefix="MH",
        chance={
            "preferred_name": 0.1,
            "abroad": 0.2,
            "date_of_birth": 0.5,
            "home_store": 0.9,
            "advisor": 0.05,
            "email": 0.98,
            "phone": 0.6,
            "instagram": 0.1,
            "x": 0.04,
            "loyalty": 0.45,
            "dietary": 0.3,
            "accessibility": 0.15,
            "occasion": 0.35,
            "preferred_channel": 0.7,
        },
        birth_years=(1945, 2002),
        dietary=[
            "vegetarian",
            "vegan",
            "gluten-free",
            "nut allergy",
            "halal",
            "kosher",
            "lactose-free",
            "pescatarian",
        ],
        accessibility=[
            "step-free access",
            "ground-floor room",
            "hearing loop",
            "walk-in shower",
            "feather-free pillows (allergy)",
            "quiet room away from the lift",
        ],
        occasions=["Wedding anniversary", "Birthday", "Honeymoon", "Graduation", "Conference"],
        channels=["email", "whatsapp", "phone", "sms", "in_store"],
        tags=[
            "returning guest",
            "business",
            "leisure",
            "loyalty gold",
            "loyalty silver",
            "wedding party",
            "spa",
            "festival",
            "golf",
        ],
        abroad=[
            ("en-US", "America/New_York"),
            ("fr", "Europe/Paris"),
            ("de", "Europe/Berlin"),
            ("zh-Hans", "Asia/Shanghai"),
            ("ja", "Asia/Tokyo"),
            ("es", "Europe/Madrid"),
        ],
        threads=[
            Thread(
                "stay",
                "Weekend stay with an early check-in",
                "An early check-in for a weekend stay",
                (
                    "Asked whether an early check-in is possible on Friday",
                    "Noted the request; the room will be ready from noon if possible",
                    "Asked about parking",
                    "Reserved a parking space",
                ),
                "Confirm the early check-in on the morning of arrival",
            ),
            Thread(
                "stay",
                "Business stay invoiced to the company",
                "The invoice for a business stay sent to the company",
                (
                    "Asked for the invoice to go to their company",
                    "Took the company details and confirmed",
                    "The invoice has the wrong company address",
                    "Sent a corrected invoice",
                ),
                "Check the company has received the corrected invoice",
            ),
            Thread(
                "general",
                "Birthday dinner in the restaurant",
                "A table for four and a birthday cake",
                (
                    "Asked for a table for four on Saturday and a birthday cake",
                    "Booked the table and ordered the cake",
                ),
                "Remind the restaurant about the birthday cake",
            ),
            Thread(
                "service_recovery",
                "Noise from a neighbouring room",
                "A quiet night after a noisy one",
                (
                    "Kept awake by noise from a neighbouring room",
                    "Apologised, moved them to a quiet room and took off the night's rate",
                ),
                "Check the second night was quiet",
            ),
            Thread(
                "general",
                "A scarf left in the room",
                "The scarf left in the room posted home",
                (
                    "Left a scarf in the room after checking out",
                    "Found it in lost property and asked for an address",
                    "Sent the address",
                    "Posted it by tracked delivery",
                ),
                "Confirm the scarf arrived",
            ),
        ],
    ),
)


DEMOS = {
    "retail": HARLOW_AND_FINCH,
    "fitness": PULSE_FITNESS,
    "hospitality": MARLOW_HOTELS,
}
