from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "accord.indicators"
    label = "indicators"
