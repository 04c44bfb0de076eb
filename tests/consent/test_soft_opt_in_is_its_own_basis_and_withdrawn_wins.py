"""The UK/EU soft opt-in for email marketing to an existing customer is recorded as its own
basis; it never overrides a withdrawal, and an explicit grant stays explicit."""

from __future__ import annotations

from consenting import GRANTED, SOFT_OPT_IN, WITHDRAWN, client_of, record
from everthread.consent.selectors import consent_state


def _email_marketing(customer):
    return consent_state(customer_id=customer.pk, channel="email", purpose="marketing")


def test_a_purchase_gives_a_soft_opt_in(organisation) -> None:
    sofia = client_of(None, "Sofia", "Marchetti", "+447700900113")
    record(sofia, "email", "marketing", SOFT_OPT_IN)

    state = _email_marketing(sofia)

    assert (state.state, state.basis, state.label) == ("granted", "soft_opt_in", "Soft opt-in")


def test_a_later_purchase_does_not_undo_a_withdrawal(organisation) -> None:
    sofia = client_of(None, "Sofia", "Marchetti", "+447700900113")
    record(sofia, "email", "marketing", SOFT_OPT_IN, days_ago=30)
    record(sofia, "email", "marketing", WITHDRAWN, days_ago=20)
    record(sofia, "email", "marketing", SOFT_OPT_IN, days_ago=1)

    assert _email_marketing(sofia).state == "withdrawn"


def test_explicit_consent_stays_explicit_after_a_purchase(organisation) -> None:
    charlotte = client_of(None, "Charlotte", "Hale", "+447700900111")
    record(charlotte, "email", "marketing", GRANTED, days_ago=5)
    record(charlotte, "email", "marketing", SOFT_OPT_IN, days_ago=1)

    assert _email_marketing(charlotte).basis == "consent"
