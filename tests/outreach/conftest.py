"""Story 5's clients, with the consents of SCENARIOS.md, for the gate's tests."""

from __future__ import annotations

import pytest

from consenting import GRANTED, SOFT_OPT_IN, client_of, isabelle
from consenting import record as consent
from everthread.consent.services import consent_keyword_apply
from providers import provider_start


@pytest.fixture
def advisor(organisation):
    return isabelle()


@pytest.fixture
def charlotte(advisor):
    """Email and WhatsApp marketing granted."""
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    consent(charlotte, "email", "marketing", GRANTED, by=advisor, days_ago=60)
    consent(charlotte, "whatsapp", "marketing", GRANTED, by=advisor, days_ago=60)
    return charlotte


@pytest.fixture
def henry(advisor):
    """Withdrew SMS marketing by replying STOP."""
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    consent(henry, "sms", "marketing", GRANTED, by=advisor, days_ago=90)
    consent_keyword_apply(customer=henry, channel="sms", text="STOP")
    return henry


@pytest.fixture
def sofia(advisor):
    """Email soft opt-in from a purchase; never asked about WhatsApp."""
    sofia = client_of(advisor, "Sofia", "Marchetti", "+447700900113")
    consent(sofia, "email", "marketing", SOFT_OPT_IN, days_ago=14)
    return sofia


@pytest.fixture(scope="session")
def _local_provider(tmp_path_factory):
    provider = provider_start(tmp_path_factory.mktemp("provider"), "--hang-seconds", "4")
    yield provider
    provider.stop()


@pytest.fixture
def provider(_local_provider, settings):
    """The local provider, emptied, with the outbox pointed at it."""
    _local_provider.reset()
    for name, value in _local_provider.settings().items():
        setattr(settings, name, value)
    return _local_provider
