from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "everthread.customers"
    label = "customers"
    verbose_name = "Customers"

    def ready(self) -> None:
        from everthread.core.transfers import transfer_register
        from everthread.customers.merge_rules import keep, merge_rule_register
        from everthread.customers.models import (
            ContactPoint,
            Customer,
            CustomerMerge,
            DuplicatePair,
        )
        from everthread.customers.transfers import customers_export_file, customers_import_file

        merge_rule_register(ContactPoint, "customer")
        # Records merged earlier into the one now merged follow it to the survivor.
        merge_rule_register(Customer, "merged_into")
        merge_rule_register(CustomerMerge, "survivor", move=keep)
        merge_rule_register(CustomerMerge, "merged", move=keep)
        # A reviewed pair is history; the review page closes open pairs of merged records.
        merge_rule_register(DuplicatePair, "customer_a", move=keep)
        merge_rule_register(DuplicatePair, "customer_b", move=keep)

        transfer_register(
            "customers", importer=customers_import_file, exporter=customers_export_file
        )
