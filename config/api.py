"""The Accord API under /api/v1/: each app adds its router; errors are problem+json."""

from ninja import NinjaAPI

api = NinjaAPI(
    title="Accord API",
    version="1",
    description="The partnership framework of a local strategic partnership.",
    urls_namespace="api",
)
