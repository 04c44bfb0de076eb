"""Each read costs the same few queries however many bulletins, readers and promotions there
are: the workplace (1) and the page (1) for my bulletins; the bulletin, its audience's
targets and the audience with their acknowledgements (3) for the report; promotions and
their channels (2) for the calendar and the live panel."""

from __future__ import annotations

import pytest

from everthread.bulletins.forms import month_after, month_start
from everthread.bulletins.selectors import (
    bulletin_report,
    bulletins_mine,
    bulletins_to_acknowledge,
    bulletins_written,
    promotions_calendar,
    promotions_live,
)
from everthread.bulletins.services import Audience, bulletin_acknowledge
from publishing import promote, publish


@pytest.mark.parametrize("many", [1, 8])
def test_bulletin_reads_stay_within_budget(people, django_assert_max_num_queries, many) -> None:
    bulletins = [
        publish(people.claire, f"Bulletin {n}", audience=Audience(roles=("associate", "manager")))
        for n in range(many)
    ]
    for bulletin in bulletins[::2]:
        bulletin_acknowledge(staff=people.tom, bulletin_id=bulletin.pk)

    with django_assert_max_num_queries(2):
        assert len(bulletins_mine(staff=people.tom).bulletins) == many
    with django_assert_max_num_queries(3):
        waiting = bulletins_to_acknowledge(staff=people.tom)
        assert waiting.count == many // 2
    with django_assert_max_num_queries(3):
        report = bulletin_report(bulletin_id=bulletins[0].pk)
        assert len(report.readers) == 4
    with django_assert_max_num_queries(1):
        assert len(bulletins_written().bulletins) == many


@pytest.mark.parametrize("many", [1, 8])
def test_promotion_reads_stay_within_budget(people, django_assert_max_num_queries, many) -> None:
    for n in range(many):
        promote(people.claire, f"Offer {n}", days=(-1, 1), channels=("instagram", "in_store"))

    with django_assert_max_num_queries(2):
        assert len(promotions_live()) == many
    start = month_start("")
    end = month_after(start)
    with django_assert_max_num_queries(2):
        assert len(promotions_calendar(start=start, end=end, channel="instagram").live) == many
