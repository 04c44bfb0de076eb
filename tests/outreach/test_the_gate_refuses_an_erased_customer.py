"""An erased customer is never contacted, whatever the ledger said before the erasure."""

from __future__ import annotations

from consenting import decide
from everthread.customers.models import Customer
from everthread.privacy.services import customer_erase
from factories import StaffFactory


def test_an_erased_customer_is_refused(charlotte, advisor) -> None:
    customer_erase(actor=StaffFactory(role="privacy_officer"), customer_id=charlotte.pk)
    charlotte = Customer.objects.get(pk=charlotte.pk)

    decision = decide(charlotte, "email", "marketing", by=advisor)

    assert decision.outcome == "refused"
    assert decision.reasons[0].startswith("This customer's record was erased on ")
    assert decision.reasons[0].endswith(": they cannot be contacted.")
