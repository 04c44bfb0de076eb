"""One POST or GET to a provider's REST API over the standard library, failures sorted into
worth-retrying and not."""

from __future__ import annotations

import base64
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from everthread.outreach.adapters.base import TransientFailure

# Busy or down: the same request may well succeed later.
RETRYABLE = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict[str, Any]


def basic_auth(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def http_call(
    method: str,
    url: str,
    *,
    provider: str,
    headers: dict[str, str],
    form: dict[str, str] | None = None,
    payload: dict[str, Any] | None = None,
) -> Answer:
    """The provider's answer to a request it understood (2xx or 4xx); a timeout, a refused
    connection, 429 or 5xx raise TransientFailure."""
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
    elif payload is not None:
        data = json.dumps(payload).encode()
        headers = {**headers, "Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, headers=headers, method=method)
    timeout = settings.OUTBOX_TIMEOUT_SECONDS
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Answer(response.status, _json(response.read()))
    except urllib.error.HTTPError as error:
        body = _json(error.read())
        if error.code in RETRYABLE:
            raise TransientFailure(
                f"{provider} was busy or unavailable (HTTP {error.code}); trying again later."
            ) from None
        return Answer(error.code, body)
    except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
        reason = getattr(error, "reason", error)
        if isinstance(reason, TimeoutError):
            raise TransientFailure(
                f"{provider} did not answer within {timeout} seconds; trying again later."
            ) from None
        raise TransientFailure(
            f"Could not reach {provider} ({reason}); trying again later."
        ) from None


def _json(raw: bytes) -> dict[str, Any]:
    try:
        body = json.loads(raw or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
