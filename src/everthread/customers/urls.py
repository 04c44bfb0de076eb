from django.urls import path

from everthread.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_new, name="new"),
    path("<int:customer_id>/", views.customer_page, name="detail"),
    path("<int:customer_id>/profile/", views.profile_edit, name="profile_edit"),
    path("<int:customer_id>/preferences/", views.preferences_edit, name="preferences_edit"),
    path("<int:customer_id>/merge/", views.merge_preview, name="merge_preview"),
    path("<int:customer_id>/merge/confirm/", views.merge_confirm, name="merge_confirm"),
    path("merges/<int:merge_id>/undo/", views.merge_undo, name="merge_undo"),
    path("<int:customer_id>/contact-points/", views.contact_point_create, name="contact_point_add"),
    path(
        "<int:customer_id>/contact-points/<int:contact_point_id>/remove/",
        views.contact_point_delete,
        name="contact_point_remove",
    ),
]
