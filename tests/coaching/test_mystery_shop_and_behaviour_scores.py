"""Mystery-shop visits and observations feed one score per behaviour (0-100), filtered by
store, team, channel, person and period; the results table exports as CSV. Checked by hand:
a yes is 100 and a no 0, a 1-5 scale's 1 is 0 and 5 is 100, a 1-4 rubric's 2 is 33."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from continuity import colleague
from everthread.coaching.errors import InvalidMysteryShop
from everthread.coaching.models import Behaviour
from everthread.coaching.selectors import behaviour_scores, mystery_shop_results
from everthread.coaching.services import (
    MysteryQuestionDraft,
    VisitDraft,
    mystery_shop_form_create,
    mystery_shop_visit_record,
)
from factories import StoreFactory, TeamFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)
ACK, SUMMARISE, CONFIRM = (
    Behaviour.ACKNOWLEDGE_HISTORY,
    Behaviour.SUMMARISE_NEXT_STEPS,
    Behaviour.CONFIRM_NEEDS,
)


@pytest.fixture
def form(grace):
    return mystery_shop_form_create(
        actor=grace,
        name="Cross-channel continuity visit",
        questions=[
            MysteryQuestionDraft("Knew my earlier contact?", "yes_no", ACK),
            MysteryQuestionDraft("How clearly was the next step summarised?", "scale", SUMMARISE),
            MysteryQuestionDraft("Anything else?", "text"),
        ],
    )


@pytest.fixture
def world(form, grace, observe, chloe):
    """Three visits and one observation of Chloe's chat (acknowledge 4 of 4, confirm 2 of 4)."""
    leeds = StoreFactory(code="leeds-briggate", name="Leeds Briggate")
    covent = StoreFactory(code="london-covent-garden", name="London Covent Garden")
    marcus = colleague("marcus", "Marcus Bell", home_store=leeds)
    team = TeamFactory(code="leeds-store", name="Leeds store team", kind="store", store=leeds)
    team.members.add(marcus)
    known, scale, text = form.questions.all()
    for store, channel, days, staff, answers in (
        (leeds, "in_store", 0, marcus, ("yes", "5")),
        (leeds, "chat", 1, chloe, ("no", "3")),
        (covent, "in_store", 2, None, ("yes", "1")),
    ):
        mystery_shop_visit_record(
            actor=grace,
            draft=VisitDraft(
                form_id=form.pk,
                channel=channel,
                visited_on=DAY + datetime.timedelta(days=days),
                store_id=store.pk,
                staff_id=staff.pk if staff else None,
                answers={known.pk: answers[0], scale.pk: answers[1], text.pk: "Friendly."},
            ),
        )
    observe({ACK: 4, CONFIRM: 2})
    return {"leeds": leeds, "team": team, "chloe": chloe}


def scored(**filters: object) -> dict[str, tuple]:
    return {
        row.behaviour: (
            row.observation_scores,
            None if row.observation_percent is None else round(row.observation_percent),
            row.mystery_answers,
            None if row.mystery_percent is None else round(row.mystery_percent),
            None if row.percent is None else round(row.percent),
        )
        for row in behaviour_scores(**filters)
        if row.count
    }


def test_both_sources_meet_per_behaviour(world) -> None:
    assert scored() == {
        ACK: (1, 100, 3, 67, 75),  # (100 + 100 + 0 + 100) / 4
        CONFIRM: (1, 33, 0, None, 33),
        SUMMARISE: (0, None, 3, 50, 50),  # 5, 3, 1 on 1-5: 100, 50, 0
    }


def test_every_behaviour_has_a_row_and_unmeasured_ones_say_so(world) -> None:
    rows = behaviour_scores()
    assert [row.behaviour for row in rows] == Behaviour.values
    consent = next(row for row in rows if row.behaviour == Behaviour.CONSENT)
    assert consent.count == 0 and consent.percent is None


def test_filters_by_store_team_channel_person_and_period(world) -> None:
    leeds, team, chloe = world["leeds"], world["team"], world["chloe"]
    assert scored(store_id=leeds.pk) == {ACK: (0, None, 2, 50, 50), SUMMARISE: (0, None, 2, 75, 75)}
    assert scored(team_id=team.pk) == scored(store_id=leeds.pk)
    assert scored(channel="chat") == {
        ACK: (1, 100, 1, 0, 50),
        CONFIRM: (1, 33, 0, None, 33),
        SUMMARISE: (0, None, 1, 50, 50),
    }
    assert scored(staff_id=chloe.pk) == scored(channel="chat")
    assert scored(
        since=DAY + datetime.timedelta(days=2), until=DAY + datetime.timedelta(days=2)
    ) == {
        ACK: (0, None, 1, 100, 100),
        SUMMARISE: (0, None, 1, 0, 0),
    }


def test_behaviour_scores_is_two_queries(world, django_assert_max_num_queries) -> None:
    with django_assert_max_num_queries(2):
        behaviour_scores(team_id=world["team"].pk, since=DAY)


def test_results_per_behaviour_store_and_channel_and_their_csv(world, client: Client, ruth):
    rows = [
        (r.behaviour, r.store, r.channel, r.answers, round(r.percent))
        for r in mystery_shop_results()
    ]
    assert rows == [
        ("Acknowledge history", "Leeds Briggate", "Live chat", 1, 0),
        ("Acknowledge history", "Leeds Briggate", "In store", 1, 100),
        ("Acknowledge history", "London Covent Garden", "In store", 1, 100),
        ("Summarise next steps", "Leeds Briggate", "Live chat", 1, 50),
        ("Summarise next steps", "Leeds Briggate", "In store", 1, 100),
        ("Summarise next steps", "London Covent Garden", "In store", 1, 0),
    ]
    client.force_login(ruth)

    csv = client.get("/coaching/mystery-shop/results.csv").content.decode().splitlines()

    assert csv[0] == "behaviour,store,channel,answers,score"
    assert csv[1:3] == [
        "Acknowledge history,Leeds Briggate,Live chat,1,0",
        "Acknowledge history,Leeds Briggate,In store,1,100",
    ]


def test_an_answer_that_does_not_fit_its_question_is_refused(form, grace) -> None:
    known, scale, _ = form.questions.all()

    def visit(answers: dict) -> None:
        mystery_shop_visit_record(
            actor=grace,
            draft=VisitDraft(form_id=form.pk, channel="in_store", visited_on=DAY, answers=answers),
        )

    with pytest.raises(InvalidMysteryShop, match="with yes or no") as refused:
        visit({known.pk: "maybe", scale.pk: "3"})
    assert refused.value.field == f"answers.{known.pk}"
    with pytest.raises(InvalidMysteryShop, match="from 1 to 5"):
        visit({known.pk: "yes", scale.pk: "6"})
    with pytest.raises(InvalidMysteryShop, match="from 1 to 5"):
        visit({known.pk: "yes"})
    assert not form.visits.exists()
