"""Bulletins over the API: my list, publishing with an audience by codes, acknowledging
(again is a no-op), the report; bad input names its field."""

from __future__ import annotations

from everthread.bulletins.models import Bulletin, BulletinAcknowledgement
from everthread.bulletins.services import Audience
from publishing import api_for, publish


def test_publish_list_acknowledge_and_report(people) -> None:
    claire, tom = api_for(people.claire), api_for(people.tom)

    created = claire.post(
        "/api/v1/bulletins",
        {
            "title": "Price match on the raincoat",
            "body": "Honour the Instagram price in store.",
            "audience": {"stores": ["manchester-king-street"], "roles": ["associate"]},
        },
        content_type="application/json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["audience"]["stores"][0]["code"] == "manchester-king-street"
    assert body["audience"]["roles"] == ["associate"]
    bulletin_id = body["id"]

    mine = tom.get("/api/v1/bulletins").json()
    assert [item["id"] for item in mine["items"]] == [bulletin_id]
    assert mine["items"][0]["acknowledged_at"] is None

    first = tom.post(f"/api/v1/bulletins/{bulletin_id}/acknowledge")
    again = tom.post(f"/api/v1/bulletins/{bulletin_id}/acknowledge")
    assert first.status_code == again.status_code == 200
    assert first.json() == again.json()
    assert BulletinAcknowledgement.objects.count() == 1

    report = claire.get(f"/api/v1/bulletins/{bulletin_id}/report").json()
    assert (report["audience"], report["acknowledged"], report["outstanding"]) == (1, 1, 0)
    assert report["readers"][0]["staff"]["username"] == "tom"


def test_a_retried_publish_with_the_same_key_publishes_once(people) -> None:
    claire = api_for(people.claire)
    sent = {"title": "Stocktake Sunday", "body": "Doors open at 11."}

    first = claire.post(
        "/api/v1/bulletins", sent, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )
    retry = claire.post(
        "/api/v1/bulletins", sent, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k1"
    )

    assert first.status_code == retry.status_code == 201
    assert first.json() == retry.json()
    assert Bulletin.objects.count() == 1


def test_bad_input_names_the_field(people) -> None:
    claire = api_for(people.claire)

    unknown_store = claire.post(
        "/api/v1/bulletins",
        {"title": "x", "body": "y", "audience": {"stores": ["paris"]}},
        content_type="application/json",
    )
    unknown_role = claire.post(
        "/api/v1/bulletins",
        {"title": "x", "body": "y", "audience": {"roles": ["wizard"]}},
        content_type="application/json",
    )
    blank = claire.post(
        "/api/v1/bulletins", {"title": " ", "body": "y"}, content_type="application/json"
    )
    naive = claire.post(
        "/api/v1/bulletins",
        {"title": "x", "body": "y", "expires_at": "2030-01-01T10:00:00"},
        content_type="application/json",
    )

    assert unknown_store.status_code == 404
    assert unknown_store.json()["field"] == "audience.stores"
    assert unknown_role.status_code == 422
    assert unknown_role.json()["field"].startswith("audience.roles")
    assert blank.status_code == 400
    assert blank.json() == {
        "code": "bulletin_invalid",
        "detail": "Give the bulletin a title.",
        "field": "title",
    }
    assert naive.status_code == 422
    assert naive.json()["field"] == "expires_at"
    assert not Bulletin.objects.exists()


def test_someone_outside_the_audience_cannot_read_or_acknowledge_it(people) -> None:
    bulletin = publish(people.claire, audience=Audience(roles=("manager",)))
    tom = api_for(people.tom)

    assert tom.get(f"/api/v1/bulletins/{bulletin.pk}").status_code == 404
    refused = tom.post(f"/api/v1/bulletins/{bulletin.pk}/acknowledge")
    assert refused.status_code == 404
    assert refused.json()["code"] == "bulletin_not_found"
    assert tom.get(f"/api/v1/bulletins/{bulletin.pk}/report").status_code == 403
