from django.urls import path

from everthread.channels import views

app_name = "channels"
urlpatterns = [
    path("hooks/twilio/messages", views.twilio_messages, name="twilio_messages"),
    path("hooks/meta", views.meta, name="meta"),
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
