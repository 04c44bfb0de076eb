"""Pages: the template list, the editor with its live preview, and the brand voice settings."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest, phone_region
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.core.selectors import organisation_get
from everthread.customers.selectors import customer_search
from everthread.customers.services import customer_open
from everthread.message_templates.forms import BrandVoiceForm, TemplateFilterForm, TemplateForm
from everthread.message_templates.models import MessageTemplate, TemplateChannel
from everthread.message_templates.selectors import (
    brand_voice_get,
    message_template_get,
    message_templates_page,
    template_preview,
    template_values,
    tone_check,
)
from everthread.message_templates.services import (
    brand_voice_update,
    message_template_create,
    message_template_delete,
    message_template_update,
)
from everthread.message_templates.variables import VARIABLES, variables_check


@requires(Capability.SEND_OUTREACH)
def template_list(request: StaffRequest) -> HttpResponse:
    filters = TemplateFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = message_templates_page(
        organisation=organisation_get(),
        channel=chosen.get("channel", ""),
        purpose=chosen.get("purpose", ""),
        language=chosen.get("language", "").strip(),
        after=request.GET.get("cursor"),
    )
    query = request.GET.copy()
    query.pop("cursor", None)
    context = {"filters": filters, "page": page, "query": query.urlencode()}
    return render(request, "message_templates/list.html", context)


@requires(Capability.MANAGE_TEMPLATES)
@require_http_methods(["GET", "POST"])
def template_new(request: StaffRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None, initial={"language": "en-GB"})
    if request.method == "POST" and form.is_valid():
        try:
            template = message_template_create(
                actor=request.user, organisation=organisation_get(), draft=form.draft()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Saved: {template.name}")
            return redirect("message_templates:list")
    return _editor(request, form, template=None)


@requires(Capability.MANAGE_TEMPLATES)
@require_http_methods(["GET", "POST"])
def template_edit(request: StaffRequest, template_id: int) -> HttpResponse:
    organisation = organisation_get()
    template = message_template_get(template_id=template_id, organisation=organisation)
    form = TemplateForm.of(template, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            template = message_template_update(
                actor=request.user,
                organisation=organisation,
                template_id=template.pk,
                draft=form.draft(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Saved: {template.name}")
            return redirect("message_templates:list")
    return _editor(request, form, template=template)


def _editor(
    request: StaffRequest, form: TemplateForm, *, template: MessageTemplate | None
) -> HttpResponse:
    context = {"form": form, "template": template, "variables": VARIABLES}
    return render(request, "message_templates/edit.html", context)


@requires(Capability.MANAGE_TEMPLATES)
@require_POST
def template_delete(request: StaffRequest, template_id: int) -> HttpResponse:
    organisation = organisation_get()
    template = message_template_get(template_id=template_id, organisation=organisation)
    message_template_delete(actor=request.user, organisation=organisation, template_id=template.pk)
    messages.success(request, f"Deleted: {template.name}")
    return redirect("message_templates:list")


@requires(Capability.SEND_OUTREACH)
@require_POST
def template_preview_part(request: StaffRequest) -> HttpResponse:
    """The editor's live preview: the text as a real customer would get it from you, the SMS
    segments and the tone hints, refreshed as the author types."""
    data = request.POST
    channel = data.get("channel", "")
    texts = {name: data.get(name, "") for name in ("subject", "preheader", "body")}
    context: dict[str, object] = {"typed": data.get("preview_for", "").strip()}
    try:
        for name, text in texts.items():
            variables_check(text, field=name)
    except DomainError as error:
        context["error"] = error.message
        return render(request, "message_templates/_preview.html", context)
    customer = None
    if context["typed"]:
        found = customer_search(
            query=str(context["typed"]), region=phone_region(request), limit=1
        ).items
        if found:
            customer = customer_open(viewer=request.user, customer_id=found[0].pk)
    organisation = organisation_get()
    values = (
        template_values(customer=customer, staff=request.user, organisation=organisation)
        if customer
        else {}
    )
    preview = template_preview(channel=channel, values=values, **texts)
    timeline = (
        TemplateChannel(channel).timeline_channel if channel in TemplateChannel.values else ""
    )
    # The template's own words: whether one customer's history is acknowledged is for the
    # composer, when it is sent to them.
    hints = tone_check(
        text=preview.body,
        channel=timeline,
        organisation=organisation,
        customer_id=None,
        at=timezone.now(),
    )
    context |= {"customer": customer, "preview": preview, "hints": hints, "tone_checked": True}
    return render(request, "message_templates/_preview.html", context)


@requires(Capability.MANAGE_TEMPLATES)
@require_http_methods(["GET", "POST"])
def brand_voice(request: StaffRequest) -> HttpResponse:
    organisation = organisation_get()
    voice = brand_voice_get(organisation=organisation)
    form = BrandVoiceForm.of(voice, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            brand_voice_update(actor=request.user, organisation=organisation, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Brand voice saved: the tone check now holds messages to it.")
            return redirect("message_templates:brand_voice")
    return render(request, "message_templates/brand_voice.html", {"form": form})
