from django.urls import path

from accord.common import views

app_name = "common"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("about/", views.about, name="about"),
]
