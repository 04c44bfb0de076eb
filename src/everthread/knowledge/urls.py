from django.urls import path

from everthread.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("knowledge/", views.article_index, name="index"),
    path("knowledge/search/", views.search, name="search"),
    path("knowledge/new/", views.article_new, name="new"),
    path("knowledge/<int:article_id>/", views.article_read, name="article"),
    path("knowledge/<int:article_id>/edit/", views.article_change, name="edit"),
    path("knowledge/<int:article_id>/history/", views.article_history, name="history"),
    path("knowledge/<int:article_id>/publish/", views.article_publish_view, name="publish"),
    path("knowledge/<int:article_id>/reviewed/", views.article_reviewed_view, name="reviewed"),
    path("customers/<int:customer_id>/guidance/", views.customer_guidance, name="guidance"),
    path("journeys/<int:journey_id>/checklist/", views.checklist_tick_view, name="tick"),
]
