from django.urls import path

from everthread.conversations import views

app_name = "conversations"
urlpatterns = [
    path("customers/<int:customer_id>/timeline/", views.timeline, name="timeline"),
    path(
        "customers/<int:customer_id>/contacts/new/", views.interaction_new, name="interaction_new"
    ),
    path("journeys/<int:journey_id>/", views.journey_change, name="journey_change"),
]
