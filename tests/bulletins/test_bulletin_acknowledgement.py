"""A bulletin to the Manchester store waits on Tom's day until he says he has read it; saying
so twice (a double click) acknowledges once, and Hannah sees who has not read it yet."""

from __future__ import annotations

from api_clients import client_of
from everthread.bulletins.models import BulletinAcknowledgement
from everthread.bulletins.selectors import bulletin_report
from everthread.bulletins.services import Audience, bulletin_acknowledge
from publishing import publish


def test_an_acknowledgement_required_bulletin_waits_on_my_day_until_read(people) -> None:
    bulletin = publish(people.hannah, audience=Audience(stores=(people.manchester,)))
    tom = client_of(people.tom)

    waiting = tom.get("/bulletins/to-acknowledge/")
    assert "Bulletins to acknowledge" in waiting.content.decode()
    assert "New returns steps" in waiting.content.decode()

    first = tom.post(f"/bulletins/{bulletin.pk}/acknowledge/", HTTP_HX_REQUEST="true")
    second = tom.post(f"/bulletins/{bulletin.pk}/acknowledge/", HTTP_HX_REQUEST="true")

    assert first.status_code == second.status_code == 200
    assert "New returns steps" not in second.content.decode()
    assert BulletinAcknowledgement.objects.filter(bulletin=bulletin, staff=people.tom).count() == 1
    page = tom.get(f"/bulletins/{bulletin.pk}/").content.decode()
    assert "You acknowledged this on" in page


def test_acknowledging_again_keeps_the_first_time(people) -> None:
    bulletin = publish(people.hannah)
    first = bulletin_acknowledge(staff=people.tom, bulletin_id=bulletin.pk)
    again = bulletin_acknowledge(staff=people.tom, bulletin_id=bulletin.pk)
    assert again.pk == first.pk
    assert again.acknowledged_at == first.acknowledged_at


def test_a_bulletin_not_meant_for_them_cannot_be_acknowledged(people) -> None:
    bulletin = publish(people.hannah, audience=Audience(stores=(people.manchester,)))
    marcus = client_of(people.marcus)

    response = marcus.post(f"/bulletins/{bulletin.pk}/acknowledge/")

    assert response.status_code == 404
    assert "not one for you" in response.content.decode()
    assert not BulletinAcknowledgement.objects.exists()


def test_the_report_says_who_has_not_read_it(people) -> None:
    bulletin = publish(people.hannah, audience=Audience(stores=(people.manchester,)))
    client_of(people.tom).post(f"/bulletins/{bulletin.pk}/acknowledge/")

    page = client_of(people.hannah).get(f"/bulletins/{bulletin.pk}/report/").content.decode()
    outstanding = page.split('id="outstanding-title"')[1].split("</section>")[0]
    acknowledged = page.split('id="acknowledged-title"')[1].split("</section>")[0]

    assert "Hannah Price" in outstanding and "Tom Reilly" not in outstanding
    assert "Tom Reilly" in acknowledged
    assert "Marcus Bell" not in page  # Leeds: not in the audience


def test_the_report_counts_by_home_store(people) -> None:
    bulletin = publish(people.claire, audience=Audience(roles=("associate", "manager")))
    bulletin_acknowledge(staff=people.tom, bulletin_id=bulletin.pk)

    counts = [
        (c.store, c.audience, c.acknowledged, c.outstanding)
        for c in bulletin_report(bulletin_id=bulletin.pk).by_store
    ]

    assert counts == [
        ("Leeds Briggate", 1, 0, 1),
        ("Manchester King Street", 2, 1, 1),
        ("No home store", 1, 0, 1),
    ]
