from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "accord.scorecards"
    label = "scorecards"
