from django.apps import AppConfig


class CasestudiesConfig(AppConfig):
    name = "accord.casestudies"
    label = "casestudies"
