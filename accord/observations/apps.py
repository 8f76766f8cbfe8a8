from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "accord.observations"
    label = "observations"
