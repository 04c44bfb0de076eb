from django.urls import path

from everthread.channels import views

app_name = "channels"
urlpatterns = [
    path("hooks/twilio/messages", views.twilio_messages, name="twilio_messages"),
    path("hooks/meta", views.meta, name="meta"),
]
