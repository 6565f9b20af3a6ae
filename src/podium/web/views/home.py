"""The front page (`/`, its twin `/index.json`): the Games being decided now, the recent
ones, every Games, and the countries of the latest (`podium.web.home`)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from podium.web import home
from podium.web.schemas import HomePage
from podium.web.site import Page, Site, add_twin


def front_page(site: Site, request: Request, lang: str) -> Page:
    return Page(home.front_page(site.podium, lang), "home.html")


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    add_twin(router, site, "/", "home", front_page, HomePage, json_path="/index.json")
    return router
