"""The web app factory: pages and their JSON twins over one `Podium`, live updates by
server-sent events, and the results desk's write API.

Heavy pages (`HEAVY`) and writes are computed off the event loop, on small bounded thread
pools (`workers.Workers`: reads on one, desk writes on their own), so a slow page never stalls
a write or a cached read; a full pool answers 503 with Retry-After (more processes over
PostgreSQL is how this scales: `podium serve --workers N`). Rendered responses are kept per
revision by `cache.ResponseCache` in front of the router, so a repeated read costs no
database work at all; a matching If-None-Match answers 304.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import FastAPI, Query, Request, Security
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse

from podium import ledger, odf, schema, serialize, story
from podium import projection as proj
from podium.core import NotFound, Podium
from podium.news import evidence, titles
from podium.odf.results import full_results
from podium.odf.store import OdfStore
from podium.table import ORDERS, Order
from podium.web import apidoc, charts, feeds, home, i18n
from podium.web.apidoc import Event, Slug
from podium.web.cache import ResponseCache, RevisionClock
from podium.web.guard import Guard, Limits
from podium.web.live import Broadcaster, EventStream
from podium.web.workers import Workers

HERE = Path(__file__).parent
MAX_AGE = 1  # seconds: a live table; the nginx micro-cache absorbs bursts
CACHE_CONTROL = f"public, max-age={MAX_AGE}"
RACE_LEADERS = 8
EVENT_STORIES = 8  # the newest medal events of the reader's country, a story each
IDEMPOTENCY_KEY_LENGTH = schema.text_length(schema.idempotency.c.key)
ODF_PATH = "/api/odf"
LEDGER_SEQ_MAX = 2**31 - 1  # the ledger's sequence column is a 32-bit integer on PostgreSQL
# Pages that take a second or more to compute (a story per medal event, a table per day):
# built on the read pool. The others take milliseconds and are built on the event loop, where
# a burst of them after a write is done soonest (a thread would share the GIL with every
# cached read meanwhile, and each would take longer).
HEAVY = frozenset({"stories", "race", "projection"})
STRING_SCHEMA = {"type": "string"}
PROJECTION_WORDS = {
    "en": {
        "title": "Projection",
        "heading": "Where {games} will end",
        "caption": "{decided} events decided, {remaining} to come; {draws:,} simulated finishes",
        "country": "Country",
        "now": "Now",
        "gold": "Golds",
        "total": "Medals",
        "interval": "80%",
        "first": "P(first)",
        "top3": "P(top 3)",
        "top10": "P(top 10)",
        "target": "P(target)",
        "chance": "{name}: {p} chance of a top-ten finish",
        "moved": "How P(top 10) and P(first) moved, each evening",
        "golds_of": "Final golds of {name}",
        "ranks_of": "Final rank of {name}",
        "noc": "Country",
    },
    "nl": {
        "title": "Prognose",
        "heading": "Waar {games} eindigt",
        "caption": "{decided} onderdelen beslist, nog {remaining}; {draws:,} simulaties",
        "country": "Land",
        "now": "Nu",
        "gold": "Goud",
        "total": "Medailles",
        "interval": "80%",
        "first": "Kans op 1",
        "top3": "Kans top 3",
        "top10": "Kans top 10",
        "target": "Kans doel",
        "chance": "{name}: {p} kans op een plek in de top tien",
        "moved": "Hoe de kans op de top tien en op de eerste plaats bewoog, elke avond",
        "golds_of": "Aantal gouden medailles van {name} aan het eind",
        "ranks_of": "Eindplaats van {name}",
        "noc": "Land",
    },
}


@dataclass(frozen=True)
class Page:
    """What a read handler produces: the JSON twin's data, and the template that renders it
    for the HTML page with the extra context `context()` gives (asked only for HTML, so the
    JSON twin does none of the page's extra work)."""

    data: Any
    template: str
    context: Callable[[], dict[str, Any]] = dict


class HttpError(Exception):
    def __init__(self, status: int, detail: Any) -> None:
        self.status = status
        self.detail = detail


def create_app(source: Podium | str | None = None, limits: Limits | None = None) -> FastAPI:
    """The app over a Podium, or over the database at a path or URL (migrated first);
    `limits` on bodies and the write rate (`guard.Limits()` when not given)."""
    podium = source if isinstance(source, Podium) else Podium(source)
    desk = ledger.Desk(podium)
    clock = RevisionClock(podium.store, max_age=MAX_AGE)
    broadcaster = Broadcaster(podium.store, on_change=clock.invalidate)
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape on for .html
    i18n.install(templates.env, podium)
    reads = Workers("read", threads=2, queue=62)
    writes = Workers("write", threads=1, queue=63)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await broadcaster.start()
        hooks = feeds.Webhooks(podium)
        try:
            yield
        finally:
            hooks.stop()
            await broadcaster.stop()
            reads.close()
            writes.close()

    app = FastAPI(
        title="Podium", docs_url="/api/docs", openapi_url="/api/openapi.json", lifespan=lifespan
    )
    app.state.podium = podium
    app.state.broadcaster = broadcaster
    # the guard inside the cache: a cached read never reaches it
    app.add_middleware(Guard, limits=limits)
    app.add_middleware(ResponseCache, clock=clock)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(HttpError)
    async def http_error(request: Request, exc: HttpError) -> Response:
        return JSONResponse({"error": exc.detail}, exc.status)

    def lang_of(request: Request) -> str:
        return i18n.pick(request.query_params.get("lang"), request.headers.get("accept-language"))

    def respond(
        request: Request, kind: str, lang: str, build: Callable[[], Page], as_json: bool
    ) -> Response:
        """The page or its JSON twin, with the ETag of the revision it was built at."""
        revision = clock.now()
        wanted = f"{kind}|{request.url.path}|{sorted(request.query_params.items())}|{lang}"
        tag = f'W/"r{revision}-{hashlib.sha256(wanted.encode()).hexdigest()[:20]}"'
        headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL, "Vary": "Accept-Language"}
        if tag in [t.strip() for t in request.headers.get("if-none-match", "").split(",")]:
            return Response(status_code=304, headers=headers)
        try:
            page = build()
        except (NotFound, ValueError) as exc:
            status = 404 if isinstance(exc, NotFound) else 422
            if as_json:
                return JSONResponse({"error": str(exc)}, status)
            page, headers = Page({"error": str(exc), "status": status}, "error.html"), {}
        else:
            status = 200
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
        html = templates.get_template(page.template).render(context)
        return Response(html, status, media_type="text/html; charset=utf-8", headers=headers)

    def twin(kind: str, build: Callable[[Request, str], Page]) -> tuple[Any, Any]:
        """The page handler and its JSON twin over one builder (one query, two shapes)."""

        async def answer(request: Request, as_json: bool) -> Response:
            lang = lang_of(request)

            def work() -> Response:
                return respond(request, kind, lang, lambda: build(request, lang), as_json)

            return await reads.answer(work) if kind in HEAVY else work()

        async def page(request: Request) -> Response:
            return await answer(request, False)

        async def data(request: Request) -> Response:
            return await answer(request, True)

        return page, data

    # -- reads -------------------------------------------------------------------------

    def games_days(slug: str) -> list[date]:
        g = podium.games(slug)
        zone = ZoneInfo(g.timezone)
        first, last = g.starts_at.astimezone(zone).date(), g.ends_at.astimezone(zone).date()
        return [first + timedelta(days=i) for i in range((last - first).days + 1)]

    def sports_at(slug: str, lang: str) -> list[tuple[str, str]]:
        by_key = {e.key: e for e in podium.events()}
        played = {
            by_key[c.event].discipline for c in podium.store.contests(slug) if c.event in by_key
        }
        return titles.sport_choices(played, lang)

    def table_page(request: Request, lang: str) -> Page:
        slug = request.path_params["slug"]
        q = request.query_params
        order = q.get("order", "gold")
        if order not in ORDERS:
            raise ValueError(f"order: {order!r} is not one of {', '.join(ORDERS)}")
        as_of_text = q.get("as_of") or None
        as_of = podium.moment(slug, as_of_text) if as_of_text else None
        sport = q.get("sport") or None
        games = podium.games(slug)
        table = podium.table(slug, as_of=as_of, order=_order(order), sport=sport)
        data = serialize.medal_table(table, podium.nocs(), lang, games.name)
        data["seq"] = podium.store.ledger_seq()
        data["changes"] = [serialize.change(c) for c in podium.changes(slug)]
        words = i18n.WORDS[lang]
        caption = (
            words["caption_as_of"].format(games=games.name, moment=as_of_text)
            if as_of_text
            else words["caption"].format(games=games.name)
        )
        return Page(
            data,
            "table.html",
            lambda: {
                "games": serialize.games(games),
                "caption": caption,
                "order": order,
                "sport": sport or "",
                "as_of": as_of_text or "",
                "days": [d.isoformat() for d in games_days(slug)],
                "sports": sports_at(slug, lang),
                "live": as_of is None and podium.in_progress(slug),
            },
        )

    def noc_page(request: Request, lang: str) -> Page:
        noc = podium.noc(request.path_params["code"])
        slug = request.query_params.get("games") or podium.all_games()[-1].slug
        games = podium.games(slug)
        awards = podium.noc_awards(noc.code, slug)
        athletes = podium.athletes(k for a in awards for k in (a.athlete or "", *a.members))
        nocs = podium.nocs()
        history = podium.noc_games(noc.code)
        events = {e.key: e.title for e in podium.events()}
        data = {
            **serialize.noc(noc, noc.code, lang),
            "games": serialize.games(games),
            "awards": [
                {**serialize.award(a, athletes, nocs, lang), "event_title": events.get(a.event)}
                for a in awards
            ],
            "history": serialize.noc_games(history),
        }

        def chart() -> dict[str, Any]:
            bars = [
                (
                    str(h.games.year),
                    f"{h.games.name}: {h.tally.gold}-{h.tally.silver}-{h.tally.bronze}",
                    h.tally.gold,
                    h.tally.silver,
                    h.tally.bronze,
                )
                for h in history
                if h.games.season == games.season
            ]
            return {"chart": charts.stacked_bars(bars), "season": games.season}

        return Page(data, "noc.html", chart)

    def event_page(request: Request, lang: str) -> Page:
        history = podium.event_history(request.path_params["key"])
        athletes = podium.athletes(
            k for p in history.podiums for a in p.awards for k in (a.athlete or "", *a.members)
        )
        data = serialize.event_history(history, athletes, podium.nocs(), lang)
        data["results"] = full_results(odf_store, history.event.key)  # from the ODF feed
        return Page(data, "event.html")

    def athlete_page(request: Request, lang: str) -> Page:
        career = podium.career(request.path_params["key"])
        athletes = podium.athletes(k for a in career.awards for k in (a.athlete or "", *a.members))
        data = serialize.career(career, athletes, podium.nocs(), lang)
        events = {e.key: e.title for e in podium.events()}
        for award in data["awards"]:
            award["event_title"] = events.get(award["event"])
        return Page(data, "athlete.html")

    def search_page(request: Request, lang: str) -> Page:
        query = request.query_params.get("q", "").strip()
        if len(query) > 200:
            raise ValueError("q: longer than 200 characters")
        matches = podium.search(query) if query else []
        nocs = titles.find_nocs(podium.nocs().values(), query)
        data = {
            "query": query,
            "matches": [serialize.match(m, podium.appearances(m.person.key)) for m in matches],
            "nocs": [serialize.noc(n, n.code, lang) for n in nocs],
            "events": [
                {"key": e.key, "title": titles.event_title(e, lang)}
                for e in titles.find_events(podium.events(), query, lang)
            ],
        }
        return Page(data, "search.html")

    def race_page(request: Request, lang: str) -> Page:
        slug = request.path_params["slug"]
        games = podium.games(slug)
        days = [d.isoformat() for d in games_days(slug)]
        final = podium.table(slug)
        leaders = [r.noc for r in final.rows if r.rank is not None][:RACE_LEADERS]
        me = podium.noc(request.query_params.get("noc") or "NED").code
        if me not in leaders and final.row(me):
            leaders.append(me)
        per_day = [podium.table(slug, as_of=podium.moment(slug, d)) for d in days]
        nocs = podium.nocs()
        series = []
        for code in leaders:
            rows = [t.row(code) for t in per_day]
            golds = [r.gold if r else 0 for r in rows]
            series.append({**serialize.noc(nocs.get(code), code, lang), "golds": golds})
        data = {"games": serialize.games(games), "days": days, "series": series, "noc": me}
        lines = [(s["noc"], f"{s['flag']} {s['name']}", s["golds"]) for s in series]
        shown = [titles.day_short(date.fromisoformat(d), lang) for d in days]
        choices = sorted(
            (serialize.noc(nocs.get(r.noc), r.noc, lang) for r in final.rows),
            key=lambda n: str(n["name"]),
        )
        return Page(
            data,
            "race.html",
            lambda: {"chart": charts.lines(days, lines, shown, me=me), "choices": choices},
        )

    def stories_page(request: Request, lang: str) -> Page:
        """`story.front_page`, each sentence with the facts it says."""
        slug = request.path_params["slug"]
        games = podium.games(slug)
        perspective = podium.noc(request.query_params.get("perspective") or "NED").code
        as_of_text = request.query_params.get("as_of") or None
        as_of = podium.moment(slug, as_of_text) if as_of_text else None
        stories = story.front_page(podium, slug, perspective, lang, as_of, EVENT_STORIES)
        facts = {f.id: f.as_dict() for s in stories for f in s.facts}
        data = {
            "games": serialize.games(games),
            "perspective": serialize.noc(podium.nocs().get(perspective), perspective, lang),
            "as_of": serialize.moment(stories[0].as_of),
            "stories": [
                {
                    "kind": s.kind,
                    "event": s.event or None,
                    "as_of": serialize.moment(s.as_of),
                    **s.as_dict(),
                }
                for s in stories
            ],
            "facts": facts,
            "explained": {
                k: e.as_dict()
                for k, e in evidence.explain(
                    podium, (f for s in stories for f in s.facts), lang
                ).items()
            },
        }

        def choices() -> dict[str, Any]:
            nocs = podium.nocs()
            codes = {r.noc for r in podium.table(slug).rows} | {perspective}
            shown = [serialize.noc(nocs.get(c), c, lang) for c in codes]
            shown.sort(key=lambda n: str(n["name"]))
            return {
                "choices": shown,
                "as_of_text": as_of_text or "",
                "days": [d.isoformat() for d in games_days(slug)],
            }

        return Page(data, "stories.html", choices)

    def add_twin(path: str, kind: str, builder: Callable[[Request, str], Page]) -> None:
        """A page and its JSON twin as routes over one builder."""
        page, data = twin(kind, builder)
        # the twin first: "/games/{slug}" would otherwise take "milano-cortina-2026.json"
        # openapi_extra and responses only document what the builder reads and answers
        app.add_api_route(
            path + ".json",
            data,
            methods=["GET"],
            name=f"{kind}_json",
            openapi_extra=apidoc.read_extra(kind),
            responses=apidoc.read_responses(kind, as_json=True),
        )
        app.add_api_route(
            path,
            page,
            methods=["GET"],
            name=kind,
            response_class=HTMLResponse,
            openapi_extra=apidoc.read_extra(kind),
            responses=apidoc.read_responses(kind, as_json=False),
        )

    for path, kind, builder in (
        ("/games/{slug}/stories", "stories", stories_page),
        ("/games/{slug}/race", "race", race_page),
        ("/games/{slug}", "table", table_page),
        ("/nocs/{code}", "noc", noc_page),
        ("/events/{key:path}", "event", event_page),
        ("/athletes", "search", search_page),
        ("/athletes/{key:path}", "athlete", athlete_page),
    ):
        add_twin(path, kind, builder)

    # -- projection (issue 11) ----------------------------------------------------------
    # The page and its twin read `podium.projection`; the live stream pushes the projection
    # computed in a worker thread after each result, once per result for all its readers.

    def projection_page(request: Request, lang: str) -> Page:
        slug = request.path_params["slug"]
        games = podium.games(slug)
        code = podium.noc(request.query_params.get("noc") or "NED").code
        as_of_text = request.query_params.get("as_of") or None
        as_of = podium.moment(slug, as_of_text) if as_of_text else None
        result = proj.projection(podium, slug, as_of)
        nocs = podium.nocs()
        data = {**proj.as_dict(result, nocs, lang, code), "games": serialize.games(games)}
        path: list[dict[str, Any]] = []
        for moment, then in proj.trajectory(podium, slug, as_of):
            row = then.row(code)
            path.append(
                {
                    "as_of": serialize.moment(moment),
                    "events_decided": then.decided,
                    "expected_gold": row.expected_gold if row else 0.0,
                    "p_top10": row.p_top10 if row else 0.0,
                    "p_first": row.p_first if row else 0.0,
                }
            )
        data["trajectory"] = path

        def chart() -> dict[str, Any]:
            days = [p["as_of"][:10] for p in path]
            lines = [
                (label, f"{label} (%)", [round(100 * (p[key] or 0)) for p in path])
                for key, label in (("p_top10", "P(top 10)"), ("p_first", "P(1)"))
            ]
            shown = [serialize.noc(nocs.get(r.noc), r.noc, lang) for r in result.rows]
            return {
                "chart": charts.lines(days, lines),
                "choices": sorted(shown, key=lambda n: str(n["name"])),
                "as_of_text": as_of_text or "",
                "days": [d.isoformat() for d in games_days(slug)],
                "pw": PROJECTION_WORDS[lang],
            }

        return Page(data, "projection.html", chart)

    add_twin("/games/{slug}/projection", "projection", projection_page)

    computing: dict[tuple[str, int, str], asyncio.Task[str]] = {}

    async def projected(slug: str, seq: int, lang: str) -> str:
        """The projection after ledger entry `seq` as an SSE payload, computed once in a
        worker thread however many streams ask (the event loop keeps serving meanwhile)."""
        key = (slug, seq, lang)
        task = computing.get(key)
        if task is None:

            def compute() -> str:
                result = proj.projection(podium, slug)
                data = proj.as_dict(result, podium.nocs(), lang)
                return json.dumps({"seq": seq, **data}, ensure_ascii=False)

            task = asyncio.create_task(asyncio.to_thread(compute))
            for old in [k for k in computing if k[0] == slug and k[1] < seq]:
                del computing[old]
            computing[key] = task
        return await task

    @app.get(
        "/games/{slug}/projection/live",
        responses={
            200: {
                "description": "server-sent events `projection`, id = ledger sequence",
                "content": {"text/event-stream": {"schema": STRING_SCHEMA}},
            },
            404: {"description": "no such Games", "content": apidoc.json_of(apidoc.READ_ERROR)},
        },
    )
    async def projection_live(request: Request, slug: str) -> Response:
        """Server-sent events: the projection as it now stands, first at once and then after
        every ledger entry of these Games (id = its sequence)."""
        lang = lang_of(request)
        try:
            podium.games(slug)
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)

        async def stream() -> AsyncIterator[dict[str, str]]:
            sent = -1
            async with broadcaster.subscribe() as subscription:
                while True:
                    entries = podium.store.ledger_entries(games=slug, after=max(sent, 0))
                    seq = entries[-1].seq if entries else max(sent, 0)
                    if seq != sent:
                        payload = await projected(slug, seq, lang)
                        sent = seq
                        yield {"event": "projection", "id": str(seq), "data": payload}
                    await subscription.wait(timeout=look_every)

        return EventSourceResponse(stream(), ping=15, headers={"Cache-Control": "no-store"})

    feeds.add_routes(app, podium, clock)  # ninjs, Atom, calendar, the embeddable table

    front, front_json = twin(
        "home", lambda _, lang: Page(home.front_page(podium, lang), "home.html")
    )
    for route, handler, html in (("/index.json", front_json, False), ("/", front, True)):
        app.add_api_route(
            route,
            handler,
            methods=["GET"],
            name="home" if html else "home_json",
            response_class=HTMLResponse if html else JSONResponse,
            openapi_extra=apidoc.read_extra("home"),
            responses=apidoc.read_responses("home", as_json=not html),
        )

    # -- live --------------------------------------------------------------------------

    # Ten thousand open pages woken by one write ask the same question: answer it once, as
    # the encoded event, so each page costs one send of the same bytes.
    messages: dict[tuple[Any, ...], tuple[int, bytes] | None] = {}
    messages_revision = -1

    def live_message(
        slug: str, since: int, order: Order, sport: str | None, lang: str
    ) -> tuple[int, bytes] | None:
        """The ledger entries after `since` and the table as it now stands, as an SSE payload
        with the newest sequence; None when nothing is new."""
        nonlocal messages_revision
        revision = clock.now()
        if revision != messages_revision or len(messages) > 256:
            messages.clear()
            messages_revision = revision
        key = (slug, since, order, sport, lang)
        if key in messages:
            return messages[key]
        entries = podium.store.ledger_entries(games=slug, after=since)
        found: tuple[int, bytes] | None = None
        if entries:
            table = podium.table(slug, order=order, sport=sport)
            data = serialize.medal_table(table, podium.nocs(), lang, podium.games(slug).name)
            data["seq"] = entries[-1].seq
            zone = podium.games(slug).timezone
            news = []
            for e in entries:
                title = event_title(e.event, lang)
                moment = e.effective_at.replace(tzinfo=UTC)
                status = titles.updated_at(moment, zone, title, lang)
                news.append(
                    {
                        "seq": e.seq,
                        "kind": e.kind,
                        "event": e.event,
                        "title": title,
                        "status": status,
                    }
                )
            payload = json.dumps({"entries": news, "table": data}, ensure_ascii=False)
            seq = entries[-1].seq
            event = ServerSentEvent(payload, event="table", id=str(seq), sep="\r\n")
            found = seq, event.encode()
        messages[key] = found
        return found

    def event_title(key: str, lang: str) -> str:
        try:
            return titles.event_title(podium.event(key), lang)
        except NotFound:
            return key

    # SQLite has no NOTIFY: another process's writes (`podium import` into the file being
    # served) are picked up by a look every few seconds; PostgreSQL needs no look.
    look_every = None if broadcaster.crosses_processes else 5.0

    @app.get("/games/{slug}/live")
    async def live(request: Request, slug: str) -> Response:
        """Server-sent events: each carries the ledger sequence as its id and the table as it
        now stands for this page's query; a client reconnecting with Last-Event-ID (or a page
        opening with ?after=) first gets what it missed."""
        lang = lang_of(request)
        sport = request.query_params.get("sport") or None
        try:
            order = _order(request.query_params.get("order", "gold"))
            podium.table(slug, order=order, sport=sport)  # a bad query fails here, not mid-stream
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, 422)
        start = request.headers.get("last-event-id") or request.query_params.get("after")
        try:
            after = int(start) if start else podium.store.ledger_seq()
        except ValueError:
            after = podium.store.ledger_seq()  # an id we never sent: start from now
        if not 0 <= after <= LEDGER_SEQ_MAX:
            detail = f"after: {after} is not a ledger sequence (0 to {LEDGER_SEQ_MAX})"
            return JSONResponse({"error": detail}, 422)

        def next_event() -> bytes | None:
            nonlocal after
            found = live_message(slug, after, order, sport, lang)
            if found is None:
                return None
            after, event = found
            return event

        return EventStream(next_event, broadcaster, look_every)

    # -- the results desk ----------------------------------------------------------------

    def actor(request: Request) -> str:
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise HttpError(401, {"field": "Authorization", "message": "a Bearer token is needed"})
        found = ledger.check_token(token.strip(), podium.store.tokens())
        if found is None:
            raise HttpError(401, {"field": "Authorization", "message": "unknown token"})
        role, label = found
        if role != "editor":
            raise HttpError(403, {"field": "Authorization", "message": f"a {role} cannot write"})
        return label

    def recorded_body(seq: int) -> dict[str, Any]:
        entry = podium.store.ledger_entries(after=seq - 1)[0]
        return ledger.Recorded(seq, entry.kind, entry.games, entry.event, False).as_dict()

    async def write(request: Request, record: Callable[[Any, str, ledger.Idem], Any]) -> Response:
        raw = await request.body()
        response = await writes.answer(lambda: write_now(request, raw, record))
        if response.status_code == 201:
            broadcaster.publish()  # on the loop: the streams' wake-ups are not thread-safe
        return response

    def write_now(
        request: Request, raw: bytes, record: Callable[[Any, str, ledger.Idem], Any]
    ) -> Response:
        who = actor(request)
        key = request.headers.get("idempotency-key")
        idem: ledger.Idem = None
        if key and len(key) > IDEMPOTENCY_KEY_LENGTH:
            detail = {
                "field": "Idempotency-Key",
                "message": f"longer than {IDEMPOTENCY_KEY_LENGTH} characters",
            }
            return JSONResponse({"error": detail}, 422)
        if key:
            digest = hashlib.sha256(request.url.path.encode() + b"\n" + raw).hexdigest()
            earlier = podium.store.idempotent(key)
            if earlier is not None:
                if earlier.request_hash != digest:
                    detail = {"field": "Idempotency-Key", "message": "used for another request"}
                    return JSONResponse({"error": detail}, 422)
                body = recorded_body(int(json.loads(earlier.body)["seq"]))
                return JSONResponse(body, earlier.status, headers={"Idempotent-Replayed": "true"})

            def idem(seq: int) -> dict[str, Any]:
                body = json.dumps({"seq": seq})
                return {"key": key, "request_hash": digest, "status": 201, "body": body}

        try:
            payload = json.loads(raw or b"null")
        except (ValueError, RecursionError):  # nesting thousands deep fits in the size limit
            return JSONResponse({"error": {"field": "body", "message": "not JSON"}}, 400)
        try:
            recorded = record(payload, who, idem)
        except ledger.DeskError as exc:
            return JSONResponse({"error": exc.as_dict()}, exc.status)
        except NotFound as exc:
            return JSONResponse({"error": {"field": "games", "message": str(exc)}}, 404)
        return JSONResponse(recorded.as_dict(), 200 if recorded.duplicate else 201)

    # documents the bearer scheme in the OpenAPI; `actor` does the checking
    bearer = [Security(HTTPBearer(auto_error=False))]

    def write_doc(kind: str) -> dict[str, Any]:
        extra = apidoc.write_extra(kind)
        return {"openapi_extra": extra, "responses": apidoc.WRITE_RESPONSES, "dependencies": bearer}

    @app.post("/api/games/{slug}/results", **write_doc("result"))
    async def post_result(request: Request, slug: Slug) -> Response:
        return await write(request, lambda body, who, idem: desk.result(slug, body, who, idem))

    @app.post("/api/games/{slug}/events/{event:path}/corrections", **write_doc("correction"))
    async def post_correction(request: Request, slug: Slug, event: Event) -> Response:
        return await write(
            request, lambda body, who, idem: desk.correction(slug, event, body, who, idem)
        )

    @app.post(
        "/api/games/{slug}/events/{event:path}/disqualifications",
        **write_doc("disqualification"),
    )
    async def post_disqualification(request: Request, slug: Slug, event: Event) -> Response:
        return await write(
            request, lambda body, who, idem: desk.disqualification(slug, event, body, who, idem)
        )

    @app.get(
        "/api/games/{slug}/ledger",
        responses={
            200: {"description": "the entries", "content": apidoc.json_of(apidoc.LEDGER)},
            404: {"description": "no such Games", "content": apidoc.json_of(apidoc.READ_ERROR)},
        },
    )
    async def ledger_entries(
        slug: str, after: Annotated[int, Query(ge=0, le=LEDGER_SEQ_MAX)] = 0
    ) -> Response:
        return await reads.answer(lambda: ledger_now(slug, after))

    def ledger_now(slug: str, after: int) -> Response:
        try:
            podium.games(slug)
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)
        rows = podium.store.ledger_entries(games=slug, after=after)
        return JSONResponse(
            [
                {
                    "seq": r.seq,
                    "kind": r.kind,
                    "event": r.event,
                    "effective_at": serialize.moment(r.effective_at.replace(tzinfo=UTC)),
                    "recorded_at": serialize.moment(r.recorded_at.replace(tzinfo=UTC)),
                    "actor": r.actor,
                    "reason": r.reason,
                    "request": json.loads(r.payload),
                }
                for r in rows
            ]
        )

    # -- ODF: the official results feed in -----------------------------------------------

    odf_store = OdfStore(podium.store)

    @app.post(
        ODF_PATH,
        openapi_extra=apidoc.ODF_EXTRA,
        responses=apidoc.ODF_RESPONSES,
        dependencies=bearer,
    )
    async def post_odf(request: Request) -> Response:
        """One ODF message as its producer POSTs it (application/xml): applied by the feed's
        rules, medals recorded through the desk; the answer reports what it did."""
        who = actor(request)
        outcome = odf.Feed(podium, who).ingest(await request.body(), "request body")
        if outcome.action not in ("refused", "duplicate", "superseded"):
            broadcaster.publish()
        return JSONResponse(outcome.as_dict(), 422 if outcome.action == "refused" else 200)

    return app


def _order(text: str) -> Order:
    if text not in ORDERS:
        raise ValueError(f"order: {text!r} is not one of {', '.join(ORDERS)}")
    return text


__all__ = ["create_app"]
