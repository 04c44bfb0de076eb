from django.apps import AppConfig


class NotesConfig(AppConfig):
    name = "everthread.notes"
    label = "notes"
    verbose_name = "Handover notes"

    def ready(self) -> None:
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.notes.models import Note

        merge_rule_register(Note, "customer")
        _personal_data_register()


def _personal_data_register() -> None:
    from everthread.notes.models import Note
    from everthread.privacy.registry import Retention, anonymise, personal_data_register

    # The note's shape (status, quality, author, when) stays; what it says goes.
    personal_data_register(
        Note,
        customer="customer",
        export=(
            "id",
            "journey_id",
            "interaction_id",
            "author__username",
            "status",
            "wants",
            "promised",
            "tried",
            "next_step",
            "body",
            "quality_score",
            "created_at",
            "updated_at",
        ),
        erase=anonymise(wants="", promised="", tried="", next_step="", body="", assessment={}),
        retention=Retention(days=3 * 365, after="created_at", action="anonymise"),
    )
