"""An erased customer is never contacted, whatever the ledger says."""

from __future__ import annotations

from django.utils import timezone

from consenting import decide


def test_an_erased_customer_is_refused(charlotte, advisor) -> None:
    charlotte.erased_at = timezone.now()

    decision = decide(charlotte, "email", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert decision.reasons[0].startswith("This customer's record was erased on ")
