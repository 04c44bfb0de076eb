"""A card number typed into a note never reaches the database, and the author is told."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from everthread.notes.models import Note
from factories import CustomerFactory

pytestmark = pytest.mark.django_db

CARD = "4111 1111 1111 1111"


def _every_text_column_holding(needle: str) -> list[str]:
    """Every table.column of the database whose text contains ``needle``."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            for column in connection.introspection.get_table_description(cursor, table):
                quoted_table = connection.ops.quote_name(table)
                quoted = connection.ops.quote_name(column.name)
                cursor.execute(
                    f"SELECT 1 FROM {quoted_table} WHERE CAST({quoted} AS TEXT) LIKE %s",
                    [f"%{needle}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column.name}")
    return found


def test_the_card_number_is_removed_before_saving(signed_in: Client, associate) -> None:
    daniel = CustomerFactory(given_name="Daniel", family_name="Novak")
    due = timezone.localtime(timezone.now() + datetime.timedelta(days=1))

    response = signed_in.post(
        f"/customers/{daniel.pk}/notes/new/",
        {
            "wants": "Exchange the boots from order HF-100482 for EU 43.",
            "tried": f"He read out his card {CARD} to pay the difference; stopped him.",
            "next_step": "Have EU 43 ready at Leeds Briggate",
            "next_step_holder": f"staff:{associate.pk}",
            "next_step_due": due.strftime("%Y-%m-%dT%H:%M"),
        },
        follow=True,
    )

    page = response.content.decode()
    assert "Removed before saving: card number" in page
    assert "[card number removed]" in Note.objects.get().tried
    assert "HF-100482" in Note.objects.get().wants
    # Any part of the number as typed, spaced or not; "4111" alone also turns up in the
    # digits of a timestamp, by chance.
    assert _every_text_column_holding("4111 1111") == []
    assert _every_text_column_holding("41111111") == []
