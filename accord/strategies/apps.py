from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "accord.strategies"
    label = "strategies"
