from django.apps import AppConfig


class StrategiesConfig(AppConfig):
    name = "accord.strategies"
    label = "strategies"

    def ready(self) -> None:
        # The golden thread's own sections; later apps register theirs in their ready() too.
        from accord.strategies import thread  # noqa: F401
