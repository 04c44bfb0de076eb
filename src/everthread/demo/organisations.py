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
    }


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
        {"code": "contact-centre-leeds", "name": "Leeds contact centre", "kind": "contact_centre"},
        {"code": "social", "name": "Social team", "kind": "contact_centre"},
        {
            "code": "covent-garden-store",
            "name": "Covent Garden store team",
            "kind": "store",
            "store": "london-covent-garden",
        },
        {
            "code": "manchester-store",
            "name": "Manchester store team",
            "kind": "store",
            "store": "manchester-king-street",
        },
        {
            "code": "leeds-store",
            "name": "Leeds store team",
            "kind": "store",
            "store": "leeds-briggate",
        },
        {"code": "head-office", "name": "Head office", "kind": "head_office"},
    ],
    staff=[
        _staff("admin", "Nadia Khan", "admin", "Systems administrator", teams=("head-office",)),
        _staff("priya", "Priya Shah", "agent", "Stylist", teams=("contact-centre-leeds",)),
        _staff(
            "chloe", "Chloe Evans", "agent", "Customer care agent", teams=("contact-centre-leeds",)
        ),
        _staff(
            "ruth",
            "Ruth Okafor",
            "manager",
            "Contact centre manager",
            teams=("contact-centre-leeds", "social"),
        ),
        _staff("ellie", "Ellie Ward", "agent", "Social media agent", teams=("social",)),
        _staff(
            "isabelle",
            "Isabelle Laurent",
            "associate",
            "Client advisor",
            store="london-covent-garden",
            teams=("covent-garden-store",),
        ),
        _staff(
            "oliver",
            "Oliver Grant",
            "manager",
            "Store manager",
            store="london-covent-garden",
            teams=("covent-garden-store",),
        ),
        _staff(
            "tom",
            "Tom Reilly",
            "associate",
            "Sales associate",
            store="manchester-king-street",
            teams=("manchester-store",),
        ),
        _staff(
            "hannah",
            "Hannah Price",
            "manager",
            "Store manager",
            store="manchester-king-street",
            teams=("manchester-store",),
        ),
        _staff(
            "marcus",
            "Marcus Bell",
            "associate",
            "Sales associate",
            store="leeds-briggate",
            teams=("leeds-store",),
        ),
        _staff(
            "james",
            "James Whitaker",
            "manager",
            "Store manager",
            store="leeds-briggate",
            teams=("leeds-store",),
        ),
        _staff(
            "grace", "Grace Pym", "coach", "Learning and development coach", teams=("head-office",)
        ),
        _staff(
            "david",
            "David Lowe",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
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
        {"code": "sales", "name": "Membership sales", "kind": "sales"},
        {
            "code": "bristol-front-desk",
            "name": "Bristol front desk",
            "kind": "front_desk",
            "store": "bristol-harbourside",
        },
        {
            "code": "bath-front-desk",
            "name": "Bath front desk",
            "kind": "front_desk",
            "store": "bath",
        },
        {"code": "head-office", "name": "Head office", "kind": "head_office"},
    ],
    staff=[
        _staff("admin", "Ben Hollis", "admin", "Systems administrator", teams=("head-office",)),
        _staff("sam", "Sam Carter", "agent", "Membership consultant", teams=("sales",)),
        _staff(
            "leah",
            "Leah Morgan",
            "associate",
            "Receptionist",
            store="bristol-harbourside",
            teams=("bristol-front-desk",),
        ),
        _staff(
            "zoe",
            "Zoe Turner",
            "manager",
            "Club manager",
            store="bristol-harbourside",
            teams=("bristol-front-desk",),
        ),
        _staff(
            "kieran",
            "Kieran Walsh",
            "associate",
            "Receptionist",
            store="bath",
            teams=("bath-front-desk",),
        ),
        _staff(
            "nathan",
            "Nathan Cole",
            "manager",
            "Club manager",
            store="bath",
            teams=("bath-front-desk",),
        ),
        _staff(
            "lucy", "Lucy Barnes", "coach", "Learning and development coach", teams=("head-office",)
        ),
        _staff(
            "mark",
            "Mark Ellis",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
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
        {"code": "guest-messaging", "name": "Guest messaging", "kind": "contact_centre"},
        {
            "code": "edinburgh-front-desk",
            "name": "Edinburgh front desk",
            "kind": "front_desk",
            "store": "marlow-edinburgh",
        },
        {
            "code": "york-front-desk",
            "name": "York front desk",
            "kind": "front_desk",
            "store": "marlow-york",
        },
        {"code": "head-office", "name": "Head office", "kind": "head_office"},
    ],
    staff=[
        _staff("admin", "Rachel Moore", "admin", "Systems administrator", teams=("head-office",)),
        _staff(
            "aisha", "Aisha Rahman", "agent", "Guest messaging agent", teams=("guest-messaging",)
        ),
        _staff(
            "callum",
            "Callum Fraser",
            "associate",
            "Front desk",
            store="marlow-edinburgh",
            teams=("edinburgh-front-desk",),
        ),
        _staff(
            "fiona",
            "Fiona Campbell",
            "manager",
            "Duty manager",
            store="marlow-edinburgh",
            teams=("edinburgh-front-desk",),
        ),
        _staff(
            "ella",
            "Ella Brooks",
            "associate",
            "Front desk",
            store="marlow-york",
            teams=("york-front-desk",),
        ),
        _staff(
            "owen",
            "Owen Hughes",
            "manager",
            "Duty manager",
            store="marlow-york",
            teams=("york-front-desk",),
        ),
        _staff(
            "peter",
            "Peter Quinn",
            "coach",
            "Learning and development coach",
            teams=("head-office",),
        ),
        _staff(
            "helen",
            "Helen Shaw",
            "privacy_officer",
            "Data protection officer",
            teams=("head-office",),
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
    ),
)


DEMOS = {
    "retail": HARLOW_AND_FINCH,
    "fitness": PULSE_FITNESS,
    "hospitality": MARLOW_HOTELS,
}
