"""Every write to customers. One module per area; import the functions from here."""

from everthread.customers.services.contacts import contact_point_add, contact_point_remove
from everthread.customers.services.duplicates import duplicate_pair_dismiss, duplicates_find
from everthread.customers.services.exporting import CustomerExport, customer_export
from everthread.customers.services.importing import (
    customer_import_run,
    customer_import_start,
    customer_import_upload,
)
from everthread.customers.services.merging import customer_merge, customer_unmerge
from everthread.customers.services.profiles import (
    customer_create,
    customer_open,
    customer_recognise,
    customer_to_edit,
    customer_update,
)

__all__ = [
    "CustomerExport",
    "contact_point_add",
    "contact_point_remove",
    "customer_create",
    "customer_export",
    "customer_import_run",
    "customer_import_start",
    "customer_import_upload",
    "customer_merge",
    "customer_open",
    "customer_recognise",
    "customer_to_edit",
    "customer_unmerge",
    "customer_update",
    "duplicate_pair_dismiss",
    "duplicates_find",
]
