"""Errors as the reader meets them: a page in the page's language with a way on, for a page's
address; JSON, as before, for the API (`/api/...`), a page's JSON twin, feeds, files and live
streams, whose readers are programs."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import Request
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from podium.web.site import HttpError, Site

Handler = Callable[[Request, Exception], Awaitable[Response]]


def for_people(request: Request) -> bool:
    """A page's address, whose reader is a person: not the API, a static file, a stream, or
    a file-like address (`.json`, `.atom`, `.ics`)."""
    path = request.url.path
    if path.startswith(("/api/", "/static/")) or path.endswith("/live"):
        return False
    return "." not in path.rsplit("/", 1)[-1]


def handlers(site: Site) -> dict[int | type[Exception], Handler]:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HttpError)
        return JSONResponse({"error": exc.detail}, exc.status)

    async def http_exception(request: Request, exc: Exception) -> Response:
        """The router's own answers: no such route (404), a method it does not take (405)."""
        assert isinstance(exc, HTTPException)
        if for_people(request):
            return site.error_page(request, exc.status_code, "")  # its detail: "Not Found"
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Starlette logs the exception and re-raises it after this answer is sent
        if for_people(request):
            return site.error_page(request, 500, "")
        return JSONResponse({"error": "internal server error"}, 500)

    return {HttpError: http_error, HTTPException: http_exception, 500: server_error}
