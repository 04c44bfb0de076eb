from typing import Any

from django.apps import AppConfig
from django.db import transaction
from django.db.models.signals import post_save


class InsightsConfig(AppConfig):
    name = "everthread.insights"
    label = "insights"
    verbose_name = "Insights"

    def ready(self) -> None:
        from everthread.channels.replies import inbound_reply_register
        from everthread.conversations.models import Journey
        from everthread.core.nightly import nightly_register
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.customers.page_sections import customer_page_section_register
        from everthread.insights.models import RepeatHeard, RepeatSurvey
        from everthread.insights.repeats.views import repeats_section
        from everthread.insights.services import survey_reply
        from everthread.insights.tasks import catch_up_repeats, refresh_rollups
        from everthread.privacy.registry import delete, personal_data_register

        customer_page_section_register(
            "repeats",
            template="insights/repeats/_section.html",
            load=repeats_section,
            slot="main",
            order=60,
        )

        merge_rule_register(RepeatSurvey, "customer")
        personal_data_register(
            RepeatSurvey,
            customer="customer",
            export=("journey__title", "channel", "asked_at", "answer", "answered_at"),
            erase=delete,
        )
        merge_rule_register(RepeatHeard, "customer")
        personal_data_register(
            RepeatHeard, customer="customer", export=("channel", "repeat"), erase=delete
        )
        nightly_register(catch_up_repeats)
        nightly_register(refresh_rollups)
        inbound_reply_register(survey_reply)
        post_save.connect(_journey_saved, sender=Journey, dispatch_uid="insights.repeat_survey")


def _journey_saved(sender: type, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """Staff just resolved a journey (journey_update saves its status alone): ask its
    customer the one question, after the commit. Imports and demo loads write journeys
    resolved long ago without this, and ask nobody."""
    from everthread.conversations.models import Journey
    from everthread.insights.tasks import send_repeat_survey

    if instance.status != Journey.Status.RESOLVED or "status" not in (update_fields or ()):
        return
    journey_id = instance.pk
    transaction.on_commit(lambda: send_repeat_survey.enqueue(journey_id=journey_id))
