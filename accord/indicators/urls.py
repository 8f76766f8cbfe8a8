from django.urls import path

from accord.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.indicator_list, name="list"),
    path("add/", views.indicator_create, name="create"),
    path("<int:pk>/", views.indicator_detail, name="detail"),
    path("<int:pk>/change/", views.indicator_edit, name="edit"),
    path("<int:pk>/archive/", views.indicator_archive, name="archive"),
    path("<int:pk>/adopt/", views.indicator_adopt, name="adopt"),
    path("<int:pk>/retire/", views.indicator_retire, name="retire"),
]
