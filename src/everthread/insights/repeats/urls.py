from django.urls import path

from everthread.insights.repeats import views

app_name = "repeats"
urlpatterns = [
    path("customers/<int:customer_id>/asked-again/", views.repeats_panel, name="panel"),
]
