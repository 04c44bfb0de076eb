"""Every write to customers. One module per area; import the functions from here."""

from everthread.customers.services.contacts import contact_point_add, contact_point_remove
from everthread.customers.services.merging import customer_merge, customer_unmerge
from everthread.customers.services.profiles import (
    customer_create,
    customer_open,
    customer_recognise,
    customer_update,
)

__all__ = [
    "contact_point_add",
    "contact_point_remove",
    "customer_create",
    "customer_merge",
    "customer_open",
    "customer_recognise",
    "customer_unmerge",
    "customer_update",
]
