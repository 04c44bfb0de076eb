"""Started from the page, an import waits in the database queue until `everthread worker`
claims it; the worker runs it once, however often it is started."""

from __future__ import annotations

from django_tasks_db.models import DBTaskResult

from everthread.customers.models import Customer, CustomerImport
from everthread.customers.services import customer_import_start
from importing import upload_csv, worker_run_queued


def test_the_worker_runs_a_started_import_once(transactional_db, associate) -> None:
    uploaded = upload_csv(associate, "First Name,Email\nAmara,amara@example.com\n")

    customer_import_start(actor=associate, import_id=uploaded.pk)
    customer_import_start(actor=associate, import_id=uploaded.pk)  # a double click

    assert DBTaskResult.objects.filter(task_path__endswith="run_customer_import").count() == 1
    assert CustomerImport.objects.get().status == "queued"
    assert not Customer.objects.exists()

    worker_run_queued()

    done = CustomerImport.objects.get()
    assert (done.status, done.rows_done, done.created) == ("done", 1, 1)
    assert done.finished_at is not None
    assert DBTaskResult.objects.get(task_path__endswith="run_customer_import").status == (
        "SUCCESSFUL"
    )
    assert Customer.objects.get().given_name == "Amara"
