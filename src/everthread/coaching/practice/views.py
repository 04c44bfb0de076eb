"""Practice pages: the coach's scenarios and reviews, a learner's practice, the sandbox
(the real timeline, note form and composer on practice data), and a candidate's guest page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from everthread.coaching.errors import PracticeLinkInvalid
from everthread.coaching.forms import RubricScoresForm
from everthread.coaching.models import PracticeAttempt
from everthread.coaching.practice.forms import (
    GuestLinkForm,
    ScenarioForm,
    sandbox_compose_form,
    sandbox_note_form,
    step_formset,
)
from everthread.coaching.practice.links import guest_attempt_read, guest_url
from everthread.coaching.practice.persona import persona_tone_hints
from everthread.coaching.practice.selectors import (
    attempt_for,
    attempt_of_learner,
    attempts_of,
    attempts_to_pick_up,
    attempts_to_review,
    sandbox_of,
    scenario_get,
    scenarios_list,
)
from everthread.coaching.practice.services import (
    attempt_hand_over,
    attempt_review,
    attempt_start,
    attempt_submit,
    guest_attempt_create,
    practice_message_send,
    practice_note_write,
    scenario_create,
    scenario_update,
)
from everthread.core.errors import DomainError
from everthread.core.http import StaffRequest
from everthread.core.models import Capability, Staff
from everthread.core.permissions import public, requires
from everthread.message_templates.tone import WARNING
from everthread.outreach.services import SENDABLE

Status = PracticeAttempt.Status


def _page(request: HttpRequest, name: str = "page") -> int:
    page = request.GET.get(name, "")
    return int(page) if page.isdigit() else 1


@requires(Capability.COACH_STAFF)
@require_GET
def practice_home(request: StaffRequest) -> HttpResponse:
    """Scenarios, the attempts waiting for review and the latest reviewed."""
    return render(
        request,
        "coaching/practice/home.html",
        {
            "scenarios": scenarios_list(page=_page(request)),
            "waiting": attempts_to_review(page=_page(request, "waiting")),
            "reviewed": attempts_to_review(page=_page(request, "reviewed"), status=Status.REVIEWED),
        },
    )


def _scenario_form_page(request: StaffRequest, scenario_id: int | None) -> HttpResponse:
    scenario = scenario_get(scenario_id=scenario_id) if scenario_id is not None else None
    form = ScenarioForm(request.POST or None, scenario=scenario)
    steps = step_formset(request.POST or None, scenario=scenario)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        drafts = [step for step in (f.step() for f in steps) if step is not None]
        try:
            if scenario is None:
                saved = scenario_create(actor=request.user, draft=form.draft(drafts))
            else:
                saved = scenario_update(
                    actor=request.user, scenario_id=scenario.pk, draft=form.draft(drafts)
                )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"“{saved}” saved.")
            return redirect("coaching:practice_scenario", scenario_id=saved.pk)
    return render(
        request,
        "coaching/practice/scenario_form.html",
        {"form": form, "steps": steps, "scenario": scenario},
    )


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def scenario_new(request: StaffRequest) -> HttpResponse:
    return _scenario_form_page(request, None)


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def scenario_edit(request: StaffRequest, scenario_id: int) -> HttpResponse:
    return _scenario_form_page(request, scenario_id)


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def scenario_page(request: StaffRequest, scenario_id: int) -> HttpResponse:
    """The scenario as learners meet it, and a candidate link made here (shown once)."""
    scenario = scenario_get(scenario_id=scenario_id)
    form = GuestLinkForm(request.POST or None)
    link = ""
    if request.method == "POST" and form.is_valid():
        try:
            attempt = guest_attempt_create(
                actor=request.user,
                scenario_id=scenario.pk,
                candidate_name=form.cleaned_data["candidate_name"],
                hours=form.cleaned_data["hours"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            link = guest_url(attempt)
            form = GuestLinkForm()
    context = {"scenario": scenario, "form": form, "link": link}
    return render(request, "coaching/practice/scenario.html", context)


@requires(Capability.COACH_STAFF)
@require_http_methods(["GET", "POST"])
def review(request: StaffRequest, attempt_id: int) -> HttpResponse:
    """The attempt as written, its automatic scores with reasons, and the coach's review."""
    attempt = attempt_for(attempt_id=attempt_id, viewer=request.user)
    form = (
        RubricScoresForm(request.POST or None, rubric=attempt.rubric)
        if attempt.rubric is not None and attempt.status == Status.SUBMITTED
        else None
    )
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            attempt_review(
                coach=request.user,
                attempt_id=attempt.pk,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Review of {attempt.who} saved.")
            return redirect("coaching:practice_review", attempt_id=attempt.pk)
    return render(
        request,
        "coaching/practice/review.html",
        {"sandbox": sandbox_of(attempt), "form": form},
    )


@requires(Capability.PRACTISE)
@require_GET
def mine(request: StaffRequest) -> HttpResponse:
    """Scenarios to start, your attempts, and colleagues' attempts to pick up from."""
    return render(
        request,
        "coaching/practice/mine.html",
        {
            "scenarios": scenarios_list(page=_page(request)),
            "attempts": attempts_of(learner_id=request.user.pk, page=_page(request, "mine")),
            "handovers": attempts_to_pick_up(
                learner_id=request.user.pk, page=_page(request, "handovers")
            ),
        },
    )


@requires(Capability.PRACTISE)
@require_POST
def start(request: StaffRequest, scenario_id: int) -> HttpResponse:
    attempt = attempt_start(learner=request.user, scenario_id=scenario_id)
    return redirect("coaching:practice_attempt", attempt_id=attempt.pk)


@requires(Capability.PRACTISE)
@require_POST
def pick_up(request: StaffRequest, attempt_id: int) -> HttpResponse:
    attempt = attempt_hand_over(learner=request.user, attempt_id=attempt_id)
    source = attempt.handover_from
    messages.info(request, f"You are picking up from {source.who if source else 'a colleague'}.")
    return redirect("coaching:practice_attempt", attempt_id=attempt.pk)


@dataclass(frozen=True)
class Sandboxed:
    """Which attempt, who is writing, and where the sandbox's forms post."""

    attempt: PracticeAttempt
    actor: Staff | None
    key: str  # the attempt id or the candidate's token
    guest: bool

    def url(self, name: str = "") -> str:
        base = "practice_guest" if self.guest else "practice_attempt"
        return reverse(f"coaching:{base}{'_' + name if name else ''}", args=[self.key])

    def again(self) -> HttpResponse:
        return redirect(self.url())


def _own(request: StaffRequest, attempt_id: int) -> Sandboxed:
    attempt = attempt_of_learner(attempt_id=attempt_id, learner=request.user)
    return Sandboxed(attempt, request.user, str(attempt.pk), guest=False)


def _guest(token: str) -> Sandboxed:
    return Sandboxed(guest_attempt_read(token), None, token, guest=True)


def _sandbox_render(
    request: HttpRequest, box: Sandboxed, *, note: Any = None, compose: Any = None, **extra: Any
) -> HttpResponse:
    attempt = box.attempt
    context = {
        "sandbox": sandbox_of(attempt),
        "box": box,
        "note_form": note or sandbox_note_form(guest=box.guest),
        "form": compose or sandbox_compose_form(scenario=attempt.scenario),
        "urls": {name: box.url(name) for name in ("note", "message", "submit")},
        "tone_url": box.url("check"),
        "send_label": "Send in practice (nothing leaves Everthread)",
        **extra,
    }
    return render(request, "coaching/practice/sandbox.html", context)


def _note(request: HttpRequest, box: Sandboxed) -> HttpResponse:
    form = sandbox_note_form(request.POST, guest=box.guest)
    if form.is_valid():
        try:
            practice_note_write(attempt_id=box.attempt.pk, actor=box.actor, draft=form.draft())
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Note saved to your practice timeline.")
            return box.again()
    return _sandbox_render(request, box, note=form)


def _message(request: HttpRequest, box: Sandboxed) -> HttpResponse:
    form = sandbox_compose_form(request.POST, scenario=box.attempt.scenario)
    tone: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        try:
            sent = practice_message_send(
                attempt_id=box.attempt.pk,
                actor=box.actor,
                channel=data["channel"],
                purpose=data["purpose"],
                subject=data["subject"],
                body=data["body"],
                send_anyway=data["send_anyway"],
            )
        except DomainError as error:
            form.add_domain_error(error)
            tone = _tone(box, request.POST.get("channel", ""), request.POST.get("body", ""))
        else:
            if sent.outcome == "refused":
                messages.error(request, "Not sent: " + " ".join(sent.reasons))
            elif sent.outcome == "held":
                messages.info(request, "Held for morning: " + " ".join(sent.reasons))
            else:
                messages.success(request, "Sent in practice: it is on your practice timeline.")
            return box.again()
    return _sandbox_render(request, box, compose=form, **tone)


def _tone(box: Sandboxed, channel: str, body: str) -> dict[str, Any]:
    live = channel == box.attempt.scenario.channel
    if channel not in SENDABLE and not live:
        return {}
    hints = persona_tone_hints(
        attempt=box.attempt, channel=SENDABLE.get(channel, channel), body=body, at=timezone.now()
    )
    return {
        "hints": hints,
        "tone_checked": bool(body.strip()),
        "warned": any(hint.severity == WARNING for hint in hints),
    }


def _check(request: HttpRequest, box: Sandboxed) -> HttpResponse:
    context = _tone(box, request.POST.get("channel", ""), request.POST.get("body", ""))
    return render(request, "outreach/_tone.html", context)


def _submit(request: HttpRequest, box: Sandboxed) -> HttpResponse:
    attempt_submit(attempt_id=box.attempt.pk, actor=box.actor)
    messages.success(request, "Submitted: your attempt has been scored and is with the coach.")
    return box.again()


@requires(Capability.PRACTISE)
@require_GET
def attempt_page(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _sandbox_render(request, _own(request, attempt_id))


@requires(Capability.PRACTISE)
@require_POST
def attempt_note(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _note(request, _own(request, attempt_id))


@requires(Capability.PRACTISE)
@require_POST
def attempt_message(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _message(request, _own(request, attempt_id))


@requires(Capability.PRACTISE)
@require_POST
def attempt_check(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _check(request, _own(request, attempt_id))


@requires(Capability.PRACTISE)
@require_POST
def attempt_submit_page(request: StaffRequest, attempt_id: int) -> HttpResponse:
    return _submit(request, _own(request, attempt_id))


def _guest_page(request: HttpRequest, token: str, then: Any) -> HttpResponse:
    """A candidate's request: the link is read first; a bad one gets its own clear page."""
    try:
        box = _guest(token)
    except PracticeLinkInvalid as error:
        return render(
            request,
            "coaching/practice/guest_invalid.html",
            {"error": error},
            status=error.http_status,
        )
    return then(request, box)


@public
@require_GET
def guest_page(request: HttpRequest, token: str) -> HttpResponse:
    return _guest_page(request, token, _sandbox_render)


@public
@require_POST
def guest_note(request: HttpRequest, token: str) -> HttpResponse:
    return _guest_page(request, token, _note)


@public
@require_POST
def guest_message(request: HttpRequest, token: str) -> HttpResponse:
    return _guest_page(request, token, _message)


@public
@require_POST
def guest_check(request: HttpRequest, token: str) -> HttpResponse:
    return _guest_page(request, token, _check)


@public
@require_POST
def guest_submit(request: HttpRequest, token: str) -> HttpResponse:
    return _guest_page(request, token, _submit)
