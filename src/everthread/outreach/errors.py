from everthread.core.errors import DomainError, InvalidInput


class InvalidOutreach(InvalidInput):
    code = "invalid_outreach"


class GateBypassed(DomainError):
    """A programming error: something tried to send without asking the gate."""

    code, http_status = "outreach_gate_bypassed", 500


class UnsubscribeLinkInvalid(InvalidInput):
    code = "unsubscribe_link_invalid"


class OutboundMessageNotFound(DomainError):
    code, http_status = "outbound_message_not_found", 404


class NotRetryable(DomainError):
    code, http_status = "not_retryable", 409


class ToneHintsPresent(InvalidOutreach):
    """The tone check has something to say: change the message, or send anyway."""

    code, http_status = "tone_hints", 409


class WhatsAppWindowClosed(InvalidOutreach):
    code = "whatsapp_window_closed"
