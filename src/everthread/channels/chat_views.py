"""The web chat's public endpoints, which the widget on the brand's site calls, and the
staff's answer from the customer page."""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.channels.errors import ChatRefused, ChatReplyRefused, ChatToneHints, InvalidChat
from everthread.channels.models import ChatMessage
from everthread.channels.selectors import (
    chat_conversation_by_token,
    chat_conversation_get,
    chat_messages_after,
    customer_chats,
)
from everthread.channels.services import chat_message_send, chat_open, chat_reply
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel
from everthread.core.permissions import public, requires
from everthread.core.selectors import organisation_get
from everthread.customers.models import Customer
from everthread.message_templates.selectors import tone_check
from everthread.message_templates.tone import WARNING

ChatView = Callable[..., HttpResponse]


def _within_rate(request: HttpRequest) -> bool:
    """At most CHAT_REQUESTS_PER_MINUTE from one address a minute: the endpoints are open."""
    window = int(time.time() // 60)
    key = f"everthread:chat-rate:{request.META.get('REMOTE_ADDR', '')}:{window}"
    cache.add(key, 0, timeout=120)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=120)
        count = 1
    return count <= settings.CHAT_REQUESTS_PER_MINUTE


def chat_endpoint(view: ChatView) -> ChatView:
    """Open to the brand's own sites only (Origin), rate-limited, answering in JSON with the
    CORS headers a browser needs; no CSRF token, since no cookie is involved."""

    @functools.wraps(view)
    def checked(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        origin = request.headers.get("Origin", "")
        if origin not in settings.CHAT_ALLOWED_ORIGINS:
            refusal = ChatRefused("The chat does not run on this site.", field="origin")
            return JsonResponse(refusal.as_dict(), status=refusal.http_status)
        response: HttpResponse
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
        elif not _within_rate(request):
            response = JsonResponse(
                {
                    "code": "rate_limited",
                    "detail": "Too many messages; wait a minute.",
                    "field": None,
                },
                status=429,
            )
            response["Retry-After"] = "60"
        else:
            try:
                response = view(request, *args, **kwargs)
            except DomainError as error:
                response = JsonResponse(error.as_dict(), status=error.http_status)
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "600"
        response["Vary"] = "Origin"
        return response

    return public(csrf_exempt(checked))


def _json(request: HttpRequest) -> dict[str, Any]:
    try:
        data = json.loads(request.body or b"{}")
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InvalidChat("Send a JSON object.") from None
    if not isinstance(data, dict):
        raise InvalidChat("Send a JSON object.")
    return data


def _shown(message: ChatMessage, brand: str) -> dict[str, Any]:
    staff = message.staff.first_name if message.staff else ""
    return {
        "id": message.pk,
        "from": "you" if message.direction == ChatMessage.Direction.FROM_VISITOR else "staff",
        "author": "You" if not message.staff else f"{staff} ({brand})" if staff else brand,
        "text": message.text,
        "sent_at": message.sent_at.isoformat(),
    }


def _brand(request: HttpRequest) -> str:
    organisation = getattr(request, "organisation", None)
    return organisation.name if organisation else "Us"


@chat_endpoint
@require_http_methods(["POST", "OPTIONS"])
def chat_start(request: HttpRequest) -> HttpResponse:
    data = _json(request)
    conversation = chat_open(
        key=str(data.get("key", "")),
        origin=request.headers.get("Origin", ""),
        name=str(data.get("name", "")),
        email=str(data.get("email", "")),
        text=str(data.get("text", "")),
    )
    shown = [_shown(m, _brand(request)) for m in chat_messages_after(conversation=conversation)]
    return JsonResponse({"conversation": conversation.token, "messages": shown}, status=201)


@chat_endpoint
@require_http_methods(["GET", "POST", "OPTIONS"])
def chat_messages(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what is new since ?after=<id>; POST: the visitor writes."""
    if request.method == "POST":
        data = _json(request)
        message = chat_message_send(
            token=token, text=str(data.get("text", "")), client_id=str(data.get("client_id", ""))
        )
        return JsonResponse({"message": _shown(message, _brand(request))}, status=201)
    after = request.GET.get("after", "0")
    if not after.isdigit():
        raise InvalidChat("“after” is the id of the last message shown.", field="after")
    conversation = chat_conversation_by_token(token=token)
    shown = chat_messages_after(conversation=conversation, after=int(after))
    return JsonResponse({"messages": [_shown(m, _brand(request)) for m in shown]})


@requires(Capability.SEND_OUTREACH)
@require_POST
def chat_answer(request: StaffRequest, conversation_id: int) -> HttpResponse:
    """Answer in the chat; from the page's panel (HTMX) the panel comes back, with the tone
    hints and the words as typed when the tone check asks for a change."""
    text = request.POST.get("text", "")
    try:
        message = chat_reply(
            actor=request.user,
            conversation_id=conversation_id,
            text=text,
            send_anyway=request.POST.get("send_anyway") == "on",
        )
    except (ChatToneHints, ChatReplyRefused) as refusal:
        if not request.htmx:
            messages.error(request, refusal.message)
            return redirect("customers:detail", customer_id=refusal.customer_id)
        answering = {"conversation_id": conversation_id, "text": text, "error": refusal.message}
        if isinstance(refusal, ChatToneHints):
            answering |= _tone(refusal.hints, text)
        return _chats_panel(request, customer_id=refusal.customer_id, answering=answering)
    customer_id = message.conversation.customer_id  # answered, so linked to a customer
    if request.htmx and customer_id is not None:
        return _chats_panel(request, customer_id=customer_id)
    messages.success(request, "Sent in the chat.")
    return redirect("customers:detail", customer_id=customer_id)


@requires(Capability.SEND_OUTREACH)
@require_POST
def chat_tone(request: StaffRequest, conversation_id: int) -> HttpResponse:
    """The chat answer's tone hints as it is typed: the brand voice and the customer's
    history, as the composer checks them."""
    conversation = chat_conversation_get(conversation_id=conversation_id)
    text = request.POST.get("text", "")
    hints = tone_check(
        text=text,
        channel=Channel.CHAT,
        organisation=organisation_get(),
        customer_id=conversation.customer_id,
        at=timezone.now(),
    )
    context = {"chat": conversation, **_tone(hints, text)}
    return render(request, "channels/_chat_tone.html", context)


def _tone(hints: list[Any], text: str) -> dict[str, Any]:
    return {
        "hints": hints,
        "tone_checked": bool(text.strip()),
        "warned": any(hint.severity == WARNING for hint in hints),
    }


def chat_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The customer page's place for web chats, filled once the page is shown (so the page
    keeps its query budget; most customers never chatted)."""
    return {"customer_id": customer.pk}


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def customer_chats_panel(request: StaffRequest, customer_id: int) -> HttpResponse:
    """The customer's web chats, with a reply box for staff who may message them."""
    return _chats_panel(request, customer_id=customer_id)


def _chats_panel(
    request: StaffRequest, *, customer_id: int, answering: dict[str, Any] | None = None
) -> HttpResponse:
    section = {
        "chats": customer_chats(customer_id=customer_id),
        "can_reply": request.user.can(Capability.SEND_OUTREACH),
        "answering": answering or {},
    }
    return render(request, "channels/_chats_panel.html", {"section": section})
