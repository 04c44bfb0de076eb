"""Every page and every API operation says who may use it, and holds to it for every role.

The walk reads the project's URL resolver and the API's operations, so an endpoint added
without a declaration (core.permissions.requires / public) fails here. For each role it
calls every endpoint: a role the declaration admits is never refused for its role; any
other is refused with 403 — the API's `{"code", "detail", "field"}`, a page saying so —
and the refusal is in the audit log.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone
from django.utils.html import escape
from ninja.operation import PathView

from everthread.coaching.practice.persona import Persona
from everthread.coaching.practice.services import (
    ScenarioDraft,
    StepDraft,
    attempt_start,
    scenario_create,
)
from everthread.coaching.services import CriterionDraft, RubricDraft, rubric_create
from everthread.commerce.models import Appointment
from everthread.core.models import ROLE_CAPABILITIES, AuditEvent, Capability, Role
from everthread.core.permissions import Access, access_of
from everthread.knowledge.models import Article
from everthread.notes.models import Note
from factories import (
    ContactPointFactory,
    CustomerFactory,
    FollowUpFactory,
    JourneyFactory,
    MessageTemplateFactory,
    StaffFactory,
)

# Routes the project does not own: Django's sign-in pages, its back office (which admits
# only administrators, see test_role_back_office.py) and the API's own documentation.
NOT_OURS = {"login", "logout", "home", "api:api-root", "api:openapi-json", "api:openapi-view"}
NOT_OURS_NAMESPACES = {"admin"}

# What the issue asks of the table, whatever else it says: which roles hold each capability.
PRIVACY_OFFICER = {"privacy_officer"}
SERVING = {"associate", "agent", "manager", "admin"}
MANAGING = {"manager", "admin"}
RULES = [
    ("only the privacy officer exports customers", Capability.EXPORT_CUSTOMERS, PRIVACY_OFFICER),
    ("only the privacy officer erases", Capability.MANAGE_PRIVACY, PRIVACY_OFFICER),
    ("only the privacy officer reads the audit", Capability.VIEW_AUDIT, PRIVACY_OFFICER),
    ("coaches see no contact details", Capability.VIEW_CONTACT_DETAILS, SERVING | PRIVACY_OFFICER),
    ("coaches change nothing", Capability.EDIT_CUSTOMERS, SERVING),
    ("everyone reads interactions and notes", Capability.VIEW_CUSTOMERS, set(Role.values)),
    ("managers and administrators retry failed messages", Capability.MANAGE_OUTBOX, MANAGING),
    ("managers write templates and the brand voice", Capability.MANAGE_TEMPLATES, MANAGING),
    ("everyone who serves customers may message them", Capability.SEND_OUTREACH, SERVING),
    ("only administrators keep the catalogue", Capability.MANAGE_CATALOGUE, {"admin"}),
    ("managers write bulletins and the promotions calendar", Capability.MANAGE_BULLETINS, MANAGING),
    (
        "managers, coaches and administrators write knowledge",
        Capability.MANAGE_KNOWLEDGE,
        {"manager", "coach", "admin"},
    ),
    ("managers and coaches coach", Capability.COACH_STAFF, {"manager", "coach"}),
    ("managers and coaches see the dashboards", Capability.VIEW_INSIGHTS, {"manager", "coach"}),
    (
        "everyone who serves customers, and coaches, practises in the sandbox",
        Capability.PRACTISE,
        SERVING | {"coach"},
    ),
]


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    route: str  # with <converter:name> or {name} placeholders
    access: Access | None
    api: bool

    def __str__(self) -> str:
        return f"{self.method} /{self.route} ({self.name})"


def _walk(
    patterns: list[Any], prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, Any]]:
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield f"{namespace}{entry.name}", route, entry.callback


def _path_view(callback: Callable[..., Any]) -> PathView | None:
    """The API's operations behind one URL: ninja's view closes over them."""
    cells = [cell.cell_contents for cell in getattr(callback, "__closure__", None) or ()]
    return next((cell for cell in cells if isinstance(cell, PathView)), None)


def endpoints() -> list[Endpoint]:
    """Every page (as GET and POST) and every API operation (by its methods)."""
    found = []
    for name, route, callback in _walk(get_resolver().url_patterns):
        if name in NOT_OURS or name.split(":")[0] in NOT_OURS_NAMESPACES:
            continue
        path_view = _path_view(callback)
        if path_view is not None:
            for operation in path_view.operations:
                access = access_of(operation.view_func)
                label = f"{name} {operation.view_func.__name__}"
                found += [Endpoint(label, m, route, access, True) for m in operation.methods]
        else:
            found += [Endpoint(name, m, route, access_of(callback), False) for m in ("GET", "POST")]
    return found


ENDPOINTS = endpoints()


def test_every_page_and_operation_declares_who_may_use_it() -> None:
    undeclared = sorted({str(e) for e in ENDPOINTS if e.access is None})
    assert not undeclared, "Declare with @requires(...) or @public: " + ", ".join(undeclared)


def test_the_walk_reaches_pages_and_the_api() -> None:
    assert {e.name for e in ENDPOINTS if not e.api} >= {"customers:detail", "notes:detail"}
    assert any(e.route.endswith("customers/<customer_id>/notes") for e in ENDPOINTS if e.api)


@pytest.mark.parametrize(("rule", "capability", "roles"), RULES, ids=[r[0] for r in RULES])
def test_the_role_table_keeps_the_issues_rules(rule: str, capability: str, roles: set) -> None:
    assert {role for role, held in ROLE_CAPABILITIES.items() if capability in held} == roles


@pytest.fixture
def ids(organisation, store) -> dict[str, int | str]:
    """An id for every kind of path parameter: real rows where we have them."""
    owner = StaffFactory(username="owner", role="associate")
    amara = CustomerFactory(given_name="Amara", family_name="Osei")
    point = ContactPointFactory(customer=amara, kind="phone", value="+447700900101")
    journey = JourneyFactory(customer=amara)
    followup = FollowUpFactory(customer=amara, owner=owner, created_by=owner)
    note = Note.objects.create(
        customer=amara, author=owner, wants="A dress", created_at=timezone.now()
    )
    template = MessageTemplateFactory(created_by=owner, updated_by=owner)
    article = Article.objects.create(slug="returns", title="Returns", body="Within 28 days.")
    interaction = amara.interactions.create(
        channel="chat", direction="inbound", summary="Hello", occurred_at=timezone.now()
    )
    soon = timezone.now() + datetime.timedelta(days=2)
    appointment = Appointment.objects.create(
        customer=amara,
        host=owner,
        created_by=owner,
        kind="in_store",
        purpose="fitting",
        store=store,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
    )
    rubric = rubric_create(
        actor=owner,
        draft=RubricDraft(name="Continuity", criteria=[CriterionDraft("confirm_needs", "Asks")]),
    )
    scenario = scenario_create(
        actor=owner,
        draft=ScenarioDraft(
            title="Continue the chat",
            situation="Pick it up.",
            channel="chat",
            rubric_id=rubric.pk,
            persona=Persona(given_name="Daniel"),
            steps=[StepDraft("inbound", "Hello?", channel="chat")],
        ),
    )
    attempt = attempt_start(learner=owner, scenario_id=scenario.pk)
    return {
        "scenario_id": scenario.pk,
        "attempt_id": attempt.pk,
        "rubric_id": rubric.pk,
        "customer_id": amara.pk,
        "survivor_id": amara.pk,
        "contact_point_id": point.pk,
        "journey_id": journey.pk,
        "followup_id": followup.pk,
        "note_id": note.pk,
        "interaction_id": interaction.pk,
        "template_id": template.pk,
        "appointment_id": appointment.pk,
        "store_code": store.code,
        "article_id": article.pk,
    }


PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>|\{(?:(\w+):)?(\w+)\}")


def _url(endpoint: Endpoint, ids: dict[str, int | str]) -> str:
    def fill(match: re.Match[str]) -> str:
        converter = match.group(1) or match.group(3) or ""
        name = match.group(2) or match.group(4)
        return str(ids.get(name, 999_999 if converter in ("int", "") else "unknown"))

    return "/" + PLACEHOLDER.sub(fill, endpoint.route).replace("^", "").replace("$", "")


def _call(client: Client, endpoint: Endpoint, url: str) -> Any:
    send: Callable[..., Any] = getattr(client, endpoint.method.lower())
    if endpoint.method == "GET":
        return send(url)
    return send(url, {}, content_type="application/json") if endpoint.api else send(url, {})


REFUSAL = "Your role ({}) does not allow this."


def _text(response: Any) -> str:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode()


def _refusals() -> int:
    return AuditEvent.objects.filter(action="access.refused").count()


@pytest.mark.parametrize("role", Role.values)
def test_each_role_gets_exactly_what_the_table_allows(role: str, ids: dict[str, int | str]) -> None:
    staff = StaffFactory(username=f"as-{role}", role=role)
    client = Client()
    client.force_login(staff)
    label = Role(role).label
    wrong: list[str] = []
    for endpoint in ENDPOINTS:
        if endpoint.access is None or endpoint.access.public:
            continue
        before = _refusals()
        response = _call(client, endpoint, _url(endpoint, ids))
        said = REFUSAL.format(label) if endpoint.api else escape(REFUSAL.format(label))
        for_role = response.status_code == 403 and said in _text(response)
        if endpoint.access.allows(staff):
            if for_role:
                wrong.append(f"{endpoint}: refused, but the table allows {role}")
        elif not for_role:
            wrong.append(f"{endpoint}: {response.status_code}, but the table refuses {role}")
        elif _refusals() != before + 1:
            wrong.append(f"{endpoint}: the refusal is not in the audit log")
        elif endpoint.api and response.json() != {
            "code": "forbidden",
            "detail": REFUSAL.format(label),
            "field": None,
        }:
            wrong.append(f"{endpoint}: refused as {response.json()}")
    assert not wrong, "\n".join(wrong)


def test_signed_out_pages_ask_to_sign_in_and_the_api_answers_401(ids: dict[str, int | str]) -> None:
    client = Client()
    wrong = []
    for endpoint in ENDPOINTS:
        if endpoint.access is None or endpoint.access.public:
            continue
        response = _call(client, endpoint, _url(endpoint, ids))
        if endpoint.api and response.status_code != 401:
            wrong.append(f"{endpoint}: {response.status_code}")
        if not endpoint.api and not (
            response.status_code == 302 and response["Location"].startswith("/login/")
        ):
            wrong.append(f"{endpoint}: {response.status_code}")
    assert not wrong, "\n".join(wrong)
