"""Where a Games will end (`/games/{slug}/projection`): the simulated final table, one
country's spread and its course, and the projection pushed live after each result, computed
once in a worker thread for all its readers."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sse_starlette.sse import EventSourceResponse

from podium import projection as proj
from podium import serialize
from podium.core import NotFound
from podium.web import charts
from podium.web.schemas import Lang, ProjectionPage, ProjectionQuery, ReadError, Slug
from podium.web.site import Page, Site, add_twin

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


def projection_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
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
        return {
            "chart": charts.lines(days, lines),
            **site.noc_picker(slug, (r.noc for r in result.rows), lang, as_of_text),
            "pw": PROJECTION_WORDS[lang],
        }

    return Page(data, "projection.html", chart)


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(
        router,
        site,
        "/games/{slug}/projection",
        "projection",
        projection_page,
        ProjectionPage,
        ProjectionQuery,
        slug=Slug,
    )
    podium = site.podium
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

    @router.get(
        "/games/{slug}/projection/live",
        responses={
            200: {
                "description": "server-sent events `projection`, id = ledger sequence",
                "content": {"text/event-stream": {"schema": STRING_SCHEMA}},
            },
            404: {"description": "no such Games", "model": ReadError},
        },
    )
    async def projection_live(request: Request, slug: Slug, lang: Lang = "") -> Response:
        """Server-sent events: the projection as it now stands, first at once and then after
        every ledger entry of these Games (id = its sequence)."""
        lang = site.lang_of(request)
        try:
            podium.games(slug)
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)

        async def stream() -> AsyncIterator[dict[str, str]]:
            sent = -1
            async with site.broadcaster.subscribe() as subscription:
                while True:
                    entries = podium.store.ledger_entries(games=slug, after=max(sent, 0))
                    seq = entries[-1].seq if entries else max(sent, 0)
                    if seq != sent:
                        payload = await projected(slug, seq, lang)
                        sent = seq
                        yield {"event": "projection", "id": str(seq), "data": payload}
                    await subscription.wait()

        return EventSourceResponse(stream(), ping=15, headers={"Cache-Control": "no-store"})

    return router
