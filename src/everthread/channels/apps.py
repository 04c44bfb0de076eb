from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "everthread.channels"
    label = "channels"
    verbose_name = "Channels in"

    def ready(self) -> None:
        from everthread.channels.models import InboundEvent, UnlinkedContact
        from everthread.customers.merge_rules import merge_rule_register

        merge_rule_register(InboundEvent, "customer")
        merge_rule_register(UnlinkedContact, "customer")
        _personal_data_register()


def _personal_data_register() -> None:
    from everthread.channels.models import InboundEvent, UnlinkedContact
    from everthread.privacy.registry import (
        ERASED,
        Retention,
        anonymise,
        delete,
        personal_data_register,
    )

    # The raw event is the proof of what arrived; the interaction it made is the record staff
    # keep, so the raw copy goes after a year.
    personal_data_register(
        InboundEvent,
        customer="customer",
        export=(
            "id",
            "provider",
            "kind",
            "channel",
            "sender",
            "sender_name",
            "text",
            "status",
            "occurred_at",
            "received_at",
            "outcome",
        ),
        erase=anonymise(
            sender=ERASED, sender_name="", text="", payload={}, raw_body="", headers={}
        ),
        retention=Retention(days=365, after="received_at", action="anonymise"),
    )
    personal_data_register(
        UnlinkedContact,
        customer="customer",
        export=("id", "channel", "address", "display_name", "first_seen_at", "last_seen_at"),
        erase=delete,
        retention=Retention(days=365, after="last_seen_at", action="delete"),
    )
