from django.urls import path

from accord.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("add/", views.organisation_create, name="create"),
    path("<int:pk>/", views.organisation_detail, name="detail"),
    path("<int:pk>/change/", views.organisation_edit, name="edit"),
    path("<int:pk>/archive/", views.organisation_archive, name="archive"),
]
