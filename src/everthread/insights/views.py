"""The continuity dashboard, its drill-down to the contacts behind it, CSV of every table,
and the public one-question survey page."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods

from everthread.core.csv_files import csv_cell_written, csv_lines
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import public, requires
from everthread.customers.models import Customer
from everthread.insights.charts import BarChart, bar_chart
from everthread.insights.errors import SurveyLinkInvalid
from everthread.insights.forms import ScopeForm
from everthread.insights.metrics import repeats_in
from everthread.insights.models import RepeatSurvey
from everthread.insights.repeats.selectors import repeats_page, repeats_unread
from everthread.insights.repeats.views import repeats_shown
from everthread.insights.scope import Scope
from everthread.insights.selectors import (
    Dashboard,
    contacts_behind,
    contacts_page,
    insights_dashboard,
)
from everthread.insights.services import SURVEY_QUESTION, survey_answer
from everthread.insights.survey_links import survey_read
from everthread.insights.tables import (
    CONTACT_HEADERS,
    REPEAT_HEADERS,
    contact_rows,
    dashboard_tables,
    repeat_rows,
)


def _scope(request: StaffRequest) -> tuple[ScopeForm, Scope | None, DomainError | None]:
    """The filters asked for within the viewer's reach, or the error saying why not."""
    form = ScopeForm(request.GET, viewer=request.user)
    try:
        return form, form.scope(), None
    except DomainError as error:
        return form, None, error


def _drill(scope: Scope, **narrower: str) -> str:
    query = {**scope.as_query(), **{key: value for key, value in narrower.items() if value}}
    return reverse("insights:contacts") + "?" + urlencode(query)


def _charts(dashboard: Dashboard, scope: Scope) -> list[BarChart]:
    # Behaviours drill down to the observations: the person's coaching page, or everyone's.
    coaching = (
        reverse("coaching:staff", args=[scope.staff_id])
        if scope.staff_id
        else reverse("coaching:home")
    )
    return [
        bar_chart(
            slug="response",
            title="Response time by channel",
            description="Mean hours from a customer's message to our first answer, by channel.",
            points=[
                (str(r["label"]), r["hours"], _drill(scope, channel=str(r["channel"]),
                                                     direction="inbound"))
                for r in dashboard.response_by_channel
            ],
            suffix=" h",
        ),
        bar_chart(
            slug="months",
            title="Follow-ups completed by month",
            description="Share of the follow-ups due each month that were done.",
            points=[
                (str(r["label"]), r["completed"], _drill(scope))
                for r in dashboard.followups_by_month
            ],
            suffix=" %",
        ),
        bar_chart(
            slug="tone",
            title="Messages passing the tone check, by channel",
            description="Share of messages sent in each channel without a tone warning: the "
            "closer the bars, the more the brand sounds the same everywhere.",
            points=[
                (str(r["label"]), r["share"], _drill(scope))
                for r in dashboard.tone_by_channel
            ],
            suffix=" %",
        ),
        bar_chart(
            slug="behaviours",
            title="Behaviours, observed and mystery-shopped",
            description="How well each behaviour is done, 0 to 100, from managers' "
            "observations of real contacts and mystery shopping together.",
            points=[
                (b.label, round(b.percent, 1) if b.percent is not None else None, coaching)
                for b in dashboard.behaviours
            ],
        ),
        bar_chart(
            slug="flows",
            title="How customers move between channels",
            description="Moves from one channel to the next within a journey, most common "
            "first.",
            points=[
                (str(r["label"]), r["moves"], _drill(scope, channel=str(r["to"])))
                for r in dashboard.journey_map.flows[:12]
            ],
        ),
    ]  # fmt: skip


@requires(Capability.VIEW_INSIGHTS)
@require_GET
def dashboard(request: StaffRequest) -> HttpResponse:
    """Managers' and coaches' view of continuity, filtered; the filters swap in the results
    without a reload."""
    form, scope, error = _scope(request)
    context: dict[str, object] = {"form": form, "error": error, "scope": scope}
    if scope is not None:
        board = insights_dashboard(scope=scope)
        context |= {
            "dashboard": board,
            "charts": _charts(board, scope),
            "tables": dashboard_tables(board),
            "query": urlencode(scope.as_query()),
            "repeats_unread": repeats_unread(),
        }
    template = "insights/_results.html" if request.htmx else "insights/dashboard.html"
    return render(request, template, context, status=error.http_status if error else 200)


@requires(Capability.VIEW_INSIGHTS)
@require_GET
def contacts(request: StaffRequest) -> HttpResponse:
    """The interactions behind a chart or a table, newest first, a page at a time."""
    form, scope, error = _scope(request)
    direction = request.GET.get("direction", "")
    context: dict[str, object] = {"form": form, "error": error, "direction": direction}
    if scope is not None:
        rows, cursor = contacts_page(
            scope=scope,
            direction=direction,
            after=request.GET.get("cursor") or None,
            limit=settings.PAGE_SIZE,
        )
        query = {**scope.as_query(), **({"direction": direction} if direction else {})}
        context |= {
            "contacts": rows,
            "next_page": urlencode({**query, "cursor": cursor}) if cursor else "",
            "query": urlencode(query),
        }
    status = error.http_status if error else 200
    return render(request, "insights/contacts.html", context, status=status)


@requires(Capability.VIEW_INSIGHTS)
@require_GET
def repeats(request: StaffRequest) -> HttpResponse:
    """What customers told us again in the contacts behind the dashboard, each with the two
    passages side by side, newest first, a page at a time."""
    form, scope, error = _scope(request)
    context: dict[str, object] = {"form": form, "error": error}
    if scope is not None:
        heard, cursor = repeats_page(
            repeats_in(scope).heard,
            repeat_of=lambda found: found.repeat,
            after=request.GET.get("cursor") or None,
            limit=settings.PAGE_SIZE,
        )
        customers = Customer.objects.in_bulk({found.repeat.customer_id for found in heard})
        shown = repeats_shown(found.repeat for found in heard)
        query = scope.as_query()
        context |= {
            "repeats": [(customers.get(r.customer_id), r, *passages) for r, *passages in shown],
            "next_page": urlencode({**query, "cursor": cursor}) if cursor else "",
            "query": urlencode(query),
        }
    status = error.http_status if error else 200
    return render(request, "insights/repeats_behind.html", context, status=status)


@requires(Capability.VIEW_INSIGHTS)
@require_GET
def table_csv(request: StaffRequest, table: str) -> HttpResponse | StreamingHttpResponse:
    """Any table of the dashboard as CSV, for the same filters; "contacts" is every
    interaction behind it."""
    _, scope, error = _scope(request)
    if error is not None or scope is None:
        return HttpResponse(
            str(error),
            status=error.http_status if error else 400,
            content_type="text/plain; charset=utf-8",
        )
    if table == "contacts":
        rows = contacts_behind(scope, direction=request.GET.get("direction", ""))
        newest_first = rows.order_by("-occurred_at", "-id").iterator(chunk_size=2000)
        return _csv(CONTACT_HEADERS, contact_rows(newest_first), table)
    if table == "repeats":
        heard = repeats_in(scope).heard
        return _csv(REPEAT_HEADERS, repeat_rows(repeats_shown(h.repeat for h in heard)), table)
    tables = dashboard_tables(insights_dashboard(scope=scope))
    if table not in tables:
        raise Http404("There is no such table on the dashboard.")
    return _csv(tables[table].headers, tables[table].rows, table)


def _csv(headers: Iterable[str], rows: Iterable[Iterable[str]], name: str) -> StreamingHttpResponse:
    safe = ([csv_cell_written(cell) for cell in row] for row in rows)
    lines = itertools.chain(["\ufeff"], csv_lines(itertools.chain([headers], safe)))
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    file_name = f"continuity-{name}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = content_disposition_header(True, file_name) or "attachment"
    return response


@public
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    """Works without signing in; the first answer counts, a second changes nothing."""
    try:
        survey_id = survey_read(token)
        found = RepeatSurvey.objects.filter(pk=survey_id, message__isnull=False).first()
        if found is None:
            raise SurveyLinkInvalid("This survey link is not one we sent.")
        if request.method == "POST":
            found = survey_answer(token=token, answer=request.POST.get("answer", ""))
    except SurveyLinkInvalid as error:
        return render(request, "insights/survey_invalid.html", {"error": error}, status=400)
    return render(request, "insights/survey.html", {"survey": found, "question": SURVEY_QUESTION})
