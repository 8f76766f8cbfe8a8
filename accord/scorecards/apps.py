from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    name = "accord.scorecards"
    label = "scorecards"

    def ready(self) -> None:
        # The golden thread's performance sections (see accord.strategies.thread).
        from accord.scorecards import thread_sections  # noqa: F401
