from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from everthread.api import api
from everthread.customers.views import recognise_page

admin.site.site_header = "Everthread back office"
admin.site.site_title = "Everthread"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="followups:my_day"), name="home"),
    path("", include("everthread.core.urls")),
    path("customers/", include("everthread.customers.urls")),
    path("", include("everthread.conversations.urls")),
    path("", include("everthread.followups.urls")),
    path("", include("everthread.notes.urls")),
    path("privacy/", include("everthread.privacy.urls")),
    path("", include("everthread.consent.urls")),
    path("", include("everthread.outreach.urls")),
    path("", include("everthread.channels.urls")),
    path("", include("everthread.message_templates.urls")),
    path("", include("everthread.commerce.urls")),
    path("", include("everthread.bulletins.urls")),
    path("", include("everthread.insights.repeats.urls")),
    path("", include("everthread.knowledge.urls")),
    path("coaching/", include("everthread.coaching.urls")),
    path("", include("everthread.insights.urls")),
    path("recognise/", recognise_page, name="recognise"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
