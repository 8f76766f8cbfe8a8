"""A body's quarterly performance report as a Word document and a PDF:
`/performance/bodies/<pk>/report.docx` and `.pdf`, for `?quarter=2009/10 Q1` (as at the
quarter's last day) or `?as_of=2009-07-15` (the quarter the scorecard of that day reports;
today by default)."""

import datetime as dt

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils.text import slugify

from accord.bodies.models import Body
from accord.scorecards import reports, selectors


def _report(request, pk: int) -> reports.BodyReport | HttpResponse:
    try:
        body = selectors.body_with_area(pk=pk, user=request.user)
    except Body.DoesNotExist:
        raise Http404("No such body") from None
    quarter = request.GET.get("quarter", "").strip()
    as_of = None
    if not quarter and request.GET.get("as_of", "").strip():
        try:
            as_of = dt.date.fromisoformat(request.GET["as_of"].strip())
        except ValueError:
            return HttpResponseBadRequest(
                "The as_of date must be a real date written like 2009-07-15.",
                content_type="text/plain; charset=utf-8",
            )
    try:
        return reports.build_report(body, quarter=quarter or None, as_of=as_of, user=request.user)
    except reports.ReportError as exc:
        return HttpResponseBadRequest(str(exc), content_type="text/plain; charset=utf-8")


def _download(report: reports.BodyReport, data: bytes, content_type: str, ext: str):
    response = HttpResponse(data, content_type=content_type)
    name = slugify(f"{report.body.name} {report.quarter}")[:80] or "performance-report"
    response["Content-Disposition"] = f'attachment; filename="{name}.{ext}"'
    return response


def report_docx(request, pk: int):
    report = _report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    return _download(report, reports.report_docx(report), reports.DOCX_TYPE, "docx")


def report_pdf(request, pk: int):
    report = _report(request, pk)
    if isinstance(report, HttpResponse):
        return report
    return _download(report, reports.report_pdf(report), reports.PDF_TYPE, "pdf")
