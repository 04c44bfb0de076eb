"""Templates over the API: create, list with filters and pages, read, change, delete, and a
preview for a real customer with the caller as the sender; bad input answers with the field."""

from __future__ import annotations

import pytest

from api_clients import client_of
from everthread.core.models import AuditEvent
from everthread.message_templates.models import MessageTemplate
from factories import CustomerFactory, MessageTemplateFactory

WEDDING = {
    "name": "Wedding outfit ready",
    "channel": "sms",
    "purpose": "service",
    "body": (
        "Hi {{ customer.first_name }}, {{ journey.subject }}: it's ready at {{ store.name }}. "
        "{{ staff.first_name }}"
    ),
}


def test_a_manager_creates_reads_changes_and_deletes_a_template(manager) -> None:
    api = client_of(manager)

    created = api.post("/api/v1/templates", WEDDING, content_type="application/json")
    assert created.status_code == 201
    template_id = created.json()["id"]
    assert api.get(f"/api/v1/templates/{template_id}").json()["body"] == WEDDING["body"]

    changed = api.put(
        f"/api/v1/templates/{template_id}",
        {**WEDDING, "name": "Outfit ready"},
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Outfit ready"

    assert api.delete(f"/api/v1/templates/{template_id}").status_code == 204
    assert api.get(f"/api/v1/templates/{template_id}").status_code == 404
    assert list(
        AuditEvent.objects.filter(action__startswith="message_template.").values_list(
            "action", flat=True
        )
    ) == ["message_template.deleted", "message_template.changed", "message_template.created"]


def test_an_unknown_variable_answers_400_naming_it_and_the_nearest(manager) -> None:
    answer = client_of(manager).post(
        "/api/v1/templates",
        {**WEDDING, "body": "Hi {{ customer.frist_name }}"},
        content_type="application/json",
    )

    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "unknown_template_variable"
    assert body["field"] == "body"
    assert body["variable"] == "customer.frist_name"
    assert body["suggestion"] == "customer.first_name"
    assert not MessageTemplate.objects.exists()


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"channel": "carrier_pigeon"}, 422, "channel"),
        ({"purpose": None}, 422, "purpose"),
        ({"subject": "New in"}, 400, "subject"),
    ],
)
def test_bad_input_names_the_field(manager, change: dict, status: int, field: str) -> None:
    answer = client_of(manager).post(
        "/api/v1/templates", {**WEDDING, **change}, content_type="application/json"
    )

    assert answer.status_code == status
    assert answer.json()["field"] == field


def test_the_list_filters_and_pages(manager, associate, organisation) -> None:
    for n in range(3):
        MessageTemplateFactory(name=f"SMS {n}", channel="sms", created_by=manager)
    MessageTemplateFactory(name="Email", channel="email", subject="Hi", created_by=manager)
    MessageTemplateFactory(name="French", channel="sms", language="fr", created_by=manager)
    api = client_of(associate)

    first = api.get("/api/v1/templates?channel=sms&language=en-GB&limit=2").json()
    second = api.get(
        f"/api/v1/templates?channel=sms&language=en-GB&limit=2&cursor={first['next_cursor']}"
    ).json()

    assert [t["name"] for t in first["items"]] == ["SMS 0", "SMS 1"]
    assert [t["name"] for t in second["items"]] == ["SMS 2"]
    assert second["next_cursor"] is None
    assert [t["name"] for t in api.get("/api/v1/templates?language=fr").json()["items"]] == [
        "French"
    ]
    bad = api.get("/api/v1/templates?cursor=nonsense")
    assert bad.status_code == 400 and bad.json()["field"] == "cursor"


def test_the_preview_is_for_a_real_customer_from_the_caller(associate, amara) -> None:
    template = MessageTemplateFactory(body=WEDDING["body"], created_by=associate)

    answer = client_of(associate).post(
        f"/api/v1/templates/{template.pk}/preview",
        {"customer_id": amara.pk},
        content_type="application/json",
    )

    assert answer.status_code == 200
    preview = answer.json()
    assert preview["body"] == (
        "Hi Amara, Outfit for her sister's wedding: it's ready at Manchester King Street. Tom"
    )
    assert preview["segments"]["encoding"] == "GSM-7" and preview["segments"]["count"] == 1
    assert preview["empty"] == []
    assert AuditEvent.objects.filter(action="customer.viewed", customer_id=amara.pk).exists()


def test_the_preview_says_which_variables_had_nothing_to_say(associate, organisation) -> None:
    sofia = CustomerFactory(given_name="Sofia", family_name="Marchetti")
    template = MessageTemplateFactory(body="About {{ journey.subject }}", created_by=associate)

    preview = client_of(associate).post(
        f"/api/v1/templates/{template.pk}/preview",
        {"customer_id": sofia.pk},
        content_type="application/json",
    )

    assert preview.json()["empty"] == ["journey.subject"]
    assert preview.json()["body"] == "About "


def test_an_unknown_template_or_customer_is_404(associate, amara) -> None:
    api = client_of(associate)
    template = MessageTemplateFactory(created_by=associate)

    assert api.get("/api/v1/templates/999999").json()["code"] == "template_not_found"
    missing = api.post(
        f"/api/v1/templates/{template.pk}/preview",
        {"customer_id": 999999},
        content_type="application/json",
    )
    assert missing.status_code == 404
