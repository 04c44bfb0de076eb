"""A colleague who edits a customer while an import is writing that customer keeps their
edit, and the import's change lands on top of it: the batch sees the customer changed under
it and does that row again from what is stored now. (PostgreSQL only: SQLite lets one
writer at a time in, so the two can never interleave there.)"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections, transaction

from everthread.customers.models import Customer, name_key
from everthread.customers.services import customer_create, customer_import_run, customer_update
from importing import upload_csv

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs two concurrent writers"
)

WAITING_FOR_OUR_LOCK = (
    "SELECT count(*) FROM pg_locks "
    "WHERE NOT granted AND pg_backend_pid() = ANY(pg_blocking_pids(pid))"
)


def _import_in_another_worker(import_id: int, finished: list[object]) -> threading.Thread:
    def run() -> None:
        try:
            finished.append(customer_import_run(import_id=import_id))
        finally:
            connections.close_all()

    worker = threading.Thread(target=run)
    worker.start()
    return worker


def _until_it_waits_for_our_lock() -> None:
    with connection.cursor() as cursor:
        for _ in range(600):
            cursor.execute(WAITING_FOR_OUR_LOCK)
            if cursor.fetchone()[0]:
                return
            time.sleep(0.05)
    raise AssertionError("the import never reached the customer it writes")


def test_an_edit_made_while_the_import_writes_the_customer_is_kept(
    transactional_db, associate
) -> None:
    amara = customer_create(
        actor=associate,
        profile={"given_name": "Amara", "family_name": "Osei"},
        contact_points=[("email", "amara@example.com")],
    )
    uploaded = upload_csv(
        associate, "First Name,Email,Preferred name\nAmara,amara@example.com,Mara\n"
    )
    finished: list[object] = []

    with transaction.atomic():
        # The colleague's edit holds the customer while the import reads and decides.
        Customer.objects.select_for_update().get(pk=amara.pk)
        worker = _import_in_another_worker(uploaded.pk, finished)
        _until_it_waits_for_our_lock()
        customer_update(actor=associate, customer_id=amara.pk, profile={"family_name": "Mensah"})
    worker.join(timeout=60)

    [done] = finished
    assert (done.updated, done.rejected) == (1, 0)
    amara.refresh_from_db()
    assert (amara.given_name, amara.family_name, amara.preferred_name) == (
        "Amara",
        "Mensah",
        "Mara",
    )
    # Search and ordering read the names as they are now, not as the import first read them.
    assert amara.sort_key == name_key("Mensah Amara")
    assert amara.search_text == name_key("Amara Mara Mensah")
