from django.urls import path

from accord.actions import views

app_name = "actions"

urlpatterns: list = [
    path("", views.action_list, name="list"),
    path("<int:pk>/", views.action_detail, name="detail"),
    path("<int:pk>/change/", views.action_edit, name="edit"),
    path("<int:pk>/note/", views.action_note, name="note"),
    path("<int:pk>/complete/", views.action_complete, name="complete"),
    path("<int:pk>/drop/", views.action_drop, name="drop"),
    path("<int:pk>/reopen/", views.action_reopen, name="reopen"),
    path("<int:pk>/archive/", views.action_archive, name="archive"),
]
