"""A customer served face to face, on the phone or on video was answered there and then:
only a message in a written channel leaves them waiting for a reply."""

from __future__ import annotations

import pytest

from continuity import contact, customer
from everthread.conversations.services import JourneyStart

pytestmark = pytest.mark.django_db


def test_a_visit_answers_what_a_message_asked(organisation) -> None:
    mei_lin = customer("Mei Lin", "Chen")
    first = contact(
        mei_lin,
        "whatsapp",
        "The pillows in our room are feather ones",
        start=JourneyStart(kind="stay", title="Anniversary stay, The Marlow York"),
    )
    stay = first.journey
    assert stay.awaiting_reply_since == first.occurred_at

    contact(mei_lin, "in_store", "Came to the desk: chose breakfast on the house", journey=stay)

    stay.refresh_from_db()
    assert stay.awaiting_reply_since is None
    assert stay.channels == ["whatsapp", "in_store"]


@pytest.mark.parametrize("channel", ["in_store", "phone", "video"])
def test_a_live_conversation_leaves_nobody_waiting(organisation, channel: str) -> None:
    amara = customer("Amara", "Osei")

    call = contact(
        amara, channel, "Talked through three looks", start=JourneyStart("styling", "Wedding")
    )

    assert call.journey.awaiting_reply_since is None
