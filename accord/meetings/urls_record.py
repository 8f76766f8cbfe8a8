"""The pages that record what happened at a meeting."""

from django.urls import path

from accord.meetings import views_record as views

urlpatterns: list = [
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path(
        "<int:pk>/items/<int:item_pk>/minutes/",
        views.item_minutes,
        name="item-minutes",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/change/",
        views.decision_edit,
        name="decision-edit",
    ),
    path(
        "<int:pk>/decisions/<int:decision_pk>/archive/",
        views.decision_archive,
        name="decision-archive",
    ),
    path("<int:pk>/minutes/circulate/", views.circulate, name="circulate"),
    path("<int:pk>/minutes/agree/", views.agree, name="agree"),
    path("<int:pk>/minutes/sign/", views.sign, name="sign"),
    path("<int:pk>/minutes/amend/", views.amend, name="amend"),
    path("attendance/", views.attendance_stats_page, name="attendance-stats"),
    path("attendance.csv", views.attendance_stats_csv, name="attendance-stats-csv"),
]
