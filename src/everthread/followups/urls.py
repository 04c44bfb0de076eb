from django.urls import path

from everthread.followups import views

app_name = "followups"
urlpatterns = [
    path("my-day/", views.day, name="my_day"),
    path("my-day/notices/read/", views.notices_dismiss, name="notices_read"),
    path("customers/<int:customer_id>/follow-ups/new/", views.followup_new, name="new"),
    path("follow-ups/<int:followup_id>/", views.followup_page, name="detail"),
    path("follow-ups/<int:followup_id>/complete/", views.complete, name="complete"),
    path("follow-ups/<int:followup_id>/hand-over/", views.hand_over, name="hand_over"),
    path("follow-ups/<int:followup_id>/take/", views.take, name="take"),
    path("follow-ups/<int:followup_id>/cancel/", views.cancel, name="cancel"),
]
