from django.urls import path

from everthread.insights import views

app_name = "insights"
urlpatterns = [
    path("insights/", views.dashboard, name="dashboard"),
    path("insights/contacts/", views.contacts, name="contacts"),
    path("insights/repeats/", views.repeats, name="repeats"),
    path("insights/<slug:table>.csv", views.table_csv, name="csv"),
    path("survey/<str:token>/", views.survey, name="survey"),
]
