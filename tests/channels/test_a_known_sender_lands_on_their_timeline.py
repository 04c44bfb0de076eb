"""A message from a customer's phone, WhatsApp number or social account goes on their
timeline, on their open journey in that channel, or a new one."""

from __future__ import annotations

import pytest

from everthread.channels.models import InboundEvent
from everthread.conversations.models import Interaction, Journey, TimelineEntry
from factories import ContactPointFactory, CustomerFactory
from webhooks import dm, messaging, meta_post, sms, twilio_post, whatsapp_cloud, whatsapp_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def amara(organisation):
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    ContactPointFactory(customer=amara, kind="instagram", value="17841400000000001")
    return amara


def test_an_sms_starts_a_journey_and_the_next_continues_it(
    client, amara, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, sms("SM1", "+447700900101", "Is the emerald wrap dress in a 12?"))
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, sms("SM2", "+447700900101", "At Manchester, ideally"))

    first, second = Interaction.objects.filter(customer=amara).order_by("pk")
    assert (first.channel, first.direction, first.summary) == (
        "sms",
        "inbound",
        "Is the emerald wrap dress in a 12?",
    )
    assert second.journey_id == first.journey_id
    journey = Journey.objects.get(customer=amara)
    assert journey.title == "SMS: Is the emerald wrap dress in a 12?"
    assert journey.channels == ["sms"] and journey.awaiting_reply_since is not None
    assert TimelineEntry.objects.filter(customer=amara, kind="interaction").count() == 2
    assert set(InboundEvent.objects.values_list("outcome", flat=True)) == {"recorded"}
    assert InboundEvent.objects.get(provider_message_id="SM2").interaction == second


def test_whatsapp_and_instagram_are_recognised_by_number_and_sender_id(
    client, amara, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(client, whatsapp_cloud([whatsapp_text("wamid.1", "447700900101", "Hello")]))
    with django_capture_on_commit_callbacks(execute=True):
        meta_post(client, messaging("instagram", [dm("ig.1", "17841400000000001", "Red?")]))

    channels = list(
        Interaction.objects.filter(customer=amara).order_by("pk").values_list("channel", flat=True)
    )
    assert channels == ["whatsapp", "instagram"]
    # Each channel's conversation is its own journey until staff say otherwise.
    assert Journey.objects.filter(customer=amara).count() == 2


def test_a_message_in_a_channel_continues_its_open_journey_there(
    client, amara, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, sms("SM3", "+447700900101", "About my return"))
    journey = Journey.objects.get(customer=amara)
    journey.status = Journey.Status.RESOLVED
    journey.save()

    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, sms("SM4", "+447700900101", "A new question"))

    latest = Interaction.objects.filter(customer=amara).latest("pk")
    assert latest.journey_id != journey.pk
    assert latest.journey.title == "SMS: A new question"


def test_the_same_message_delivered_twice_is_on_the_timeline_once(
    client, amara, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            twilio_post(client, sms("SM5", "+447700900101", "Hello"))

    assert Interaction.objects.filter(customer=amara).count() == 1


def test_a_picture_by_whatsapp_is_listed_with_its_caption(
    client, amara, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    form = {
        **sms("MM1", "whatsapp:+447700900101", "Like this one?"),
        "NumMedia": "1",
        "MediaContentType0": "image/jpeg",
        "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1",
    }
    with django_capture_on_commit_callbacks(execute=True):
        twilio_post(client, form)

    picture = Interaction.objects.get(customer=amara)
    assert picture.channel == "whatsapp"
    assert picture.body == (
        "Like this one?\n\nAttachments: image/jpeg at "
        "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"
    )
