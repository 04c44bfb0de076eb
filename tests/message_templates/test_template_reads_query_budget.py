"""The template list, its API and the tone check read a fixed number of queries, however many
templates or contacts there are."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from api_clients import client_of
from factories import MessageTemplateFactory

# Sign-in (session, member of staff), the organisation, one page of templates.
LIST_QUERIES = 4
# Sign-in, the organisation, the customer and the audit of the view, their contacts, the voice.
TONE_CHECK_QUERIES = 7


@pytest.mark.parametrize("templates", [1, 30])
def test_the_list_page_and_api_stay_within_budget(
    signed_in, associate, django_assert_max_num_queries, templates: int
) -> None:
    for n in range(templates):
        MessageTemplateFactory(name=f"Template {n:02d}", created_by=associate)
    api = client_of(associate)

    with django_assert_max_num_queries(LIST_QUERIES):
        page = signed_in.get("/templates/")
    with django_assert_max_num_queries(LIST_QUERIES):
        answer = api.get("/api/v1/templates")

    assert page.content.decode().count("<tr>") == min(templates, 25) + 1
    assert len(answer.json()["items"]) == min(templates, 25)


@pytest.mark.parametrize("contacts", [1, 20])
def test_the_tone_check_stays_within_budget(
    associate, amara, django_assert_max_num_queries, contacts: int
) -> None:
    for n in range(contacts):
        amara.interactions.create(
            channel="x",
            direction="inbound",
            summary=f"Question {n}",
            occurred_at=timezone.now() - datetime.timedelta(hours=n + 1),
        )
    api = client_of(associate)

    with django_assert_max_num_queries(TONE_CHECK_QUERIES):
        answer = api.post(
            "/api/v1/tone-check",
            {"text": "Length: 98 cm.", "channel": "chat", "customer_id": amara.pk},
            content_type="application/json",
        )

    assert [hint["rule"] for hint in answer.json()] == ["curt", "history-not-acknowledged"]
