"""External ids are unique per channel only: an SMS and a WhatsApp message may share one,
and contacts with no id (a visit to the store) are never taken for each other."""

from __future__ import annotations

import pytest

from continuity import contact, customer
from everthread.conversations.models import Interaction

pytestmark = pytest.mark.django_db


def test_the_same_id_in_two_channels_is_two_contacts() -> None:
    mei_lin = customer("Mei Lin", "Chen")

    sms = contact(mei_lin, "sms", "Late check-in around 23:30", external_id="1001")
    whatsapp = contact(mei_lin, "whatsapp", "Feather-free pillows, please", external_id="1001")

    assert sms != whatsapp
    assert sorted(Interaction.objects.values_list("channel", flat=True)) == ["sms", "whatsapp"]


def test_contacts_without_an_id_are_all_recorded(associate) -> None:
    amara = customer("Amara", "Osei")

    contact(amara, "in_store", "Tried the emerald wrap dress", staff=associate)
    contact(amara, "in_store", "Tried the emerald wrap dress", staff=associate)

    assert Interaction.objects.filter(customer=amara, channel="in_store").count() == 2
