from django.urls import include, path

from accord.scorecards import views

app_name = "scorecards"
urlpatterns = [
    path("", views.index, name="index"),
    path("bodies/<int:pk>/", views.body, name="body"),
    path("bodies/<int:pk>/scorecard.xlsx", views.body_xlsx, name="body-xlsx"),
    path("outcomes/<int:pk>/", views.outcome, name="outcome"),
    path("outcomes/<int:pk>/scorecard.xlsx", views.outcome_xlsx, name="outcome-xlsx"),
    path("areas/<int:pk>/", views.area, name="area"),
    path("areas/<int:pk>/scorecard.xlsx", views.area_xlsx, name="area-xlsx"),
    path("exceptions/", views.exceptions, name="exceptions"),
    path("exceptions/exceptions.xlsx", views.exceptions_xlsx, name="exceptions-xlsx"),
    path("focus/", views.focus, name="focus"),
    path("focus/focus.xlsx", views.focus_xlsx, name="focus-xlsx"),
    path("focus/indicators/<int:pk>/", views.focus_indicator, name="focus-indicator"),
    path("", include("accord.scorecards.urls_reports")),
]
