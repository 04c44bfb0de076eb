"""Two records of one person merged: a withdrawal, an objection or "do not contact" on
either record stands on the survivor, even when the other record's grant is newer."""

from __future__ import annotations

from consenting import GRANTED, WITHDRAWN, client_of, isabelle, record, said
from everthread.consent.selectors import consent_standing
from everthread.consent.services import consent_do_not_contact
from everthread.customers.services import customer_merge, customer_unmerge


def test_a_withdrawal_on_the_merged_record_beats_a_newer_grant(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    duplicate = client_of(None, "Henry", "Adeyemi", "+447700900199", "h.adeyemi@example.com")
    record(duplicate, "sms", "marketing", WITHDRAWN, days_ago=20)
    record(henry, "sms", "marketing", GRANTED, days_ago=2)
    record(henry, "email", "marketing", GRANTED, days_ago=2)

    customer_merge(actor=advisor, survivor_id=henry.pk, merged_id=duplicate.pk)

    standing = consent_standing(customer_id=henry.pk)
    assert standing.state("sms", "marketing").withdrawn
    assert standing.state("sms", "marketing").event.source == "merge"
    assert standing.state("email", "marketing").granted


def test_do_not_contact_on_either_record_stands_after_merge_and_unmerge(organisation) -> None:
    advisor = isabelle()
    henry = client_of(advisor, "Henry", "Adeyemi", "+447700900112")
    duplicate = client_of(None, "Henry", "Adeyemi", "+447700900199", "h.adeyemi@example.com")
    consent_do_not_contact(customer=duplicate, evidence=said("Never contact me."), actor=advisor)

    merge = customer_merge(actor=advisor, survivor_id=henry.pk, merged_id=duplicate.pk)
    assert consent_standing(customer_id=henry.pk).do_not_contact is not None

    customer_unmerge(actor=advisor, merge_id=merge.pk)
    assert consent_standing(customer_id=duplicate.pk).do_not_contact is not None
