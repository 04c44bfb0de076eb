from everthread.core.errors import DomainError, InvalidInput


class InvalidOutreach(InvalidInput):
    code = "invalid_outreach"


class GateBypassed(DomainError):
    """A programming error: something tried to send without asking the gate."""

    code, http_status = "outreach_gate_bypassed", 500


class UnsubscribeLinkInvalid(InvalidInput):
    code = "unsubscribe_link_invalid"


class ToneHintsPresent(InvalidOutreach):
    """The tone check has something to say: change the message, or send anyway."""

    code, http_status = "tone_hints", 409


class WhatsAppWindowClosed(InvalidOutreach):
    code = "whatsapp_window_closed"
