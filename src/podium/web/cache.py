"""The read fast path: a rendered page or JSON twin is kept, bytes and headers, for as long as
the database's revision stands, and served again without touching the router, the core or
the database.

What makes that safe is `RevisionClock`: it knows the revision without a query per request.
It reads the revision again when this process has committed since (a SQLAlchemy commit
event), when another process has written (PostgreSQL NOTIFY, see `podium.web.live`), and at
least every `max_age` seconds for writers nobody tells us about (`podium import` into the
SQLite file a server is reading). `max_age` is the HTTP Cache-Control max-age the pages
already carry, so no reader is ever staler than a CDN would have made it anyway.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.store import Store


class RevisionClock:
    def __init__(self, store: Store, max_age: float = 1.0) -> None:
        self.store = store
        self.max_age = max_age
        self._commits = 0
        self._seen_commits = -1
        self._read_at = 0.0
        self._revision = -1
        store.on_commit(self._committed)

    def _committed(self) -> None:
        self._commits += 1

    def invalidate(self) -> None:
        """Another process wrote: read the revision again on the next request."""
        self._seen_commits = -1

    def now(self) -> int:
        """The database's revision, read again only when it may have moved."""
        clock = time.monotonic()
        if self._seen_commits != self._commits or clock - self._read_at > self.max_age:
            # the commit count first: a commit landing during the read forces another read
            self._seen_commits = self._commits
            self._revision = self.store.revision()
            self._read_at = clock
        return self._revision


@dataclass(frozen=True)
class Kept:
    revision: int
    etag: bytes
    start: Message
    body: bytes


class ResponseCache:
    """ASGI middleware: GET responses that carry an ETag and a public Cache-Control are kept per
    (path, query, Accept-Language) and revision; a hit is answered here, a matching
    If-None-Match with 304."""

    def __init__(self, app: ASGIApp, clock: RevisionClock, budget: int = 64 << 20) -> None:
        self.app = app
        self.clock = clock
        self.budget = budget  # bytes of bodies kept, the least recently read dropped first
        self.kept: OrderedDict[tuple[str, bytes, bytes], Kept] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        language = b""
        if_none_match = b""
        for name, value in scope["headers"]:
            if name == b"accept-language":
                language = value
            elif name == b"if-none-match":
                if_none_match = value
        key = (scope["path"], scope["query_string"], language)
        revision = self.clock.now()
        kept = self.kept.get(key)
        if kept is not None and kept.revision == revision:
            self.kept.move_to_end(key)
            if if_none_match and kept.etag in _tags(if_none_match):
                await _not_modified(send, kept.start)
                return
            await send(kept.start)
            await send({"type": "http.response.body", "body": kept.body})
            return
        await self.app(scope, receive, self._keeper(key, revision, send))

    def _keeper(self, key: tuple[str, bytes, bytes], revision: int, send: Send) -> Send:
        start: Message = {}
        etag: bytes | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal etag
            await send(message)
            if message["type"] == "http.response.start":
                start.update(message)
                headers = dict(start.get("headers", []))
                public = headers.get(b"cache-control", b"").startswith(b"public")
                # decided here, so a live stream (no ETag) is never collected
                etag = headers.get(b"etag") if start["status"] == 200 and public else None
                return
            if etag is None or message["type"] != "http.response.body":
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            self._keep(key, Kept(revision, etag, dict(start), b"".join(chunks)))

        return keep

    def _keep(self, key: tuple[str, bytes, bytes], kept: Kept) -> None:
        earlier = self.kept.pop(key, None)
        if earlier is not None:
            self.size -= len(earlier.body)
        self.kept[key] = kept
        self.size += len(kept.body)
        while self.size > self.budget and self.kept:
            _, dropped = self.kept.popitem(last=False)
            self.size -= len(dropped.body)


def _tags(header: bytes) -> list[bytes]:
    return [t.strip() for t in header.split(b",")]


async def _not_modified(send: Send, start: Message) -> None:
    keep = (b"etag", b"cache-control", b"vary", b"content-language")
    headers = [(k, v) for k, v in start.get("headers", []) if k in keep]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
