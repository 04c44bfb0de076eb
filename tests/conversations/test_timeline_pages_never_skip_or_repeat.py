"""Paging back through a long history shows every entry exactly once, even while new contacts
arrive between pages; a page link that was tampered with says so plainly."""

from __future__ import annotations

import pytest

from continuity import contact, customer, from_now
from everthread.conversations.selectors import timeline_page
from everthread.core.errors import InvalidInput
from everthread.core.pagination import cursor_encode

pytestmark = pytest.mark.django_db


def test_new_contacts_between_pages_never_shift_the_pages() -> None:
    amara = customer("Amara", "Osei")
    same_moment = from_now(hours=-5)  # a burst of messages stamped to the same second
    history = [
        contact(amara, "whatsapp", f"Message {n}", occurred_at=from_now(hours=-10 + n))
        for n in range(4)
    ] + [contact(amara, "whatsapp", f"Burst {n}", occurred_at=same_moment) for n in range(4)]

    seen, cursor, arrivals = [], None, 0
    while True:
        page = timeline_page(customer_id=amara.pk, after=cursor, limit=3)
        seen += [entry.object_id for entry in page.entries]
        # Between pages: a new message, one logged late at the same moment, one much older.
        contact(amara, "whatsapp", f"New {arrivals}")
        contact(amara, "phone", f"Late log {arrivals}", occurred_at=same_moment)
        contact(amara, "email", f"Old email {arrivals}", occurred_at=from_now(days=-2))
        arrivals += 1
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert len(seen) == len(set(seen))
    assert set(seen) >= {interaction.pk for interaction in history}
    newest_first = sorted(history, key=lambda i: (i.occurred_at, i.pk), reverse=True)
    assert [pk for pk in seen if pk in {i.pk for i in history}] == [i.pk for i in newest_first]


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-page-link",
        cursor_encode("2025-01-01T10:00:00+00:00"),
        cursor_encode(12, 3),
        cursor_encode("yesterday", 3),
    ],
)
def test_a_bad_page_link_is_a_clear_error(cursor: str) -> None:
    amara = customer("Amara", "Osei")

    with pytest.raises(InvalidInput) as refused:
        timeline_page(customer_id=amara.pk, after=cursor)

    assert refused.value.field == "cursor"
    assert refused.value.message == "That page link is not valid; start again from the first page."
