from django.urls import path

from accord.observations import views

app_name = "observations"
urlpatterns = [
    path("", views.observation_list, name="list"),
    path("figures.csv", views.observation_export, name="export"),
    path("<int:pk>/", views.observation_detail, name="detail"),
    path("<int:pk>/restate/", views.observation_restate, name="restate"),
    path("<int:pk>/archive/", views.observation_archive, name="archive"),
    path("<int:pk>/evidence/", views.evidence_add, name="evidence-add"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence-file"),
    path("import/", views.import_start, name="import"),
    path("import/template.<str:fmt>", views.import_template, name="import-template"),
    path("imports/<int:pk>/", views.import_batch, name="import-batch"),
    path("imports/<int:pk>/status.json", views.import_status, name="import-status"),
    path("imports/<int:pk>/rejects.csv", views.import_rejects, name="import-rejects"),
]
