"""SMS (and WhatsApp, if sent through Twilio) with Twilio's Messages REST API."""

from __future__ import annotations

import datetime
import urllib.parse

from django.conf import settings

from everthread.outreach.adapters.base import Outgoing, PermanentFailure, refusal_reason
from everthread.outreach.adapters.http import basic_auth, http_call

# Twilio's error codes staff meet, in their words.
_REASONS: dict[int, str] = {
    21211: "{to} is not a valid phone number.",
    21214: "{to} cannot receive messages: it is not a mobile number.",
    21408: "Sending to {to}'s country is not switched on for this account.",
    21610: "{to} replied STOP to our number: the provider will not deliver until they reply START.",
    21612: "Our number cannot send to {to}.",
    21614: "{to} is not a mobile number, so it cannot receive text messages.",
    63016: "More than 24 hours since {to} last wrote: WhatsApp needs an approved template.",
}


class TwilioMessages:
    """POST /2010-04-01/Accounts/{sid}/Messages.json; the sid ("SM…") is the provider id."""

    def __init__(self, *, sender: str, prefix: str = "") -> None:
        self.sender, self.prefix = sender, prefix

    @property
    def _url(self) -> str:
        sid = urllib.parse.quote(settings.TWILIO_ACCOUNT_SID)
        return f"{settings.TWILIO_API_BASE.rstrip('/')}/2010-04-01/Accounts/{sid}/Messages.json"

    def _headers(self, outgoing: Outgoing) -> dict[str, str]:
        auth = basic_auth(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN)
        # Twilio ignores it; it names the message to anything in between that keeps keys.
        return {"Authorization": auth, "Idempotency-Key": outgoing.idempotency_key}

    def send(self, outgoing: Outgoing) -> str:
        _require_setup(self.sender)
        form = {"To": self.prefix + outgoing.address, "From": self.sender, "Body": outgoing.body}
        if settings.TWILIO_STATUS_CALLBACK_URL:
            form["StatusCallback"] = settings.TWILIO_STATUS_CALLBACK_URL
        answer = http_call(
            "POST", self._url, provider="Twilio", headers=self._headers(outgoing), form=form
        )
        if answer.status >= 400 or not answer.body.get("sid"):
            raise PermanentFailure(
                refusal_reason(
                    "Twilio", answer.body, to=outgoing.address, known=_REASONS, status=answer.status
                )
            )
        return str(answer.body["sid"])

    def find(self, outgoing: Outgoing, *, since: datetime.datetime) -> str | None:
        """Twilio keeps no client key: a message to the same number from ours with the same
        words, sent since the first attempt, is that attempt."""
        _require_setup(self.sender)
        query = urllib.parse.urlencode(
            {
                "To": self.prefix + outgoing.address,
                "From": self.sender,
                "DateSent>": f"{since:%Y-%m-%d}",
                "PageSize": "50",
            }
        )
        answer = http_call(
            "GET", f"{self._url}?{query}", provider="Twilio", headers=self._headers(outgoing)
        )
        for message in answer.body.get("messages") or []:
            if message.get("body") == outgoing.body and message.get("sid"):
                return str(message["sid"])
        return None


def _require_setup(sender: str) -> None:
    if not (settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN and sender):
        raise PermanentFailure(
            "Text messages are not set up: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and the "
            "sending number, then retry."
        )
