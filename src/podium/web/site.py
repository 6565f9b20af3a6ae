"""What every view shares: one `Site` per app (the core, the revision clock, the live
broadcaster, the templates, the worker pools) and the one way a page and its JSON twin are
answered (`Site.respond`, routed by `add_twin`).

A view module (`podium.web.views.*`) is a page family: `routes(site)` returns its router,
which `create_app` includes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates

from podium import ledger
from podium.core import NotFound, Podium
from podium.odf.store import OdfStore
from podium.table import ORDERS, Order
from podium.web import apidoc, i18n
from podium.web.cache import RevisionClock
from podium.web.live import Broadcaster
from podium.web.workers import Workers

HERE = Path(__file__).parent
MAX_AGE = 1  # seconds: a live table; the nginx micro-cache absorbs bursts
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
# Pages that take a second or more to compute (a story per medal event, a table per day):
# built on the read pool. The others take milliseconds and are built on the event loop, where
# a burst of them after a write is done soonest (a thread would share the GIL with every
# cached read meanwhile, and each would take longer).
HEAVY = frozenset({"stories", "race", "projection"})


@dataclass(frozen=True)
class Page:
    """What a read handler produces: the JSON twin's data, and the template that renders it
    for the HTML page with the extra context `context()` gives (asked only for HTML, so the
    JSON twin does none of the page's extra work)."""

    data: Any
    template: str
    context: Callable[[], dict[str, Any]] = dict


Builder = Callable[["Site", Request, str], Page]


class HttpError(Exception):
    def __init__(self, status: int, detail: Any) -> None:
        self.status = status
        self.detail = detail


@dataclass
class Site:
    """The app's shared parts, made once by `create_app` and handed to every view."""

    podium: Podium
    clock: RevisionClock
    broadcaster: Broadcaster
    reads: Workers
    writes: Workers
    templates: Jinja2Templates = field(
        default_factory=lambda: Jinja2Templates(directory=str(HERE / "templates"))
    )  # autoescape on for .html
    desk: ledger.Desk = field(init=False)
    odf_store: OdfStore = field(init=False)
    # SQLite has no NOTIFY: another process's writes (`podium import` into the file being
    # served) are picked up by a look every few seconds; PostgreSQL needs no look.
    look_every: float | None = field(init=False)

    def __post_init__(self) -> None:
        self.desk = ledger.Desk(self.podium)
        self.odf_store = OdfStore(self.podium.store)
        self.look_every = None if self.broadcaster.crosses_processes else 5.0

    def lang_of(self, request: Request) -> str:
        return i18n.pick(request.query_params.get("lang"), request.headers.get("accept-language"))

    def games_days(self, slug: str) -> list[date]:
        g = self.podium.games(slug)
        zone = ZoneInfo(g.timezone)
        first, last = g.starts_at.astimezone(zone).date(), g.ends_at.astimezone(zone).date()
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def respond(
        self, request: Request, kind: str, lang: str, build: Callable[[], Page], as_json: bool
    ) -> Response:
        """The page or its JSON twin, with the ETag of the revision it was built at."""
        revision = self.clock.now()
        wanted = f"{kind}|{request.url.path}|{sorted(request.query_params.items())}|{lang}"
        tag = f'W/"r{revision}-{hashlib.sha256(wanted.encode()).hexdigest()[:20]}"'
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Language"}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        try:
            page = build()
        except (NotFound, ValueError) as exc:
            status = 404 if isinstance(exc, NotFound) else 422
            return JSONResponse({"error": str(exc)}, status)
        headers["Content-Language"] = lang
        if as_json:
            body = json.dumps(page.data, ensure_ascii=False).encode()
            return Response(body, media_type="application/json", headers=headers)
        context = {
            "data": page.data,
            "w": i18n.WORDS[lang],
            "medal_words": i18n.MEDAL_WORDS[lang],
            "lang": lang,
            "path": request.url.path,
            "query": dict(request.query_params),
            **page.context(),
        }
        html = self.templates.get_template(page.template).render(context)
        return Response(html, media_type="text/html; charset=utf-8", headers=headers)


def add_twin(router: APIRouter, site: Site, path: str, kind: str, build: Builder) -> None:
    """A page and its JSON twin as routes over one builder (one query, two shapes)."""

    async def answer(request: Request, as_json: bool) -> Response:
        lang = site.lang_of(request)

        def work() -> Response:
            return site.respond(request, kind, lang, lambda: build(site, request, lang), as_json)

        return await site.reads.answer(work) if kind in HEAVY else work()

    async def page(request: Request) -> Response:
        return await answer(request, False)

    async def data(request: Request) -> Response:
        return await answer(request, True)

    # the twin first: "/games/{slug}" would otherwise take "milano-cortina-2026.json"
    # openapi_extra and responses only document what the builder reads and answers
    router.add_api_route(
        path + ".json",
        data,
        methods=["GET"],
        name=f"{kind}_json",
        openapi_extra=apidoc.read_extra(kind),
        responses=apidoc.read_responses(kind, as_json=True),
    )
    router.add_api_route(
        path,
        page,
        methods=["GET"],
        name=kind,
        response_class=HTMLResponse,
        openapi_extra=apidoc.read_extra(kind),
        responses=apidoc.read_responses(kind, as_json=False),
    )


def order_of(text: str) -> Order:
    if text not in ORDERS:
        raise ValueError(f"order: {text!r} is not one of {', '.join(ORDERS)}")
    return text
