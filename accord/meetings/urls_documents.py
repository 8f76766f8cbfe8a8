"""The agenda pack and the minutes as documents, and the performance loop's "add the exception
report to the next meeting's agenda"."""

from django.urls import path

from accord.meetings import views_documents as views

urlpatterns: list = [
    path("<int:pk>/agenda-pack.docx", views.agenda_pack_docx, name="agenda-pack-docx"),
    path("<int:pk>/agenda-pack.pdf", views.agenda_pack_pdf, name="agenda-pack-pdf"),
    path("<int:pk>/minutes.docx", views.minutes_docx, name="minutes-docx"),
    path("<int:pk>/minutes.pdf", views.minutes_pdf, name="minutes-pdf"),
    path(
        "exception-report/<int:body_pk>/",
        views.add_exception_report,
        name="add-exception-report",
    ),
]
