"""What every channel's adapter takes and how it fails, whatever the provider."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Attachment:
    """A file carried with an email, such as a calendar invitation (.ics)."""

    filename: str
    content_type: str  # e.g. "text/calendar; method=REQUEST"
    content: str

    def as_dict(self) -> dict[str, str]:
        return {
            "filename": self.filename,
            "content_type": self.content_type,
            "content": self.content,
        }


@dataclass(frozen=True)
class Outgoing:
    """One message as a provider needs it; the key is the same on every attempt."""

    channel: str
    purpose: str
    address: str
    body: str
    idempotency_key: str
    customer_id: int
    subject: str = ""
    headers: dict[str, str] = field(default_factory=dict)
    attachments: tuple[Attachment, ...] = ()


class DeliveryFailed(Exception):
    """The provider did not take the message; ``reason`` is in words staff understand."""

    permanent = False

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason[:300]


class TransientFailure(DeliveryFailed):
    """Worth trying again later: a timeout, the provider busy or down."""


class PermanentFailure(DeliveryFailed):
    """Trying again cannot help: the address is wrong, the provider refuses the message."""

    permanent = True


class Adapter(Protocol):
    def send(self, outgoing: Outgoing) -> str:
        """Hand the message to the provider; its id for the message. Raises DeliveryFailed."""

    def find(self, outgoing: Outgoing, *, since: datetime.datetime) -> str | None:
        """The provider's id if an earlier attempt already reached it, or None (also when
        the provider offers no way to ask)."""


def refusal_reason(
    provider: str, error: dict[str, Any], *, to: str, known: dict[int, str], status: int
) -> str:
    """A provider's refusal ({"code", "message"}) in staff's words where we know the code,
    in the provider's own otherwise."""
    code, said = error.get("code"), error.get("message") or f"HTTP {status}"
    words = known.get(code) if isinstance(code, int) else None
    if words:
        return f"{words.format(to=to)} ({provider} {code})"
    return f"{provider} refused the message: {said}" + (f" ({provider} {code})" if code else "")
