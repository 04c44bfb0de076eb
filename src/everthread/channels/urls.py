from django.urls import path

from everthread.channels import chat_views, hook_urls, views

app_name = "channels"
urlpatterns = [
    *hook_urls.urlpatterns,
    path("chat/v1/conversations", chat_views.chat_start, name="chat_start"),
    path(
        "chat/v1/conversations/<str:token>/messages",
        chat_views.chat_messages,
        name="chat_messages",
    ),
    path("chats/<int:conversation_id>/answer/", chat_views.chat_answer, name="chat_answer"),
    path("chats/<int:conversation_id>/tone/", chat_views.chat_tone, name="chat_tone"),
    path(
        "customers/<int:customer_id>/chats/",
        chat_views.customer_chats_panel,
        name="customer_chats",
    ),
    path("unlinked-contacts/", views.unlinked_contacts, name="unlinked_contacts"),
    path("unlinked-contacts/<int:contact_id>/", views.unlinked_contact_page, name="unlinked"),
    path(
        "unlinked-contacts/<int:contact_id>/link/",
        views.unlinked_contact_link_view,
        name="unlinked_link",
    ),
    path(
        "unlinked-contacts/<int:contact_id>/new-customer/",
        views.unlinked_contact_create_view,
        name="unlinked_create",
    ),
]
