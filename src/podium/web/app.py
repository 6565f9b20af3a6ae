"""The web app factory: pages and their JSON twins over one `Podium`, live updates by
server-sent events, and the results desk's write API, one view module per page family
(`podium.web.views`), all over one `Site`.

Heavy pages (`site.HEAVY`) and writes are computed off the event loop, on small bounded
thread pools (`workers.Workers`: reads on one, desk writes on their own), so a slow page never
stalls a write or a cached read; a full pool answers 503 with Retry-After (more processes over
PostgreSQL is how this scales: `podium serve --workers N`). Rendered responses are kept per
revision by `cache.ResponseCache` in front of the router, so a repeated read costs no
database work at all; a matching If-None-Match answers 304.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from podium.core import Podium
from podium.web.cache import ResponseCache, RevisionClock
from podium.web.guard import Guard, Limits
from podium.web.live import Broadcaster
from podium.web.site import HERE, MAX_AGE, Site
from podium.web.views import (
    athletes,
    country,
    desk,
    docs,
    errors,
    event,
    feeds,
    home,
    live,
    projection,
    race,
    stories,
    table,
)
from podium.web.workers import Workers

# in this order: a page family's routes may not be shadowed by an earlier family's
VIEWS = (stories, race, table, country, event, athletes, projection, feeds, home, live, desk, docs)


def create_app(source: Podium | str | None = None, limits: Limits | None = None) -> FastAPI:
    """The app over a Podium, or over the database at a path or URL (migrated first);
    `limits` on bodies and the write rate (`guard.Limits()` when not given)."""
    podium = source if isinstance(source, Podium) else Podium(source)
    clock = RevisionClock(podium.store, max_age=MAX_AGE)
    site = Site(
        podium=podium,
        clock=clock,
        broadcaster=Broadcaster(podium.store, on_change=clock.invalidate),
        reads=Workers("read", threads=2, queue=62),
        writes=Workers("write", threads=1, queue=63),
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await site.broadcaster.start()
        hooks = feeds.Webhooks(podium)
        try:
            yield
        finally:
            hooks.stop()
            await site.broadcaster.stop()
            site.reads.close()
            site.writes.close()
            site.columns.close()

    # /api/docs is our own (views.docs): FastAPI's would load Swagger UI from a CDN
    app = FastAPI(title="Podium", docs_url=None, openapi_url=docs.OPENAPI, lifespan=lifespan)
    app.state.podium = podium
    app.state.broadcaster = site.broadcaster
    app.state.site = site
    # the guard inside the cache: a cached read never reaches it
    app.add_middleware(Guard, limits=limits)
    app.add_middleware(ResponseCache, clock=clock, parts=lambda: site.columns.ready)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.mount(docs.ASSETS, docs.assets(), name="docs_assets")
    for kind, handler in errors.handlers(site).items():
        app.add_exception_handler(kind, handler)
    for view in VIEWS:
        # flat, not app.include_router: FastAPI (0.165) includes a router as one lazy branch
        # that every request walks into, and app.routes would list branches, not routes
        app.router.routes.extend(view.routes(site).routes)
    return app


__all__ = ["create_app"]
