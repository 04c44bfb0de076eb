"""Coaching over the API: a rubric defined and versioned, an observation recorded (and
refused with a code, detail and field), a module answered by its learner, a mystery-shop
visit, behaviour scores; every path is in the OpenAPI document."""

from __future__ import annotations

import pytest

from api_clients import client_of
from continuity import colleague
from everthread.coaching.models import Observation

pytestmark = pytest.mark.django_db

API = "/api/v1/coaching"


def post(client, path: str, body: dict, **headers: str):
    return client.post(f"{API}{path}", body, content_type="application/json", headers=headers)


def test_a_rubric_scored_then_edited_comes_back_as_version_2(grace, ruth, chloe, chat) -> None:
    coach = client_of(grace)
    rubric = post(
        coach,
        "/rubrics",
        {"name": "Chat standard", "criteria": [{"behaviour": "confirm_needs", "label": "Asks"}]},
    ).json()
    observed = post(
        client_of(ruth),
        "/observations",
        {
            "rubric_id": rubric["id"],
            "observed_id": chloe.pk,
            "interaction_ids": [chat.pk],
            "scores": {"confirm_needs": 3},
            "comment": "Asked the size before suggesting anything.",
        },
        **{"Idempotency-Key": "obs-1"},
    )
    assert observed.status_code == 201
    assert observed.json()["scores"] == [
        {"behaviour": "confirm_needs", "label": "Asks", "value": 3}
    ]

    edited = coach.put(
        f"{API}/rubrics/{rubric['id']}",
        {
            "name": "Chat standard",
            "criteria": [{"behaviour": "confirm_needs", "label": "Asks first"}],
        },
        content_type="application/json",
    ).json()

    assert (edited["version"], edited["criteria"][0]["label"]) == (2, "Asks first")
    first = client_of(chloe).get(f"{API}/observations/{observed.json()['id']}").json()
    assert first["rubric"]["version"] == 1 and first["scores"][0]["label"] == "Asks"


def test_a_retried_observation_is_recorded_once(rubric, ruth, chloe, chat) -> None:
    body = {
        "rubric_id": rubric.pk,
        "observed_id": chloe.pk,
        "interaction_ids": [chat.pk],
        "scores": {"confirm_needs": 3},
    }
    first = post(client_of(ruth), "/observations", body, **{"Idempotency-Key": "k"})
    again = post(client_of(ruth), "/observations", body, **{"Idempotency-Key": "k"})

    assert first.json() == again.json()
    assert Observation.objects.count() == 1


def test_refusals_say_which_field(rubric, ruth, chloe, chat) -> None:
    body = {"rubric_id": rubric.pk, "observed_id": chloe.pk, "scores": {"confirm_needs": 9}}
    none = post(client_of(ruth), "/observations", {**body, "interaction_ids": []})
    outside = post(client_of(ruth), "/observations", {**body, "interaction_ids": [chat.pk]})

    assert (none.status_code, none.json()["code"], none.json()["field"]) == (
        400,
        "invalid_observation",
        "interaction_ids",
    )
    assert outside.status_code == 400 and outside.json()["field"] == "scores.confirm_needs"
    assert "outside the rubric" in outside.json()["detail"]


def test_staff_read_their_own_observations_and_no_one_elses(rubric, ruth, chloe, chat) -> None:
    observation = post(
        client_of(ruth),
        "/observations",
        {
            "rubric_id": rubric.pk,
            "observed_id": chloe.pk,
            "interaction_ids": [chat.pk],
            "scores": {"confirm_needs": 3},
        },
    ).json()
    priya = colleague("priya", "Priya Shah", role="agent")

    assert client_of(chloe).get(f"{API}/observations/{observation['id']}").status_code == 200
    assert client_of(priya).get(f"{API}/observations/{observation['id']}").status_code == 404


def test_a_learner_answers_a_module_over_the_api(grace, chloe) -> None:
    module = post(
        client_of(grace),
        "/modules",
        {
            "title": "Confirm needs",
            "behaviour": "confirm_needs",
            "card": "Ask, then listen.",
            "questions": [{"text": "First?", "choices": ["Ask", "Sell"], "correct": 0}],
        },
    ).json()
    (assignment,) = post(
        client_of(grace),
        f"/modules/{module['id']}/assignments",
        {"learner_ids": [chloe.pk], "due_on": "2026-03-20"},
    ).json()

    answered = post(
        client_of(chloe),
        f"/assignments/{assignment['id']}/answers",
        {"answers": {str(module["questions"][0]["id"]): 0}},
    ).json()

    assert answered["assignment"]["completed_at"] is not None
    assert client_of(chloe).get(f"{API}/assignments").json()[0]["module_title"] == "Confirm needs"


def test_a_mystery_shop_visit_feeds_the_behaviour_scores(grace) -> None:
    form = post(
        client_of(grace),
        "/mystery-shop/forms",
        {
            "name": "Continuity visit",
            "questions": [
                {"text": "Knew my chat?", "kind": "yes_no", "behaviour": "acknowledge_history"}
            ],
        },
    ).json()
    visit = post(
        client_of(grace),
        f"/mystery-shop/forms/{form['id']}/visits",
        {
            "channel": "in_store",
            "visited_on": "2026-03-02",
            "answers": {str(form["questions"][0]["id"]): "yes"},
        },
    )
    assert visit.status_code == 201

    scores = client_of(grace).get(f"{API}/behaviour-scores?channel=in_store").json()

    assert scores[0] == {
        "behaviour": "acknowledge_history",
        "label": "Acknowledge history",
        "observation_scores": 0,
        "observation_percent": None,
        "mystery_answers": 1,
        "mystery_percent": 100.0,
        "percent": 100.0,
    }


def test_every_coaching_path_is_in_openapi(client) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    assert {
        "/api/v1/coaching/rubrics",
        "/api/v1/coaching/rubrics/{rubric_id}",
        "/api/v1/coaching/observations",
        "/api/v1/coaching/staff/{staff_id}/evidence",
        "/api/v1/coaching/behaviour-scores",
        "/api/v1/coaching/modules/{module_id}/assignments",
        "/api/v1/coaching/assignments/{assignment_id}/answers",
        "/api/v1/coaching/mystery-shop/forms/{form_id}/visits",
        "/api/v1/coaching/mystery-shop/results",
    } <= set(paths)
