"""The pages that record what happened at a meeting."""

urlpatterns: list = []
