from django.urls import path

from everthread.message_templates import views

app_name = "message_templates"
urlpatterns = [
    path("templates/", views.template_list, name="list"),
    path("templates/new/", views.template_new, name="new"),
    path("templates/preview/", views.template_preview_part, name="preview"),
    path("templates/<int:template_id>/", views.template_edit, name="edit"),
    path("templates/<int:template_id>/delete/", views.template_delete, name="delete"),
    path("brand-voice/", views.brand_voice, name="brand_voice"),
]
