"""What every view shares: one `Site` per app (the core, the revision clock, the live
broadcaster, the templates, the worker pools) and the one way a page and its JSON twin are
answered (`Site.respond`, routed by `add_twin`).

A view module (`podium.web.views.*`) is a page family: `routes(site)` returns its router,
which `create_app` includes.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel

from podium import ledger, serialize
from podium.core import NotFound, Podium
from podium.news import titles
from podium.odf.store import OdfStore
from podium.table import ORDERS, Order
from podium.web import i18n
from podium.web.cache import RevisionClock
from podium.web.columns import ProjectionColumns
from podium.web.live import Broadcaster
from podium.web.schemas import IfNoneMatch, Lang, ReadError
from podium.web.workers import Workers

HERE = Path(__file__).parent
MAX_AGE = 1  # seconds: a live table; the nginx micro-cache absorbs bursts
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
# Pages that take a second or more to compute (a story per medal event, a table per day):
# built on the read pool. The others take milliseconds and are built on the event loop, where
# a burst of them after a write is done soonest (a thread would share the GIL with every
# cached read meanwhile, and each would take longer: measured again under bench/load.py, all
# pages on the pool gave a read p99 of 1.0-1.3 s against 0.6-0.8 s, see bench/RESULTS.md).
HEAVY = frozenset({"stories", "race", "projection"})


@dataclass(frozen=True)
class Page:
    """What a read handler produces: the JSON twin's data, and the template that renders it
    for the HTML page with the extra context `context()` gives (asked only for HTML, so the
    JSON twin does none of the page's extra work)."""

    data: Any
    template: str
    context: Callable[[], dict[str, Any]] = dict
    # False: built before a part of it was ready (`columns`): answered with an ETag of its own
    # and max-age=0, and kept by the read cache only until the part is ready
    final: bool = True


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
    columns: ProjectionColumns = field(init=False)

    def __post_init__(self) -> None:
        self.desk = ledger.Desk(self.podium)
        self.odf_store = OdfStore(self.podium.store)
        self.columns = ProjectionColumns(self.podium, self.clock)
        i18n.install(self.templates.env, self.podium)

    def lang_of(self, request: Request) -> str:
        return i18n.pick(request.query_params.get("lang"), request.headers.get("accept-language"))

    def games_days(self, slug: str) -> list[date]:
        g = self.podium.games(slug)
        zone = ZoneInfo(g.timezone)
        first, last = g.starts_at.astimezone(zone).date(), g.ends_at.astimezone(zone).date()
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def noc_picker(
        self, slug: str, codes: Iterable[str], lang: str, as_of_text: str | None
    ) -> dict[str, Any]:
        """What a page's form offers to choose from: the NOCs `codes` by name in `lang`, and
        the days of the Games for its moment."""
        nocs = self.podium.nocs()
        shown = [serialize.noc(nocs.get(c), c, lang) for c in set(codes)]
        return {
            "choices": sorted(shown, key=lambda n: str(n["name"])),
            "as_of_text": as_of_text or "",
            "days": [d.isoformat() for d in self.games_days(slug)],
        }

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
        with self.podium.at_revision(revision):
            return self._render(request, lang, build, as_json, headers)

    def _render(
        self,
        request: Request,
        lang: str,
        build: Callable[[], Page],
        as_json: bool,
        headers: dict[str, str],
    ) -> Response:
        try:
            page = build()
        except (NotFound, ValueError) as exc:
            status = 404 if isinstance(exc, NotFound) else 422
            if as_json:
                return JSONResponse({"error": str(exc)}, status)
            return self.error_page(request, status, str(exc), lang)
        headers["Content-Language"] = lang
        if not page.final:  # its own ETag, and no cache downstream keeps it
            headers["ETag"] = headers["ETag"][:-1] + '-partial"'
            headers["Cache-Control"] = "public, max-age=0"
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

    def error_page(
        self, request: Request, status: int, detail: str, lang: str | None = None
    ) -> Response:
        """An error as a page in the reader's language, with the ways on: the latest Games'
        table, the search and the front page. Never kept by the read cache (no ETag)."""
        lang = lang or self.lang_of(request)
        words = i18n.ERROR_WORDS[lang]
        key = str(status) if str(status) in words else "other"
        try:
            latest = self.podium.all_games()[-1:]
        except Exception:  # an error page must not fail too: a broken database shows no link
            latest = []
        context = {
            "heading": words[key],
            "explain": words[f"explain_{key}"],
            "detail": detail if status != 500 else "",
            "games": latest[0] if latest else None,
            "games_name": titles.games_title(latest[0], lang) if latest else "",
            "e": words,
            "w": i18n.WORDS[lang],
            "lang": lang,
            "path": request.url.path,
            "query": dict(request.query_params),
        }
        html = self.templates.get_template("error.html").render(context)
        headers = {"Content-Language": lang, "Vary": "Accept-Language"}
        return HTMLResponse(html, status, headers=headers)


def add_twin(
    router: APIRouter,
    site: Site,
    path: str,
    kind: str,
    build: Builder,
    data: type[BaseModel],
    query: type[BaseModel] | None = None,
    json_path: str | None = None,
    **path_params: Any,
) -> None:
    """A page and its JSON twin as routes over one builder (one query, two shapes). `data` is
    the shape of the JSON twin, `query` the page's query parameters and `path_params` its
    path's (each an `Annotated[str, Path(...)]`): documentation only, for FastAPI to describe
    (the builder reads the request itself). The twin is at `path` + ".json" unless
    `json_path` says otherwise."""

    async def answer(request: Request, as_json: bool) -> Response:
        lang = site.lang_of(request)

        def work() -> Response:
            return site.respond(request, kind, lang, lambda: build(site, request, lang), as_json)

        return await site.reads.answer(work) if kind in HEAVY else work()

    async def page(request: Request, **_: Any) -> Response:
        return await answer(request, False)

    async def twin(request: Request, **_: Any) -> Response:
        return await answer(request, True)

    for endpoint in (page, twin):
        endpoint.__signature__ = described(path_params, query)  # type: ignore[attr-defined]
    not_modified = {"description": "not modified since the ETag sent in If-None-Match"}
    missing, wrong = "no such Games, NOC, event or athlete", "a query parameter out of range"
    errors: dict[int | str, dict[str, Any]] = {
        304: not_modified,
        404: {"description": missing, "model": ReadError},
        422: {"description": wrong, "model": ReadError},
    }
    html = {"text/html": {"schema": {"type": "string"}}}
    error_pages: dict[int | str, dict[str, Any]] = {
        304: not_modified,
        404: {"description": f"{missing}: a page in the reader's language", "content": html},
        422: {"description": f"{wrong}: a page in the reader's language", "content": html},
    }
    # the twin first: "/games/{slug}" would otherwise take "milano-cortina-2026.json"
    router.add_api_route(
        json_path or path + ".json",
        twin,
        methods=["GET"],
        name=f"{kind}_json",
        response_model=data,
        response_description="the page's data",
        responses=errors,
    )
    router.add_api_route(
        path,
        page,
        methods=["GET"],
        name=kind,
        response_class=HTMLResponse,
        response_description="the page",
        responses=error_pages,
    )


def described(path_params: dict[str, Any], query: type[BaseModel] | None) -> inspect.Signature:
    """The signature FastAPI reads a page's parameters from: its path's, its query's, the
    language and If-None-Match, in that order."""
    keyword = inspect.Parameter.KEYWORD_ONLY
    params = [
        inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Request)
    ]
    params += [inspect.Parameter(n, keyword, annotation=t) for n, t in path_params.items()]
    if query is not None:
        params.append(inspect.Parameter("query", keyword, annotation=Annotated[query, Query()]))
    params.append(inspect.Parameter("lang", keyword, annotation=Lang, default=""))
    params.append(inspect.Parameter("if_none_match", keyword, annotation=IfNoneMatch, default=""))
    return inspect.Signature(params)


def order_of(text: str) -> Order:
    if text not in ORDERS:
        raise ValueError(f"order: {text!r} is not one of {', '.join(ORDERS)}")
    return text
