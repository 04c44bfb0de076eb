"""A bulletin reaches the staff its audience names: everyone when it names no one; any of the
roles, stores, teams or channels named within a kind, and every kind named at once."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from everthread.bulletins.selectors import bulletin_report, bulletins_mine
from everthread.bulletins.services import Audience
from publishing import publish


def _readers(people, bulletin) -> set[str]:
    return {reader.staff.username for reader in bulletin_report(bulletin_id=bulletin.pk).readers}


def _sees(staff, bulletin) -> bool:
    return bulletin.pk in {b.pk for b in bulletins_mine(staff=staff).bulletins}


EVERYONE = {"tom", "hannah", "marcus", "chloe", "ellie", "claire"}


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (lambda p: Audience(), EVERYONE),
        (lambda p: Audience(roles=("associate",)), {"tom", "marcus"}),
        (lambda p: Audience(stores=(p.manchester, p.leeds)), {"tom", "hannah", "marcus"}),
        (lambda p: Audience(roles=("associate",), stores=(p.leeds,)), {"marcus"}),
        (lambda p: Audience(teams=(p.chloe.teams.get(),)), {"chloe"}),
        # Instagram is worked by the contact-centre kind of team: the centre and social.
        (lambda p: Audience(channels=("instagram",)), {"chloe", "ellie"}),
        (lambda p: Audience(channels=("in_store",)), {"tom", "hannah", "marcus"}),
        (lambda p: Audience(roles=("manager",), channels=("in_store",)), {"hannah"}),
    ],
    ids=[
        "no one named: everyone",
        "associates",
        "Manchester or Leeds",
        "associates in Leeds",
        "the contact-centre team",
        "those working Instagram",
        "those working in store",
        "managers working in store",
    ],
)
def test_the_audience_named_is_who_sees_it_and_who_is_counted(people, audience, expected) -> None:
    bulletin = publish(people.claire, audience=audience(people))
    staff = [people.tom, people.hannah, people.marcus, people.chloe, people.ellie, people.claire]

    assert {member.username for member in staff if _sees(member, bulletin)} == expected
    assert _readers(people, bulletin) == expected


def test_a_scheduled_bulletin_is_not_out_yet_and_an_expired_one_has_gone(people) -> None:
    now = timezone.now()
    scheduled = publish(people.claire, "Spring window", publish_at=now + datetime.timedelta(days=2))
    short = publish(people.claire, "Today only", expires_at=now + datetime.timedelta(hours=1))
    assert not _sees(people.tom, scheduled)
    assert _sees(people.tom, short)

    short.expires_at = now - datetime.timedelta(minutes=1)
    short.publish_at = now - datetime.timedelta(hours=1)
    short.save()

    assert not _sees(people.tom, short)


def test_someone_who_cannot_sign_in_is_not_counted(people) -> None:
    people.marcus.is_active = False
    people.marcus.save()
    bulletin = publish(people.claire, audience=Audience(roles=("associate",)))
    assert _readers(people, bulletin) == {"tom"}
