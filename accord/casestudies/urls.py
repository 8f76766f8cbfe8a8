from django.urls import path

from accord.casestudies import views

app_name = "casestudies"
urlpatterns = [
    path("", views.index, name="list"),
    path("add/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.edit, name="edit"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/unpublish/", views.unpublish, name="unpublish"),
    path("<int:pk>/archive/", views.archive, name="archive"),
]
