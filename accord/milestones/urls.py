from django.urls import path

from accord.milestones import feeds, views

app_name = "milestones"
urlpatterns = [
    path("", views.index, name="index"),
    path("milestones.ics", feeds.all_milestones_feed, name="feed"),
    path("add/", views.programme_create, name="programme-create"),
    path("<int:pk>/", views.programme_detail, name="programme"),
    path("<int:pk>/change/", views.programme_edit, name="programme-edit"),
    path("<int:pk>/archive/", views.programme_archive, name="programme-archive"),
    path("<int:pk>/milestones.ics", feeds.programme_feed, name="programme-feed"),
    path("<int:pk>/milestones/add/", views.milestone_create, name="milestone-create"),
    path("milestones/<int:pk>/", views.milestone_detail, name="milestone"),
    path("milestones/<int:pk>/change/", views.milestone_edit, name="milestone-edit"),
    path("milestones/<int:pk>/done/", views.milestone_done, name="milestone-done"),
    path("milestones/<int:pk>/archive/", views.milestone_archive, name="milestone-archive"),
]
