from django.urls import path

from accord.people import views

app_name = "people"
urlpatterns: list = []
