"""Exporting customers as CSV: streamed a page at a time, recorded once in the audit log."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from everthread.core.csv_files import csv_lines
from everthread.core.models import Capability, Staff
from everthread.core.selectors import organisation_get
from everthread.core.services import audit_record, capability_require
from everthread.customers.csv_files import EXPORT_HEADERS, csv_export_row
from everthread.customers.selectors import customer_export_bounds, customer_export_pages


@dataclass(frozen=True)
class CustomerExport:
    count: int
    lines: Iterator[str]  # CSV text, the header line first


def customer_export(*, actor: Staff | None, via: str) -> CustomerExport:
    """Every current (not merged) customer with their contact points by kind.

    ``actor`` None is an operator at the command line, who already holds the
    database; ``via`` says where the export went, for the audit log. The count is
    fixed when the export starts: customers added while it streams are not in it.
    """
    if actor is not None:
        capability_require(staff=actor, capability=Capability.EXPORT_CUSTOMERS)
    count, last_id = customer_export_bounds()
    audit_record(
        actor=actor,
        action="customer.exported",
        subject=organisation_get(),
        detail={"count": count, "via": via},
    )
    rows = (csv_export_row(customer) for customer in customer_export_pages(up_to_id=last_id))
    return CustomerExport(count=count, lines=csv_lines(itertools.chain([EXPORT_HEADERS], rows)))
