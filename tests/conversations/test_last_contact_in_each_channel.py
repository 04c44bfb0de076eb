"""The brief's "last contact in each channel": the latest from or to the customer in every
channel they have used, newest first, in one query however long the history."""

from __future__ import annotations

import pytest

from continuity import colleague, contact, customer, from_now
from everthread.conversations.models import Interaction
from everthread.conversations.selectors import last_contacts

pytestmark = pytest.mark.django_db


def test_the_latest_in_each_channel_newest_first(organisation) -> None:
    amara = customer("Amara", "Osei")
    tom = colleague("tom", "Tom Reilly")
    contact(amara, "email", "Asked about the coat", occurred_at=from_now(days=-9))
    contact(amara, "email", "Sent the coat's sizes", occurred_at=from_now(days=-3))
    contact(amara, "whatsapp", "Asked to reserve it", occurred_at=from_now(days=-2))
    contact(amara, "in_store", "Tried it on", staff=tom, occurred_at=from_now(days=-5))
    contact(
        amara,
        "email",
        "Colleague note: hold it until Friday",
        staff=tom,
        direction=Interaction.Direction.INTERNAL,
        occurred_at=from_now(days=-1),
    )

    latest = last_contacts(customer_id=amara.pk)

    assert [(i.channel, i.summary) for i in latest] == [
        ("whatsapp", "Asked to reserve it"),
        ("email", "Sent the coat's sizes"),
        ("in_store", "Tried it on"),
    ]
    assert latest[2].staff == tom


@pytest.mark.parametrize("history", [3, 60])
def test_one_query_however_long_the_history(
    organisation, history: int, django_assert_num_queries
) -> None:
    amara = customer("Amara", "Osei")
    for n in range(history):
        contact(
            amara, ("email", "sms", "chat")[n % 3], f"Message {n}", occurred_at=from_now(hours=-n)
        )
    someone_else = customer("Tom", "Baker")
    contact(someone_else, "x", "Not Amara's", occurred_at=from_now(minutes=-1))

    with django_assert_num_queries(1):
        latest = last_contacts(customer_id=amara.pk)
        assert [i.summary for i in latest] == ["Message 0", "Message 1", "Message 2"]
