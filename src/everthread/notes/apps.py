from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "everthread.notes"
    label = "notes"
    verbose_name = "Handover notes"

    def ready(self) -> None:
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.notes.models import Note

        merge_rule_register(Note, "customer")
