"""Grace writes a scenario on its page: the persona, what they agreed to and the starting
history row by row; without history, or with consent she mistyped, the page says what is
wrong and keeps what she wrote; editing it later leaves started attempts as they began."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.coaching.models import PracticeScenario
from everthread.coaching.practice.services import attempt_start

pytestmark = pytest.mark.django_db


def form(rubric_id: int, *, consents: str = "whatsapp:service = granted", steps: int = 1) -> dict:
    data = {
        "title": "Mei Lin's pillows",
        "situation": "The feather-free pillows were missed. Recover the stay.",
        "channel": "whatsapp",
        "rubric": str(rubric_id),
        "given_name": "Mei Lin",
        "family_name": "Chen",
        "phone": "+447700900303",
        "consents": consents,
        "steps-TOTAL_FORMS": "3",
        "steps-INITIAL_FORMS": "0",
        "steps-MIN_NUM_FORMS": "0",
        "steps-MAX_NUM_FORMS": "1000",
    }
    for number in range(3):
        data[f"steps-{number}-minutes_before"] = "0"
    if steps:
        data.update(
            {
                "steps-0-kind": "inbound",
                "steps-0-channel": "whatsapp",
                "steps-0-minutes_before": "600",
                "steps-0-text": "Arriving 23:30, feather-free pillows please: allergy.",
                "steps-1-kind": "followup",
                "steps-1-text": "Feather-free pillows in room 214",
                "steps-1-author": "Front desk",
                "steps-1-due_in_minutes": "-480",
            }
        )
    return data


@pytest.fixture
def coach(grace) -> Client:
    client = Client()
    client.force_login(grace)
    return client


def test_a_scenario_written_on_the_page_keeps_its_history_in_order(
    coach, every_behaviour, tom
) -> None:
    saved = coach.post("/coaching/practice/scenarios/new/", form(every_behaviour.pk))

    scenario = PracticeScenario.objects.get(title="Mei Lin's pillows")
    assert saved.status_code == 302
    assert [(s.kind, s.due_in_minutes) for s in scenario.steps.all()] == [
        ("inbound", None),
        ("followup", -480),
    ]
    assert scenario.persona["consents"] == {"whatsapp:service": "granted"}
    page = coach.get(f"/coaching/practice/scenarios/{scenario.pk}/").content.decode()
    assert "Feather-free pillows in room 214" in page

    started = attempt_start(learner=tom, scenario_id=scenario.pk)
    edited = form(every_behaviour.pk)
    edited["steps-0-text"] = "Arriving late tonight."
    coach.post(f"/coaching/practice/scenarios/{scenario.pk}/edit/", edited)
    assert scenario.steps.first().text == "Arriving late tonight."
    assert started.entries.filter(text__startswith="Arriving 23:30").exists()
    overdue = started.entries.get(kind="followup")
    assert overdue.detail["escalated"] is True  # a missed promise to recover


def test_without_history_or_with_mistyped_consent_the_page_says_why(coach, every_behaviour):
    empty = coach.post("/coaching/practice/scenarios/new/", form(every_behaviour.pk, steps=0))
    mistyped = coach.post(
        "/coaching/practice/scenarios/new/",
        form(every_behaviour.pk, consents="whatsapp:service = maybe"),
    )

    assert "Write the starting history" in empty.content.decode()
    assert "Mei Lin" in empty.content.decode()  # what she wrote is kept
    assert "&#x27;maybe&#x27; is not one of granted" in mistyped.content.decode()
    assert not PracticeScenario.objects.exists()


def test_scenarios_and_reviews_show_empty_states(coach, tom) -> None:
    home = coach.get("/coaching/practice/").content.decode()
    learner = Client()
    learner.force_login(tom)
    mine = learner.get("/coaching/practice/mine/").content.decode()

    assert "No scenario yet." in home and "Nothing to review" in home
    assert "No scenario to practise yet" in mine and "You have not practised yet." in mine
