from django.apps import AppConfig


class AreasConfig(AppConfig):
    name = "accord.areas"
    label = "areas"
