"""URLs of the strategy pages (the matrix has its own module)."""

urlpatterns: list = []
