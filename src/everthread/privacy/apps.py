from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "everthread.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        from everthread.core.nightly import nightly_register
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.privacy.models import ErasureRecord
        from everthread.privacy.registry import personal_data_register
        from everthread.privacy.tasks import apply_retention
        from everthread.privacy.views import privacy_section

        nightly_register(apply_retention)
        customer_page_section_register(
            "privacy", template="privacy/_customer_section.html", load=privacy_section, slot="side"
        )

        personal_data_register(
            ErasureRecord,
            customer="customer_id",
            export=("id", "erased_by__username", "erased_at", "counts"),
            erase=None,
            kept_because="it is the proof that the erasure was done",
        )
