"""An import costs a few queries per batch of rows, not per row: a thousand rows take about as
many as one, and none grows with the customers already stored.

A batch finds the owners of all its contact points with one query and their customers with
another, then writes its new customers, contact points, audit rows and refused rows with
one bulk insert each and its progress with one update. A file costs a handful more: the
claim, reading the import, the organisation, the stores, the finish and its audit row.
"""

from __future__ import annotations

import pytest
from django.db import connection

from everthread.customers.services import customer_import_run
from everthread.customers.services.importing import IMPORT_BATCH_ROWS
from importing import upload_csv

pytestmark = pytest.mark.django_db

FILE_QUERIES = 9
BATCH_QUERIES = 8
# SQLite binds at most 999 values per statement, so Django cuts each bulk insert there into
# statements of a few dozen rows (999 values over a customer's 18 columns): still a small
# fraction of a query per row.
SQLITE_ROWS_PER_INSERT = 25


def _clients(rows: int) -> str:
    lines = [f"Client{n},Osei,client{n}@example.com,07700 900{n:03d}" for n in range(rows)]
    return "First Name,Surname,Email,Mobile\n" + "\n".join(lines) + "\n"


def _inserts_split(rows: int) -> int:
    return rows // SQLITE_ROWS_PER_INSERT if connection.vendor == "sqlite" else 0


@pytest.mark.parametrize("rows", [1, IMPORT_BATCH_ROWS])
def test_new_rows_cost_queries_per_batch_not_per_row(
    associate, django_assert_max_num_queries, rows: int
) -> None:
    uploaded = upload_csv(associate, _clients(rows))

    with django_assert_max_num_queries(FILE_QUERIES + BATCH_QUERIES + _inserts_split(rows)):
        done = customer_import_run(import_id=uploaded.pk)

    assert done.created == rows


def test_unchanged_rows_cost_the_same_few_queries(associate, django_assert_max_num_queries) -> None:
    customer_import_run(import_id=upload_csv(associate, _clients(IMPORT_BATCH_ROWS)).pk)
    again = upload_csv(associate, _clients(IMPORT_BATCH_ROWS))

    with django_assert_max_num_queries(FILE_QUERIES + BATCH_QUERIES):
        done = customer_import_run(import_id=again.pk)

    assert done.unchanged == IMPORT_BATCH_ROWS
