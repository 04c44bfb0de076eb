from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "everthread.privacy"
    label = "privacy"
    verbose_name = "Privacy"

    def ready(self) -> None:
        # Registers the system check that every model holding a customer's data is covered.
        from everthread.privacy import registry  # noqa: F401
