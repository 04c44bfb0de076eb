"""The composer (one customer, or an advisor's clients), the public unsubscribe pages, and
the list of messages that failed for good."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.consent.models import ConsentChannel, Purpose
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import public, requires
from everthread.core.selectors import organisation_get
from everthread.customers.models import Customer
from everthread.customers.services import customer_open
from everthread.message_templates.models import MessageTemplate
from everthread.message_templates.selectors import (
    message_templates_for,
    template_render,
)
from everthread.message_templates.sms import sms_segments
from everthread.message_templates.tone import WARNING
from everthread.outreach.errors import UnsubscribeLinkInvalid
from everthread.outreach.forms import ComposeForm
from everthread.outreach.models import OutboundMessage
from everthread.outreach.selectors import (
    WHATSAPP_WINDOW,
    advisor_client_ids,
    outbound_message_status,
    outbox_page,
    outreach_preview,
    whatsapp_last_inbound,
    whatsapp_window_open,
)
from everthread.outreach.services import (
    SENDABLE,
    Sent,
    outreach_retry,
    outreach_send,
    outreach_tone_hints,
    outreach_unsubscribe,
)
from everthread.outreach.unsubscribe import unsubscribe_read


def _purpose(request: HttpRequest) -> str:
    purpose = request.POST.get("purpose") or request.GET.get("purpose", Purpose.MARKETING)
    return purpose if purpose in Purpose.values else Purpose.MARKETING


@requires(Capability.SEND_OUTREACH)
@require_http_methods(["GET", "POST"])
def compose(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Send a message to one customer, seeing first which channels may carry it and why not,
    starting from a template if wanted, with the tone hints as the message is written."""
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    templates = message_templates_for(organisation=organisation_get(), purpose=_purpose(request))
    initial = {"purpose": _purpose(request), **_from_template(request, customer, templates)}
    form = ComposeForm(request.POST or None, initial=initial, templates=templates)
    sent: list[Sent] = []
    tone: dict[str, object] = {}
    if request.method == "POST" and form.is_valid():
        try:
            sent.append(_send(request, customer=customer, form=form))
        except DomainError as error:
            form.add_domain_error(error)
        if not sent:
            tone = _tone_panel(request, customer=customer, data=_typed(request))
    rows = outreach_preview(
        customer_ids=[customer.pk], purpose=_purpose(request), at=timezone.now()
    )
    context = {"customer": customer, "form": form, "rows": rows, "sent": sent, **tone}
    return render(request, "outreach/compose.html", context)


def _from_template(
    request: StaffRequest, customer: Customer, templates: list[MessageTemplate]
) -> dict[str, object]:
    """The composer's fields filled from the template picked (?template=), for this customer."""
    wanted = request.GET.get("template", "")
    template = next((t for t in templates if str(t.pk) == wanted), None)
    if template is None or request.method != "GET":
        return {}
    rendered = template_render(
        template=template, customer=customer, staff=request.user, organisation=organisation_get()
    )
    return {
        "template": template.pk,
        "channel": template.channel,
        "subject": rendered.subject,
        "body": rendered.body,
    }


@requires(Capability.SEND_OUTREACH)
@require_POST
def compose_check(request: StaffRequest, customer_id: int) -> HttpResponse:
    """The composer's live panel: tone hints, SMS segments and the WhatsApp window."""
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    context = _tone_panel(request, customer=customer, data=_typed(request))
    return render(request, "outreach/_tone.html", {"customer": customer, **context})


def _typed(request: StaffRequest) -> dict[str, object]:
    # As typed: a field the form refused is no longer in its cleaned data.
    return {
        "channel": request.POST.get("channel", ""),
        "body": request.POST.get("body", ""),
        "send_anyway": request.POST.get("send_anyway") == "on",
    }


def _tone_panel(
    request: StaffRequest, *, customer: Customer, data: dict[str, object]
) -> dict[str, object]:
    channel, body, at = str(data.get("channel", "")), str(data.get("body", "")), timezone.now()
    if channel not in SENDABLE:
        return {}
    hints = outreach_tone_hints(
        customer=customer, channel=channel, body=body, at=at, send_anyway=None
    )
    panel: dict[str, object] = {
        "hints": hints,
        "tone_checked": bool(body.strip()),
        "warned": any(hint.severity == WARNING for hint in hints),
        "send_anyway": bool(data.get("send_anyway")),
        "segments": sms_segments(body) if channel == ConsentChannel.SMS else None,
    }
    if channel == ConsentChannel.WHATSAPP:
        last = whatsapp_last_inbound(customer_id=customer.pk, at=at)
        panel["whatsapp_last"] = last
        panel["whatsapp_open"] = whatsapp_window_open(last, at=at)
        panel["whatsapp_until"] = last + WHATSAPP_WINDOW if last else None
    return panel


@requires(Capability.SEND_OUTREACH)
@require_http_methods(["GET", "POST"])
def compose_to_clients(request: StaffRequest) -> HttpResponse:
    """The advisor's clients: who may be contacted on which channel, then send to those chosen."""
    client_ids = advisor_client_ids(advisor_id=request.user.pk)
    # No template picker here: a template is filled in for one customer, and previewed so.
    form = ComposeForm(request.POST or None, initial={"purpose": _purpose(request)}, templates=[])
    sent: list[Sent] = []
    if request.method == "POST" and form.is_valid():
        chosen = [int(pk) for pk in request.POST.getlist("customer") if pk.isdigit()]
        customers = [
            customer_open(viewer=request.user, customer_id=pk) for pk in chosen if pk in client_ids
        ]
        try:
            # Asked of every client first: one client's hint must not stop the send half-way.
            for customer in customers:
                outreach_tone_hints(
                    customer=customer,
                    channel=form.cleaned_data["channel"],
                    body=form.cleaned_data["body"],
                    at=timezone.now(),
                    send_anyway=form.cleaned_data["send_anyway"],
                )
            for customer in customers:
                sent.append(_send(request, customer=customer, form=form))
        except DomainError as error:
            form.add_domain_error(error)
        if not chosen:
            form.add_error(None, "Choose at least one client to send to.")
    rows = outreach_preview(customer_ids=client_ids, purpose=_purpose(request), at=timezone.now())
    context = {"form": form, "rows": rows, "sent": sent}
    return render(request, "outreach/clients.html", context)


def _send(request: StaffRequest, *, customer: Customer, form: ComposeForm) -> Sent:
    data = form.cleaned_data
    return outreach_send(
        customer=customer,
        channel=data["channel"],
        purpose=data["purpose"],
        subject=data["subject"],
        body=data["body"],
        actor=request.user,
        template_id=data["template"],
        send_anyway=data["send_anyway"],
    )


@requires(Capability.SEND_OUTREACH)
@require_GET
def message_status(request: StaffRequest, message_id: int) -> HttpResponse:
    """A sent message's delivery status, which the composer asks again until it stops moving."""
    message = outbound_message_status(message_id=message_id)
    return render(request, "outreach/_message_status.html", {"message": message})


@public
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Works without signing in: shows what will change, and changes it on POST."""
    try:
        subscription = unsubscribe_read(token)
    except UnsubscribeLinkInvalid as error:
        return render(request, "outreach/unsubscribe_invalid.html", {"error": error}, status=400)
    context = {
        "channel": ConsentChannel(subscription.channel).label,
        "purpose": Purpose(subscription.purpose).label.lower(),
        "done": False,
    }
    if request.method == "POST":
        _withdraw(request, token, how="Unsubscribe page")
        context["done"] = True
    return render(request, "outreach/unsubscribe.html", context)


@public
@csrf_exempt
@require_POST
def unsubscribe_one_click(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click: the mail client POSTs with no cookie and no CSRF token."""
    try:
        _withdraw(request, token, how="One-click unsubscribe from the email client")
    except UnsubscribeLinkInvalid as error:
        return HttpResponse(error.message, status=400, content_type="text/plain")
    return HttpResponse("Unsubscribed.", content_type="text/plain")


def _withdraw(request: HttpRequest, token: str, *, how: str) -> None:
    outreach_unsubscribe(token=token, ip_address=request.META.get("REMOTE_ADDR"), wording=how)


@requires(Capability.MANAGE_OUTBOX)
def dead_letters(request: StaffRequest) -> HttpResponse:
    """Messages that failed for good: who, which channel, why, how many tries; Retry each."""
    page = outbox_page(
        status=OutboundMessage.Status.DEAD,
        after=request.GET.get("cursor") or None,
        limit=settings.PAGE_SIZE,
    )
    return render(request, "outreach/dead_letters.html", {"page": page})


@requires(Capability.MANAGE_OUTBOX)
@require_POST
def dead_letter_retry(request: StaffRequest, message_id: int) -> HttpResponse:
    """Send it again through the gate, then show the list with what the gate said."""
    sent = outreach_retry(message_id=message_id, actor=request.user)
    if sent.outcome == "refused":
        messages.error(request, "Not sent: " + " ".join(sent.decision.reasons))
    elif sent.outcome == "held":
        messages.info(request, "Held: " + " ".join(sent.decision.reasons))
    else:
        messages.success(
            request, f"Queued again for {sent.message.customer if sent.message else ''}."
        )
    return redirect("outreach:dead_letters")
