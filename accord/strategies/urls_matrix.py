"""URLs of the responsibility matrix pages and its import/export."""

urlpatterns: list = []
