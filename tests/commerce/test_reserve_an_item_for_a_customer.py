"""An associate holds an item for a customer at a store: 48 hours unless they say, never
more than is free, and an expired hold stops counting at once and is marked released."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from everthread.commerce.errors import HoldNotActive, HoldRefused, NotEnoughStock
from everthread.commerce.models import Hold
from everthread.commerce.selectors import availability_summary, variant_availability
from everthread.commerce.services import hold_collect, hold_place
from everthread.commerce.tasks import release_expired_hold
from everthread.conversations.models import TimelineEntry
from factories import CustomerFactory


@pytest.fixture
def amara(organisation):
    return CustomerFactory(given_name="Amara", family_name="Osei")


def _summary(variant) -> str:
    return availability_summary(variant_availability(variant_ids=[variant.pk])[variant.pk])


def test_a_hold_keeps_the_item_for_two_days_and_is_on_the_timeline(
    associate, amara, stocked, manchester, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        hold = hold_place(actor=associate, customer=amara, sku=stocked.sku, location=manchester)

    assert hold.expires_at - hold.created_at == pytest.approx(
        datetime.timedelta(hours=48), abs=datetime.timedelta(seconds=5)
    )
    assert _summary(stocked) == "2 in Leeds, 14 online"
    entry = TimelineEntry.objects.get(kind="hold", customer=amara)
    assert entry.title == "Held 1 × Red toggle raincoat Red M at Manchester King Street"
    # The worker marks it released when it expires.
    queued = DBTaskResult.objects.get(task_path="everthread.commerce.tasks.release_expired_hold")
    assert queued.run_after == hold.expires_at


def test_more_than_is_free_is_refused_saying_how_many_are(associate, amara, stocked, leeds) -> None:
    hold_place(actor=associate, customer=amara, sku=stocked.sku, location=leeds)

    with pytest.raises(NotEnoughStock) as refused:
        hold_place(actor=associate, customer=amara, sku=stocked.sku, location=leeds, quantity=2)

    assert refused.value.message == (
        "Leeds Briggate has 1 of Red toggle raincoat Red M free to hold (1 already held); "
        "you asked for 2."
    )
    assert Hold.objects.count() == 1


def test_items_are_held_at_a_store_not_online(associate, amara, stocked, online) -> None:
    with pytest.raises(HoldRefused, match="held at a store"):
        hold_place(actor=associate, customer=amara, sku=stocked.sku, location=online)


def test_an_expired_hold_stops_counting_and_the_task_releases_it(
    associate, amara, stocked, manchester
) -> None:
    hold = hold_place(actor=associate, customer=amara, sku=stocked.sku, location=manchester)
    Hold.objects.filter(pk=hold.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert _summary(stocked) == "2 in Leeds, 1 in Manchester, 14 online"  # before the task
    release_expired_hold.call(hold_id=hold.pk)

    hold.refresh_from_db()
    assert hold.status == Hold.Status.RELEASED
    assert TimelineEntry.objects.get(kind="hold").detail["status"] == "released"
    # Someone else can hold it now.
    hold_place(actor=associate, customer=CustomerFactory(), sku=stocked.sku, location=manchester)


def test_the_task_leaves_a_hold_that_has_not_expired(associate, amara, stocked, leeds) -> None:
    hold = hold_place(actor=associate, customer=amara, sku=stocked.sku, location=leeds)

    release_expired_hold.call(hold_id=hold.pk)

    hold.refresh_from_db()
    assert hold.status == Hold.Status.ACTIVE


def test_an_expired_hold_cannot_be_collected(associate, amara, stocked, leeds) -> None:
    hold = hold_place(actor=associate, customer=amara, sku=stocked.sku, location=leeds)
    Hold.objects.filter(pk=hold.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    with pytest.raises(HoldNotActive, match="has ended \\(expired\\)"):
        hold_collect(actor=associate, hold_id=hold.pk)
