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
        _personal_data_register()


def _personal_data_register() -> None:
    from everthread.customers.models import (
        ContactPoint,
        Customer,
        CustomerImport,
        CustomerImportReject,
        CustomerMerge,
        DuplicatePair,
    )
    from everthread.privacy.registry import (
        ERASED,
        Retention,
        anonymise,
        delete,
        json_scrub,
        personal_data_register,
    )

    personal_data_register(
        Customer,
        customer="pk",
        export=(
            "id",
            "given_name",
            "family_name",
            "preferred_name",
            "language",
            "time_zone",
            "date_of_birth",
            "postcode",
            "home_store__name",
            "advisor__username",
            "preferences",
            "tags",
            "merged_into_id",
            "created_at",
            "updated_at",
        ),
        # The home store, the advisor and the dates stay: how many clients, where, since when.
        erase=anonymise(
            given_name=ERASED,
            family_name="",
            preferred_name="",
            language="",
            time_zone="",
            date_of_birth=None,
            postcode="",
            preferences={},
            tags=[],
            sort_key=ERASED,
            search_text=ERASED,
        ),
    )
    # A contact point left behind would recognise a stranger as the erased person.
    personal_data_register(
        ContactPoint,
        customer="customer",
        export=("id", "kind", "value", "label", "created_at"),
        erase=delete,
    )
    personal_data_register(
        CustomerMerge,
        customer=("survivor", "merged"),
        export=(
            "id",
            "survivor_id",
            "merged_id",
            "merged_by__username",
            "merged_at",
            "undone_at",
            "snapshot",
        ),
        erase=None,
        kept_because="which records were one person, and which rows moved, stay on record",
        scrub=json_scrub("snapshot", keep=("moved",)),
    )
    personal_data_register(
        DuplicatePair,
        customer=("customer_a", "customer_b"),
        export=("id", "customer_a_id", "customer_b_id", "score", "reasons", "status", "found_at"),
        erase=delete,
    )
    # Files of many people, linked to none: only retention applies.
    personal_data_register(
        CustomerImport,
        customer=(),
        export=(),
        erase=anonymise(content=""),
        retention=Retention(days=90, after="uploaded_at", action="anonymise"),
    )
    personal_data_register(
        CustomerImportReject,
        customer=(),
        export=(),
        erase=delete,
        retention=Retention(days=90, after="customer_import__uploaded_at", action="delete"),
    )
