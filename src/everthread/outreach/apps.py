from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "everthread.outreach"
    label = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        from everthread.customers.merge_rules import merge_rule_register
        from everthread.outreach.models import OutboundMessage, OutreachDecision
        from everthread.privacy.registry import ERASED, anonymise, personal_data_register

        merge_rule_register(OutreachDecision, "customer")
        merge_rule_register(OutboundMessage, "customer")
        personal_data_register(
            OutreachDecision,
            customer="customer",
            export=("channel", "purpose", "address", "at", "outcome", "reasons", "send_after"),
            erase=anonymise(address="", reasons=[]),
        )
        personal_data_register(
            OutboundMessage,
            customer="customer",
            export=(
                "channel",
                "purpose",
                "address",
                "subject",
                "body",
                "status",
                "send_after",
                "created_at",
                "attempts",
                "last_error",
                "tone_hints",
                "sent_anyway",
            ),
            # Why it failed can name the address ("+44… is not a valid phone number"); the
            # tone hints quote the message and the customer's earlier words.
            erase=anonymise(
                address="",
                subject="",
                body=ERASED,
                last_error="",
                status_detail="",
                tone_hints=[],
            ),
        )
