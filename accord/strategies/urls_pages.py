"""URLs of the strategy pages (the matrix has its own module)."""

from django.urls import path

from accord.strategies import views

urlpatterns: list = [
    path("", views.strategy_list, name="list"),
    path("add/", views.strategy_create, name="create"),
    path("gaps/", views.gaps, name="gaps"),
    path("area-action-plans/", views.area_plans, name="area_plans"),
    path("<int:pk>/", views.strategy_detail, name="detail"),
    path("<int:pk>/change/", views.strategy_edit, name="edit"),
    path("<int:pk>/archive/", views.strategy_archive, name="archive"),
    path("<int:strategy_pk>/commitments/add/", views.commitment_create, name="commitment_create"),
    path("commitments/<int:pk>/", views.commitment_thread, name="commitment"),
    path("commitments/<int:pk>/change/", views.commitment_edit, name="commitment_edit"),
    path("commitments/<int:pk>/archive/", views.commitment_archive, name="commitment_archive"),
    path("priorities/add/", views.priority_create, name="priority_create"),
    path("priorities/<int:pk>/", views.priority_detail, name="priority"),
    path("priorities/<int:pk>/change/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/archive/", views.priority_archive, name="priority_archive"),
    path("bodies/<int:pk>/", views.body_thread, name="body_thread"),
]
