from django.urls import path

from everthread.coaching import views
from everthread.coaching.practice.urls import urlpatterns as practice_urlpatterns

app_name = "coaching"
urlpatterns = [
    *practice_urlpatterns,
    path("", views.home, name="home"),
    path("rubrics/new/", views.rubric_new, name="rubric_new"),
    path("rubrics/<int:rubric_id>/edit/", views.rubric_edit, name="rubric_edit"),
    path("observe/", views.observe, name="observe"),
    path("staff/<int:staff_id>/", views.staff_page, name="staff"),
    path("observations/<int:observation_id>/", views.observation_page, name="observation"),
    path("learning/", views.learning, name="learning"),
    path("learning/<int:assignment_id>/", views.assignment_page, name="assignment"),
    path("modules/", views.modules, name="modules"),
    path("modules/<int:module_id>/assign/", views.module_assign_page, name="module_assign"),
    path("mystery-shop/", views.mystery_shop, name="mystery_shop"),
    path("mystery-shop/results.csv", views.mystery_shop_csv, name="mystery_shop_csv"),
    path("mystery-shop/<int:form_id>/visits/new/", views.visit_new, name="visit_new"),
]
