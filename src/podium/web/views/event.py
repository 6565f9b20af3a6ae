"""An event's page (`/events/{key}`): its podium at every Games and the full results of the
official feed."""

from __future__ import annotations

from fastapi import APIRouter, Request

from podium import serialize
from podium.odf.results import full_results
from podium.web.schemas import EventKey, EventPage
from podium.web.site import Page, Site, add_twin


def event_page(site: Site, request: Request, lang: str) -> Page:
    podium = site.podium
    history = podium.event_history(request.path_params["key"])
    athletes = podium.athletes(
        k for p in history.podiums for a in p.awards for k in (a.athlete or "", *a.members)
    )
    data = serialize.event_history(history, athletes, podium.nocs(), lang)
    data["results"] = full_results(site.odf_store, history.event.key)  # from the ODF feed
    return Page(data, "event.html")


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/events/{key:path}", "event", event_page, EventPage, key=EventKey)
    return router
