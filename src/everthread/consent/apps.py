from django.apps import AppConfig


class ConsentConfig(AppConfig):
    name = "everthread.consent"
    label = "consent"
    verbose_name = "Consent"

    def ready(self) -> None:
        from everthread.consent.imports import ConsentColumns
        from everthread.consent.models import ConsentEvent
        from everthread.consent.services import consent_merge_move
        from everthread.consent.views import consent_section
        from everthread.customers.import_columns import import_columns_register
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.privacy.registry import ERASED, anonymise, personal_data_register

        merge_rule_register(ConsentEvent, "customer", move=consent_merge_move)
        # Email, SMS and WhatsApp marketing columns of a customer file, with their evidence.
        import_columns_register(ConsentColumns())
        # The history stays on erasure, as proof of what the person refused; what could
        # identify them (their words, their address) goes.
        personal_data_register(
            ConsentEvent,
            customer="customer",
            export=(
                "kind",
                "channel",
                "purpose",
                "source",
                "wording",
                "recorded_by",
                "occurred_at",
                "ip_address",
                "from_import",
            ),
            erase=anonymise(wording=ERASED, ip_address=None),
        )
        customer_page_section_register(
            "consent", template="consent/_section.html", load=consent_section, slot="side"
        )
