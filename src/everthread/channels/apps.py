from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "everthread.channels"
    label = "channels"
    verbose_name = "Channels in"

    def ready(self) -> None:
        from everthread.channels.models import ChatConversation, InboundEvent, UnlinkedContact
        from everthread.customers.merge_rules import merge_rule_register

        merge_rule_register(InboundEvent, "customer")
        merge_rule_register(UnlinkedContact, "customer")
        merge_rule_register(ChatConversation, "customer")

        from everthread.channels.chat_views import chat_section
        from everthread.customers.page_sections import customer_page_section_register

        customer_page_section_register(
            "web_chat", template="channels/_chats.html", load=chat_section, slot="main", order=20
        )
        _personal_data_register()


def _personal_data_register() -> None:
    from everthread.channels.models import (
        ChatConversation,
        ChatMessage,
        InboundEvent,
        UnlinkedContact,
    )
    from everthread.channels.privacy import AnonymiseWithFiles
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
        erase=AnonymiseWithFiles(
            {
                "sender": ERASED,
                "sender_name": "",
                "text": "",
                "payload": {},
                "raw_body": "",
                "headers": {},
            }
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
    personal_data_register(
        ChatConversation,
        customer="customer",
        export=("id", "name", "email", "origin", "started_at", "last_message_at"),
        erase=anonymise(name="", email=ERASED),
        retention=Retention(days=365, after="last_message_at", action="anonymise"),
    )
    personal_data_register(
        ChatMessage,
        customer="conversation__customer",
        export=("id", "conversation_id", "direction", "text", "staff__username", "sent_at"),
        erase=anonymise(text=ERASED),
        retention=Retention(days=365, after="sent_at", action="anonymise"),
    )
