"""URLs of the responsibility matrix pages and its import/export."""

from django.urls import path

from accord.strategies import matrix

urlpatterns: list = [
    path("<int:pk>/matrix/", matrix.matrix_page, name="matrix"),
    path("<int:pk>/matrix/change/", matrix.matrix_edit, name="matrix_edit"),
    path("<int:pk>/matrix/export/", matrix.matrix_export, name="matrix_export"),
    path("<int:pk>/matrix/import/", matrix.matrix_import, name="matrix_import"),
]
