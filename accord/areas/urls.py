from django.urls import path

from accord.areas import views

app_name = "areas"
urlpatterns: list = []
