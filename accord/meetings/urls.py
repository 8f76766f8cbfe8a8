"""The meetings pages. The pages that record what happened at a meeting (attendance, minutes,
decisions, actions, approval) are in `urls_record`, and the agenda pack and minutes documents
in `urls_documents`; all share the `meetings` namespace."""

from django.urls import path

from accord.meetings import urls_documents, urls_record, views

app_name = "meetings"

urlpatterns: list = [
    path("", views.index, name="list"),
    path("add/", views.choose_body, name="choose-body"),
    path("add/<int:body_pk>/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/change/", views.edit, name="edit"),
    path("<int:pk>/publish-agenda/", views.publish_agenda, name="publish-agenda"),
    path("<int:pk>/held/", views.mark_held, name="mark-held"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/archive/", views.archive, name="archive"),
    path("<int:pk>/items/add/", views.item_add, name="item-add"),
    path("<int:pk>/items/<int:item_pk>/change/", views.item_edit, name="item-edit"),
    path("<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item-move"),
    path("<int:pk>/items/<int:item_pk>/archive/", views.item_archive, name="item-archive"),
    path("forward-plan/<int:body_pk>/", views.forward_plan, name="forward-plan"),
    path("forward-plan/<int:body_pk>/add/", views.forward_plan_add, name="forward-plan-add"),
    path("forward-plan/item/<int:pk>/change/", views.forward_plan_edit, name="forward-plan-edit"),
    path(
        "forward-plan/item/<int:pk>/withdraw/",
        views.forward_plan_withdraw,
        name="forward-plan-withdraw",
    ),
    path("forward-plan/item/<int:pk>/place/", views.forward_plan_place, name="forward-plan-place"),
    path("venues/", views.venues, name="venues"),
    path("venues/add/", views.venue_create, name="venue-create"),
    path("venues/<int:pk>/", views.venue_detail, name="venue"),
    path("venues/<int:pk>/change/", views.venue_edit, name="venue-edit"),
    path("settings/<int:body_pk>/", views.meeting_settings, name="settings"),
    *urls_record.urlpatterns,
    *urls_documents.urlpatterns,
]
