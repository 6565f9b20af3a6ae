"""The medal table of a Games (`/games/{slug}`) and its JSON twin: any order, one sport, or
as it stood at a moment."""

from __future__ import annotations

from fastapi import APIRouter, Request

from podium import serialize
from podium.news import titles
from podium.web import i18n
from podium.web.schemas import MedalTable, Slug, TableQuery
from podium.web.site import Page, Site, add_twin, order_of


def sports_at(site: Site, slug: str, lang: str) -> list[tuple[str, str]]:
    by_key = {e.key: e for e in site.podium.events()}
    played = {by_key[c.event].discipline for c in site.podium.contests(slug) if c.event in by_key}
    return titles.sport_choices(played, lang)


def table_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    slug = request.path_params["slug"]
    q = request.query_params
    order = order_of(q.get("order", "gold"))
    as_of_text = q.get("as_of") or None
    as_of = podium.moment(slug, as_of_text) if as_of_text else None
    sport = q.get("sport") or None
    games = podium.games(slug)
    table = podium.table(slug, as_of=as_of, order=order, sport=sport)
    data = serialize.medal_table(table, podium.nocs(), lang, games.name)
    data["seq"] = podium.ledger_seq()
    data["changes"] = [serialize.change(c) for c in podium.changes(slug)]
    # a sport's table is not the whole table the projection is of
    column, final = site.columns.get(slug, as_of) if sport is None else ({}, True)
    data["projection"] = column
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
            "days": [d.isoformat() for d in site.games_days(slug)],
            "sports": sports_at(site, slug, lang),
            "live": as_of is None and podium.in_progress(slug),
        },
        final,
    )


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/games/{slug}", "table", table_page, MedalTable, TableQuery, slug=Slug)
    return router
