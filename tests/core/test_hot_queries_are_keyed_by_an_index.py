"""Every query on a hot path reaches the big tables through an index, so a million
customers (and, later, shards keyed by customer) cost what one does.

Each hot path runs for real against Amara, who has data in every app; every SELECT it sent
is then explained by PostgreSQL with sequential scans priced out (`enable_seqscan = off`).
The planner still chooses one when no index can answer the query, which is exactly what
would read a whole table at scale. docs/scaling.md says why this keeps sharding open.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from everthread.core.services import token_create
from personal_data import ORDER, PHONE, Everywhere, customer_everywhere

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="reads PostgreSQL's query plans"
)

# The tables that grow with customers and their history; the rest hold an organisation's
# staff, stores, teams and settings and are read whole by design.
BIG_TABLES = (
    "customers_customer",
    "customers_contactpoint",
    "conversations_interaction",
    "conversations_journey",
    "conversations_timelineentry",
    "followups_followup",
    "notes_note",
    "consent_consentevent",
    "outreach_outboundmessage",
    "core_auditevent",
    "commerce_order",
    "commerce_orderline",
    "commerce_hold",
    "commerce_wishlistitem",
    "commerce_stocklevel",
    "commerce_return",
)

Visit = Callable[[Client, Client, Everywhere], object]
HOT_PATHS: dict[str, Visit] = {
    "the customer page": lambda page, api, a: page.get(f"/customers/{a.customer.pk}/"),
    "the commerce panel": lambda page, api, a: page.get(f"/customers/{a.customer.pk}/commerce/"),
    "my day": lambda page, api, a: page.get("/my-day/"),
    "recognise by phone": lambda page, api, a: api.post(
        "/api/v1/recognise", {"contact_point": "07700 900123"}, content_type="application/json"
    ),
    "recognise by order number": lambda page, api, a: api.post(
        "/api/v1/recognise", {"contact_point": ORDER}, content_type="application/json"
    ),
    "search by phone": lambda page, api, a: api.get(f"/api/v1/customers?q={PHONE}"),
    "the timeline": lambda page, api, a: api.get(f"/api/v1/customers/{a.customer.pk}/timeline"),
    "the journeys": lambda page, api, a: api.get(f"/api/v1/customers/{a.customer.pk}/journeys"),
    "the orders": lambda page, api, a: api.get(f"/api/v1/customers/{a.customer.pk}/orders"),
}


def _sequential_scans(sql: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    return [table for table in BIG_TABLES if f"Seq Scan on {table} " in plan + " "]


@pytest.mark.parametrize("path", HOT_PATHS)
def test_the_hot_path_reads_big_tables_by_index(path: str, associate, client: Client) -> None:
    amara = customer_everywhere(associate)
    client.force_login(associate)
    _, secret = token_create(staff=associate)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    with CaptureQueriesContext(connection) as captured:
        response = HOT_PATHS[path](client, api, amara)

    assert response.status_code == 200
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].lstrip().startswith("SELECT")]
    assert reads, "the path read nothing: it is not being measured"
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
    try:
        scanned = {sql: tables for sql in reads if (tables := _sequential_scans(sql))}
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET enable_seqscan")
    assert scanned == {}
