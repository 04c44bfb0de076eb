from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "everthread.coaching"
    label = "coaching"
    verbose_name = "Coaching"

    def ready(self) -> None:
        from everthread.coaching.models import Observation
        from everthread.coaching.tasks import recommend_modules
        from everthread.conversations.timeline_actions import timeline_action_register
        from everthread.core.models import Capability
        from everthread.core.nightly import nightly_register
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.privacy.registry import ERASED, anonymise, personal_data_register

        # An observation follows its customer's contacts into the surviving profile.
        merge_rule_register(Observation, "customer")
        # The scores are about the member of staff and stay; the comment may say what the
        # customer said or needs, so it goes with them.
        personal_data_register(
            Observation,
            customer="customer",
            export=("id", "observed_at", "channel", "observed__username", "comment"),
            erase=anonymise(comment=ERASED),
        )
        timeline_action_register(
            "coaching/_timeline_observe.html", capability=Capability.COACH_STAFF
        )
        nightly_register(recommend_modules)
