from typing import Any

from everthread.core.errors import Conflict, Forbidden, InvalidInput, NotFound


class WebhookRefused(Forbidden):
    """The request is not one the provider signed: nothing of it is kept."""

    code = "webhook_signature_invalid"


class WebhookMalformed(InvalidInput):
    code = "webhook_malformed"


class InboundEventNotFound(NotFound):
    code = "inbound_event_not_found"


class UnlinkedContactNotFound(NotFound):
    code = "unlinked_contact_not_found"


class UnlinkedContactLinked(Conflict):
    code = "unlinked_contact_linked"


class ChatRefused(Forbidden):
    code = "chat_refused"


class InvalidChat(InvalidInput):
    code = "invalid_chat"


class ChatNotFound(NotFound):
    code = "chat_not_found"


class ChatToneHints(InvalidChat):
    """The tone check warns about a chat answer: change it, or send it anyway."""

    code = "tone_hints_present"

    def __init__(self, message: str, *, customer_id: int, hints: list[Any]) -> None:
        super().__init__(message, field="text")
        self.customer_id, self.hints = customer_id, hints


class ChatReplyRefused(Forbidden):
    """The outreach gate refuses any reply to this customer (erased, or do not contact)."""

    code = "outreach_refused"

    def __init__(self, message: str, *, customer_id: int, reasons: list[str]) -> None:
        super().__init__(message)
        self.customer_id, self.reasons = customer_id, reasons
