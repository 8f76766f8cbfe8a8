from django.urls import path

from accord.organisations import views

app_name = "organisations"
urlpatterns: list = []
