from django.urls import path

from accord.papers import views

app_name = "papers"

urlpatterns: list = [
    path("", views.paper_list, name="list"),
    path("add/", views.paper_create, name="create"),
    path("<int:pk>/", views.paper_detail, name="detail"),
    path("<int:pk>/change/", views.paper_edit, name="edit"),
    path("<int:pk>/archive/", views.paper_archive, name="archive"),
    path("<int:pk>/upload/", views.paper_upload, name="upload"),
    path("<int:paper_pk>/files/<int:file_pk>/", views.paper_file, name="file"),
]
