from django.urls import path

from everthread.customers import views

app_name = "customers"
urlpatterns = [
    path("", views.customer_list, name="list"),
    path("new/", views.customer_new, name="new"),
    path("import/", views.import_upload, name="import_upload"),
    path("imports/<int:import_id>/", views.import_page, name="import"),
    path("imports/<int:import_id>/start/", views.import_start, name="import_start"),
    path("imports/<int:import_id>/rejects.csv", views.import_rejects, name="import_rejects"),
    path("export.csv", views.export_download, name="export"),
    path("duplicates/", views.duplicates_review, name="duplicates"),
    path("duplicates/<int:pair_id>/dismiss/", views.duplicate_dismiss, name="duplicate_dismiss"),
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
