"""Each imported row costs the same few queries however long the file is: no query grows
with the number of rows already imported or customers already stored.

A new customer with an email and a phone: the row's savepoint, one recognise() per contact
point, the customer, and per contact point the organisation, the owner check, a savepoint,
the insert and its audit row, then the customer's audit row. A file costs a handful more:
the claim, the import read, the organisation, the stores, and per 100 rows the progress.
"""

from __future__ import annotations

import pytest

from everthread.customers.services import customer_import_run
from importing import upload_csv

pytestmark = pytest.mark.django_db

NEW_ROW_QUERIES = 20
UNCHANGED_ROW_QUERIES = 4
FILE_QUERIES = 12


def _clients(rows: int) -> str:
    lines = [f"Client{n},Osei,client{n}@example.com,07700 900{n:03d}" for n in range(rows)]
    return "First Name,Surname,Email,Mobile\n" + "\n".join(lines) + "\n"


@pytest.mark.parametrize("rows", [1, 50])
def test_new_rows_stay_within_their_budget(
    associate, django_assert_max_num_queries, rows: int
) -> None:
    uploaded = upload_csv(associate, _clients(rows))

    with django_assert_max_num_queries(FILE_QUERIES + NEW_ROW_QUERIES * rows):
        done = customer_import_run(import_id=uploaded.pk)

    assert done.created == rows


def test_unchanged_rows_cost_a_lookup_per_contact_point(
    associate, django_assert_max_num_queries
) -> None:
    customer_import_run(import_id=upload_csv(associate, _clients(50)).pk)
    again = upload_csv(associate, _clients(50))

    with django_assert_max_num_queries(FILE_QUERIES + UNCHANGED_ROW_QUERIES * 50):
        done = customer_import_run(import_id=again.pk)

    assert done.unchanged == 50
