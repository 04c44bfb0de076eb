from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "everthread.conversations"
    label = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from everthread.conversations.models import Interaction, Journey, TimelineEntry
        from everthread.conversations.views import timeline_section
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.customers.page_sections import customer_page_section_register

        merge_rule_register(Journey, "customer")
        merge_rule_register(Interaction, "customer")
        merge_rule_register(TimelineEntry, "customer")

        customer_page_section_register(
            "timeline",
            template="conversations/_timeline.html",
            load=timeline_section,
            slot="bottom",
        )
        _personal_data_register()


# Conversations keep what happened (channel, direction, when, who served) for three years
# in full; after that, and on erasure, only what was said goes.
CONTENT_DAYS = 3 * 365


def _personal_data_register() -> None:
    from everthread.conversations.models import Interaction, Journey, TimelineEntry
    from everthread.privacy.registry import ERASED, Retention, anonymise, personal_data_register

    personal_data_register(
        Journey,
        customer="customer",
        export=(
            "id",
            "kind",
            "title",
            "status",
            "owner__username",
            "channels",
            "where_it_stands",
            "opened_at",
            "last_activity_at",
            "resolved_at",
        ),
        erase=anonymise(title=ERASED, where_it_stands=""),
        retention=Retention(days=CONTENT_DAYS, after="last_activity_at", action="anonymise"),
    )
    personal_data_register(
        Interaction,
        customer="customer",
        export=(
            "id",
            "journey_id",
            "channel",
            "direction",
            "occurred_at",
            "staff__username",
            "store__name",
            "team__name",
            "summary",
            "body",
            "external_id",
            "recorded_at",
        ),
        erase=anonymise(summary=ERASED, body="", external_id=""),
        retention=Retention(days=CONTENT_DAYS, after="occurred_at", action="anonymise"),
    )
    personal_data_register(
        TimelineEntry,
        customer="customer",
        export=("id", "occurred_at", "kind", "object_id", "channel", "title", "text", "detail"),
        erase=anonymise(title=ERASED, text="", detail={}),
        retention=Retention(days=CONTENT_DAYS, after="occurred_at", action="anonymise"),
    )
