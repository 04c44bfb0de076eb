"""An erased customer is never contacted, whatever the ledger says."""

from __future__ import annotations

from django.utils import timezone

from consenting import at_local
from everthread.outreach.services import outreach_decide


def test_an_erased_customer_is_refused(charlotte, advisor) -> None:
    charlotte.erased_at = timezone.now()

    decision = outreach_decide(
        customer=charlotte,
        channel="email",
        purpose="marketing",
        actor=advisor,
        at=at_local("Europe/London", 11),
    )

    assert decision.outcome == "refused"
    assert decision.reasons[0].startswith("This customer's record was erased on ")
