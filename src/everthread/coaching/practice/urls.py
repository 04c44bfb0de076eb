from django.urls import path

from everthread.coaching.practice import views

# Mounted in the coaching namespace, under /coaching/practice/.
urlpatterns = [
    path("practice/", views.practice_home, name="practice_home"),
    path("practice/scenarios/new/", views.scenario_new, name="practice_scenario_new"),
    path("practice/scenarios/<int:scenario_id>/", views.scenario_page, name="practice_scenario"),
    path(
        "practice/scenarios/<int:scenario_id>/edit/",
        views.scenario_edit,
        name="practice_scenario_edit",
    ),
    path("practice/scenarios/<int:scenario_id>/start/", views.start, name="practice_start"),
    path("practice/mine/", views.mine, name="practice_mine"),
    path("practice/attempts/<int:attempt_id>/", views.attempt_page, name="practice_attempt"),
    path(
        "practice/attempts/<int:attempt_id>/notes/",
        views.attempt_note,
        name="practice_attempt_note",
    ),
    path(
        "practice/attempts/<int:attempt_id>/messages/",
        views.attempt_message,
        name="practice_attempt_message",
    ),
    path(
        "practice/attempts/<int:attempt_id>/check/",
        views.attempt_check,
        name="practice_attempt_check",
    ),
    path(
        "practice/attempts/<int:attempt_id>/submit/",
        views.attempt_submit_page,
        name="practice_attempt_submit",
    ),
    path("practice/attempts/<int:attempt_id>/pick-up/", views.pick_up, name="practice_pick_up"),
    path("practice/attempts/<int:attempt_id>/review/", views.review, name="practice_review"),
    path("practice/guest/<str:token>/", views.guest_page, name="practice_guest"),
    path("practice/guest/<str:token>/notes/", views.guest_note, name="practice_guest_note"),
    path(
        "practice/guest/<str:token>/messages/", views.guest_message, name="practice_guest_message"
    ),
    path("practice/guest/<str:token>/check/", views.guest_check, name="practice_guest_check"),
    path("practice/guest/<str:token>/submit/", views.guest_submit, name="practice_guest_submit"),
]
