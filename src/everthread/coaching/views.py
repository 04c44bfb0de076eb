"""Coaching pages: rubrics, observing a colleague's real contact, a person's coaching page
with the automatic evidence, learning, module progress and mystery shopping."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.coaching.errors import (
    AssignmentNotFound,
    InvalidObservation,
    ModuleNotFound,
    MysteryShopFormNotFound,
    ObservationNotFound,
    RubricNotFound,
    StaffNotFound,
)
from everthread.coaching.forms import (
    AnswersForm,
    AssignForm,
    ObservationForm,
    RubricForm,
    VisitForm,
)
from everthread.coaching.models import Module
from everthread.coaching.selectors import (
    assignment_get,
    assignments_of,
    behaviour_scores,
    learning_progress,
    mystery_shop_form_get,
    mystery_shop_forms,
    mystery_shop_results,
    observation_get,
    observations_of,
    observations_recent,
    observe_subject,
    rubric_get,
    rubrics_current,
    staff_evidence,
    staff_recent_work,
)
from everthread.coaching.services import (
    ObservationDraft,
    VisitDraft,
    assignment_answer,
    module_assign,
    mystery_shop_visit_record,
    observation_record,
    rubric_create,
    rubric_update,
)
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import requires
from everthread.core.selectors import staff_list
from everthread.core.services import audit_record
from everthread.customers.services import customer_open


@requires(Capability.COACH_STAFF)
@require_GET
def home(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "coaching/home.html",
        {
            "rubrics": rubrics_current(),
            "people": staff_list(),
            "recent": observations_recent(),
            "scores": behaviour_scores(),
        },
    )


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def rubric_new(request: StaffRequest) -> HttpResponse:
    form = RubricForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rubric = rubric_create(actor=request.user, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"{rubric} saved.")
            return redirect("coaching:home")
    return render(request, "coaching/rubric_form.html", {"form": form, "rubric": None})


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def rubric_edit(request: StaffRequest, rubric_id: int) -> HttpResponse:
    rubric = rubric_get(rubric_id=rubric_id)
    if rubric is None:
        raise RubricNotFound(f"There is no rubric {rubric_id}.")
    form = RubricForm(request.POST or None, rubric=rubric)
    if request.method == "POST" and form.is_valid():
        try:
            saved = rubric_update(actor=request.user, rubric_id=rubric.pk, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if saved.pk != rubric.pk:
                messages.success(
                    request,
                    f"{rubric} has observations, so your change is version {saved.version}; "
                    "past scores keep the words they were given for.",
                )
            else:
                messages.success(request, f"{saved} saved.")
            return redirect("coaching:home")
    return render(request, "coaching/rubric_form.html", {"form": form, "rubric": rubric})


def _ids(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()]


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def observe(request: StaffRequest) -> HttpResponse:
    """Observe the colleague who handled an interaction, opened from the timeline or their
    recent work: scores on the current rubric, the linked work, and the automatic evidence."""
    raw = request.GET.get("interaction") or request.POST.get("interaction", "")
    subject = observe_subject(interaction_id=int(raw)) if raw.isdigit() else None
    if subject is None:
        raise InvalidObservation(
            "Open an observation from a colleague's contact on the customer's timeline or "
            "from their recent work: an observation is about real work."
        )
    rubrics = rubrics_current()
    if not rubrics:
        raise RubricNotFound("There is no rubric yet: a coach defines one first.")
    chosen = request.GET.get("rubric") or request.POST.get("rubric", "")
    rubric = next((r for r in rubrics if str(r.pk) == chosen), rubrics[0])
    interaction = subject.interaction
    customer_open(viewer=request.user, customer_id=interaction.customer_id)
    form = ObservationForm(request.POST or None, rubric=rubric, subject=subject)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            observation = observation_record(
                observer=request.user,
                draft=ObservationDraft(
                    rubric_id=rubric.pk,
                    observed_id=interaction.staff_id or 0,
                    interaction_ids=[interaction.pk, *_ids(data["also_interactions"])],
                    note_ids=_ids(data["notes"]),
                    message_ids=_ids(data["messages"]),
                    scores=form.scores(),
                    comment=data["comment"],
                ),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Observation of {observation.observed} saved.")
            return redirect("coaching:staff", staff_id=observation.observed_id)
    return render(
        request,
        "coaching/observe.html",
        {
            "form": form,
            "subject": subject,
            "rubric": rubric,
            "rubrics": rubrics,
            "evidence": staff_evidence(staff_id=interaction.staff_id or 0, viewer=request.user),
        },
    )


@requires(Capability.COACH_STAFF)
@require_GET
def staff_page(request: StaffRequest, staff_id: int) -> HttpResponse:
    """A member of staff's coaching: observations, the automatic evidence, recent work to
    observe, their modules."""
    person = Staff.objects.select_related("home_store").filter(pk=staff_id).first()
    if person is None:
        raise StaffNotFound(f"There is no member of staff {staff_id}.")
    audit_record(actor=request.user, action="coaching.viewed", subject=person)
    return render(
        request,
        "coaching/staff.html",
        {
            "person": person,
            "observations": observations_of(staff_id=person.pk, page=_page(request)),
            "evidence": staff_evidence(staff_id=person.pk, viewer=request.user),
            "work": staff_recent_work(staff_id=person.pk),
            "assignments": assignments_of(learner_id=person.pk),
            "scores": behaviour_scores(staff_id=person.pk),
            "today": timezone.localdate(),
        },
    )


def _page(request: StaffRequest) -> int:
    page = request.GET.get("page", "")
    return int(page) if page.isdigit() else 1


@requires()
@require_GET
def observation_page(request: StaffRequest, observation_id: int) -> HttpResponse:
    """One observation, for coaches and managers and for the person observed."""
    observation = observation_get(observation_id=observation_id)
    viewer = request.user
    if observation is None or not (
        viewer.can(Capability.COACH_STAFF) or observation.observed_id == viewer.pk
    ):
        raise ObservationNotFound(f"There is no observation {observation_id} of yours.")
    return render(request, "coaching/observation.html", {"observation": observation})


@requires()
@require_GET
def learning(request: StaffRequest) -> HttpResponse:
    """Your modules and the observations of your work."""
    return render(
        request,
        "coaching/learning.html",
        {
            "assignments": assignments_of(learner_id=request.user.pk),
            "observations": observations_of(staff_id=request.user.pk, page=_page(request)),
            "today": timezone.localdate(),
        },
    )


@requires()
@require_http_methods(["GET", "POST"])
def assignment_page(request: StaffRequest, assignment_id: int) -> HttpResponse:
    """A module's card and check questions; answered right, it is complete."""
    assignment = assignment_get(assignment_id=assignment_id, learner_id=request.user.pk)
    if assignment is None:
        raise AssignmentNotFound(f"You have no module {assignment_id}.")
    form = AnswersForm(request.POST or None, module=assignment.module)
    if request.method == "POST" and form.is_valid():
        try:
            done = assignment_answer(
                learner=request.user, assignment_id=assignment.pk, answers=form.answers()
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if done.completed_at:
                messages.success(request, f"“{assignment.module}” complete. Well done.")
                return redirect("coaching:learning")
            messages.info(request, "Not quite: read the card again and try the ones left.")
            return redirect("coaching:assignment", assignment_id=assignment.pk)
    right = {a.question_id for a in assignment.answers.all() if a.correct}
    return render(
        request,
        "coaching/assignment.html",
        {"assignment": assignment, "form": form, "right": right},
    )


@requires(Capability.COACH_STAFF)
@require_GET
def modules(request: StaffRequest) -> HttpResponse:
    """Every module with a form to assign it, and completion by person with what is overdue."""
    team = request.GET.get("team", "")
    return render(
        request,
        "coaching/modules.html",
        {
            "modules": Module.objects.prefetch_related("questions"),
            "form": AssignForm(),
            "progress": learning_progress(
                today=timezone.localdate(), team_id=int(team) if team.isdigit() else None
            ),
            "teams": AssignForm.base_fields["team"].queryset,  # type: ignore[attr-defined]
            "team": team,
        },
    )


@requires(Capability.COACH_STAFF)
@require_POST
def module_assign_page(request: StaffRequest, module_id: int) -> HttpResponse:
    form = AssignForm(request.POST)
    module = Module.objects.filter(pk=module_id).first()
    if module is None:
        raise ModuleNotFound(f"There is no module {module_id}.")
    if form.is_valid():
        data = form.cleaned_data
        try:
            assigned = module_assign(
                actor=request.user,
                module_id=module.pk,
                due_on=data["due_on"],
                learner_ids=[s.pk for s in data["learners"]],
                team_id=data["team"].pk if data["team"] else None,
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"“{module}” assigned to {len(assigned)}.")
    else:
        messages.error(request, "Choose a due date as YYYY-MM-DD.")
    return redirect("coaching:modules")


@requires(Capability.COACH_STAFF)
@require_GET
def mystery_shop(request: StaffRequest) -> HttpResponse:
    return render(
        request,
        "coaching/mystery_shop.html",
        {"forms": mystery_shop_forms(), "results": mystery_shop_results()},
    )


@requires(Capability.COACH_STAFF)
@require_GET
def mystery_shop_csv(request: StaffRequest) -> HttpResponse:
    """The results table as CSV: behaviour, store, channel, answers, score."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mystery-shop-results.csv"'
    writer = csv.writer(response)
    writer.writerow(["behaviour", "store", "channel", "answers", "score"])
    for row in mystery_shop_results():
        writer.writerow([row.behaviour, row.store, row.channel, row.answers, f"{row.percent:.0f}"])
    return response


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def visit_new(request: StaffRequest, form_id: int) -> HttpResponse:
    questionnaire = mystery_shop_form_get(form_id=form_id)
    if questionnaire is None:
        raise MysteryShopFormNotFound(f"There is no mystery-shop form {form_id}.")
    form = VisitForm(request.POST or None, form=questionnaire)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mystery_shop_visit_record(
                actor=request.user,
                draft=VisitDraft(
                    form_id=questionnaire.pk,
                    channel=data["channel"],
                    visited_on=data["visited_on"],
                    store_id=data["store"].pk if data["store"] else None,
                    staff_id=data["staff"].pk if data["staff"] else None,
                    shopper=data["shopper"],
                    answers=form.answers(),
                ),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Visit recorded on “{questionnaire}”.")
            return redirect("coaching:mystery_shop")
    return render(
        request, "coaching/visit_new.html", {"form": form, "questionnaire": questionnaire}
    )
