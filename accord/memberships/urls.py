from django.urls import path

from accord.memberships import views

app_name = "memberships"
urlpatterns = [
    path("add/<int:body_pk>/", views.add, name="add"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.edit, name="edit"),
    path("<int:pk>/end/", views.end, name="end"),
    path("<int:pk>/archive/", views.archive, name="archive"),
]
