"""PowerDesk's JSON API (OpenAPI schema at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from powerdesk.servicedesk.api import router as servicedesk_router

api = NinjaAPI(
    title="PowerDesk API",
    version="1",
    urls_namespace="api",
    docs_url=None,  # the interactive page loads from a CDN; the schema is enough
)
api.add_router("/", servicedesk_router)
