"""Athletes: the search (`/athletes?q=`) and an athlete's Olympic career (`/athletes/{key}`)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from podium import serialize
from podium.news import titles
from podium.web.schemas import AthleteKey, AthletePage, SearchPage, SearchQuery
from podium.web.site import Page, Site, add_twin

MAX_QUERY = 200  # characters of a search


def search_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    query = request.query_params.get("q", "").strip()
    if len(query) > MAX_QUERY:
        raise ValueError(f"q: longer than {MAX_QUERY} characters")
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


def athlete_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    career = podium.career(request.path_params["key"])
    athletes = podium.athletes(k for a in career.awards for k in (a.athlete or "", *a.members))
    data = serialize.career(career, athletes, podium.nocs(), lang)
    events = {e.key: e.title for e in podium.events()}
    for award in data["awards"]:
        award["event_title"] = events.get(award["event"])
    return Page(data, "athlete.html")


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/athletes", "search", search_page, SearchPage, SearchQuery)
    add_twin(
        router, site, "/athletes/{key:path}", "athlete", athlete_page, AthletePage, key=AthleteKey
    )
    return router
