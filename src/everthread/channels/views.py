"""The providers' webhooks (verify, keep, acknowledge) and the staff's unlinked contacts."""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from everthread.channels.arrivals import (
    KEPT_HEADERS,
    meta_read,
    meta_verify,
    twilio_read,
    twilio_verify,
)
from everthread.channels.errors import WebhookMalformed, WebhookRefused
from everthread.channels.services import inbound_events_store
from everthread.core.errors import DomainError
from everthread.core.permissions import public

log = logging.getLogger(__name__)


def _refusal(request: HttpRequest, error: DomainError) -> JsonResponse:
    log.warning("Webhook %s refused: %s", request.path, error.message)
    return JsonResponse(error.as_dict(), status=error.http_status)


def _kept_headers(request: HttpRequest) -> dict[str, str]:
    return {name: request.headers[name] for name in KEPT_HEADERS if name in request.headers}


def webhook_url(request: HttpRequest) -> str:
    """The URL the provider called, as it saw it: behind a proxy ours differs from theirs."""
    if settings.PUBLIC_URL:
        return settings.PUBLIC_URL + request.get_full_path()
    forwarded = request.headers.get("X-Forwarded-Proto") or request.scheme or "http"
    scheme = forwarded.split(",")[0].strip()
    return f"{scheme}://{request.get_host()}{request.get_full_path()}"


@public
@csrf_exempt
@require_http_methods(["POST"])
def twilio_messages(request: HttpRequest) -> HttpResponse:
    """Twilio's incoming SMS and WhatsApp messages and its status callbacks."""
    try:
        signature = request.headers.get("X-Twilio-Signature", "")
        if not signature:
            raise WebhookRefused("The request carries no X-Twilio-Signature.")
        if request.content_type != "application/x-www-form-urlencoded":
            raise WebhookMalformed("Twilio posts application/x-www-form-urlencoded forms.")
        twilio_verify(
            auth_token=settings.TWILIO_AUTH_TOKEN,
            url=webhook_url(request),
            form=request.POST,
            signature=signature,
        )
        arrival = twilio_read(request.POST)
    except DomainError as error:
        return _refusal(request, error)
    inbound_events_store(
        arrivals=[arrival],
        raw_body=request.body.decode("utf-8", "replace"),
        headers=_kept_headers(request),
    )
    # An empty TwiML answer: nothing is sent back by Twilio on our behalf.
    return HttpResponse("<Response/>", content_type="text/xml")


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def meta(request: HttpRequest) -> HttpResponse:
    """Meta's webhooks: the subscription check (GET), then WhatsApp, Instagram and Messenger."""
    if request.method == "GET":
        return _meta_subscription(request)
    try:
        meta_verify(
            app_secret=settings.META_APP_SECRET,
            body=request.body,
            signature=request.headers.get("X-Hub-Signature-256", ""),
        )
        arrivals = meta_read(request.body)
    except DomainError as error:
        return _refusal(request, error)
    inbound_events_store(
        arrivals=arrivals,
        raw_body=request.body.decode("utf-8", "replace"),
        headers=_kept_headers(request),
    )
    return HttpResponse("EVENT_RECEIVED", content_type="text/plain")


def _meta_subscription(request: HttpRequest) -> HttpResponse:
    token = request.GET.get("hub.verify_token", "")
    expected = settings.META_VERIFY_TOKEN
    if (
        request.GET.get("hub.mode") != "subscribe"
        or not expected
        or not hmac.compare_digest(token.encode(), expected.encode())
    ):
        return _refusal(request, WebhookRefused("The verify token does not match."))
    return HttpResponse(request.GET.get("hub.challenge", ""), content_type="text/plain")
