"""Reading an email as it arrived (SMTP or IMAP): who, what, which conversation, what files.

Parsed with the standard ``email`` package's modern policy. A broken part is skipped,
never the message: what can be read is kept, and the defects are noted.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage, Message, MIMEPart
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.html import strip_tags

_MESSAGE_ID = re.compile(r"<([^<>\s]+)>")
# Signed with the site's secret: only a reply to an address we gave out carries a valid one.
_REPLY_SALT = "everthread.channels.reply-address"
_REPLY_LOCAL = re.compile(r"^reply\+(\d+)\.([0-9a-f]{20})$", re.IGNORECASE)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    content: bytes


@dataclass(frozen=True)
class Email:
    message_id: str
    sender: str
    sender_name: str
    subject: str
    text: str
    sent_at: datetime.datetime | None
    in_reply_to: list[str]
    references: list[str]
    recipients: list[str]
    attachments: list[Attachment] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)


def reply_address(*, journey_id: int) -> str:
    """The Reply-To for a message on a journey: a reply to it finds the journey again.

    Hex, not base64: mail servers may change the case of an address's local part.
    """
    return f"reply+{journey_id}.{_reply_token(journey_id)}@{settings.REPLY_DOMAIN}"


def _reply_token(journey_id: int) -> str:
    return salted_hmac(_REPLY_SALT, str(journey_id)).hexdigest()[:20]


def reply_journey_id(address: str) -> int | None:
    """The journey a reply address names, if it is one we signed."""
    local, _, domain = address.strip().rpartition("@")
    if domain.lower() != settings.REPLY_DOMAIN.lower():
        return None
    match = _REPLY_LOCAL.match(local)
    if match is None:
        return None
    journey_id = int(match.group(1))
    return (
        journey_id
        if constant_time_compare(match.group(2).lower(), _reply_token(journey_id))
        else None
    )


def message_ids(value: str | None) -> list[str]:
    """The ids in a Message-ID, In-Reply-To or References header, without angle brackets."""
    text = str(value or "")
    found = _MESSAGE_ID.findall(text)
    return found or ([text.strip()] if text.strip() and " " not in text.strip() else [])


def email_read(raw: bytes, *, envelope_recipients: list[str] | None = None) -> Email:
    message = message_from_bytes(raw, policy=policy.default)
    defects = [type(defect).__name__ for defect in message.defects]
    name, sender = parseaddr(_header(message, "From", defects))
    ids = message_ids(_header(message, "Message-ID", defects))
    recipients = [
        address
        for _, address in getaddresses(
            [
                _header(message, name, defects)
                for name in ("To", "Cc", "Delivered-To", "X-Original-To")
            ]
        )
        if address
    ]
    text, attachments = _contents(message, defects)
    return Email(
        # Without a Message-ID the bytes are the identity: a re-delivery is still the same mail.
        message_id=ids[0] if ids else "sha256:" + hashlib.sha256(raw).hexdigest(),
        sender=sender.strip().lower(),
        sender_name=name.strip(),
        subject=_header(message, "Subject", defects).strip(),
        text=text,
        sent_at=_date(_header(message, "Date", defects)),
        in_reply_to=message_ids(_header(message, "In-Reply-To", defects)),
        references=message_ids(_header(message, "References", defects)),
        recipients=list(dict.fromkeys([*recipients, *(envelope_recipients or [])])),
        attachments=attachments,
        defects=defects,
    )


def _header(message: Message, name: str, defects: list[str]) -> str:
    try:
        value = message.get(name)
    except (ValueError, IndexError, TypeError) as error:
        defects.append(f"{name}: {error}")
        return ""
    return "" if value is None else str(value)


def _date(value: str) -> datetime.datetime | None:
    try:
        moment = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment


def _contents(message: Message, defects: list[str]) -> tuple[str, list[Attachment]]:
    """The readable text (plain preferred to HTML) and every attached file."""
    text = ""
    assert isinstance(message, EmailMessage)
    body = message.get_body(preferencelist=("plain", "html"))
    if body is not None:
        text = _text_of(body, defects)
    attachments = []
    for part in message.iter_attachments():
        try:
            content = part.get_content()
        except (LookupError, ValueError, AssertionError, KeyError) as error:
            defects.append(f"attachment {part.get_filename() or '?'}: {error}")
            continue
        if isinstance(content, str):
            content = content.encode()
        elif isinstance(content, EmailMessage):
            content = content.as_bytes()
        attachments.append(
            Attachment(
                filename=part.get_filename() or "attachment",
                content_type=part.get_content_type(),
                content=content,
            )
        )
    return text, attachments


def _text_of(part: MIMEPart, defects: list[str]) -> str:
    try:
        content = part.get_content()
    except (LookupError, ValueError, AssertionError, KeyError) as error:
        defects.append(f"body: {error}")
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    if part.get_content_type() == "text/html":
        content = strip_tags(content)
    return str(content).strip()
