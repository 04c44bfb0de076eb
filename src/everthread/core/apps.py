from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "everthread.core"
    label = "core"
    verbose_name = "Organisation and staff"

    def ready(self) -> None:
        from everthread.core.models import AuditEvent
        from everthread.core.nightly import nightly_register
        from everthread.core.tasks import prune_finished_tasks
        from everthread.privacy.registry import json_scrub, personal_data_register

        # The accountability record outlives the person: who looked and what was done stays,
        # but any personal detail an event carries is scrubbed on erasure.
        personal_data_register(
            AuditEvent,
            customer="customer_id",
            export=(
                "id",
                "at",
                "actor__username",
                "action",
                "subject_type",
                "subject_id",
                "detail",
            ),
            erase=None,
            kept_because="the audit log is the accountability record and is never erased",
            scrub=json_scrub("detail", keep=AUDIT_DETAIL_KEPT),
        )
        nightly_register(prune_finished_tasks)


# Keys of an audit event's detail that say what happened, never who it happened to.
AUDIT_DETAIL_KEPT = (
    "kind",
    "fields",
    "changed",
    "redacted",
    "fields_from_merged",
    "channel",
    "purpose",
    "state",
    "basis",
    "source",
    "via",
    "to",
    "models",
    "counts",
    "merged_records",
    "staff",
    "read",
    "method",
    "path",
    "missing",
)
