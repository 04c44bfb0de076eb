"""Erasing a customer leaves nothing that names or describes them in any app, keeps
what is not personal (how many contacts, in which channel, when, by whom), and keeps
their contact points only as suppressed hashes."""

from __future__ import annotations

import json

import pytest

from everthread.conversations.models import Interaction, Journey
from everthread.core.errors import Forbidden
from everthread.core.models import AuditEvent
from everthread.customers.models import ContactPoint, Customer
from everthread.followups.models import FollowUp
from everthread.notes.models import Note
from everthread.privacy.errors import ErasureRefused
from everthread.privacy.models import ErasureRecord
from everthread.privacy.selectors import held_data, suppressed
from everthread.privacy.services import customer_erase
from personal_data import EMAIL, PERSONAL


def _everything_held(customer_id: int) -> str:
    return json.dumps(held_data(customer_id=customer_id).records, default=str).casefold()


def test_nothing_personal_survives_in_any_app(amara, officer) -> None:
    before = _everything_held(amara.customer.pk)
    assert all(word.casefold() in before for word in PERSONAL)

    customer_erase(actor=officer, customer_id=amara.customer.pk)

    after = _everything_held(amara.customer.pk)
    assert [word for word in PERSONAL if word.casefold() in after] == []


def test_what_is_not_personal_is_kept(amara, officer, associate) -> None:
    customer_erase(actor=officer, customer_id=amara.customer.pk)

    contact = Interaction.objects.get(customer=amara.customer, channel="whatsapp")
    assert (contact.channel, contact.direction, contact.staff) == ("whatsapp", "inbound", associate)
    assert contact.summary == "[erased]"
    assert Journey.objects.filter(customer=amara.customer).count() == 1
    assert FollowUp.objects.get(customer=amara.customer).owner == associate
    assert Note.objects.get(customer=amara.customer).quality_score > 0
    assert not ContactPoint.objects.filter(customer=amara.customer).exists()


def test_the_erasure_is_recorded_on_the_customer_in_a_record_and_in_the_audit_log(
    amara, officer
) -> None:
    erasure = customer_erase(actor=officer, customer_id=amara.customer.pk)

    assert not erasure.already_erased
    for customer in (amara.customer, amara.merged):
        assert Customer.objects.get(pk=customer.pk).erased_at == erasure.erased_at
    record = ErasureRecord.objects.get(customer_id=amara.customer.pk)
    assert record.erased_by == officer
    assert record.counts["conversations.Interaction"] == 3  # her two messages, our reply
    event = AuditEvent.objects.get(action="customer.erased")
    assert (event.actor, event.customer_id) == (officer, amara.customer.pk)


def test_their_contact_points_are_suppressed_in_any_format(amara, officer) -> None:
    assert not suppressed("email", EMAIL)

    customer_erase(actor=officer, customer_id=amara.customer.pk)

    assert suppressed("email", " Amara.Osei@EXAMPLE.com ")
    assert suppressed("phone", "07700 900123")
    assert not suppressed("email", "someone.else@example.com")


def test_erasing_an_erased_customer_changes_nothing_and_says_so(amara, officer) -> None:
    first = customer_erase(actor=officer, customer_id=amara.customer.pk)
    events = AuditEvent.objects.count()

    again = customer_erase(actor=officer, customer_id=amara.customer.pk)

    assert again.already_erased
    assert again.erased_at == first.erased_at
    assert "already erased" in again.message
    assert AuditEvent.objects.count() == events
    assert ErasureRecord.objects.count() == 1


def test_a_record_merged_into_another_is_erased_through_the_survivor(amara, officer) -> None:
    with pytest.raises(ErasureRefused, match=f"merged into customer {amara.customer.pk}"):
        customer_erase(actor=officer, customer_id=amara.merged.pk)


def test_an_associate_may_not_erase_and_the_attempt_is_recorded(amara, associate) -> None:
    with pytest.raises(Forbidden):
        customer_erase(actor=associate, customer_id=amara.customer.pk)

    assert Customer.objects.get(pk=amara.customer.pk).erased_at is None
    assert AuditEvent.objects.filter(
        action="privacy.erase_refused", actor=associate, customer_id=amara.customer.pk
    ).exists()
