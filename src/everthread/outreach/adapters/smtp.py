"""Email over SMTP with the standard library; the Message-ID is the provider id."""

from __future__ import annotations

import datetime
import smtplib
from email.message import EmailMessage
from email.utils import formatdate

from django.conf import settings

from everthread.outreach.adapters.base import (
    DeliveryFailed,
    Outgoing,
    PermanentFailure,
    TransientFailure,
)


def message_id_of(outgoing: Outgoing) -> str:
    # From the key: a resent attempt carries the same Message-ID, which mail systems and
    # the local provider use to recognise a repeat.
    return f"<{outgoing.idempotency_key}@everthread>"


class SmtpMail:
    def send(self, outgoing: Outgoing) -> str:
        mail = EmailMessage()
        mail["From"] = settings.EMAIL_FROM
        mail["To"] = outgoing.address
        mail["Subject"] = outgoing.subject or outgoing.body.splitlines()[0][:78]
        mail["Date"] = formatdate(localtime=False)
        mail["Message-ID"] = message_id_of(outgoing)
        for name, value in outgoing.headers.items():
            mail[name] = value
        mail.set_content(outgoing.body)
        for attachment in outgoing.attachments:
            kind, _, params = attachment.content_type.partition(";")
            mail.add_attachment(
                attachment.content,
                subtype=kind.split("/")[1].strip(),
                filename=attachment.filename,
                params=dict(_param(part) for part in params.split(";") if "=" in part),
            )
        try:
            with smtplib.SMTP(
                settings.SMTP_HOST, settings.SMTP_PORT, timeout=settings.OUTBOX_TIMEOUT_SECONDS
            ) as server:
                if settings.SMTP_USE_TLS:
                    server.starttls()
                if settings.SMTP_USER:
                    server.login(settings.SMTP_USER, settings.SMTP_PASSWORD)
                server.send_message(mail)
        except smtplib.SMTPRecipientsRefused as error:
            code, said = next(iter(error.recipients.values()))
            raise _by_code(code, f"The mail server refused {outgoing.address}", said) from None
        except smtplib.SMTPAuthenticationError:
            raise PermanentFailure(
                "The mail server refused our log-in: check SMTP_USER and SMTP_PASSWORD, then retry."
            ) from None
        except smtplib.SMTPResponseException as error:
            raise _by_code(
                error.smtp_code, "The mail server refused the email", error.smtp_error
            ) from None
        except (smtplib.SMTPException, OSError) as error:
            raise TransientFailure(
                f"Could not reach the mail server {settings.SMTP_HOST}:{settings.SMTP_PORT} "
                f"({error or type(error).__name__}); trying again later."
            ) from None
        return message_id_of(outgoing)

    def find(self, outgoing: Outgoing, *, since: datetime.datetime) -> str | None:
        return None  # SMTP has no way to ask; the same Message-ID on the retry must do


def _param(part: str) -> tuple[str, str]:
    name, _, value = part.partition("=")
    return name.strip(), value.strip()


def _by_code(code: int, what: str, said: bytes | str) -> DeliveryFailed:
    text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
    if 400 <= code < 500:
        return TransientFailure(f"{what} for now ({code} {text}); trying again later.")
    return PermanentFailure(f"{what}: {code} {text}")
