"""The race for gold (`/games/{slug}/race`): the leading countries' golds day by day."""

from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Request

from podium import serialize
from podium.news import titles
from podium.web import charts
from podium.web.schemas import RacePage, RaceQuery, Slug
from podium.web.site import Page, Site, add_twin

RACE_LEADERS = 8


def race_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    slug = request.path_params["slug"]
    games = podium.games(slug)
    days = [d.isoformat() for d in site.games_days(slug)]
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


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/games/{slug}/race", "race", race_page, RacePage, RaceQuery, slug=Slug)
    return router
