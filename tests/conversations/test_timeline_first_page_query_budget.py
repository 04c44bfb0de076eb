"""The timeline's first page (and any later one, filtered or not) is one query, whether the
customer has five entries or five hundred."""

from __future__ import annotations

import pytest
from django.conf import settings

from continuity import customer
from everthread.conversations.selectors import timeline_page
from factories import TimelineEntryFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("history", [5, 500])
def test_one_query_per_page_however_long_the_history(
    django_assert_num_queries, history: int
) -> None:
    amara = customer("Amara", "Osei")
    TimelineEntryFactory.create_batch(history, customer=amara)
    TimelineEntryFactory.create_batch(5, customer=customer("Rosa", "Alvarez"))

    with django_assert_num_queries(1):
        first = timeline_page(customer_id=amara.pk)
    with django_assert_num_queries(1):
        timeline_page(customer_id=amara.pk, channel="email", after=first.next_cursor)

    assert len(first.entries) == min(history, settings.PAGE_SIZE)
    assert (first.next_cursor is not None) == (history > settings.PAGE_SIZE)
