"""A manager writes a bulletin in the browser and is told plainly what is missing; the report
exports as CSV; staff without the right cannot write one."""

from __future__ import annotations

import csv
import datetime
import io

from django.utils import timezone

from api_clients import client_of
from everthread.bulletins.models import Bulletin
from publishing import publish


def test_a_manager_publishes_to_associates_in_manchester(people) -> None:
    hannah = client_of(people.hannah)
    form = hannah.get("/bulletins/new/")
    assert form.status_code == 200

    response = hannah.post(
        "/bulletins/new/",
        {
            "title": "Click and collect moves to the back desk",
            "body": "From Monday, collections are at the back desk by the fitting rooms.",
            "roles": ["associate"],
            "stores": [people.manchester.pk],
            "acknowledgement_required": "on",
        },
    )

    bulletin = Bulletin.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/bulletins/{bulletin.pk}/report/"
    assert [str(target) for target in bulletin.targets.all()] == [
        "Associate",
        "Manchester King Street",
    ]
    assert bulletin.acknowledgement_required
    report = hannah.get(response["Location"]).content.decode()
    assert "Tom Reilly" in report and "Marcus Bell" not in report


def test_a_bulletin_without_a_body_or_expiring_before_it_starts_is_refused(people) -> None:
    hannah = client_of(people.hannah)
    now = timezone.localtime()

    empty = hannah.post("/bulletins/new/", {"title": "Nothing to say", "body": ""})
    backwards = hannah.post(
        "/bulletins/new/",
        {
            "title": "Stocktake",
            "body": "The store closes early.",
            "publish_at": (now + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"),
            "expires_at": (now + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )

    assert empty.status_code == backwards.status_code == 400
    assert "This field is required." in empty.content.decode()
    assert "would expire before anyone reads it" in backwards.content.decode()
    assert not Bulletin.objects.exists()


def test_an_associate_may_read_but_not_write(people) -> None:
    tom = client_of(people.tom)
    assert tom.get("/bulletins/").status_code == 200
    assert tom.get("/bulletins/new/").status_code == 403
    assert tom.post("/bulletins/new/", {"title": "x", "body": "y"}).status_code == 403
    assert not Bulletin.objects.exists()


def test_the_report_exports_who_has_and_has_not_read_it(people) -> None:
    people.chloe.first_name = "=HYPERLINK(1)"
    people.chloe.save()
    bulletin = publish(people.claire)
    client_of(people.tom).post(f"/bulletins/{bulletin.pk}/acknowledge/")

    response = client_of(people.claire).get(f"/bulletins/{bulletin.pk}/report.csv")

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 6
    read = {row["username"]: row["acknowledged at"] for row in rows}
    assert read["tom"] != ""
    assert {name for name, at in read.items() if not at} == {
        "hannah",
        "marcus",
        "chloe",
        "ellie",
        "claire",
    }
    assert rows[-1]["username"] == "tom"  # those still to read it come first
    names = {row["username"]: row["name"] for row in rows}
    assert names["chloe"] == "'=HYPERLINK(1) Evans"  # not run by a spreadsheet


def test_my_bulletins_list_shows_what_waits_and_what_is_done(people) -> None:
    first = publish(people.claire, "Fitting room etiquette")
    publish(people.claire, "Holiday opening hours", acknowledgement_required=False)
    client_of(people.tom).post(f"/bulletins/{first.pk}/acknowledge/")

    page = client_of(people.tom).get("/bulletins/").content.decode()

    assert "Fitting room etiquette" in page and "Acknowledged" in page
    assert "Holiday opening hours" in page
    assert "To acknowledge" not in page
    empty = client_of(people.tom).get("/bulletins/to-acknowledge/").content.decode()
    assert empty.strip() == ""
