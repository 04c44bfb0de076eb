"""Beside a journey, its kind's guidance: Marcus at Leeds opens Daniel's return and finds
the returns playbook with its checklist, ticks the steps as he goes, and whoever opens the
journey next sees who did what and when."""

from __future__ import annotations

import pytest

from api_clients import client_of
from everthread.knowledge.models import ChecklistTick
from everthread.knowledge.selectors import journeys_guidance
from factories import CustomerFactory, JourneyFactory, StaffFactory


@pytest.fixture
def daniel(organisation):
    return CustomerFactory(given_name="Daniel", family_name="Novak")


@pytest.fixture
def boots_return(daniel):
    return JourneyFactory(customer=daniel, kind="return", title="Boots from HF-100482, EU 43")


@pytest.fixture
def marcus(store):
    return StaffFactory(username="marcus", first_name="Marcus", last_name="Bell")


def tick(client, journey, article, item: str, done: str = "1"):
    return client.post(
        f"/journeys/{journey.pk}/checklist/",
        {"customer_id": journey.customer_id, "article": article.pk, "item": item, "done": done},
        HTTP_HX_REQUEST="true",
    )


def test_the_journey_shows_its_kinds_articles_and_not_others(
    marcus, daniel, boots_return, knowledge_base
) -> None:
    panel = client_of(marcus).get(f"/customers/{daniel.pk}/guidance/").content.decode()
    assert "Returns and exchanges" in panel
    assert "Checklist: 0 of 4 done" in panel
    assert "Service recovery when a request was missed" not in panel


def test_ticking_records_who_and_when_and_unticking_undoes(
    marcus, daniel, boots_return, knowledge_base
) -> None:
    client = client_of(marcus)
    playbook = knowledge_base["returns"]
    panel = tick(client, boots_return, playbook, "Offer the exchange size before a refund")
    assert "Checklist: 1 of 4 done" in panel.content.decode()
    assert "Marcus Bell" in panel.content.decode()
    done = ChecklistTick.objects.get()
    assert (done.ticked_by, done.version_id) == (marcus, playbook.published_version_id)

    tick(client, boots_return, playbook, "Offer the exchange size before a refund", done="0")
    assert not ChecklistTick.objects.exists()


def test_ticking_twice_keeps_one_tick(marcus, boots_return, knowledge_base) -> None:
    client = client_of(marcus)
    for _ in range(2):
        tick(client, boots_return, knowledge_base["returns"], "Record the outcome on the journey")
    assert ChecklistTick.objects.count() == 1


def test_a_step_not_on_the_checklist_is_refused(
    marcus, daniel, boots_return, knowledge_base
) -> None:
    response = tick(client_of(marcus), boots_return, knowledge_base["returns"], "Issue a refund")
    assert "not on the published checklist" in response.content.decode()
    assert not ChecklistTick.objects.exists()


def test_a_coach_sees_the_ticks_but_cannot_tick(
    marcus, coach, boots_return, knowledge_base
) -> None:
    tick(
        client_of(marcus),
        boots_return,
        knowledge_base["returns"],
        "Find the order and the journey from the order number",
    )
    panel = client_of(coach).get(f"/customers/{boots_return.customer_id}/guidance/")
    assert "☑ Find the order" in panel.content.decode()
    refused = tick(
        client_of(coach),
        boots_return,
        knowledge_base["returns"],
        "Record the outcome on the journey",
    )
    assert refused.status_code == 403


def test_guidance_for_many_journeys_costs_two_queries(
    daniel, knowledge_base, django_assert_max_num_queries
) -> None:
    journeys = [
        JourneyFactory(customer=daniel, kind=kind) for kind in ("return", "stay", "styling")
    ]
    with django_assert_max_num_queries(2):
        guidance = journeys_guidance(journeys=journeys)
    assert [[s.article.title for s in item.suggestions] for item in guidance] == [
        ["Returns and exchanges"],
        ["Service recovery when a request was missed"],
        [],
    ]
