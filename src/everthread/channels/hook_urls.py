"""The providers' webhooks: answered by WebhookMiddleware ahead of the staff app's
middleware, and named here once for reverse() through channels.urls."""

from django.urls import path

from everthread.channels import views

urlpatterns = [
    path("hooks/twilio/messages", views.twilio_messages, name="twilio_messages"),
    path("hooks/meta", views.meta, name="meta"),
    path("hooks/x", views.x, name="x"),
]
