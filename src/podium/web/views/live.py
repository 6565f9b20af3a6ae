"""The live table (`/games/{slug}/live`): server-sent events after every ledger entry, each
the table as it now stands for the page's query."""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from sse_starlette.event import ServerSentEvent

from podium import serialize
from podium.core import NotFound
from podium.news import titles
from podium.table import Order
from podium.web.live import EventStream
from podium.web.site import Site, order_of

LEDGER_SEQ_MAX = 2**31 - 1  # the ledger's sequence column is a 32-bit integer on PostgreSQL


def routes(site: Site) -> APIRouter:
    router = APIRouter()
    podium = site.podium
    # Ten thousand open pages woken by one write ask the same question: answer it once, as
    # the encoded event, so each page costs one send of the same bytes.
    messages: dict[tuple[Any, ...], tuple[int, bytes] | None] = {}
    messages_revision = -1

    def live_message(
        slug: str, since: int, order: Order, sport: str | None, lang: str
    ) -> tuple[int, bytes] | None:
        """The ledger entries after `since` and the table as it now stands, as an SSE payload
        with the newest sequence; None when nothing is new."""
        nonlocal messages_revision
        revision = site.clock.now()
        if revision != messages_revision or len(messages) > 256:
            messages.clear()
            messages_revision = revision
        key = (slug, since, order, sport, lang)
        if key in messages:
            return messages[key]
        entries = podium.store.ledger_entries(games=slug, after=since)
        found: tuple[int, bytes] | None = None
        if entries:
            table = podium.table(slug, order=order, sport=sport)
            data = serialize.medal_table(table, podium.nocs(), lang, podium.games(slug).name)
            data["seq"] = entries[-1].seq
            zone = podium.games(slug).timezone
            news = []
            for e in entries:
                title = event_title(e.event, lang)
                moment = e.effective_at.replace(tzinfo=UTC)
                status = titles.updated_at(moment, zone, title, lang)
                news.append(
                    {
                        "seq": e.seq,
                        "kind": e.kind,
                        "event": e.event,
                        "title": title,
                        "status": status,
                    }
                )
            payload = json.dumps({"entries": news, "table": data}, ensure_ascii=False)
            seq = entries[-1].seq
            event = ServerSentEvent(payload, event="table", id=str(seq), sep="\r\n")
            found = seq, event.encode()
        messages[key] = found
        return found

    def event_title(key: str, lang: str) -> str:
        try:
            return titles.event_title(podium.event(key), lang)
        except NotFound:
            return key

    @router.get("/games/{slug}/live")
    async def live(request: Request, slug: str) -> Response:
        """Server-sent events: each carries the ledger sequence as its id and the table as it
        now stands for this page's query; a client reconnecting with Last-Event-ID (or a page
        opening with ?after=) first gets what it missed."""
        lang = site.lang_of(request)
        sport = request.query_params.get("sport") or None
        try:
            order = order_of(request.query_params.get("order", "gold"))
            podium.table(slug, order=order, sport=sport)  # a bad query fails here, not mid-stream
        except NotFound as exc:
            return JSONResponse({"error": str(exc)}, 404)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, 422)
        start = request.headers.get("last-event-id") or request.query_params.get("after")
        try:
            after = int(start) if start else podium.store.ledger_seq()
        except ValueError:
            after = podium.store.ledger_seq()  # an id we never sent: start from now
        if not 0 <= after <= LEDGER_SEQ_MAX:
            detail = f"after: {after} is not a ledger sequence (0 to {LEDGER_SEQ_MAX})"
            return JSONResponse({"error": detail}, 422)

        def next_event() -> bytes | None:
            nonlocal after
            found = live_message(slug, after, order, sport, lang)
            if found is None:
                return None
            after, event = found
            return event

        return EventStream(next_event, site.broadcaster)

    return router
