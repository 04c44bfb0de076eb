"""The demo's bulletin and the promotion Rosa saw on social: Tom in Manchester must
acknowledge the rainy-days bulletin, the store sees the Instagram and X offer live beside
the customer, and loading again adds nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from api_clients import client_of
from everthread.bulletins.models import Bulletin, Promotion
from everthread.bulletins.selectors import bulletins_to_acknowledge, promotions_live
from everthread.core.models import Staff

pytestmark = pytest.mark.django_db


def test_tom_must_acknowledge_the_bulletin_and_sees_the_offer_rosa_saw(
    demo: Callable[..., str],
) -> None:
    demo()
    tom = Staff.objects.get(username="tom")

    waiting = [b.title for b in bulletins_to_acknowledge(staff=tom).bulletins]
    live = promotions_live()
    panel = client_of(tom).get("/promotions/live/").content.decode()

    assert "Honour the rainy-days code in every channel" in waiting
    assert [p.name for p in live] == ["Rainy days: 15% off raincoats"]
    assert [row.channel for row in live[0].channels.all()] == ["instagram", "x"]
    assert "RAINYDAYS15" in panel and "Rosa Alvarez" not in panel  # notes stay on the calendar


def test_loading_again_adds_no_bulletin_or_promotion(demo: Callable[..., str]) -> None:
    demo(customers=0)
    counts = (Bulletin.objects.count(), Promotion.objects.count())
    demo(customers=0)
    assert (Bulletin.objects.count(), Promotion.objects.count()) == counts == (3, 3)
