from django.apps import AppConfig


class PapersConfig(AppConfig):
    name = "accord.papers"
    label = "papers"
