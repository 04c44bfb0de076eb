"""An observation of a contact with a customer carries what the manager wrote about them:
erasing the customer erases the comment and keeps the scores, which are about the staff."""

from __future__ import annotations

import pytest

from everthread.coaching.models import Behaviour, Observation
from everthread.privacy.services import customer_erase
from factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_erasure_blanks_the_comment_and_keeps_the_scores(observe, chat, daniel):
    observation = observe(
        {Behaviour.CONFIRM_NEEDS: 3}, comment="Daniel said the boots pinch at the toe."
    )
    officer = StaffFactory(username="david", role="privacy_officer")

    customer_erase(actor=officer, customer_id=daniel.pk)

    kept = Observation.objects.get(pk=observation.pk)
    assert kept.comment == "[erased]"
    assert [(s.criterion.behaviour, s.value) for s in kept.scores.all()] == [("confirm_needs", 3)]
    assert list(kept.interactions.all()) == [chat]
