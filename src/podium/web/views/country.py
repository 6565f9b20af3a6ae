"""A country's page (`/nocs/{code}`): its medals at one Games and its record at every Games."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from podium import serialize
from podium.core import NotFound
from podium.web import charts
from podium.web.schemas import Code, NocPage, NocQuery
from podium.web.site import Page, Site, add_twin


def noc_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    noc = podium.noc(request.path_params["code"])
    every = podium.all_games()
    if not every:
        raise NotFound("no Games in this database yet (`podium import` adds them)")
    slug = request.query_params.get("games") or every[-1].slug
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


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/nocs/{code}", "noc", noc_page, NocPage, NocQuery, code=Code)
    return router
