from django.apps import AppConfig


class MilestonesConfig(AppConfig):
    name = "accord.milestones"
    label = "milestones"
