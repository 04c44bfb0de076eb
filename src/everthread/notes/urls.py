from django.urls import path

from everthread.notes import views

app_name = "notes"
urlpatterns = [
    path("customers/<int:customer_id>/notes/new/", views.note_new, name="new"),
    path("customers/<int:customer_id>/notes/<int:note_id>/edit/", views.note_new, name="edit"),
    path("notes/<int:note_id>/", views.note_page, name="detail"),
]
