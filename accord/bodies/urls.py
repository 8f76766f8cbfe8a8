from django.urls import path

from accord.bodies import views

app_name = "bodies"
urlpatterns = [
    path("", views.body_list, name="list"),
    path("framework/", views.framework, name="framework"),
    path("add/", views.body_create_view, name="create"),
    path("<int:pk>/", views.body_detail, name="detail"),
    path("<int:pk>/change/", views.body_edit, name="edit"),
    path("<int:pk>/end/", views.body_end, name="end"),
    path("<int:pk>/archive/", views.body_archive_view, name="archive"),
]
