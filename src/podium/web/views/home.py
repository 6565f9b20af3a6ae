"""The front page (`/`, its twin `/index.json`): the Games being decided now, the recent
ones, every Games by season, and the countries of the latest Games, each named in the
reader's language."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from podium import serialize
from podium.core import Podium
from podium.news import titles
from podium.web.schemas import HomePage
from podium.web.site import Page, Site, add_twin

RECENT = 4


def front_page_data(podium: Podium, lang: str) -> dict[str, Any]:
    ordered = sorted(podium.all_games(), key=lambda g: g.starts_at, reverse=True)

    def shown(g: Any) -> dict[str, Any]:
        return {**serialize.games(g), "title": titles.games_title(g, lang)}

    latest = ordered[0] if ordered else None
    nocs = podium.nocs()
    countries = []
    if latest is not None:
        codes = {r.noc for r in podium.table(latest.slug).rows}
        countries = sorted(
            (serialize.noc(nocs.get(c), c, lang) for c in codes), key=lambda n: str(n["name"])
        )
    return {
        "live": [shown(g) for g in ordered[:RECENT] if podium.in_progress(g.slug)],
        "recent": [shown(g) for g in ordered[:RECENT]],
        "games": [shown(g) for g in ordered],
        "latest": latest.slug if latest else None,
        "countries": countries,
    }


def front_page(site: Site, request: Request, lang: str) -> Page:
    return Page(front_page_data(site.podium, lang), "home.html")


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/", "home", front_page, HomePage, json_path="/index.json")
    return router
