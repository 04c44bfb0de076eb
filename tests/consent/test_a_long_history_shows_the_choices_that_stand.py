"""A customer who has changed their mind many times: the page reads only the choices that
still stand, and shows exactly what the whole history says."""

from __future__ import annotations

import datetime

from django.test import RequestFactory
from django.utils import timezone

from consenting import GRANTED, SOFT_OPT_IN, WITHDRAWN, client_of, isabelle
from everthread.consent.ledger import standing_derive
from everthread.consent.models import ConsentEvent, Source
from everthread.consent.selectors import consent_history, consent_standing, consent_standings
from everthread.consent.views import consent_section

Kind = ConsentEvent.Kind


def _happened(customer, kind: str, days_ago: int, channel: str = "", purpose: str = ""):
    # Written as they stand in the ledger: a merge brings two records' histories together
    # in the order they happened, so a grant can sit inside the other record's objection.
    return ConsentEvent.objects.create(
        customer=customer,
        kind=kind,
        channel=channel,
        purpose=purpose,
        source=Source.MERGE,
        occurred_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_the_state_after_years_of_changes_is_the_one_the_history_gives(organisation) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    for day in range(200, 100, -2):
        kind = GRANTED if day % 4 else WITHDRAWN
        _happened(charlotte, kind, day, "sms", "marketing")
        _happened(charlotte, kind, day - 1, "email", "service")
    _happened(charlotte, SOFT_OPT_IN, 99, "email", "marketing")
    _happened(charlotte, GRANTED, 90, "email", "marketing")
    objected = _happened(charlotte, Kind.OBJECTED, 80)
    _happened(charlotte, GRANTED, 70, "whatsapp", "marketing")
    _happened(charlotte, Kind.OBJECTION_LIFTED, 60)
    regranted = _happened(charlotte, GRANTED, 50, "sms", "marketing")
    _happened(charlotte, GRANTED, 45, "whatsapp", "recommendations")
    _happened(charlotte, Kind.OBJECTION_LIFTED, 40)
    _happened(charlotte, SOFT_OPT_IN, 30, "email", "marketing")

    standing = consent_standing(customer_id=charlotte.pk)

    assert standing == standing_derive(consent_history(customer_id=charlotte.pk))
    assert standing.state("sms", "marketing").event == regranted
    whatsapp = standing.state("whatsapp", "marketing")
    assert (whatsapp.label, whatsapp.event) == ("Objected", objected)
    assert standing.state("whatsapp", "recommendations").label == "Granted"
    assert standing.state("email", "marketing").label == "Objected"
    assert standing.state("email", "service").state == "granted"


def test_the_page_reads_the_standing_and_counts_the_history_in_one_query(
    organisation, django_assert_num_queries
) -> None:
    advisor = isabelle()
    charlotte = client_of(advisor, "Charlotte", "Hale", "+447700900111")
    alice = client_of(advisor, "Alice", "Moreau", "+447700900222")
    for day in range(60, 0, -1):
        _happened(charlotte, WITHDRAWN if day % 3 else GRANTED, day, "email", "marketing")
    _happened(alice, GRANTED, 3, "email", "marketing")
    request = RequestFactory().get("/")
    request.user = advisor

    with django_assert_num_queries(1):
        section = consent_section(request, charlotte)

    assert section["history_length"] == 60
    assert section["standing"].state("email", "marketing").label == "Withdrawn"
    standings = consent_standings(customer_ids=[charlotte.pk, alice.pk])
    assert standings[charlotte.pk] == section["standing"]
    assert standings[alice.pk].state("email", "marketing").label == "Granted"
