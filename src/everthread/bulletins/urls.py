from django.urls import path

from everthread.bulletins import views

app_name = "bulletins"
urlpatterns = [
    path("bulletins/", views.bulletin_list, name="list"),
    path("bulletins/new/", views.bulletin_new, name="new"),
    path("bulletins/sent/", views.bulletin_sent, name="sent"),
    path("bulletins/to-acknowledge/", views.to_acknowledge, name="to_acknowledge"),
    path("bulletins/<int:bulletin_id>/", views.bulletin_page, name="detail"),
    path("bulletins/<int:bulletin_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("bulletins/<int:bulletin_id>/report/", views.report, name="report"),
    path("bulletins/<int:bulletin_id>/report.csv", views.report_csv, name="report_csv"),
    path("promotions/", views.calendar, name="calendar"),
    path("promotions/live/", views.live_panel, name="live"),
    path("promotions/new/", views.promotion_new, name="promotion_new"),
    path("promotions/<int:promotion_id>/edit/", views.promotion_edit, name="promotion_edit"),
]
