"""Background entry points for customers: each takes ids and calls one service."""

from __future__ import annotations

from django_tasks import task

from everthread.customers.services import customer_import_run


@task()
def run_customer_import(import_id: int) -> None:
    customer_import_run(import_id=import_id)
