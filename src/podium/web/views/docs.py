"""The API's description (`/api/openapi.json`, FastAPI's, built from `podium.web.schemas`) and
its reader (`/api/docs`): Swagger UI from the swagger-ui-bundle-v2 package, served by this
app, so the page works offline and asks no CDN for anything."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from swagger_ui_bundle import swagger_ui_path

from podium.web.site import Site

DOCS = "/api/docs"
ASSETS = "/api/docs/assets"
OPENAPI = "/api/openapi.json"


def assets() -> StaticFiles:
    """Swagger UI's files, as the package ships them."""
    return StaticFiles(directory=Path(str(swagger_ui_path)))


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @router.get(DOCS, include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=OPENAPI,
            title="Podium API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon-32x32.png",
        )

    return router
