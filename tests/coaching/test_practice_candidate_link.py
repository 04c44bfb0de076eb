"""A hiring candidate runs a scenario through a guest link: no sign-in, only that attempt;
scored on the same rubric and reviewed by the coach. An expired or altered link is refused
with a page that says so, and writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from everthread.coaching.errors import InvalidPractice
from everthread.coaching.models import PracticeAttempt, PracticeEntry
from everthread.coaching.practice.links import guest_token
from everthread.coaching.practice.services import guest_attempt_create

pytestmark = pytest.mark.django_db

REPLY = "Hello Daniel, thank you for waiting: EU 43 will be at Leeds Briggate. Kind regards, Sam"


@pytest.fixture
def sams(boots_chat, grace) -> PracticeAttempt:
    return guest_attempt_create(
        actor=grace, scenario_id=boots_chat.pk, candidate_name="Sam Hire", hours=48
    )


def test_the_candidate_runs_the_scenario_without_signing_in(sams, grace) -> None:
    link = f"/coaching/practice/guest/{guest_token(sams)}/"
    candidate = Client()

    page = candidate.get(link)
    assert page.status_code == 200
    assert b"Daniel Novak" in page.content and b"EU 43 please." in page.content
    assert b"Grace" not in page.content  # no staff names for a candidate
    candidate.post(f"{link}messages/", {"channel": "chat", "purpose": "service", "body": REPLY})
    assert candidate.post(f"{link}submit/").status_code == 302

    sams.refresh_from_db()
    assert sams.status == "submitted" and sams.scores.filter(source="automatic").exists()
    review = Client()
    review.force_login(grace)
    assert b"Sam Hire (candidate)" in review.get("/coaching/practice/").content


def test_an_expired_link_is_refused_with_a_clear_page(sams) -> None:
    token = guest_token(sams)
    PracticeAttempt.objects.filter(pk=sams.pk).update(
        link_expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    page = Client().get(f"/coaching/practice/guest/{token}/")
    written = Client().post(
        f"/coaching/practice/guest/{token}/messages/",
        {"channel": "chat", "purpose": "service", "body": REPLY},
    )

    assert page.status_code == 410
    assert b"This link has expired" in page.content
    assert written.status_code == 410
    assert not PracticeEntry.objects.filter(attempt=sams, by_learner=True).exists()


def test_an_altered_link_is_refused_and_reaches_no_other_attempt(sams, boots_chat, grace) -> None:
    token = guest_token(sams)
    other = guest_attempt_create(
        actor=grace, scenario_id=boots_chat.pk, candidate_name="Alex Other", hours=48
    )
    altered = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")

    refused = Client().get(f"/coaching/practice/guest/{altered}/")
    assert refused.status_code == 400
    assert b"This link does not work" in refused.content
    # A signed-in learner's URL is not reachable from a guest link either.
    assert Client().get(f"/coaching/practice/attempts/{other.pk}/").status_code == 302


def test_a_revoked_nonce_makes_the_old_link_useless(sams) -> None:
    token = guest_token(sams)
    PracticeAttempt.objects.filter(pk=sams.pk).update(link_nonce="another")
    assert Client().get(f"/coaching/practice/guest/{token}/").status_code == 400


def test_a_link_must_last_between_an_hour_and_a_fortnight(boots_chat, grace) -> None:
    with pytest.raises(InvalidPractice, match="1 to 336 hours"):
        guest_attempt_create(
            actor=grace, scenario_id=boots_chat.pk, candidate_name="Sam", hours=1000
        )
