"""Erasing a customer removes what they sent through the channels: the raw messages, the
files attached to their emails, and their web chat lines."""

from __future__ import annotations

from email.message import EmailMessage

import pytest
from django.core.files.storage import default_storage
from django.utils import timezone

from everthread.channels.models import ChatConversation, InboundEvent
from everthread.channels.services import email_receive
from everthread.privacy.registry import ERASED
from everthread.privacy.services import customer_erase
from factories import ContactPointFactory, CustomerFactory, StaffFactory

pytestmark = pytest.mark.django_db


def test_her_emails_files_and_chats_are_gone(
    organisation, settings, tmp_path, inline_tasks, django_capture_on_commit_callbacks
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    ContactPointFactory(customer=amara, kind="email", value="amara.osei@example.com")
    mail = EmailMessage()
    mail["From"], mail["To"], mail["Subject"] = "amara.osei@example.com", "hello@example.com", "Fit"
    mail.set_content("My measurements are attached.")
    mail.add_attachment(
        b"bust 92, waist 74", maintype="text", subtype="plain", filename="sizes.txt"
    )
    with django_capture_on_commit_callbacks(execute=True):
        email_receive(raw=mail.as_bytes())
    chat = ChatConversation.objects.create(
        token="t", email="amara.osei@example.com", customer=amara, last_message_at=timezone.now()
    )
    chat.messages.create(direction="inbound", text="Is it lined?")
    kept = InboundEvent.objects.get().payload["attachments"][0]["path"]
    assert default_storage.exists(kept)

    customer_erase(actor=StaffFactory(role="privacy_officer"), customer_id=amara.pk)

    assert not default_storage.exists(kept)
    event = InboundEvent.objects.get()
    assert (event.sender, event.text, event.raw_body, event.payload) == (ERASED, "", "", {})
    assert chat.messages.get().text == ERASED
    chat.refresh_from_db()
    assert chat.email == ERASED
