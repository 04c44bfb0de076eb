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
