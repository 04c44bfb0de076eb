"""Pages: the knowledge base, search (full page and the HTMX box on the customer page and the
composer), an article with its history, the editor, review, and checklists on journeys."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.conversations.models import Journey
from everthread.conversations.selectors import journey_of
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability
from everthread.core.permissions import requires
from everthread.customers.models import Customer
from everthread.customers.services import customer_open, customer_to_edit
from everthread.knowledge.forms import (
    ArticleEditForm,
    ArticleFilterForm,
    ArticleForm,
    ReviewedForm,
)
from everthread.knowledge.selectors import (
    article_detail,
    article_list,
    article_page,
    article_versions,
    journeys_guidance,
    knowledge_search,
    review_due_for,
)
from everthread.knowledge.services import (
    article_create,
    article_edit,
    article_publish,
    article_reviewed,
    checklist_tick,
)


def knowledge_section(request: HttpRequest, customer: Customer) -> dict[str, Any]:
    """The panel loads itself after the page: the page's own reads stay within budget."""
    return {"customer": customer}


@requires()
@require_GET
def article_index(request: StaffRequest) -> HttpResponse:
    filters = ArticleFilterForm(request.GET)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = article_list(
        q=chosen.get("q", "").strip(),
        kind=chosen.get("kind", ""),
        due_for_review=chosen.get("due_for_review", False),
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filters": filters,
        "page": article_page(rows, request.GET.get("page")),
        "query": query.urlencode(),
        "today": timezone.localdate(),
        "review_due": review_due_for(owner=request.user),
    }
    return render(request, "knowledge/index.html", context)


@requires()
@require_GET
def search(request: StaffRequest) -> HttpResponse:
    """Full text (and meaning, with the extra), ranked, with the matches highlighted."""
    q = request.GET.get("q", "").strip()
    context: dict[str, Any] = {"q": q, "outcome": None, "error": None}
    if q:
        try:
            context["outcome"] = knowledge_search(q=q)
        except DomainError as error:
            context["error"] = error.message
    template = "knowledge/_results.html" if request.htmx else "knowledge/search.html"
    return render(request, template, context)


@requires()
@require_GET
def article_read(request: StaffRequest, article_id: int) -> HttpResponse:
    article = article_detail(article_id=article_id)
    context = {"article": article, "today": timezone.localdate(), "reviewed": ReviewedForm()}
    return render(request, "knowledge/article.html", context)


@requires()
@require_GET
def article_history(request: StaffRequest, article_id: int) -> HttpResponse:
    article = article_detail(article_id=article_id)
    context = {"article": article, "versions": article_versions(article=article)}
    return render(request, "knowledge/history.html", context)


@requires(Capability.MANAGE_KNOWLEDGE)
@require_http_methods(["GET", "POST"])
def article_new(request: StaffRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, initial={"owner": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            article = article_create(actor=request.user, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Saved “{article.title}” as a draft.")
            return redirect("knowledge:article", article_id=article.pk)
    return render(request, "knowledge/edit.html", {"form": form, "article": None})


@requires(Capability.MANAGE_KNOWLEDGE)
@require_http_methods(["GET", "POST"])
def article_change(request: StaffRequest, article_id: int) -> HttpResponse:
    article = article_detail(article_id=article_id)
    form = ArticleEditForm.of(article, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            article = article_edit(
                actor=request.user,
                article_id=article.pk,
                draft=form.draft(),
                why=form.cleaned_data["why"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request,
                f"Saved version {article.latest_number} of “{article.title}”."
                + (" Publish it for staff to read it." if article.is_published else ""),
            )
            return redirect("knowledge:article", article_id=article.pk)
    return render(request, "knowledge/edit.html", {"form": form, "article": article})


@requires(Capability.MANAGE_KNOWLEDGE)
@require_POST
def article_publish_view(request: StaffRequest, article_id: int) -> HttpResponse:
    try:
        article = article_publish(actor=request.user, article_id=article_id)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, f"Published version {article.published_number} of “{article.title}”."
        )
    return redirect("knowledge:article", article_id=article_id)


@requires(Capability.MANAGE_KNOWLEDGE)
@require_POST
def article_reviewed_view(request: StaffRequest, article_id: int) -> HttpResponse:
    form = ReviewedForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the date of the next review.")
        return redirect("knowledge:article", article_id=article_id)
    try:
        article = article_reviewed(
            actor=request.user, article_id=article_id, next_review=form.cleaned_data["next_review"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"Reviewed: next review by {article.review_by:%-d %B %Y}.")
    return redirect("knowledge:article", article_id=article_id)


@requires(Capability.VIEW_CUSTOMERS)
@require_GET
def customer_guidance(request: StaffRequest, customer_id: int) -> HttpResponse:
    """Suggested articles and playbook checklists beside each open journey."""
    customer = customer_open(viewer=request.user, customer_id=customer_id)
    return _guidance(request, customer)


def _guidance(request: StaffRequest, customer: Customer, error: str = "") -> HttpResponse:
    journeys = list(customer.journeys.filter(status__in=Journey.OPEN_STATUSES).order_by("-pk"))
    context = {
        "customer": customer,
        "guidance": journeys_guidance(journeys=journeys),
        "error": error,
    }
    return render(request, "knowledge/_guidance.html", context)


@requires(Capability.EDIT_CUSTOMERS)
@require_POST
def checklist_tick_view(request: StaffRequest, journey_id: int) -> HttpResponse:
    customer_id = int(request.POST.get("customer_id", "0") or 0)
    customer = customer_to_edit(actor=request.user, customer_id=customer_id)
    journey = journey_of(customer=customer, journey_id=journey_id)
    article_id = request.POST.get("article", "")
    error = ""
    try:
        checklist_tick(
            actor=request.user,
            journey=journey,
            article_id=int(article_id) if article_id.isdigit() else 0,
            item=request.POST.get("item", ""),
            done=request.POST.get("done") == "1",
        )
    except DomainError as refusal:
        error = refusal.message
    if request.htmx:
        return _guidance(request, customer, error)
    if error:
        messages.error(request, error)
    return redirect("customers:detail", customer_id=customer.pk)
