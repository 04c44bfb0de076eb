"""The providers' webhooks (verify, keep, acknowledge) and the staff's unlinked contacts."""

from __future__ import annotations

import hmac
import logging

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from everthread.channels.arrivals import (
    KEPT_HEADERS,
    meta_read,
    meta_verify,
    twilio_read,
    twilio_verify,
    x_crc_answer,
    x_read,
    x_verify,
)
from everthread.channels.errors import WebhookMalformed, WebhookRefused
from everthread.channels.selectors import (
    unlinked_contact_get,
    unlinked_contact_messages,
    unlinked_contacts_waiting,
)
from everthread.channels.services import (
    inbound_events_store,
    unlinked_contact_customer_create,
    unlinked_contact_link,
)
from everthread.core.errors import DomainError, InvalidInput
from everthread.core.http import StaffRequest, phone_region
from everthread.core.models import Capability
from everthread.core.permissions import public, requires
from everthread.customers.selectors import customer_search

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
        # Unsigned comes first: a stranger learns nothing about what a good request holds.
        signed = bool(signature and settings.TWILIO_AUTH_TOKEN)
        if signed and request.content_type != "application/x-www-form-urlencoded":
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


@public
@csrf_exempt
@require_http_methods(["GET", "POST"])
def x(request: HttpRequest) -> HttpResponse:
    """X's Account Activity webhooks: the challenge-response check (GET), then mentions of
    the brand's account and direct messages to it."""
    try:
        if request.method == "GET":
            answer = x_crc_answer(
                consumer_secret=settings.X_CONSUMER_SECRET,
                crc_token=request.GET.get("crc_token", ""),
            )
            return JsonResponse({"response_token": answer})
        x_verify(
            consumer_secret=settings.X_CONSUMER_SECRET,
            body=request.body,
            signature=request.headers.get("X-Twitter-Webhooks-Signature", ""),
        )
        arrivals = x_read(request.body)
    except DomainError as error:
        return _refusal(request, error)
    inbound_events_store(
        arrivals=arrivals,
        raw_body=request.body.decode("utf-8", "replace"),
        headers=_kept_headers(request),
    )
    return HttpResponse(status=200)


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


@requires(Capability.EDIT_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
def unlinked_contacts(request: StaffRequest) -> HttpResponse:
    """People who wrote from an address no customer has, who wrote last first."""
    page = unlinked_contacts_waiting(after=request.GET.get("cursor"))
    return render(request, "channels/unlinked_contacts.html", {"page": page})


@requires(Capability.EDIT_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
def unlinked_contact_page(request: StaffRequest, contact_id: int) -> HttpResponse:
    """What they wrote, and the customers who might be them, to link or to create."""
    contact = unlinked_contact_get(contact_id=contact_id)
    query = request.GET.get("q", "").strip() or contact.display_name
    found = customer_search(query=query, region=phone_region(request), limit=10) if query else None
    given, _, family = contact.display_name.partition(" ")
    return render(
        request,
        "channels/unlinked_contact.html",
        {
            "contact": contact,
            "messages_in": unlinked_contact_messages(contact_id=contact.pk),
            "query": query,
            "found": found,
            "given_name": given,
            "family_name": family,
        },
    )


@requires(Capability.EDIT_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
@require_POST
def unlinked_contact_link_view(request: StaffRequest, contact_id: int) -> HttpResponse:
    chosen = request.POST.get("customer_id", "")
    if not chosen.isdigit():
        raise InvalidInput("Choose the customer this is.", field="customer_id")
    customer = unlinked_contact_link(
        actor=request.user, contact_id=contact_id, customer_id=int(chosen)
    )
    messages.success(request, f"Linked. Their messages are on {customer.full_name}'s timeline.")
    return redirect("customers:detail", customer_id=customer.pk)


@requires(Capability.EDIT_CUSTOMERS, Capability.VIEW_CONTACT_DETAILS)
@require_POST
def unlinked_contact_create_view(request: StaffRequest, contact_id: int) -> HttpResponse:
    customer = unlinked_contact_customer_create(
        actor=request.user,
        contact_id=contact_id,
        profile={
            "given_name": request.POST.get("given_name", ""),
            "family_name": request.POST.get("family_name", ""),
        },
    )
    messages.success(request, f"{customer.full_name} is a customer now, with their messages.")
    return redirect("customers:detail", customer_id=customer.pk)
