from django.urls import path

from everthread.privacy import views

app_name = "privacy"
urlpatterns = [
    path(
        "customers/<int:customer_id>/export/",
        views.customer_export_download,
        name="customer_export",
    ),
    path("customers/<int:customer_id>/erase/", views.customer_erase_confirm, name="customer_erase"),
    path("audit/", views.audit_search, name="audit"),
    path("audit.csv", views.audit_download, name="audit_export"),
    path("retention/", views.retention_settings, name="retention"),
]
