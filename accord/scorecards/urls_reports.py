"""Included into the scorecards namespace: reverse as `scorecards:report-docx`."""

from django.urls import path

from accord.scorecards import report_views

urlpatterns = [
    path("bodies/<int:pk>/report.docx", report_views.report_docx, name="report-docx"),
    path("bodies/<int:pk>/report.pdf", report_views.report_pdf, name="report-pdf"),
]
