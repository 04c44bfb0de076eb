"""The sandbox, a learner's practice page and the coach's review list read in a fixed number
of queries, however long the timeline or the lists grow."""

from __future__ import annotations

import pytest
from django.test import Client

from everthread.coaching.practice.services import (
    attempt_start,
    attempt_submit,
    practice_message_send,
    practice_note_write,
)
from practising import GOOD_NOTE

pytestmark = pytest.mark.django_db

REPLY = "Hello Daniel, thank you for waiting: EU 43 is on its way to Leeds. Kind regards, Tom"


def _busy_attempt(scenario, learner, notes: int):
    attempt = attempt_start(learner=learner, scenario_id=scenario.pk)
    for _ in range(notes):
        practice_note_write(attempt_id=attempt.pk, actor=learner, draft=GOOD_NOTE)
        practice_message_send(
            attempt_id=attempt.pk, actor=learner, channel="chat", purpose="service", body=REPLY
        )
    return attempt


@pytest.mark.parametrize("notes", [1, 6])
def test_the_sandbox_reads_in_a_fixed_number_of_queries(
    boots_chat, tom, notes, django_assert_max_num_queries
) -> None:
    attempt = _busy_attempt(boots_chat, tom, notes)
    client = Client()
    client.force_login(tom)

    with django_assert_max_num_queries(9):
        page = client.get(f"/coaching/practice/attempts/{attempt.pk}/")

    assert page.status_code == 200
    assert page.content.count(b"Handover note by Tom Reilly") == notes


@pytest.mark.parametrize("attempts", [1, 5])
def test_my_practice_and_the_review_list_read_in_a_fixed_number_of_queries(
    boots_chat, tom, grace, attempts, django_assert_max_num_queries
) -> None:
    for _ in range(attempts):
        attempt_submit(attempt_id=_busy_attempt(boots_chat, tom, 1).pk, actor=tom)
    learner, coach = Client(), Client()
    learner.force_login(tom)
    coach.force_login(grace)

    with django_assert_max_num_queries(6):
        mine = learner.get("/coaching/practice/mine/")
    with django_assert_max_num_queries(6):
        waiting = coach.get("/coaching/practice/")

    assert mine.content.count(b"Submitted, waiting for review") == attempts
    assert waiting.content.count(b"Submitted, waiting for review") == attempts
