from django.urls import path

from accord.bodies import views

app_name = "bodies"
urlpatterns: list = []
