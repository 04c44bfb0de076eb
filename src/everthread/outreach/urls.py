from django.urls import path

from everthread.outreach import views

app_name = "outreach"
urlpatterns = [
    path("customers/<int:customer_id>/message/", views.compose, name="compose"),
    path("customers/<int:customer_id>/message/check/", views.compose_check, name="compose_check"),
    path("clients/message/", views.compose_to_clients, name="compose_to_clients"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "unsubscribe/<str:token>/one-click/",
        views.unsubscribe_one_click,
        name="unsubscribe_one_click",
    ),
    path("outbox/<int:message_id>/status/", views.message_status, name="message_status"),
    path("outbox/failed/", views.dead_letters, name="dead_letters"),
    path("outbox/<int:message_id>/retry/", views.dead_letter_retry, name="dead_letter_retry"),
]
