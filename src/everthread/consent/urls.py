from django.urls import path

from everthread.consent import views

app_name = "consent"
urlpatterns = [
    path("customers/<int:customer_id>/consent/", views.consent_change, name="change"),
    path("customers/<int:customer_id>/consent/checked/", views.flags_checked, name="checked"),
    path("customers/<int:customer_id>/consent/history/", views.history, name="history"),
]
