from django.apps import AppConfig


class ConversationsConfig(AppConfig):
    name = "everthread.conversations"
    label = "conversations"
    verbose_name = "Conversations"

    def ready(self) -> None:
        from everthread.conversations.models import Interaction, Journey, TimelineEntry
        from everthread.customers.merge_rules import merge_rule_register

        merge_rule_register(Journey, "customer")
        merge_rule_register(Interaction, "customer")
        merge_rule_register(TimelineEntry, "customer")
