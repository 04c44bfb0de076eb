"""The demo's catalogue and stock, the orders, holds, saved items and return of its stories,
and this week's appointments, written through the commerce services and safe to load again."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from everthread.commerce.models import Appointment, Hold, Location, Order
from everthread.commerce.services import (
    CREATED,
    AppointmentDraft,
    OrderDraft,
    OrderLineDraft,
    ProductDraft,
    ReturnLineDraft,
    VariantDraft,
    appointment_book,
    hold_place,
    location_resolve,
    order_place,
    product_upsert,
    return_start,
    stock_set,
    wishlist_add,
)
from everthread.conversations.models import Journey
from everthread.core.models import Channel
from everthread.demo.cast import Cast

SATURDAY = 5


@dataclass(frozen=True)
class DemoProduct:
    style: str
    name: str
    description: str
    price: str
    colours: tuple[str, ...]
    sizes: tuple[str, ...]

    def sku(self, colour: str, size: str) -> str:
        parts = [self.style, colour[:3], size.replace("UK ", "").replace("EU ", "")]
        return "-".join(part.upper().replace(" ", "") for part in parts if part)


_UK = ("UK 8", "UK 10", "UK 12", "UK 14", "UK 16")
RAINCOAT = DemoProduct(
    "HF-RAIN-01",
    "Red toggle raincoat",
    "Fully waterproof, with a deep hood and toggle fastening; falls just below the knee.",
    "145.00",
    ("Red",),
    _UK,
)
WRAP_DRESS = DemoProduct(
    "HF-WRAP-12",
    "Wrap dress",
    "Silk-blend wrap dress with a tailored waist, for occasions.",
    "189.00",
    ("Emerald", "Navy"),
    _UK,
)
CHELSEA_BOOT = DemoProduct(
    "HF-BOOT-CH",
    "Chelsea boot",
    "Leather Chelsea boot with elastic sides and a stacked heel.",
    "179.00",
    ("Black",),
    ("EU 40", "EU 41", "EU 42", "EU 43", "EU 44", "EU 45"),
)
CASHMERE_COAT = DemoProduct(
    "HF-CASH-CO",
    "Cashmere coat",
    "Double-faced cashmere, single-breasted, to mid-calf.",
    "495.00",
    ("Camel",),
    _UK,
)
CATALOGUES: dict[str, tuple[DemoProduct, ...]] = {
    "retail": (
        RAINCOAT,
        WRAP_DRESS,
        CHELSEA_BOOT,
        CASHMERE_COAT,
        DemoProduct(
            "HF-LINEN-SU",
            "Linen suit jacket",
            "Unstructured linen jacket for summer weddings.",
            "260.00",
            ("Stone", "Navy"),
            ("36", "38", "40", "42", "44"),
        ),
        DemoProduct(
            "HF-SILK-SC",
            "Silk scarf",
            "Hand-rolled silk twill.",
            "65.00",
            ("Emerald", "Navy"),
            ("",),
        ),
    ),
    "fitness": (
        DemoProduct(
            "PF-TOWEL", "Pulse gym towel", "Quick-dry microfibre.", "12.00", ("Grey",), ("",)
        ),
        DemoProduct(
            "PF-BOTTLE",
            "Insulated bottle",
            "Keeps water cold for a whole class.",
            "18.00",
            ("Black", "White"),
            ("",),
        ),
        DemoProduct(
            "PF-LEGG",
            "Training leggings",
            "High-rise, squat-proof.",
            "38.00",
            ("Black",),
            ("XS", "S", "M", "L", "XL"),
        ),
    ),
    "hospitality": (
        DemoProduct(
            "MH-ROBE",
            "Marlow waffle robe",
            "The robe from your room.",
            "85.00",
            ("White",),
            ("S", "M", "L"),
        ),
        DemoProduct("MH-CANDLE", "Room fragrance candle", "Fig and cedar.", "32.00", ("",), ("",)),
    ),
}
# The stock the stories turn on; everything else gets a steady spread.
STORY_STOCK: dict[tuple[str, str], int] = {
    (RAINCOAT.sku("Red", "UK 10"), "london-covent-garden"): 3,
    (RAINCOAT.sku("Red", "UK 10"), "leeds-briggate"): 2,
    (RAINCOAT.sku("Red", "UK 10"), "manchester-king-street"): 0,
    (RAINCOAT.sku("Red", "UK 10"), "online"): 14,
    (WRAP_DRESS.sku("Emerald", "UK 12"), "manchester-king-street"): 1,
    (CHELSEA_BOOT.sku("Black", "EU 43"), "leeds-briggate"): 2,
}


def catalogue_load(cast: Cast, industry: str) -> list[bool]:
    """The industry's products and their stock in every store, the warehouse and online;
    True for each product this run created."""
    admin = cast.staff["admin"]
    places = [location_resolve(code) for code in (*cast.stores, "warehouse", "online")]
    created = []
    for n, product in enumerate(CATALOGUES.get(industry, ())):
        variants = [
            VariantDraft(sku=product.sku(colour, size), colour=colour, size=size)
            for colour in product.colours
            for size in product.sizes
        ]
        _, outcome = product_upsert(
            actor=admin,
            draft=ProductDraft(
                style_code=product.style,
                name=product.name,
                description=product.description,
                price=Decimal(product.price),
                currency="GBP",
                image_urls=[f"https://images.example.com/{product.style.lower()}.jpg"],
                variants=tuple(variants),
            ),
        )
        created.append(outcome == CREATED)
        for v, variant in enumerate(variants):
            for p, place in enumerate(places):
                count = STORY_STOCK.get((variant.sku, place.code), _spread(n, v, p, place))
                stock_set(actor=admin, sku=variant.sku, location=place.code, on_hand=count)
    return created


def _spread(product: int, variant: int, place: int, location: Location) -> int:
    if location.kind == Location.Kind.ONLINE:
        return 6 + (product * 5 + variant * 3) % 15
    if location.kind == Location.Kind.WAREHOUSE:
        return 12 + (product + variant) % 20
    return (product * 7 + variant * 3 + place * 5) % 5


def commerce_stories(cast: Cast) -> bool:
    """Daniel's order and the exchange Chloe starts in chat, Amara's dress held at
    Manchester until Saturday, Sofia's coat, the raincoat saved for Rosa. True if told now."""
    if Order.objects.filter(number="HF-100482").exists():
        return False
    _daniel_order_and_exchange(cast)
    amara = cast.customer("amara.osei@example.com")
    if not Hold.objects.filter(customer=amara).exists():
        hold_place(
            actor=cast.staff["priya"],
            customer=amara,
            sku=WRAP_DRESS.sku("Emerald", "UK 12"),
            location=location_resolve("manchester-king-street"),
            expires_at=cast.next_weekday(SATURDAY, 18),
        )
    order_place(
        actor=cast.staff["isabelle"],
        customer=cast.customer("sofia.marchetti@example.com"),
        draft=OrderDraft(
            channel=Order.Channel.STORE,
            fulfilment=Order.Fulfilment.TAKEN,
            store=cast.stores["london-covent-garden"],
            number="HF-099871",
            placed_at=cast.days_ago(21, 14, 30),
            status=Order.Status.COMPLETED,
            lines=(OrderLineDraft(sku=CASHMERE_COAT.sku("Camel", "UK 10")),),
        ),
    )
    wishlist_add(
        actor=cast.staff["chloe"],
        customer=cast.customer("rosa.alvarez@example.com"),
        sku=RAINCOAT.sku("Red", "UK 10"),
        source="saved_for_you",
        note="Asked on X and in chat whether it covers her legs; coats UK 10.",
        channel=Channel.CHAT,
    )
    return True


def _daniel_order_and_exchange(cast: Cast) -> None:
    daniel, chloe = cast.customer("daniel.novak@example.com"), cast.staff["chloe"]
    order = order_place(
        actor=chloe,
        customer=daniel,
        draft=OrderDraft(
            channel=Order.Channel.ONLINE,
            fulfilment=Order.Fulfilment.DELIVERY,
            delivery_address="12 Park Square, Leeds LS1 2NE",
            number="HF-100482",
            placed_at=cast.days_ago(12, 20, 15),
            status=Order.Status.COMPLETED,
            lines=(OrderLineDraft(sku=CHELSEA_BOOT.sku("Black", "EU 42")),),
        ),
    )
    journey = Journey.objects.filter(customer=daniel, kind=Journey.Kind.RETURN).first()
    return_start(
        actor=chloe,
        order=order,
        kind="exchange",
        reason="A size too small (EU 42); wants EU 43, ready at Leeds Briggate",
        channel=Channel.CHAT,
        lines=(
            ReturnLineDraft(
                order_line_id=order.lines.get().pk,
                replacement_sku=CHELSEA_BOOT.sku("Black", "EU 43"),
            ),
        ),
        journey=journey,
    )


@dataclass(frozen=True)
class DemoAppointment:
    customer: str  # the first contact point of a story customer
    host: str
    kind: str
    purpose: str
    days_ahead: int
    hour: int
    store: str | None = None
    preparation: str = ""
    to_pull: tuple[str, ...] = ()


AMARA_PREPARATION = (
    "Her sister's wedding on 14 March. UK 12 in dresses (10 in some brands), tailored fit, "
    "budget £300–500, emerald or navy. Pull three looks; the emerald wrap dress in 12 is "
    "held at Manchester King Street until Saturday for her to try on."
)
# Hours between 11:00 and 16:00 fit every day's default opening hours, Sundays included.
APPOINTMENTS: dict[str, tuple[DemoAppointment, ...]] = {
    "retail": (
        DemoAppointment(
            "amara.osei@example.com",
            "priya",
            "virtual",
            "styling",
            1,
            11,
            store="manchester-king-street",
            preparation=AMARA_PREPARATION,
            to_pull=(WRAP_DRESS.sku("Emerald", "UK 12"), WRAP_DRESS.sku("Navy", "UK 12")),
        ),
        DemoAppointment(
            "charlotte.hale@example.com",
            "isabelle",
            "in_store",
            "consultation",
            2,
            14,
            store="london-covent-garden",
            preparation="New arrivals to go with the cashmere she bought in the autumn.",
            to_pull=(CASHMERE_COAT.sku("Camel", "UK 10"),),
        ),
        DemoAppointment(
            "daniel.novak@example.com",
            "marcus",
            "in_store",
            "fitting",
            3,
            12,
            store="leeds-briggate",
            preparation="Chelsea boots: EU 42 was a size too small; have the EU 43 ready.",
            to_pull=(CHELSEA_BOOT.sku("Black", "EU 43"),),
        ),
        DemoAppointment(
            "rosa.alvarez@example.com",
            "tom",
            "in_store",
            "fitting",
            4,
            15,
            store="manchester-king-street",
            preparation="Wants to see how far the red toggle raincoat falls; coats UK 10.",
            to_pull=(RAINCOAT.sku("Red", "UK 10"),),
        ),
    ),
    "fitness": (
        DemoAppointment(
            "jordan.blake@example.com",
            "leah",
            "in_store",
            "gym_induction",
            2,
            11,
            store="bristol-harbourside",
            preparation="Family membership: show the family pass and the kids' classes.",
        ),
    ),
    "hospitality": (
        DemoAppointment(
            "+44 7700 900303",
            "ella",
            "in_store",
            "spa",
            1,
            14,
            store="marlow-york",
            preparation="Anniversary stay; allergic to feathers: feather-free towels and robe.",
        ),
    ),
}


def appointments_load(cast: Cast, industry: str) -> bool:
    """This week's appointments in the demo's stores, Amara's virtual styling with Priya
    among them (the emerald dress held at Manchester in its preparation). True if made now."""
    planned = APPOINTMENTS.get(industry, ())
    if not planned or Appointment.objects.exists():
        return False
    for plan in planned:
        customer, host = cast.customer(plan.customer), cast.staff[plan.host]
        starts_at = cast.at(cast.today + datetime.timedelta(days=plan.days_ahead), plan.hour)
        appointment_book(
            actor=host,
            customer=customer,
            host=host,
            draft=AppointmentDraft(
                kind=plan.kind,
                purpose=plan.purpose,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=1),
                store=cast.stores[plan.store] if plan.store else None,
                video_link=f"https://meet.example.com/{plan.host}/{customer.pk}"
                if plan.kind == "virtual"
                else "",
                preparation=plan.preparation,
                to_pull=plan.to_pull,
                hold_ids=tuple(
                    Hold.objects.counting(cast.now)
                    .filter(customer=customer)
                    .values_list("pk", flat=True)
                ),
            ),
        )
    return True
