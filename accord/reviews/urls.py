from django.urls import path

from accord.reviews import views

app_name = "reviews"
urlpatterns = [
    path("", views.index, name="list"),
    path("open/", views.review_open, name="open"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.review_change, name="change"),
    path("<int:pk>/complete/", views.review_complete, name="complete"),
    path("<int:pk>/archive/", views.review_archive, name="archive"),
    path("<int:pk>/review.xlsx", views.review_xlsx, name="xlsx"),
    path("<int:pk>/review.docx", views.review_docx, name="docx"),
    path("<int:pk>/partnerships/<int:body_pk>/propose/", views.entry_propose, name="entry-propose"),
    path("lines/<int:pk>/", views.entry_detail, name="entry"),
    path("lines/<int:pk>/change/", views.entry_edit, name="entry-edit"),
    path("lines/<int:pk>/withdraw/", views.entry_withdraw, name="entry-withdraw"),
]
