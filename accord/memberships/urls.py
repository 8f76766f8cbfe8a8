from django.urls import path

from accord.memberships import views

app_name = "memberships"
urlpatterns: list = []
