"""An import whose worker died part-way shows as stalled once nothing has been heard from it
for a while; resuming it goes on after the last batch it saved, so every row ends up in once.
A worker that was only thought dead, and wakes up, writes nothing more."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from everthread.customers.models import Customer, CustomerImport
from everthread.customers.services import customer_import_run, customer_import_start
from everthread.customers.services.importing import IMPORT_BATCH_ROWS
from importing import upload_csv

pytestmark = pytest.mark.django_db

ROWS = 2 * IMPORT_BATCH_ROWS + 10
LONG_AGO = CustomerImport.STALLED_AFTER + datetime.timedelta(minutes=1)


class WorkerKilled(BaseException):
    """What stopping a worker process does to the import it runs: nothing gets to clean up."""


def _clients(rows: int) -> str:
    lines = [f"Client{n},Osei,client{n}@example.com" for n in range(rows)]
    return "First Name,Surname,Email\n" + "\n".join(lines) + "\n"


def _killed_after_the_first_batch(done: int, total: int) -> None:
    raise WorkerKilled


def _silent_since(customer_import: CustomerImport, ago: datetime.timedelta) -> None:
    CustomerImport.objects.filter(pk=customer_import.pk).update(updated_at=timezone.now() - ago)


@pytest.fixture
def half_done(associate) -> CustomerImport:
    """Its worker was killed after committing the first batch, and then never heard from."""
    uploaded = upload_csv(associate, _clients(ROWS))
    with pytest.raises(WorkerKilled):
        customer_import_run(import_id=uploaded.pk, progress=_killed_after_the_first_batch)
    _silent_since(uploaded, LONG_AGO)
    return CustomerImport.objects.get(pk=uploaded.pk)


@pytest.fixture
def immediate_tasks(settings) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_stalled_import_offers_to_resume_and_goes_on_where_it_stopped(
    signed_in: Client,
    half_done: CustomerImport,
    immediate_tasks,
    django_capture_on_commit_callbacks,
) -> None:
    assert (half_done.status, half_done.rows_done) == ("running", IMPORT_BATCH_ROWS)
    assert half_done.is_stalled
    page = signed_in.get(f"/customers/imports/{half_done.pk}/").content.decode()
    assert "The import has stalled" in page
    assert "Resume the import" in page
    assert 'hx-trigger="every 1s"' not in page  # nothing will move until someone resumes it

    with django_capture_on_commit_callbacks(execute=True):
        resumed = signed_in.post(f"/customers/imports/{half_done.pk}/start/")

    assert resumed.status_code == 302
    done = CustomerImport.objects.get(pk=half_done.pk)
    assert (done.status, done.rows_done, done.runs) == ("done", ROWS, 2)
    assert (done.created, done.updated, done.unchanged, done.rejected) == (ROWS, 0, 0, 0)
    assert Customer.objects.count() == ROWS
    summary = signed_in.get(f"/customers/imports/{half_done.pk}/").content.decode()
    assert f"{ROWS} of {ROWS} rows: {ROWS} created, 0 updated, 0 unchanged, 0 rejected." in summary


def test_an_import_still_heard_from_is_not_stalled_and_is_not_started_twice(
    associate, half_done: CustomerImport, django_capture_on_commit_callbacks
) -> None:
    _silent_since(half_done, datetime.timedelta(seconds=30))

    with django_capture_on_commit_callbacks() as queued:
        again = customer_import_start(actor=associate, import_id=half_done.pk)

    assert (again.status, again.is_stalled) == ("running", False)
    assert queued == []


def test_a_worker_thought_dead_that_wakes_up_writes_nothing_more(associate) -> None:
    uploaded = upload_csv(associate, _clients(ROWS))

    def resumed_elsewhere_meanwhile(done: int, total: int) -> None:
        # This worker paused so long after its first batch that someone resumed the import.
        _silent_since(uploaded, LONG_AGO)
        customer_import_start(actor=associate, import_id=uploaded.pk)

    woken = customer_import_run(import_id=uploaded.pk, progress=resumed_elsewhere_meanwhile)

    assert (woken.status, woken.rows_done) == ("queued", IMPORT_BATCH_ROWS)
    assert Customer.objects.count() == IMPORT_BATCH_ROWS  # its second batch was rolled back
    done = customer_import_run(import_id=uploaded.pk)  # the resumed run, in whichever worker
    assert (done.status, done.rows_done, done.created) == ("done", ROWS, ROWS)
    assert Customer.objects.count() == ROWS
