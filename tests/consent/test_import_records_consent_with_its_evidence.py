"""A customer file's Email, SMS and WhatsApp marketing columns become consent events from
the import, with the wording, date and source as their evidence; a choice without its
evidence rejects the row, and importing the file again adds no events."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from consenting import isabelle, said
from everthread.consent.models import ConsentEvent, Source
from everthread.consent.selectors import consent_standing
from everthread.consent.services import consent_object
from everthread.core.models import AuditEvent
from everthread.customers.models import Customer
from everthread.customers.services import customer_import_run
from everthread.customers.services.importing import IMPORT_BATCH_ROWS
from importing import import_csv, upload_csv

pytestmark = pytest.mark.django_db

# A file without consent columns, as tests/customers/test_import_query_budget.py counts it.
FILE_QUERIES, BATCH_QUERIES = 9, 8
WORDS = "Yes, I'd like to hear about new arrivals and events."
HEADER = (
    "First Name,Last Name,Email,Mobile,Email marketing,SMS marketing,WhatsApp marketing,"
    "Consent wording,Consent date,Consent source\n"
)
CLIENTS = HEADER + (
    f'Charlotte,Hale,charlotte.hale@example.com,07700 900111,Yes,,Yes,"{WORDS}",'
    "2025-09-14,In store\n"
    f'Henry,Adeyemi,henry.adeyemi@example.com,07700 900112,Yes,No,,"{WORDS}",14/09/2025,\n'
    "Sofia,Marchetti,sofia.marchetti@example.com,07700 900113,Soft opt-in,,,"
    '"Customers who buy from us hear about similar products; untick to opt out.",'
    "2025-10-02T15:30:00+01:00,Purchase\n"
)


def _name(customer_id: int) -> str:
    return Customer.objects.get(pk=customer_id).given_name


def test_each_choice_is_a_consent_event_from_the_import(associate) -> None:
    imported = import_csv(associate, CLIENTS)

    assert (imported.created, imported.rejected) == (3, 0)
    events = ConsentEvent.objects.order_by("customer_id", "channel")
    assert [(_name(e.customer_id), e.channel, e.purpose, e.kind, e.source) for e in events] == [
        ("Charlotte", "email", "marketing", "granted", "in_store"),
        ("Charlotte", "whatsapp", "marketing", "granted", "in_store"),
        ("Henry", "email", "marketing", "granted", "import"),
        ("Henry", "sms", "marketing", "withdrawn", "import"),
        ("Sofia", "email", "marketing", "soft_opt_in", "purchase"),
    ]
    charlotte = events[0]
    assert (charlotte.wording, charlotte.recorded_by) == (WORDS, associate)
    assert charlotte.from_import == imported.pk
    assert timezone.localtime(charlotte.occurred_at).date() == datetime.date(2025, 9, 14)
    sofia = Customer.objects.get(given_name="Sofia")
    standing = consent_standing(customer_id=sofia.pk)
    assert standing.state("email", "marketing").label == "Soft opt-in"
    assert standing.state("email", "marketing").event.occurred_at == datetime.datetime(
        2025, 10, 2, 14, 30, tzinfo=datetime.UTC
    )
    granted = AuditEvent.objects.filter(action="consent.granted")
    assert granted.count() == 3
    assert {event.detail["import_id"] for event in granted} == {imported.pk}


def test_importing_the_file_again_adds_no_events(associate) -> None:
    import_csv(associate, CLIENTS)
    events, audit_rows = ConsentEvent.objects.count(), AuditEvent.objects.count()

    again = import_csv(associate, CLIENTS)

    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 0)
    assert ConsentEvent.objects.count() == events
    assert AuditEvent.objects.count() == audit_rows + 1  # the import itself


def test_a_later_file_with_new_evidence_records_it_for_a_known_customer(associate) -> None:
    import_csv(associate, CLIENTS)

    later = import_csv(
        associate,
        HEADER + "Henry,Adeyemi,henry.adeyemi@example.com,,No,,,Replied STOP to our email,"
        "2025-11-01,\n",
    )

    assert (later.updated, later.unchanged) == (1, 0)
    henry = Customer.objects.get(given_name="Henry")
    assert consent_standing(customer_id=henry.pk).state("email", "marketing").withdrawn


@pytest.mark.parametrize(
    ("row", "column", "reason"),
    [
        (
            "Amara,Osei,amara@example.com,,Yes,,,,2025-09-14,",
            "Consent wording",
            "Email marketing says 'Yes' but Consent wording is empty",
        ),
        (
            f'Amara,Osei,amara@example.com,,,Yes,,"{WORDS}",,',
            "Consent date",
            "SMS marketing says 'Yes' but Consent date is empty",
        ),
        (
            f'Amara,Osei,amara@example.com,,Maybe,,,"{WORDS}",2025-09-14,',
            "Email marketing",
            "'Maybe' is not a consent choice",
        ),
        (
            f'Amara,Osei,amara@example.com,,,Soft opt-in,,"{WORDS}",2025-09-14,',
            "SMS marketing",
            "The soft opt-in covers email marketing",
        ),
        (
            f'Amara,Osei,amara@example.com,,Yes,,,"{WORDS}",2025-09-14,Carrier pigeon',
            "Consent source",
            "'Carrier pigeon' is not a consent source",
        ),
        (
            f'Amara,Osei,amara@example.com,,Yes,,,"{WORDS}",2025-09-14,Website',
            "Consent source",
            "needs the address it came from: add a Consent IP column",
        ),
        (
            f'Amara,Osei,amara@example.com,,Yes,,,"{WORDS}",2999-01-01,',
            "Consent date",
            "Consent cannot be given in the future",
        ),
        (
            f'Amara,Osei,amara@example.com,,Yes,,,"{WORDS}",31/02/2025,',
            "Consent date",
            "'31/02/2025' is not a date",
        ),
    ],
)
def test_a_choice_without_its_evidence_rejects_the_row(associate, row, column, reason) -> None:
    imported = import_csv(associate, HEADER + row + "\n")

    assert (imported.created, imported.rejected) == (0, 1)
    reject = imported.rejects.get()
    assert reject.field == column
    assert reason in reject.reason
    assert not Customer.objects.exists()
    assert not ConsentEvent.objects.exists()


def test_a_web_form_consent_keeps_its_address(associate) -> None:
    imported = import_csv(
        associate,
        "Name,Email,Email marketing,Consent wording,Consent date,Consent source,Consent IP\n"
        f'Amara Osei,amara@example.com,yes,"{WORDS}",2025-09-14 10:00,Web form,203.0.113.7\n',
    )

    assert imported.created == 1
    event = ConsentEvent.objects.get()
    assert (event.source, event.ip_address) == (Source.WEB_FORM, "203.0.113.7")


def test_a_grant_for_a_customer_who_objected_rejects_the_row(associate) -> None:
    import_csv(associate, CLIENTS)
    henry = Customer.objects.get(given_name="Henry")
    consent_object(customer=henry, evidence=said("No more marketing, please."), actor=isabelle())

    imported = import_csv(
        associate,
        HEADER + f'Henry,Adeyemi,henry.adeyemi@example.com,,,,Yes,"{WORDS}",2025-12-01,\n',
    )

    assert imported.rejected == 1
    reject = imported.rejects.get()
    assert reject.field == "WhatsApp marketing"
    assert "Henry Adeyemi objected to direct marketing on" in reject.reason
    assert not consent_standing(customer_id=henry.pk).state("whatsapp", "marketing").granted


def test_a_file_without_consent_columns_records_no_consent(associate) -> None:
    import_csv(associate, "First Name,Email\nAmara,amara@example.com\n")

    assert not ConsentEvent.objects.exists()


def _consenting_clients(rows: int) -> str:
    lines = [
        f'Client{n},Osei,client{n}@example.com,,Yes,,,"{WORDS}",2025-09-14,' for n in range(rows)
    ]
    return HEADER + "\n".join(lines) + "\n"


def test_consent_columns_cost_queries_per_batch_not_per_row(
    associate, django_assert_max_num_queries
) -> None:
    rows = IMPORT_BATCH_ROWS
    # Beyond a file without them: the batch's consent history, then its events and their
    # audit rows, one bulk insert each. SQLite binds at most 999 values a statement, so it
    # cuts the customers' insert every 25 rows and the events' every 80 or so.
    split = rows // 25 + rows // 80 if connection.vendor == "sqlite" else 0
    first = upload_csv(associate, _consenting_clients(rows))
    with django_assert_max_num_queries(FILE_QUERIES + BATCH_QUERIES + 3 + split):
        customer_import_run(import_id=first.pk)

    again = upload_csv(associate, _consenting_clients(rows))
    with django_assert_max_num_queries(FILE_QUERIES + BATCH_QUERIES + 1):
        done = customer_import_run(import_id=again.pk)

    assert done.unchanged == rows
    assert ConsentEvent.objects.filter(from_import=first.pk).count() == rows
