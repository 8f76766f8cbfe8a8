from django.apps import AppConfig


class MembershipsConfig(AppConfig):
    name = "accord.memberships"
    label = "memberships"
