"""The customer page and the parts of it that come when opened read only what they show:
the merges only when there is one to undo, contact points only where they are listed."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from everthread.customers.services import customer_create, customer_merge
from factories import TimelineEntryFactory

pytestmark = pytest.mark.django_db


def _read(client: Client, url: str, **headers: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in queries]


def _reads_from(sqls: list[str], table: str) -> bool:
    # Django names the table it reads first in what it selects.
    return any(sql.startswith(f'SELECT "{table}".') for sql in sqls)


def _amara(associate, family_name: str = "Osei"):
    return customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": family_name},
        contact_points=[("email", f"amara.{family_name.lower()}@example.com")],
    )


def test_the_merges_are_read_only_when_one_can_be_undone(associate) -> None:
    amara = _amara(associate)
    client = Client()
    client.force_login(associate)

    page, sqls = _read(client, f"/customers/{amara.pk}/")

    assert not _reads_from(sqls, "customers_customermerge")
    assert "Undo" not in page and "amara.osei@example.com" in page
    customer_merge(actor=associate, survivor_id=amara.pk, merged_id=_amara(associate, "Mensah").pk)
    page, sqls = _read(client, f"/customers/{amara.pk}/")
    assert _reads_from(sqls, "customers_customermerge")
    assert "Amara Mensah merged in by Tom Reilly" in page


def test_the_timeline_and_consent_panels_read_no_contact_points(associate) -> None:
    amara = _amara(associate)
    TimelineEntryFactory.create_batch(3, customer=amara)
    client = Client()
    client.force_login(associate)

    for url in (
        f"/customers/{amara.pk}/timeline/",
        f"/customers/{amara.pk}/consent/history/",
        f"/customers/{amara.pk}/consent/",
    ):
        _, sqls = _read(client, url, **{"HX-Request": "true"})
        assert not _reads_from(sqls, "customers_contactpoint"), url
