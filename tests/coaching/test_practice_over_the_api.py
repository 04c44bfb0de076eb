"""Practice over the API: Grace writes a scenario, Tom starts it, writes a note and a reply,
submits, and Grace reviews it; refusals come back with a code, detail and field; Marcus
picks up from Tom; every path is in the OpenAPI document."""

from __future__ import annotations

import pytest

from api_clients import client_of

pytestmark = pytest.mark.django_db

API = "/api/v1/coaching/practice"
SCENARIO = {
    "title": "Mei Lin's pillows",
    "situation": "The feather-free pillows were missed last night. Recover the stay.",
    "channel": "whatsapp",
    "persona": {
        "given_name": "Mei Lin",
        "family_name": "Chen",
        "phone": "+447700900303",
        "preferences": "Feather-free pillows (allergy). Late check-in around 23:30.",
        "consents": {"whatsapp:service": "granted"},
    },
    "steps": [
        {
            "kind": "inbound",
            "channel": "whatsapp",
            "text": "Arriving 23:30, feather-free pillows please: allergy.",
            "minutes_before": 1440,
        },
        {"kind": "followup", "text": "Feather-free pillows in 214", "due_in_minutes": -600},
    ],
}


def post(client, path: str, body: dict | None = None, **headers: str):
    return client.post(f"{API}{path}", body or {}, content_type="application/json", headers=headers)


def test_a_scenario_written_practised_submitted_and_reviewed(
    grace, tom, marcus, every_behaviour
) -> None:
    coach, learner = client_of(grace), client_of(tom)
    written = post(coach, "/scenarios", {**SCENARIO, "rubric_id": every_behaviour.pk})
    assert written.status_code == 201, written.json()
    scenario = written.json()
    assert [s["kind"] for s in scenario["steps"]] == ["inbound", "followup"]
    assert learner.get(f"{API}/scenarios").json()["items"][0]["persona_name"] == "Mei Lin Chen"

    started = post(learner, f"/scenarios/{scenario['id']}/attempts", **{"Idempotency-Key": "s1"})
    again = post(learner, f"/scenarios/{scenario['id']}/attempts", **{"Idempotency-Key": "s1"})
    attempt = started.json()
    assert started.status_code == 201 and again.json()["id"] == attempt["id"]
    assert [e["kind"] for e in attempt["entries"]] == ["interaction", "followup"]

    note = post(
        learner,
        f"/attempts/{attempt['id']}/notes",
        {"wants": "Feather-free pillows tonight.", "next_step": "Check room 214 at 15:00"},
    )
    assert note.status_code == 201 and note.json()["detail"]["quality_score"] <= 4
    sent = post(
        learner,
        f"/attempts/{attempt['id']}/messages",
        {
            "channel": "whatsapp",
            "body": "Hello Mei Lin, I am so sorry the pillows were missed. Kind regards, Tom",
            "send_anyway": True,
        },
    )
    assert sent.status_code == 201 and sent.json()["outcome"] in ("allowed", "held")
    submitted = post(learner, f"/attempts/{attempt['id']}/submit")
    assert submitted.json()["status"] == "submitted"
    twice = post(learner, f"/attempts/{attempt['id']}/submit")
    assert twice.status_code == 409 and twice.json()["code"] == "attempt_closed"

    waiting = coach.get(f"{API}/reviews").json()["items"]
    assert [a["id"] for a in waiting] == [attempt["id"]]
    refused = post(coach, f"/attempts/{attempt['id']}/review", {"scores": {"consent": 7}})
    assert refused.status_code == 400
    assert refused.json()["field"] == "scores.consent"
    reviewed = post(
        coach,
        f"/attempts/{attempt['id']}/review",
        {"scores": {"personalise": 3}, "comment": "Apologised first."},
    )
    assert reviewed.json()["status"] == "reviewed"
    assert {
        "source": "coach",
        "behaviour": "personalise",
        "value": 3,
        "reason": "",
    } in reviewed.json()["scores"]

    picked = post(client_of(marcus), f"/attempts/{attempt['id']}/handover")
    assert picked.status_code == 201 and picked.json()["handover_from_id"] == attempt["id"]


def test_refusals_say_what_is_wrong(grace, tom, marcus, boots_chat, every_behaviour) -> None:
    coach, learner = client_of(grace), client_of(tom)
    no_history = post(
        coach, "/scenarios", {**SCENARIO, "rubric_id": every_behaviour.pk, "steps": []}
    )
    assert no_history.status_code == 400 and no_history.json()["field"] == "steps"

    attempt = post(learner, f"/scenarios/{boots_chat.pk}/attempts").json()
    empty = post(learner, f"/attempts/{attempt['id']}/notes", {"body": " "})
    assert empty.status_code == 400 and empty.json()["code"] == "invalid_practice"
    not_his = post(client_of(marcus), f"/attempts/{attempt['id']}/notes", {"wants": "x"})
    assert not_his.status_code == 404
    curt = post(learner, f"/attempts/{attempt['id']}/messages", {"channel": "chat", "body": "43."})
    assert curt.status_code == 409 and curt.json()["code"] == "tone_hints"


def test_every_practice_path_is_in_the_openapi_document(tom) -> None:
    paths = client_of(tom).get("/api/v1/openapi.json").json()["paths"]
    assert {
        "/api/v1/coaching/practice/scenarios",
        "/api/v1/coaching/practice/scenarios/{scenario_id}",
        "/api/v1/coaching/practice/scenarios/{scenario_id}/attempts",
        "/api/v1/coaching/practice/scenarios/{scenario_id}/candidate-links",
        "/api/v1/coaching/practice/attempts",
        "/api/v1/coaching/practice/attempts/{attempt_id}",
        "/api/v1/coaching/practice/attempts/{attempt_id}/notes",
        "/api/v1/coaching/practice/attempts/{attempt_id}/messages",
        "/api/v1/coaching/practice/attempts/{attempt_id}/submit",
        "/api/v1/coaching/practice/attempts/{attempt_id}/handover",
        "/api/v1/coaching/practice/attempts/{attempt_id}/review",
        "/api/v1/coaching/practice/reviews",
    } <= set(paths)
