"""The front door (`/`): to the latest Games' table."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from podium.web.schemas import ReadError
from podium.web.site import Site


def routes(site: Site) -> APIRouter:
    router = APIRouter()

    @router.get(
        "/",
        status_code=307,
        response_class=RedirectResponse,
        responses={
            307: {"description": "to the latest Games' table"},
            503: {"description": "no data imported yet", "model": ReadError},
        },
    )
    async def index(request: Request) -> Response:
        latest = site.podium.all_games()
        if not latest:
            return JSONResponse({"error": "no data imported yet"}, 503)
        return RedirectResponse(f"/games/{latest[-1].slug}", 307)

    return router
