"""C9 product availability: what staff see when they look a product up from the customer
page, on PostgreSQL, against the same answer as one raw indexed SQL query in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everthread_bench_stock \
        .venv/bin/python bench/availability_lookup.py --variants 100000 --locations 50

Loads (once, with COPY) VARIANTS variants (styles of five sizes each) stocked at every one
of LOCATIONS locations (stores, the warehouse, online), with active holds on one variant
in twenty, then times two lookups:

- one SKU's stock everywhere (`variant_with_stock`: the variant, its stock by location and
  what holds keep back), as a hold or an endless-aisle order starts;
- one style's stock in every size (`variant_availability` for its five variants), as a
  product search result shows it.

Writes its section of BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections.abc import Callable

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everthread.settings")
os.environ.setdefault("EVERTHREAD_SECRET_KEY", "benchmark-only")

import django

django.setup()

from benchmarks_md import percentiles, section_write  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from everthread.commerce.models import Location  # noqa: E402
from everthread.commerce.selectors import variant_availability, variant_with_stock  # noqa: E402
from everthread.core.models import Staff, Store  # noqa: E402
from everthread.customers.models import Customer  # noqa: E402

SIZES = ("UK 8", "UK 10", "UK 12", "UK 14", "UK 16")
LOOKUPS = 2000
STAMP = "2026-01-01T00:00:00Z"

# Everything variant_with_stock answers, in one statement: the variant, each location's
# stock and what active, unexpired holds keep back there.
RAW_SKU = """
SELECT v.id, v.sku, p.name, l.id, l.name, l.kind, s.on_hand, coalesce(h.held, 0)
FROM commerce_variant v
JOIN commerce_product p ON p.id = v.product_id
JOIN commerce_stocklevel s ON s.variant_id = v.id
JOIN commerce_location l ON l.id = s.location_id
LEFT JOIN (
    SELECT location_id, sum(quantity) AS held FROM commerce_hold
    WHERE variant_id = (SELECT id FROM commerce_variant WHERE sku = %(sku)s)
      AND status = 'active' AND expires_at > now()
    GROUP BY location_id
) h ON h.location_id = s.location_id
WHERE v.sku = %(sku)s
"""
RAW_STYLE = """
SELECT s.variant_id, l.id, l.name, l.kind, s.on_hand, coalesce(h.held, 0)
FROM commerce_stocklevel s
JOIN commerce_location l ON l.id = s.location_id
LEFT JOIN (
    SELECT variant_id, location_id, sum(quantity) AS held FROM commerce_hold
    WHERE variant_id = ANY(%(ids)s) AND status = 'active' AND expires_at > now()
    GROUP BY variant_id, location_id
) h ON h.variant_id = s.variant_id AND h.location_id = s.location_id
WHERE s.variant_id = ANY(%(ids)s)
"""


def load(variants: int, locations: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM commerce_variant")
        if cursor.fetchone()[0] >= variants:
            return
    print(f"loading {variants:,} variants at {locations} locations with COPY", flush=True)
    started = time.perf_counter()
    places = _locations(locations)
    styles = variants // len(SIZES)
    with connection.cursor() as cursor:
        with cursor.copy(
            "COPY commerce_product (id, style_code, name, description, price, currency, "
            "image_urls, created_at, updated_at) FROM STDIN"
        ) as copy:
            for n in range(1, styles + 1):
                copy.write_row(
                    (n, f"ST-{n:06d}", f"Style {n}", "", "89.00", "GBP", "[]", STAMP, STAMP)
                )
        with cursor.copy(
            "COPY commerce_variant (id, product_id, sku, colour, size, barcode) FROM STDIN"
        ) as copy:
            for n in range(1, styles + 1):
                for i, size in enumerate(SIZES):
                    copy.write_row((_variant_id(n, i), n, _sku(n, i), "Navy", size, ""))
        rng = random.Random(2026)
        with cursor.copy(
            "COPY commerce_stocklevel (variant_id, location_id, on_hand, updated_at) FROM STDIN"
        ) as copy:
            for variant in range(1, styles * len(SIZES) + 1):
                for place in places:
                    copy.write_row((variant, place.pk, rng.randint(0, 12), STAMP))
        _holds(cursor, styles * len(SIZES), places, rng)
        for table in ("product", "variant"):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('commerce_{table}', 'id'), "
                f"(SELECT max(id) FROM commerce_{table}))"
            )
        cursor.execute(
            "ANALYZE commerce_stocklevel; ANALYZE commerce_hold; ANALYZE commerce_variant"
        )
    print(f"loaded in {time.perf_counter() - started:.0f} s", flush=True)


def _locations(count: int) -> list[Location]:
    stores = [
        Store.objects.create(code=f"store-{n:02d}", name=f"Store {n:02d}", city=f"Town {n:02d}")
        for n in range(1, count - 1)
    ]
    places = [
        Location.objects.create(code=s.code, name=s.name, kind="store", store=s) for s in stores
    ]
    places.append(Location.objects.create(code="warehouse", name="Warehouse", kind="warehouse"))
    places.append(Location.objects.create(code="online", name="Online", kind="online"))
    return places


def _holds(cursor, variants: int, places: list[Location], rng: random.Random) -> None:
    customer = Customer.objects.create(given_name="Bench", family_name="Holder")
    staff = Staff.objects.create(username="bench-holds", first_name="Bench")
    stores = [place for place in places if place.kind == "store"]
    with cursor.copy(
        "COPY commerce_hold (variant_id, location_id, customer_id, quantity, expires_at, "
        "status, created_by_id, created_at) FROM STDIN"
    ) as copy:
        for variant in range(1, variants + 1, 20):
            copy.write_row(
                (
                    variant,
                    rng.choice(stores).pk,
                    customer.pk,
                    1,
                    "2099-01-01T00:00:00Z",
                    "active",
                    staff.pk,
                    STAMP,
                )
            )


def _variant_id(style: int, size: int) -> int:
    return (style - 1) * len(SIZES) + size + 1


def _sku(style: int, size: int) -> str:
    return f"ST-{style:06d}-NVY-{SIZES[size].replace(' ', '')}"


def measure(
    ours: Callable[[int], object], raw: Callable[[int], object], styles: int, lookups: int
) -> dict[str, dict[str, float]]:
    """Time ours and the raw query on the same styles, taking turns going first, each
    style's rows read once untimed first so both are timed on rows in shared buffers."""
    rng = random.Random(7)
    picked = [rng.randint(1, styles) for _ in range(lookups)]
    timed: dict[str, list[float]] = {"Everthread": [], "raw indexed SQL": []}
    for style in picked[:100]:
        ours(style)
        raw(style)
    for turn, style in enumerate(picked):
        raw(style)
        pair = (("Everthread", ours), ("raw indexed SQL", raw))
        for name, lookup in pair if turn % 2 == 0 else pair[::-1]:
            started = time.perf_counter()
            lookup(style)
            timed[name].append((time.perf_counter() - started) * 1000)
    return {name: percentiles(samples) for name, samples in timed.items()}


def lookups(styles: int, count: int) -> dict[str, dict[str, dict[str, float]]]:
    cursor = connection.cursor()

    def one_sku(style: int) -> object:
        variant, places = variant_with_stock(sku=_sku(style, 2))
        if variant.pk != _variant_id(style, 2) or not places:
            sys.exit(f"variant_with_stock missed {_sku(style, 2)}")
        return places

    def one_sku_raw(style: int) -> object:
        cursor.execute(RAW_SKU, {"sku": _sku(style, 2)})
        return cursor.fetchall()

    def one_style(style: int) -> object:
        ids = [_variant_id(style, i) for i in range(len(SIZES))]
        return variant_availability(variant_ids=ids)

    def one_style_raw(style: int) -> object:
        cursor.execute(RAW_STYLE, {"ids": [_variant_id(style, i) for i in range(len(SIZES))]})
        return cursor.fetchall()

    return {
        "one SKU everywhere": measure(one_sku, one_sku_raw, styles, count),
        "one style, every size": measure(one_style, one_style_raw, styles, count),
    }


def table(figures: dict[str, dict[str, dict[str, float]]]) -> str:
    rows = []
    for lookup, sides in figures.items():
        ours, raw = sides["Everthread"], sides["raw indexed SQL"]
        for name, f in sides.items():
            rows.append(f"| {lookup} | {name} | {f['p50']:.3f} | {f['p95']:.3f} | {f['p99']:.3f} |")
        rows.append(
            f"| {lookup} | ratio | {ours['p50'] / raw['p50']:.2f}× | "
            f"{ours['p95'] / raw['p95']:.2f}× | {ours['p99'] / raw['p99']:.2f}× |"
        )
    return "| lookup | by | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|\n" + "\n".join(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, default=100_000)
    parser.add_argument("--locations", type=int, default=50)
    parser.add_argument("--lookups", type=int, default=LOOKUPS)
    options = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run this against PostgreSQL: set DATABASE_URL=postgres://...")
    call_command("migrate", verbosity=0)
    load(options.variants, options.locations)
    styles = options.variants // len(SIZES)
    figures = lookups(styles, options.lookups)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM commerce_stocklevel")
        levels = cursor.fetchone()[0]
    body = f"""## C9 product availability across locations

`bench/availability_lookup.py`: PostgreSQL, {options.variants:,} variants
({styles:,} styles in five sizes) at {options.locations} locations ({options.locations - 2}
stores, the warehouse, online): {levels:,} stock levels, and an active hold on one variant
in twenty. {options.lookups:,} lookups of each kind, in-process, each against a raw SQL
query giving the same facts in one statement in the same run; the two take turns going
first and each style's rows are read once untimed before either is timed.

- **one SKU everywhere**: `variant_with_stock(sku=…)`, as staff start a hold or an
  endless-aisle order (the variant, then its stock by location with the store and what
  holds keep back there: 2 queries).
- **one style, every size**: `variant_availability(variant_ids=…)` for a style's five
  variants, as a product search result shows them (1 query).

{table(figures)}

The ratios are the price of Django compiling the query and building the models staff
read (location names, stores for "2 in Leeds"), not of scanning: every query is an index
probe on `stock_once_per_place` or `hold_stock`.
"""
    section_write("availability-lookup", body)
    print(body)


if __name__ == "__main__":
    main()
