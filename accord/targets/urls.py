from django.urls import path

from accord.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.target_list, name="list"),
    path("add/", views.target_create, name="create"),
    path("<int:pk>/", views.target_detail, name="detail"),
    path("<int:pk>/revise/", views.target_revise, name="revise"),
    path("<int:pk>/archive/", views.target_archive, name="archive"),
]
