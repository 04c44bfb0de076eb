"""The promotions calendar: what runs where, when, with which codes; live now, coming up and
ended; in one channel or all; bad promotions refused with a reason."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from api_clients import client_of
from everthread.bulletins.errors import PromotionInvalid
from everthread.bulletins.models import Promotion
from everthread.bulletins.services import promotion_codes_normalise
from publishing import api_for, promote


def test_codes_are_saved_in_capitals_without_spaces_each_once() -> None:
    assert promotion_codes_normalise((" rainy days ", "RAINYDAYS", "", "spring-20")) == [
        "RAINYDAYS",
        "SPRING-20",
    ]
    with pytest.raises(PromotionInvalid, match="is not a code"):
        promotion_codes_normalise(("10% off!",))


def test_a_promotion_must_end_after_it_starts_and_run_somewhere(people) -> None:
    with pytest.raises(PromotionInvalid, match="end after it starts") as backwards:
        promote(people.claire, "Backwards", days=(2, 1))
    with pytest.raises(PromotionInvalid, match="at least one channel") as nowhere:
        promote(people.claire, "Nowhere", days=(0, 1), channels=())
    assert (backwards.value.field, nowhere.value.field) == ("ends_at", "channels")
    assert not Promotion.objects.exists()


def test_the_calendar_shows_live_coming_and_ended_in_a_channel(people) -> None:
    promote(
        people.claire, "Rainy days", days=(-1, 3), channels=("instagram", "x"), codes=("rainy15",)
    )
    promote(people.claire, "Spring preview", days=(1, 2), channels=("email",))
    promote(people.claire, "Winter sale", days=(-3, -2), channels=("in_store",))
    tom = client_of(people.tom)
    month = timezone.localdate()
    # Keep every one inside the month shown, whatever day the test runs.
    shown = f"?month={month:%Y-%m}"
    everything = tom.get("/promotions/" + shown).content.decode()
    instagram = tom.get("/promotions/" + shown + "&channel=instagram").content.decode()

    live = everything.split('id="live-title"')[1].split("</section>")[0]
    assert "Rainy days" in live and "RAINY15" in live
    assert "Instagram" in live and ">X<" in live
    if "Spring preview" in everything:  # not when tomorrow is next month
        assert "Spring preview" in everything.split('id="coming-title"')[1].split("</section>")[0]
    assert "Rainy days" in instagram and "Spring preview" not in instagram


def test_the_api_lists_live_promotions_in_a_channel(people) -> None:
    promote(people.claire, "Rainy days", days=(-1, 3), channels=("instagram",))
    promote(people.claire, "Spring preview", days=(1, 2), channels=("instagram",))
    promote(people.claire, "Store event", days=(-1, 1), channels=("in_store",))
    tom = api_for(people.tom)

    live = tom.get("/api/v1/promotions?live=true&channel=instagram").json()
    not_live = tom.get("/api/v1/promotions?live=false").json()
    everything = tom.get("/api/v1/promotions").json()

    assert [p["name"] for p in live["items"]] == ["Rainy days"]
    assert [p["name"] for p in not_live["items"]] == ["Spring preview"]
    assert len(everything["items"]) == 3
    assert tom.get("/api/v1/promotions?channel=fax").status_code == 422


def test_a_manager_adds_and_changes_a_promotion_over_the_api(people) -> None:
    claire = api_for(people.claire)
    now = timezone.now()
    sent = {
        "name": "Rainy days",
        "description": "15% off raincoats.",
        "channels": ["instagram", "x"],
        "starts_at": now.isoformat(),
        "ends_at": (now + datetime.timedelta(days=7)).isoformat(),
        "codes": ["rainy 15"],
        "eligibility": "Full-price outerwear; one use per customer.",
    }

    created = claire.post("/api/v1/promotions", sent, content_type="application/json")
    assert created.status_code == 201, created.json()
    assert created.json()["codes"] == ["RAINY15"]
    promotion_id = created.json()["id"]

    changed = claire.put(
        f"/api/v1/promotions/{promotion_id}",
        {**sent, "channels": ["instagram", "in_store"]},
        content_type="application/json",
    )
    assert changed.status_code == 200
    assert changed.json()["channels"] == ["in_store", "instagram"]

    backwards = claire.put(
        f"/api/v1/promotions/{promotion_id}",
        {**sent, "ends_at": (now - datetime.timedelta(days=1)).isoformat()},
        content_type="application/json",
    )
    assert backwards.status_code == 400
    assert backwards.json()["field"] == "ends_at"
    assert (
        api_for(people.tom)
        .post("/api/v1/promotions", sent, content_type="application/json")
        .status_code
        == 403
    )


def test_a_manager_adds_one_in_the_browser(people) -> None:
    hannah = client_of(people.hannah)
    now = timezone.localtime()
    response = hannah.post(
        "/promotions/new/",
        {
            "name": "Rainy days",
            "channels": ["instagram", "in_store"],
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (now + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
            "codes": "rainy15, Rainy 15\nSTORMY",
        },
    )
    no_channel = hannah.post(
        "/promotions/new/",
        {
            "name": "Nowhere",
            "starts_at": now.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (now + datetime.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert response.status_code == 302
    assert Promotion.objects.get().codes == ["RAINY15", "STORMY"]
    assert no_channel.status_code == 400
    assert "Choose at least one channel it runs in." in no_channel.content.decode()
    edit = hannah.get(f"/promotions/{Promotion.objects.get().pk}/edit/")
    assert "RAINY15" in edit.content.decode()


def test_the_calendar_shows_a_week_and_moves_by_weeks(people) -> None:
    promote(people.claire, "Rainy days", days=(-1, 3), channels=("instagram",))
    promote(people.claire, "Summer sale", days=(40, 50), channels=("in_store",))
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    year, week, _ = monday.isocalendar()
    tom = client_of(people.tom)

    page = tom.get(f"/promotions/?week={year}-W{week:02d}").content.decode()
    nonsense = tom.get("/promotions/?week=soon&month=never")

    assert f"Week of {monday:%-d %B %Y}" in page
    assert "Rainy days" in page and "Summer sale" not in page
    following = monday + datetime.timedelta(days=7)
    assert f"week={following.isocalendar()[0]}-W{following.isocalendar()[1]:02d}" in page
    assert nonsense.status_code == 200
    assert f"{timezone.localdate():%B %Y}" in nonsense.content.decode()  # this month
