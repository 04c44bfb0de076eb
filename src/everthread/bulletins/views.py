"""Pages: my bulletins and acknowledging them, writing one and who has not read it; the
promotions calendar and the live-promotions panel on the customer page and composer."""

from __future__ import annotations

import datetime
import itertools
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.bulletins.forms import BulletinForm, PromotionForm, calendar_span
from everthread.bulletins.selectors import (
    bulletin_for,
    bulletin_report,
    bulletins_mine,
    bulletins_to_acknowledge,
    bulletins_written,
    promotion_detail,
    promotions_calendar,
    promotions_live,
)
from everthread.bulletins.services import bulletin_acknowledge, bulletin_publish, promotion_save
from everthread.core.csv_files import csv_cell_written, csv_lines
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Channel
from everthread.core.permissions import requires
from everthread.customers.models import Customer


@requires()
@require_GET
def bulletin_list(request: StaffRequest) -> HttpResponse:
    page = bulletins_mine(staff=request.user, after=request.GET.get("cursor"))
    return render(request, "bulletins/list.html", {"page": page})


@requires()
@require_GET
def bulletin_page(request: StaffRequest, bulletin_id: int) -> HttpResponse:
    bulletin = bulletin_for(staff=request.user, bulletin_id=bulletin_id)
    return render(request, "bulletins/detail.html", {"bulletin": bulletin})


@requires()
@require_POST
def acknowledge(request: StaffRequest, bulletin_id: int) -> HttpResponse:
    """Read and understood. From the my-day card it swaps in place; otherwise back to it."""
    bulletin_acknowledge(staff=request.user, bulletin_id=bulletin_id)
    if request.htmx:
        return _waiting_card(request)
    messages.success(request, "Thank you: acknowledged.")
    return redirect("bulletins:detail", bulletin_id=bulletin_id)


@requires()
@require_GET
def to_acknowledge(request: StaffRequest) -> HttpResponse:
    """The card on my day: what they still must confirm they have read."""
    return _waiting_card(request)


def _waiting_card(request: StaffRequest) -> HttpResponse:
    waiting = bulletins_to_acknowledge(staff=request.user)
    return render(request, "bulletins/_to_acknowledge.html", {"waiting": waiting})


@requires(Capability.MANAGE_BULLETINS)
@require_http_methods(["GET", "POST"])
def bulletin_new(request: StaffRequest) -> HttpResponse:
    form = BulletinForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = bulletin_publish(author=request.user, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Published: {bulletin.title}.")
            return redirect("bulletins:report", bulletin_id=bulletin.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "bulletins/new.html", {"form": form}, status=status)


@requires(Capability.MANAGE_BULLETINS)
@require_GET
def bulletin_sent(request: StaffRequest) -> HttpResponse:
    page = bulletins_written(after=request.GET.get("cursor"))
    return render(request, "bulletins/sent.html", {"page": page})


@requires(Capability.MANAGE_BULLETINS)
@require_GET
def report(request: StaffRequest, bulletin_id: int) -> HttpResponse:
    return render(
        request, "bulletins/report.html", {"report": bulletin_report(bulletin_id=bulletin_id)}
    )


@requires(Capability.MANAGE_BULLETINS)
@require_GET
def report_csv(request: StaffRequest, bulletin_id: int) -> HttpResponse:
    """Everyone in the audience with whether and when they acknowledged, for a spreadsheet
    (cells a spreadsheet would run as a formula are written as text)."""
    found = bulletin_report(bulletin_id=bulletin_id)
    rows = (
        [
            csv_cell_written(str(reader.staff)),
            reader.staff.username,
            reader.staff.get_role_display(),
            csv_cell_written(reader.staff.home_store.name if reader.staff.home_store else ""),
            _iso(reader.acknowledged_at),
        ]
        for reader in found.readers
    )
    header = ["name", "username", "role", "home store", "acknowledged at"]
    response = HttpResponse(
        "".join(csv_lines(itertools.chain([header], rows))), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bulletin-{bulletin_id}-readers.csv"'
    return response


def _iso(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).isoformat() if moment else ""


@requires()
@require_GET
def calendar(request: StaffRequest) -> HttpResponse:
    """The promotions and content calendar, a month or a week at a time, in one channel or
    all: what is live now, coming up and ended in it."""
    span = calendar_span(month=request.GET.get("month", ""), week=request.GET.get("week", ""))
    channel = request.GET.get("channel", "")
    if channel not in Channel.values:
        channel = ""
    context = {
        "calendar": promotions_calendar(start=span.start, end=span.end, channel=channel),
        "span": span,
        "channel": channel,
        "channels": Channel.choices,
    }
    return render(request, "bulletins/calendar.html", context)


def _promotion_form_page(
    request: StaffRequest, form: PromotionForm, promotion_id: int | None
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            promotion = promotion_save(
                actor=request.user, draft=form.draft(), promotion_id=promotion_id
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"On the calendar: {promotion.name}.")
            return redirect("bulletins:calendar")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "promotion_id": promotion_id}
    return render(request, "bulletins/promotion_form.html", context, status=status)


@requires(Capability.MANAGE_BULLETINS)
@require_http_methods(["GET", "POST"])
def promotion_new(request: StaffRequest) -> HttpResponse:
    return _promotion_form_page(request, PromotionForm(request.POST or None), None)


@requires(Capability.MANAGE_BULLETINS)
@require_http_methods(["GET", "POST"])
def promotion_edit(request: StaffRequest, promotion_id: int) -> HttpResponse:
    promotion = promotion_detail(promotion_id=promotion_id)
    form = PromotionForm.for_promotion(promotion, request.POST or None)
    return _promotion_form_page(request, form, promotion_id)


@requires()
@require_GET
def live_panel(request: StaffRequest) -> HttpResponse:
    """Promotions running now in any channel, for the customer page and the composer."""
    return render(request, "bulletins/_live.html", {"promotions": promotions_live()})


def promotions_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The panel loads itself after the page: the page's own reads stay within budget."""
    return {"customer": customer}
