from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "everthread.followups"
    label = "followups"
    verbose_name = "Follow-ups"

    def ready(self) -> None:
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.followups.models import FollowUp
        from everthread.followups.views import brief_section

        merge_rule_register(FollowUp, "customer")

        customer_page_section_register(
            "brief", template="followups/_brief.html", load=brief_section, slot="top"
        )
