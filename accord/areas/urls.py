from django.urls import path

from accord.areas import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("add/", views.area_create, name="create"),
    path("<int:pk>/", views.area_detail, name="detail"),
    path("<int:pk>/change/", views.area_edit, name="edit"),
    path("<int:pk>/archive/", views.area_archive, name="archive"),
]
