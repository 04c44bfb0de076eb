"""Importing a CSV file the way the command line does: upload, then run it here and now."""

from __future__ import annotations

import io
import signal

from django.core.management import call_command

from everthread.core.models import Staff
from everthread.customers.models import CustomerImport
from everthread.customers.services import customer_import_run, customer_import_upload


def import_csv(actor: Staff, text: str | bytes, file_name: str = "customers.csv") -> CustomerImport:
    data = text.encode() if isinstance(text, str) else text
    uploaded = customer_import_upload(actor=actor, file_name=file_name, source=io.BytesIO(data))
    return customer_import_run(import_id=uploaded.pk)


def upload_csv(actor: Staff, text: str, file_name: str = "customers.csv") -> CustomerImport:
    """Checked and kept, waiting to be started: what the upload page does."""
    source = io.BytesIO(text.encode())
    return customer_import_upload(actor=actor, file_name=file_name, source=source)


def worker_run_queued(*options: str) -> None:
    """`everthread worker --batch`: run what is queued (or as ``options`` say), then stop."""
    # The worker installs its own handlers to stop gracefully; the test run keeps pytest's.
    numbers = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
    saved = {number: signal.getsignal(number) for number in numbers}
    try:
        call_command(
            "worker", "--batch", "--no-reload", "--no-startup-delay", *options, stdout=io.StringIO()
        )
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)
