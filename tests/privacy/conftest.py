"""The privacy officer, and Amara Osei with data in every app."""

from __future__ import annotations

import pytest

from everthread.core.models import Staff
from everthread.privacy.models import ErasureRecord
from factories import StaffFactory
from personal_data import Everywhere, customer_everywhere


@pytest.fixture
def officer(organisation) -> Staff:
    return StaffFactory(
        username="isabelle", first_name="Isabelle", last_name="Laurent", role="privacy_officer"
    )


@pytest.fixture
def amara(associate: Staff) -> Everywhere:
    return customer_everywhere(associate)


@pytest.fixture
def amara_erased_once(amara: Everywhere, officer: Staff) -> Everywhere:
    """Amara with an erasure record too: the one kind of row a live customer lacks."""
    ErasureRecord.objects.create(customer_id=amara.customer.pk, erased_by=officer)
    return amara
