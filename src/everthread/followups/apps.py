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
        _personal_data_register()


CONTENT_DAYS = 3 * 365


def _personal_data_register() -> None:
    from everthread.followups.models import FollowUp, Handover, Notice
    from everthread.privacy.registry import (
        ERASED,
        Retention,
        anonymise,
        personal_data_register,
    )

    # Open promises never expire: retention counts from when a follow-up was closed.
    personal_data_register(
        FollowUp,
        customer="customer",
        export=(
            "id",
            "journey_id",
            "kind",
            "title",
            "detail",
            "owner__username",
            "team__name",
            "due_at",
            "status",
            "outcome",
            "reply_channel",
            "created_at",
            "closed_at",
        ),
        erase=anonymise(title=ERASED, detail="", outcome=""),
        retention=Retention(days=CONTENT_DAYS, after="closed_at", action="anonymise"),
    )
    personal_data_register(
        Handover,
        customer="followup__customer",
        export=("id", "followup_id", "reason", "at"),
        erase=anonymise(reason=ERASED),
        retention=Retention(days=CONTENT_DAYS, after="at", action="anonymise"),
    )
    personal_data_register(
        Notice,
        customer="followup__customer",
        export=("id", "followup_id", "staff__username", "kind", "text", "at", "read_at"),
        erase=anonymise(text=ERASED),
        retention=Retention(days=365, after="at", action="delete"),
    )
