from django.apps import AppConfig


class TargetsConfig(AppConfig):
    name = "accord.targets"
    label = "targets"
