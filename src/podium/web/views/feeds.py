"""The feeds' routes: story items as ninjs, the Atom feed, the medal calendar, and the
embeddable live table with the page that builds its embed code; and the webhook worker."""

from __future__ import annotations

import hashlib
import html
import json
import os
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from podium import serialize
from podium.core import NotFound, Podium
from podium.feeds import calendar, news, webhooks
from podium.table import ORDERS
from podium.web import i18n
from podium.web.i18n import LANGS
from podium.web.schemas import IfNoneMatch, ReadError, Slug, unset
from podium.web.site import Site

CACHE_CONTROL = "public, max-age=1"
EMBED_TOP = 10
MODES = ("compact", "full")
THEMES = ("light", "dark")


def _text(description: str, default: str = "", **schema: Any) -> Any:
    """A query parameter taken as text (the route checks it and answers its own 422);
    `schema` says what it accepts."""
    edit = schema if default else unset(**schema)
    return Field(default, description=description, json_schema_extra=edit)


def _lang() -> Any:
    return _text("the language", enum=["nl", "en"])


def _top(schema: dict[str, Any]) -> None:
    schema.update(type="integer", minimum=1, maximum=300, default=EMBED_TOP)


class AtomQuery(BaseModel):
    perspective: str = _text("an IOC code")
    lang: str = _lang()


class CalendarQuery(BaseModel):
    noc: str = _text("an IOC code")
    medal: str = _text("medal sessions", enum=["1"])
    lang: str = _lang()


class EmbedQuery(BaseModel):
    top: str = Field("", description="rows", json_schema_extra=_top)
    noc: str = _text("the country to highlight (shown even below the top rows)")
    lang: str = _lang()
    order: str = _text("the order", "gold", enum=list(ORDERS))
    mode: str = _text("names or codes", "full", enum=list(MODES))
    theme: str = _text("colours", "light", enum=list(THEMES))


def _doc(media: str, what: str) -> dict[str, Any]:
    """The route's OpenAPI: what it answers, and its 404 (no such Games, item or NOC) and 422
    (a bad query value). The parameters it reads are the handler's own (documentation only:
    it reads the request itself). A page's errors are pages too (`Site.error_page`)."""
    missing, wrong = "no such Games, item or country", "a query value out of range"
    if media == "text/html":
        html = {"text/html": {"schema": {"type": "string"}}}
        errors: dict[int | str, dict[str, Any]] = {
            404: {"description": f"{missing}: a page", "content": html},
            422: {"description": f"{wrong}: a page", "content": html},
        }
    else:
        errors = {
            404: {"description": missing, "model": ReadError},
            422: {"description": wrong, "model": ReadError},
        }
    return {
        "tags": ["feeds"],
        "response_class": Response,
        "responses": {
            200: {"description": what, "content": {media: {}}},
            304: {"description": "not modified since the ETag sent in If-None-Match"},
            **errors,
        },
    }


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    podium, clock, templates = site.podium, site.clock, site.templates

    def answer(
        request: Request, media_type: str, build: Callable[[], bytes], status: int = 200
    ) -> Response:
        """`build()` with an ETag of this revision (so the read cache keeps it), or the
        error it raises: as a page in the embed's language for a page, else as JSON."""
        wanted = f"{request.url.path}|{sorted(request.query_params.items())}"
        tag = f'W/"r{clock.now()}-{hashlib.sha256(wanted.encode()).hexdigest()[:20]}"'
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        try:
            body = build()
        except (NotFound, ValueError) as exc:
            code = 404 if isinstance(exc, NotFound) else 422
            if media_type.startswith("text/html"):
                lang = request.query_params.get("lang")
                return site.error_page(request, code, str(exc), lang if lang in LANGS else "nl")
            return JSONResponse({"error": str(exc)}, code)
        return Response(body, status, media_type=media_type, headers=headers)

    def base(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def perspective_lang(request: Request) -> tuple[str, str]:
        lang = request.query_params.get("lang") or "nl"
        if lang not in ("nl", "en"):
            raise ValueError(f"lang: {lang!r} is not nl or en")
        return request.query_params.get("perspective") or "NED", lang

    @router.get(
        "/api/games/{slug}/stories/{item}.ninjs.json",
        **_doc("application/json", "an IPTC ninjs 3.0 news item"),
    )
    async def story_ninjs(
        request: Request, slug: Slug, item: str, if_none_match: IfNoneMatch = ""
    ) -> Response:
        """One story as an IPTC ninjs 3.0 news item, as it stands now (its newest version)."""

        def build() -> bytes:
            found = news.find(podium, slug, item)
            link = f"{base(request)}/games/{slug}/stories?perspective={found.item.perspective}"
            doc = news.ninjs(found, f"{link}&lang={found.item.lang}")
            return json.dumps(doc, ensure_ascii=False).encode()

        return answer(request, "application/json", build)

    @router.get("/games/{slug}/stories.atom", **_doc("application/atom+xml", "an Atom feed"))
    async def stories_atom(
        request: Request,
        slug: Slug,
        query: Annotated[AtomQuery, Query()],
        if_none_match: IfNoneMatch = "",
    ) -> Response:
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

    @router.get("/games/{slug}/calendar.ics", **_doc("text/calendar", "an iCalendar"))
    async def medal_calendar(
        request: Request,
        slug: Slug,
        query: Annotated[CalendarQuery, Query()],
        if_none_match: IfNoneMatch = "",
    ) -> Response:
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

    @router.get("/games/{slug}/embed/table", **_doc("text/html", "the live table to embed"))
    async def embed_table(
        request: Request,
        slug: Slug,
        query: Annotated[EmbedQuery, Query()],
        if_none_match: IfNoneMatch = "",
    ) -> Response:
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

    @router.get("/games/{slug}/embed.json", **_doc("application/json", "the embed code"))
    async def embed_json(
        request: Request,
        slug: Slug,
        query: Annotated[EmbedQuery, Query()],
        if_none_match: IfNoneMatch = "",
    ) -> Response:
        """The embed code for these options (the builder page's JSON twin)."""
        return answer(
            request,
            "application/json",
            lambda: json.dumps(embed_builder(request, slug), ensure_ascii=False).encode(),
        )

    @router.get("/games/{slug}/embed", **_doc("text/html", "the embed builder"))
    async def embed_page(
        request: Request,
        slug: Slug,
        query: Annotated[EmbedQuery, Query()],
        if_none_match: IfNoneMatch = "",
    ) -> Response:
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

    return router


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
