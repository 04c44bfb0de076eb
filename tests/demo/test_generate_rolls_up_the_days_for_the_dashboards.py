"""`everthread generate` ends by rolling up the days it wrote, so the dashboards over the
generated base read days, with the figures they show when reading every contact; an
appended run's days are rolled up again."""

from __future__ import annotations

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from everthread.insights.models import ReplyDay, RollupDay
from everthread.insights.scope import Scope
from generating import generate
from rolling import shown

pytestmark = pytest.mark.django_db


def _last_year() -> Scope:
    now = timezone.now()
    return Scope(start=now - datetime.timedelta(days=365), end=now + datetime.timedelta(days=1))


def _live(scope: Scope) -> dict[str, object]:
    RollupDay.objects.all().delete()
    cache.clear()
    return shown(scope)


def test_generate_rolls_up_every_day_it_wrote(associate) -> None:
    printed = generate("--customers", "30", "--interactions", "300")

    assert "days rolled up" in printed
    assert RollupDay.objects.exists() and ReplyDay.objects.exists()
    rolled = shown(_last_year())
    assert rolled == _live(_last_year())


def test_an_appended_base_is_rolled_up_too(associate) -> None:
    generate("--customers", "30", "--interactions", "300")
    generate("--customers", "20", "--interactions", "200", "--append")

    assert shown(_last_year()) == _live(_last_year())
