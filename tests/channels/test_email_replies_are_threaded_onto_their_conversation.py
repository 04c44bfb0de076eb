"""Email sent to the SMTP receiver over a real socket lands on the right conversation: by
the message it answers, or by the signed reply address; files are kept and listed."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from email.message import EmailMessage

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from consenting import GRANTED, client_of, isabelle
from consenting import record as consent
from everthread.channels.email_in import reply_address
from everthread.channels.mailboxes import smtp_receiver
from everthread.channels.models import InboundEvent
from everthread.conversations.models import Interaction, Journey
from everthread.outreach.models import OutboundMessage
from everthread.outreach.services import outreach_send

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def receiver(settings, tmp_path, inline_tasks) -> Iterator[int]:
    settings.MEDIA_ROOT = tmp_path / "media"
    port = _free_port()
    running = smtp_receiver(host="127.0.0.1", port=port, max_bytes=1024 * 1024)
    running.start()
    try:
        yield port
    finally:
        running.stop()


@pytest.fixture
def amara(organisation):
    amara = client_of(isabelle(), "Amara", "Osei", "+447700900101", "amara.osei@example.com")
    consent(amara, "email", "service", GRANTED)
    return amara


def _send(port: int, mail: EmailMessage) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=10) as smtp:
        smtp.send_message(mail)


def _mail(
    subject: str,
    body: str,
    *,
    sender: str = "Amara Osei <amara.osei@example.com>",
    to: str = "hello@harlowandfinch.example.com",
    **headers: str,
) -> EmailMessage:
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = sender, to, subject
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return mail


def _our_email(amara) -> OutboundMessage:
    sent = outreach_send(
        customer=amara,
        channel="email",
        purpose="service",
        subject="Your emerald wrap dress",
        body="Dear Amara, we are holding the emerald wrap dress in a 12 until Saturday.",
        actor=isabelle(),
        at=timezone.now().replace(hour=11),
    )
    assert sent.message is not None
    # What the delivery worker records once the mail server took the message.
    OutboundMessage.objects.filter(pk=sent.message.pk).update(
        status="sent", provider_message_id="<out-1.amara@harlowandfinch.example.com>"
    )
    return sent.message


def test_a_reply_to_our_email_continues_its_journey(receiver, amara) -> None:
    ours = _our_email(amara)
    # outreach_send records the message on the timeline; staff filed it on her journey.
    now = timezone.now()
    journey = Journey.objects.create(
        customer=amara, title="Emerald wrap dress", opened_at=now, last_activity_at=now
    )
    Interaction.objects.filter(pk=ours.interaction_id).update(journey=journey)

    _send(
        receiver,
        _mail(
            "Re: Your emerald wrap dress",
            "Lovely, I'll come on Saturday morning.",
            In_Reply_To="<out-1.amara@harlowandfinch.example.com>",
            References="<out-1.amara@harlowandfinch.example.com>",
            Message_ID="<reply-1@mail.example.com>",
        ),
    )

    reply = Interaction.objects.get(customer=amara, direction="inbound")
    assert reply.journey == journey
    assert (reply.channel, reply.summary) == ("email", "Re: Your emerald wrap dress")
    assert reply.body == "Lovely, I'll come on Saturday morning."
    event = InboundEvent.objects.get()
    assert (event.provider, event.provider_message_id) == ("email", "reply-1@mail.example.com")


def test_a_reply_from_another_address_finds_the_journey_by_its_signed_reply_address(
    receiver, amara
) -> None:
    now = timezone.now()
    journey = Journey.objects.create(
        customer=amara, title="Wedding outfit", opened_at=now, last_activity_at=now
    )

    _send(
        receiver,
        _mail(
            "Re: wedding",
            "Sent from my work address",
            sender="a.osei@work.example.com",
            to=reply_address(journey_id=journey.pk),
        ),
    )
    forged = reply_address(journey_id=journey.pk).replace("reply+", "reply+9")
    _send(
        receiver,
        _mail(
            "Hello",
            "Guessing addresses",
            sender="stranger@example.net",
            to=forged,
            Message_ID="<g@x>",
        ),
    )

    on_journey = Interaction.objects.get(journey=journey)
    assert on_journey.body == "Sent from my work address"
    stranger = InboundEvent.objects.get(provider_message_id="g@x")
    assert stranger.outcome == "unlinked"


def test_a_later_email_of_theirs_threads_onto_their_earlier_one(receiver, amara) -> None:
    _send(
        receiver, _mail("Boots", "Do you have these in 43?", Message_ID="<first@mail.example.com>")
    )
    first = Interaction.objects.get(customer=amara)
    Journey.objects.filter(pk=first.journey_id).update(status="resolved")

    _send(receiver, _mail("Re: Boots", "Any news?", In_Reply_To="<first@mail.example.com>"))

    later = Interaction.objects.filter(customer=amara).latest("pk")
    assert later.journey_id == first.journey_id
    assert Journey.objects.get(pk=first.journey_id).status == "open"


def test_attachments_are_kept_and_listed_on_the_interaction(receiver, amara) -> None:
    mail = _mail("Receipt", "Here is my receipt.", Message_ID="<att@mail.example.com>")
    mail.add_attachment(
        b"%PDF-1.4 receipt", maintype="application", subtype="pdf", filename="receipt.pdf"
    )
    mail.add_attachment(b"\x89PNG photo", maintype="image", subtype="png", filename="boots.png")

    _send(receiver, mail)

    event = InboundEvent.objects.get()
    files = event.payload["attachments"]
    assert [(f["name"], f["content_type"], f["size"]) for f in files] == [
        ("receipt.pdf", "application/pdf", 16),
        ("boots.png", "image/png", 10),
    ]
    with default_storage.open(files[0]["path"]) as kept:
        assert kept.read() == b"%PDF-1.4 receipt"
    body = Interaction.objects.get(customer=amara).body
    assert (
        body
        == "Here is my receipt.\n\nAttachments: receipt.pdf (16\xa0bytes), boots.png (10\xa0bytes)"
    )


def test_the_same_message_delivered_twice_is_kept_once(receiver, amara) -> None:
    mail = _mail("Hello", "Just once", Message_ID="<once@mail.example.com>")
    _send(receiver, mail)
    _send(receiver, mail)

    assert InboundEvent.objects.count() == 1
    assert Interaction.objects.filter(customer=amara).count() == 1


def test_a_broken_part_keeps_what_can_be_read(receiver, amara) -> None:
    raw = (
        "From: amara.osei@example.com\r\nTo: hello@harlowandfinch.example.com\r\n"
        "Subject: Broken\r\nMessage-ID: <broken@mail.example.com>\r\nMIME-Version: 1.0\r\n"
        'Content-Type: multipart/mixed; boundary="XX"\r\n\r\n'
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe readable part.\r\n"
        "--XX\r\nContent-Type: application/pdf; name=bad.pdf\r\n"
        "Content-Disposition: attachment; filename=bad.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n\r\n!!!not base64!!!\r\n"
        "--XX\r\n"
    )
    with smtplib.SMTP("127.0.0.1", receiver, timeout=10) as smtp:
        smtp.sendmail("amara.osei@example.com", ["hello@harlowandfinch.example.com"], raw.encode())

    assert Interaction.objects.get(customer=amara).body.startswith("The readable part.")
    assert InboundEvent.objects.get().outcome == "recorded"
