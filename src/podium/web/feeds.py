"""The feeds' routes: story items as ninjs, the Atom feed, the medal calendar, and the
embeddable live table with the page that builds its embed code. `add_routes` is called once
by `create_app`."""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from fastapi.templating import Jinja2Templates

from podium import serialize
from podium.core import NotFound, Podium
from podium.feeds import calendar, news, webhooks
from podium.table import ORDERS
from podium.web import apidoc, i18n
from podium.web.cache import RevisionClock

HERE = Path(__file__).parent
CACHE_CONTROL = "public, max-age=1"
EMBED_TOP = 10
MODES = ("compact", "full")
THEMES = ("light", "dark")


def _q(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema,
            "description": description}  # fmt: skip


LANG = _q("lang", {"type": "string", "enum": ["nl", "en"]}, "the language")
NOC = _q("noc", apidoc.STRING, "an IOC code")
EMBED = [
    _q("top", {"type": "integer", "minimum": 1, "maximum": 300, "default": EMBED_TOP}, "rows"),
    _q("noc", apidoc.STRING, "the country to highlight (shown even below the top rows)"),
    LANG,
    _q("order", {"type": "string", "enum": list(ORDERS), "default": "gold"}, "the order"),
    _q("mode", {"type": "string", "enum": list(MODES), "default": "full"}, "names or codes"),
    _q("theme", {"type": "string", "enum": list(THEMES), "default": "light"}, "colours"),
]
# the query parameters each route reads (FastAPI describes the path's own)
QUERIES: dict[str, list[dict[str, Any]]] = {
    "ninjs": [],
    "atom": [_q("perspective", apidoc.STRING, "an IOC code"), LANG],
    "calendar": [NOC, _q("medal", {"type": "string", "enum": ["1"]}, "medal sessions"), LANG],
    "embed": EMBED,
}


def _doc(kind: str, media: str, what: str) -> dict[str, Any]:
    """The route's OpenAPI: the parameters it reads, what it answers, and its 404 (no such
    Games, item or NOC) and 422 (a bad query value)."""
    error = apidoc.json_of(apidoc.READ_ERROR)
    return {
        "tags": ["feeds"],
        "response_class": Response,
        "openapi_extra": {"parameters": [*QUERIES[kind], apidoc.IF_NONE_MATCH]},
        "responses": {
            200: {"description": what, "content": {media: {}}},
            304: {"description": "not modified since the ETag sent in If-None-Match"},
            404: {"description": "no such Games, item or country", "content": error},
            422: {"description": "a query value out of range", "content": error},
        },
    }


def add_routes(app: FastAPI, podium: Podium, clock: RevisionClock) -> None:
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    i18n.install(templates.env, podium)

    def answer(
        request: Request, media_type: str, build: Callable[[], bytes], status: int = 200
    ) -> Response:
        """`build()` with an ETag of this revision (so the read cache keeps it), or the
        error it raises as JSON."""
        wanted = f"{request.url.path}|{sorted(request.query_params.items())}"
        tag = f'W/"r{clock.now()}-{hashlib.sha256(wanted.encode()).hexdigest()[:20]}"'
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        try:
            body = build()
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, 422)
        return Response(body, status, media_type=media_type, headers=headers)

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def perspective_lang(request: Request) -> tuple[str, str]:
        lang = request.query_params.get("lang") or "nl"
        if lang not in ("nl", "en"):
            raise ValueError(f"lang: {lang!r} is not nl or en")
        return request.query_params.get("perspective") or "NED", lang

    @app.get(
        "/api/games/{slug}/stories/{item}.ninjs.json",
        **_doc("ninjs", "application/json", "an IPTC ninjs 3.0 news item"),
    )
    async def story_ninjs(request: Request, slug: str, item: str) -> Response:
        """One story as an IPTC ninjs 3.0 news item, as it stands now (its newest version)."""

        def build() -> bytes:
            found = news.find(podium, slug, item)
            link = f"{base(request)}/games/{slug}/stories?perspective={found.item.perspective}"
            doc = news.ninjs(found, f"{link}&lang={found.item.lang}")
            return json.dumps(doc, ensure_ascii=False).encode()

        return answer(request, "application/json", build)

    @app.get("/games/{slug}/stories.atom", **_doc("atom", "application/atom+xml", "an Atom feed"))
    async def stories_atom(request: Request, slug: str) -> Response:
        """The stories of one angle and language as Atom; a new version is an update."""

        def build() -> bytes:
            perspective, lang = perspective_lang(request)
            items = news.current(podium, slug, perspective, lang)
            code = podium.noc(perspective).code
            name = podium.noc(code).name(lang)
            title = f"{podium.games(slug).name}: {name}"
            return news.atom(
                items, games=slug, title=title, perspective=code, lang=lang, base_url=base(request)
            )

        return answer(request, "application/atom+xml; charset=utf-8", build)

    @app.get("/games/{slug}/calendar.ics", **_doc("calendar", "text/calendar", "an iCalendar"))
    async def medal_calendar(request: Request, slug: str) -> Response:
        """Every medal session, with its medallists once decided (`noc`: that country's)."""

        def build() -> bytes:
            if request.query_params.get("medal", "1") != "1":
                raise ValueError("medal: only medal sessions are kept (medal=1)")
            lang = request.query_params.get("lang") or "en"
            if lang not in ("nl", "en"):
                raise ValueError(f"lang: {lang!r} is not nl or en")
            noc = request.query_params.get("noc") or None
            return calendar.medal_calendar(podium, slug, noc, lang)

        return answer(request, "text/calendar; charset=utf-8", build)

    # -- the embeddable table --------------------------------------------------------------

    def embed_options(request: Request) -> dict[str, Any]:
        q = request.query_params
        lang = q.get("lang") or "nl"
        order, mode, theme = q.get("order") or "gold", q.get("mode") or "full", q.get("theme")
        theme = theme or "light"
        for name, value, allowed in (
            ("lang", lang, ("nl", "en")),
            ("order", order, ORDERS),
            ("mode", mode, MODES),
            ("theme", theme, THEMES),
        ):
            if value not in allowed:
                raise ValueError(f"{name}: {value!r} is not one of {', '.join(allowed)}")
        try:
            top = int(q.get("top") or EMBED_TOP)
        except ValueError:
            raise ValueError(f"top: {q.get('top')!r} is not a number") from None
        if not 1 <= top <= 300:
            raise ValueError(f"top: {top} is not between 1 and 300")
        noc = (q.get("noc") or "").upper() or None
        if noc is not None:
            noc = podium.noc(noc).code
        return {"lang": lang, "order": order, "mode": mode, "theme": theme, "top": top, "noc": noc}

    def embed_query(options: dict[str, Any]) -> str:
        keys = ("top", "noc", "lang", "order", "mode", "theme")
        return "&".join(f"{k}={options[k]}" for k in keys if options[k] is not None)

    @app.get("/games/{slug}/embed/table", **_doc("embed", "text/html", "the live table to embed"))
    async def embed_table(request: Request, slug: str) -> Response:
        """The live table to put in another site's page (an iframe): top N, a highlighted
        country, language, order, compact or full, light or dark; updated over SSE."""

        def build() -> bytes:
            options = embed_options(request)
            games = podium.games(slug)
            table = podium.table(slug, order=options["order"])
            data = serialize.medal_table(table, podium.nocs(), options["lang"], games.name)
            data["seq"] = podium.store.ledger_seq()
            context = {
                "request": request,
                "games": games,
                "data": data,
                "o": options,
                "w": i18n.WORDS[options["lang"]],
                "rows": _shown(data["rows"], options["top"], options["noc"]),
                "page_url": f"{base(request)}/games/{slug}?lang={options['lang']}",
            }
            html = templates.get_template("embed_table.html").render(context)
            return html.encode()

        return answer(request, "text/html; charset=utf-8", build)

    def embed_builder(request: Request, slug: str) -> dict[str, Any]:
        options = embed_options(request)
        games = podium.games(slug)
        src = f"{base(request)}/games/{slug}/embed/table?{embed_query(options)}"
        height = 60 + 31 * (options["top"] + (1 if options["noc"] else 0))
        title = f"{games.name}: {'medaillespiegel' if options['lang'] == 'nl' else 'medal table'}"
        # the host comes from the request: escaped, so a forged Host header stays text
        at, named = html.escape(src, quote=True), html.escape(title, quote=True)
        iframe = (
            f'<iframe src="{at}" title="{named}" width="100%" height="{height}" '
            f'style="border:0;max-width:40em" loading="lazy"></iframe>'
        )
        script = (
            f'<script src="{html.escape(base(request), quote=True)}/static/embed.js" '
            f'data-src="{at}" data-title="{named}" data-height="{height}" async></script>'
        )
        return {"games": serialize.games(games), "options": options, "src": src,
                "title": title, "height": height, "iframe": iframe, "script": script}  # fmt: skip

    @app.get("/games/{slug}/embed.json", **_doc("embed", "application/json", "the embed code"))
    async def embed_json(request: Request, slug: str) -> Response:
        """The embed code for these options (the builder page's JSON twin)."""
        return answer(
            request,
            "application/json",
            lambda: json.dumps(embed_builder(request, slug), ensure_ascii=False).encode(),
        )

    @app.get("/games/{slug}/embed", **_doc("embed", "text/html", "the embed builder"))
    async def embed_page(request: Request, slug: str) -> Response:
        """A page that builds the embed code and shows it working."""

        def build() -> bytes:
            data = embed_builder(request, slug)
            lang = data["options"]["lang"]
            nocs = podium.nocs()
            codes = sorted({r.noc for r in podium.table(slug).rows})
            context = {
                "request": request,
                "data": data,
                "lang": lang,
                "w": i18n.WORDS[lang],
                "choices": [serialize.noc(nocs.get(c), c, lang) for c in codes],
                "orders": ORDERS,
                "modes": MODES,
                "themes": THEMES,
                "path": request.url.path,
                "query": dict(request.query_params),
            }
            return templates.get_template("embed.html").render(context).encode()

        return answer(request, "text/html; charset=utf-8", build)


def _shown(rows: list[dict[str, Any]], top: int, noc: str | None) -> list[dict[str, Any]]:
    """The first `top` rows, and the highlighted country's row after them if it is lower."""
    shown = rows[:top]
    if noc and all(r["noc"] != noc for r in shown):
        shown += [r for r in rows if r["noc"] == noc]
    return shown


class Webhooks:
    """The server's webhook worker: a thread with its own `Podium` (the core is not shared
    across threads), woken by every commit of the server's store."""

    def __init__(self, podium: Podium) -> None:
        self.podium = Podium(podium.store.url, migrate=False)
        # seconds a receiver has to answer (a claim is held twice that): PODIUM_WEBHOOK_TIMEOUT
        timeout = float(os.environ.get("PODIUM_WEBHOOK_TIMEOUT", "10"))
        self.deliverer = webhooks.Deliverer(self.podium, timeout=timeout)
        podium.store.on_commit(self.deliverer.wake)
        self.deliverer.start()

    def stop(self) -> None:
        self.deliverer.stop()
        self.podium.close()
