from django.urls import path

from accord.collection import views

app_name = "collection"
urlpatterns = [
    path("", views.my_returns, name="mine"),
    path("<int:pk>/", views.return_detail, name="return"),
    path("<int:pk>/submit/", views.return_submit, name="submit"),
    path("<int:pk>/send-back/", views.return_send_back, name="send-back"),
    path("<int:pk>/approve/", views.return_approve, name="approve"),
    path("rounds/", views.round_list, name="rounds"),
    path("rounds/open/", views.round_open, name="round-open"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/close/", views.round_close, name="round-close"),
]
