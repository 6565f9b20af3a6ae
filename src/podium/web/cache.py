"""The read fast path: a rendered page or JSON twin is kept, bytes and headers, for as long as
the database's revision stands, and served again without touching the router, the core or
the database.

What makes that safe is `RevisionClock`: it knows the revision without a query per request.
It reads the revision again when this process has committed since (a SQLAlchemy commit
event), when another process has written (PostgreSQL NOTIFY, see `podium.web.live`), and at
least every `max_age` seconds for writers nobody tells us about (`podium import` into the
SQLite file a server is reading). `max_age` is the HTTP Cache-Control max-age the pages
already carry, so no reader is ever staler than a CDN would have made it anyway.

After a write through this app, the pages read most recently are built again before the
write is answered, on a thread of their own, while the event loop goes on serving: a reader
of one of them meanwhile gets the previous revision's body, marked stale (max-age=0), since
the write is not yet acknowledged to anyone. So readers of a live table never queue behind
its rebuild (what set the read p99 under load), and a reader after the acknowledgement
still sees the write: the very next read has it. The revision moves when the write commits,
on the write pool's thread, before its answer is sent: a reader that sees the new revision
while a write is in flight starts the rebuild as the write's answer would have (under load
one always comes first, and would otherwise build the page itself, on the event loop). One
rebuild at a time, each page at the newest revision when it is begun: a write that lands
meanwhile moves the rest of the rebuild on to its revision, the pages not yet built first.
The wait is capped at `max_age`, and so is the time a page is answered stale; past it the
write is answered and a page not yet built again is built by its first reader, as before.

A page may also be built before a part of it is ready (the table's projection column, which
`podium.web.columns` computes elsewhere after a write): such a page says so with max-age=0,
and is kept only until `parts` (a count of parts made ready) moves on.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from podium.store import Store
from podium.web import i18n

# Every query parameter a page or stream reads. Anything else is dropped before the router
# sees it, so a junk parameter can neither make a new cache entry nor reach a handler: a page
# that reads a new parameter must add it here (deploy/nginx.conf keys on the same list).
# every parameter a page reads (the search box's q; the projection's, calendar's and embed's)
QUERY_PARAMETERS = frozenset(
    {"lang", "order", "sport", "as_of", "games", "perspective", "after", "q", "noc"}
    | {"top", "mode", "theme", "medal"}
)
ENTRY_OVERHEAD = 512  # bytes an entry costs beyond its key, headers and body (objects, dict)
# What is built again after a write, before it is answered: the pages read most recently, up
# to this many, that took at most this long to build, waiting included (a stories page, two
# seconds or more, is left to its next reader rather than hold up the desk).
REFRESH_PAGES = 48
REFRESH_SLOWEST = 1.0  # seconds
# the request headers a page depends on (the language is already reduced to one of ours)
REFRESH_HEADERS = (b"host", b"accept-language")


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
    size: int  # what it costs the budget: key, headers, body and overhead
    took: float = 0.0  # seconds the app took to build it
    request: Scope | None = None  # the request it answered, to build it again after a write
    partial: int | None = None  # built before a part was ready: `parts` when it was begun


class ResponseCache:
    """ASGI middleware: GET responses that carry an ETag and a public Cache-Control are kept per
    (path, known query parameters, language) and revision; a hit is answered here, a matching
    If-None-Match with 304. Bounded by entries and by bytes of keys, headers and bodies; a new
    revision drops every entry of the old one."""

    def __init__(
        self,
        app: ASGIApp,
        clock: RevisionClock,
        budget: int = 64 << 20,
        entries: int = 4096,
        refresh: bool = True,
        parts: Callable[[], int] = lambda: 0,
    ) -> None:
        self.app = app
        self.clock = clock
        self.budget = budget  # bytes kept, the least recently read dropped first
        self.entries = entries
        self.kept: OrderedDict[tuple[str, bytes, str], Kept] = OrderedDict()
        self.size = 0
        self.revision = -1
        self.building: dict[tuple[tuple[str, bytes, str], int], asyncio.Event] = {}
        self.refresh = refresh
        self.parts = parts
        # while a write's pages are built again: their latest bodies, and since when each
        # is not of the current revision (`max_age` past that, it is not answered)
        self.stale: OrderedDict[tuple[str, bytes, str], Kept] = OrderedDict()
        self.stale_since: dict[tuple[str, bytes, str], float] = {}
        self.writing = 0  # writes in flight through this app
        self.refreshing: asyncio.Task[None] | None = None
        self._step: asyncio.Future[None] | None = None  # done when the next page is built
        self._refresher = ThreadPoolExecutor(1, thread_name_prefix="podium-refresh")
        self._loop: asyncio.AbstractEventLoop | None = None  # the refresher thread's

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD"):
            self.writing += 1
            try:
                await self.app(scope, receive, self._after_write(send) if self.refresh else send)
            finally:
                self.writing -= 1
            return
        started = time.monotonic()
        scope, key = normalised(scope)
        if scope["path"].endswith("/live"):  # a stream is never kept: no wrapper on its sends
            await self.app(scope, receive, send)
            return
        if_none_match = b""
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                if_none_match = value
        revision = self.clock.now()
        if revision != self.revision:
            # a write in flight moved it (its answer not sent yet): its rebuild starts here
            self._advance(revision, keep_stale=self.refresh and self.writing > 0)
        if scope["method"] == "HEAD":
            # a page answers HEAD as it answers GET, without the body
            scope = {**scope, "method": "GET"}
            send = _headers_only(send)
        kept = self.kept.get(key)
        if kept is not None and not self._whole(kept) and self._refreshable(kept):
            self._outgrown(key, kept)  # answered as it is (marked partial) until built again
            kept = None
        if kept is None and key in self.stale:
            if time.monotonic() - self.stale_since[key] <= self.clock.max_age:
                self.stale.move_to_end(key)
                await _answer(send, self.stale[key], if_none_match, stale=True)
                return
            self._unstale(key)  # its rebuild is late: this reader builds it, as before
        building = self.building.get((key, revision))
        if building is not None:
            # the same page is being built: wait for it rather than build it again (a burst
            # of readers right after a write would otherwise fill the read pool with copies)
            await building.wait()
        kept = self.kept.get(key)
        if kept is not None and kept.revision == revision and self._whole(kept):
            self.kept.move_to_end(key)
            await _answer(send, kept, if_none_match)
            return
        if building is not None:  # not kept after all (an error, a stream): build our own
            await self.app(scope, receive, send)
            return
        self.building[(key, revision)] = done = asyncio.Event()
        try:
            await self.app(scope, receive, self._keeper(key, revision, send, scope, started))
        finally:
            del self.building[(key, revision)]
            done.set()

    def _refreshable(self, kept: Kept) -> bool:
        return self.refresh and kept.request is not None and kept.took <= REFRESH_SLOWEST

    def _outgrown(self, key: tuple[str, bytes, str], kept: Kept) -> None:
        """A page of this revision built before a part that is ready now: it goes to `stale`
        and is built again on the refresher, not by the reader on the event loop."""
        del self.kept[key]
        self.size -= kept.size
        self._stale(key, kept, time.monotonic())
        self._start_rebuild()

    def _start_rebuild(self) -> None:
        loop = asyncio.get_running_loop()
        if self.refreshing is not None and self.refreshing.get_loop() is not loop:
            self.refreshing = self._step = None  # its loop is gone (a test client's)
        if self.stale and self.refreshing is None:
            self._step = loop.create_future()
            self.refreshing = loop.create_task(self._rebuild())

    def _whole(self, kept: Kept) -> bool:
        """Not built before a part that is ready now."""
        return kept.partial is None or kept.partial == self.parts()

    def _advance(self, revision: int, keep_stale: bool) -> None:
        """A new revision: nothing older is kept (revisions only move on); with `keep_stale`
        (a write of ours is in flight) the pages that can be built again in time stay as
        `stale` and their rebuild begins, unless one is under way (it takes this revision up)."""
        if keep_stale and self.revision != -1:
            now = time.monotonic()
            for key, kept in self.kept.items():
                if self._refreshable(kept):
                    self._stale(key, kept, now)
            while len(self.stale) > REFRESH_PAGES:
                self._unstale(next(iter(self.stale)))
            self._start_rebuild()
        self.kept.clear()
        self.size = 0
        self.revision = revision

    def _stale(self, key: tuple[str, bytes, str], kept: Kept, since: float) -> None:
        """`kept` answered stale from `since` while its page is built again (the most
        recently made stale last)."""
        self.stale[key] = kept
        self.stale.move_to_end(key)
        self.stale_since[key] = since

    def _unstale(self, key: tuple[str, bytes, str]) -> None:
        self.stale.pop(key, None)
        self.stale_since.pop(key, None)

    def _after_write(self, send: Send) -> Send:
        """`send` that, before a write's answer goes out, waits (up to `max_age`) for the hot
        pages to be built again when the write moved the revision (see the module's
        docstring)."""

        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                revision = self.clock.now()
                if revision != self.revision:
                    self._advance(revision, keep_stale=True)
                await self._built_at(revision)
            await send(message)

        return answer

    async def _built_at(self, revision: int) -> None:
        """Until no page being built again is older than `revision`, or `max_age`."""
        deadline = time.monotonic() + self.clock.max_age
        while any(kept.revision < revision for kept in self.stale.values()):
            left = deadline - time.monotonic()
            if self.refreshing is None or self._step is None or left <= 0:
                return
            await asyncio.wait([self.refreshing, self._step], timeout=left)

    async def _rebuild(self) -> None:
        """Build the `stale` pages again, one at a time on the refresher's thread, each at the
        newest revision: the pages least recently built first (of those, the most recently
        read), until none is left (or each was tried once at this revision). One answered
        stale for `max_age` is built by its next reader instead (and is no longer `stale`)."""
        loop = asyncio.get_running_loop()
        tried: set[tuple[tuple[str, bytes, str], int, int]] = set()  # key, revision, parts
        try:
            while True:
                waiting = [
                    (kept.revision, i, key)
                    for i, (key, kept) in enumerate(reversed(self.stale.items()))
                    if (key, self.revision, self.parts()) not in tried
                ]
                if not waiting:
                    break
                _, _, key = min(waiting)
                revision = self.revision
                tried.add((key, revision, self.parts()))
                request = self.stale[key].request
                assert request is not None
                try:
                    kept = await loop.run_in_executor(
                        self._refresher,
                        _build,
                        self.app,
                        key,
                        request,
                        revision,
                        self.parts,
                        self._run,
                    )
                except Exception:  # its next reader builds it, and meets the error in its answer
                    kept = None
                if kept is not None:
                    self._keep(key, kept)
                self._stepped()
        finally:
            self._stepped()
            self.refreshing = self._step = None
            self.stale.clear()
            self.stale_since.clear()

    def _stepped(self) -> None:
        """A page was built again (or the rebuild ended): a write waiting for it looks again."""
        step = self._step
        if step is not None and not step.done():
            self._step = step.get_loop().create_future()
            step.set_result(None)

    def _run(self, work: Awaitable[None]) -> object:
        """`work` run to its end on the refresher thread's event loop (made once: one per
        page built would cost more than the page)."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop.run_until_complete(work)

    def close(self) -> None:
        self._refresher.shutdown(wait=True, cancel_futures=True)
        if self._loop is not None:
            self._loop.close()

    def _keeper(
        self,
        key: tuple[str, bytes, str],
        revision: int,
        send: Send,
        request: Scope | None = None,
        started: float | None = None,
    ) -> Send:
        start: Message = {}
        etag: bytes | None = None
        chunks: list[bytes] = []
        began = time.monotonic() if started is None else started
        parts = self.parts()

        async def keep(message: Message) -> None:
            nonlocal etag
            await send(message)
            if message["type"] == "http.response.start":
                start.update(message)
                etag = _keepable(start)
                return
            if etag is None or message["type"] != "http.response.body":
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            took = time.monotonic() - began
            self._keep(key, _kept(key, revision, etag, start, chunks, took, request, parts))

        return keep

    def _keep(self, key: tuple[str, bytes, str], kept: Kept) -> None:
        if kept.size > self.budget:
            return
        if kept.revision != self.revision:  # built before the latest write: already stale
            earlier = self.stale.get(key)
            if earlier is not None and earlier.revision < kept.revision:
                self.stale[key] = kept  # but newer than the one answered meanwhile
                self.stale_since[key] = time.monotonic()
            return
        self._unstale(key)
        earlier = self.kept.pop(key, None)
        if earlier is not None:
            self.size -= earlier.size
        self.kept[key] = kept
        self.size += kept.size
        while self.kept and (self.size > self.budget or len(self.kept) > self.entries):
            _, dropped = self.kept.popitem(last=False)
            self.size -= dropped.size


def normalised(scope: Scope) -> tuple[Scope, tuple[str, bytes, str]]:
    """The request as the app sees it (only the known query parameters, in a fixed order, and
    Accept-Language reduced to the language it picks) and its cache key."""
    pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
    # names in any case, the first of a repeated one: what nginx's $arg_NAME takes, so the
    # micro-cache's key and the page the app builds always agree
    first: dict[str, str] = {}
    for name, value in pairs:
        first.setdefault(name.lower(), value)
    known = sorted((k, v) for k, v in first.items() if k in QUERY_PARAMETERS and v != "")
    accept = None
    for name, value in scope["headers"]:
        if name == b"accept-language":
            accept = value.decode("latin-1")
    lang = i18n.pick(dict(known).get("lang"), accept)
    known = [(k, v) for k, v in known if k != "lang" or v == lang]
    query = urlencode(known).encode()
    headers = [(k, v) for k, v in scope["headers"] if k != b"accept-language"]
    headers.append((b"accept-language", lang.encode()))
    scope = {**scope, "query_string": query, "headers": headers}
    return scope, (scope["path"], query, lang)


def _keepable(start: Message) -> bytes | None:
    """The ETag of a response that may be kept: a 200, public, with an ETag (so a live
    stream, which has none, is never collected)."""
    headers = dict(start.get("headers", []))
    public = headers.get(b"cache-control", b"").startswith(b"public")
    return headers.get(b"etag") if start["status"] == 200 and public else None


def _kept(
    key: tuple[str, bytes, str],
    revision: int,
    etag: bytes,
    start: Message,
    chunks: list[bytes],
    took: float,
    request: Scope | None,
    parts: int,
) -> Kept:
    body = b"".join(chunks)
    size = ENTRY_OVERHEAD + len(key[0]) + len(key[1]) + len(body)
    size += sum(len(k) + len(v) for k, v in start.get("headers", []))
    if request is not None:
        headers = [(k, v) for k, v in request["headers"] if k in REFRESH_HEADERS]
        request = {**request, "headers": headers}
    control = dict(start.get("headers", [])).get(b"cache-control", b"")
    partial = parts if b"max-age=0" in control else None
    return Kept(revision, etag, dict(start), body, size, took, request, partial)


def _build(
    app: ASGIApp,
    key: tuple[str, bytes, str],
    request: Scope,
    revision: int,
    parts: Callable[[], int],
    run: Callable[[Awaitable[None]], object],
) -> Kept | None:
    """`request` built again on this (the refresher's) thread, on its event loop (`run`);
    None if its answer is not one to keep (an error)."""
    start: Message = {}
    chunks: list[bytes] = []
    began = time.monotonic()
    ready = parts()

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))

    run(app(dict(request), receive, send))
    etag = _keepable(start) if start else None
    if etag is None:
        return None
    took = time.monotonic() - began
    return _kept(key, revision, etag, start, chunks, took, request, ready)


async def _answer(send: Send, kept: Kept, if_none_match: bytes, stale: bool = False) -> None:
    """A kept page, or 304 when the client has it; a `stale` one (the revision before a write
    still settling) with max-age=0, so no cache downstream keeps it."""
    start = kept.start
    if stale:
        headers = [(k, v) for k, v in start.get("headers", []) if k != b"cache-control"]
        start = {**start, "headers": [*headers, (b"cache-control", b"public, max-age=0")]}
    if if_none_match and kept.etag in _tags(if_none_match):
        await _not_modified(send, start)
        return
    await send(start)
    await send({"type": "http.response.body", "body": kept.body})


def _headers_only(send: Send) -> Send:
    async def head(message: Message) -> None:
        if message["type"] == "http.response.body":
            message = {**message, "body": b""}
        await send(message)

    return head


def _tags(header: bytes) -> list[bytes]:
    return [t.strip() for t in header.split(b",")]


async def _not_modified(send: Send, start: Message) -> None:
    keep = (b"etag", b"cache-control", b"vary", b"content-language")
    headers = [(k, v) for k, v in start.get("headers", []) if k in keep]
    await send({"type": "http.response.start", "status": 304, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
