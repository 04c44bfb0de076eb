from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "everthread.followups"
    label = "followups"
    verbose_name = "Follow-ups"

    def ready(self) -> None:
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.followups.models import FollowUp

        merge_rule_register(FollowUp, "customer")
