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
