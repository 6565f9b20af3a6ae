"""The news of a Games (`/games/{slug}/stories`) from one country's angle, each sentence
with the facts it says."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from podium import serialize
from podium.news import evidence, story
from podium.web.schemas import Slug, StoriesPage, StoriesQuery
from podium.web.site import Page, Site, add_twin

EVENT_STORIES = 8  # the newest medal events of the reader's country, a story each


def stories_page(site: Site, request: Request, lang: str) -> Page:
    """`story.front_page`, each sentence with the facts it says."""
    podium = site.podium
    slug = request.path_params["slug"]
    games = podium.games(slug)
    perspective = podium.noc(request.query_params.get("perspective") or "NED").code
    as_of_text = request.query_params.get("as_of") or None
    as_of = podium.moment(slug, as_of_text) if as_of_text else None
    stories = story.front_page(podium, slug, perspective, lang, as_of, EVENT_STORIES)
    facts = {f.id: f.as_dict() for s in stories for f in s.facts}
    explained = evidence.explain(podium, (f for s in stories for f in s.facts), lang)
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
        "explained": {k: e.as_dict() for k, e in explained.items()},
    }

    def choices() -> dict[str, Any]:
        codes = {r.noc for r in podium.table(slug).rows} | {perspective}
        return site.noc_picker(slug, codes, lang, as_of_text)

    return Page(data, "stories.html", choices)


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(
        router,
        site,
        "/games/{slug}/stories",
        "stories",
        stories_page,
        StoriesPage,
        StoriesQuery,
        slug=Slug,
    )
    return router
