"""Fan-out of "the database moved on" to every open live page, in this process and, on
PostgreSQL, in every other server process on the same database.

A message is only a wake-up: each listener reads what it missed from the database itself,
so a dropped or merged wake-up loses nothing and a reconnecting client catches up the same way
(Last-Event-ID). Across processes the wake-up is PostgreSQL's NOTIFY, sent by the writer inside
its transaction (so it is delivered exactly when the write commits) and received here on one
LISTEN connection per process: no polling.

Ten thousand live tables cost one write each per result. Where the server offers it (the
`STREAM_BODY` extension of `podium.web.server`), a live table's events go straight to its
connection from the wake-up itself: no task woken, no pass through the ASGI stack and h11
(which cost about 110 microseconds per client per event, and 1.3 s for ten thousand).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from typing import Protocol

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from podium.store import Store

log = logging.getLogger("podium.live")

# The ASGI scope extension under which a server offers a streamed response's body as a
# `Body`, to be opened once the response has started (see podium.web.server.StreamBody).
STREAM_BODY = "podium.stream_body"
PING = b": ping\r\n\r\n"


class Listener(Protocol):
    def notify(self) -> None:
        """The database may have moved on: called on the event loop, it must not block."""


class Body(Protocol):
    def write(self, data: bytes) -> None:
        """Send `data` as the next part of the response body, now."""


class Subscription:
    """One pending wake-up (enough: the subscriber reads everything new when it wakes), as a
    bare future: ten thousand of them woken by one write cost no task each."""

    def __init__(self) -> None:
        self._woken = False
        self._waiter: asyncio.Future[None] | None = None

    def notify(self) -> None:
        self._woken = True
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_result(None)

    async def wait(self) -> None:
        """Until woken: by a write, or by the broadcaster's tick."""
        if not self._woken:
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        self._woken = False


class LiveTable:
    """A live page whose events are written to its connection by the wake-up itself: the
    event for its query when there is one (the same bytes for every page of that query), else
    a keep-alive comment once `ping` seconds passed without a line."""

    def __init__(self, next_event: Callable[[], bytes | None], body: Body, ping: float) -> None:
        self.next_event = next_event
        self.body = body
        self.ping = ping
        self.sent = time.monotonic()

    def notify(self) -> None:
        event = self.next_event()
        if event is None:
            if time.monotonic() - self.sent < self.ping:
                return
            event = PING
        self.body.write(event)
        self.sent = time.monotonic()


class EventStream(Response):
    """A server-sent event stream, lean enough for ten thousand at once. `next_event` gives
    the encoded event when there is a new one (built once for all pages of one query). Each
    wake-up sends it, or a comment line as a keep-alive when `ping` seconds passed without
    one. Written straight to the connection where the server offers `STREAM_BODY`, else sent
    through ASGI by a task per client."""

    def __init__(self, next_event: Callable[[], bytes | None], broadcaster: Broadcaster) -> None:
        super().__init__(status_code=200)
        self.next_event = next_event
        self.broadcaster = broadcaster

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": STREAM_HEADERS})
        offered = scope.get("extensions", {}).get(STREAM_BODY)
        if offered is not None and scope["method"] != "HEAD":
            page = LiveTable(self.next_event, offered["open"](), self.broadcaster.ping)
            with self.broadcaster.listening(page):
                page.notify()  # what a reconnecting page missed, at once
                while (await receive())["type"] != "http.disconnect":
                    pass
            return
        await self._through_asgi(receive, send)

    async def _through_asgi(self, receive: Receive, send: Send) -> None:
        async with self.broadcaster.subscribe() as subscription:
            closed = False

            async def watch() -> None:
                nonlocal closed
                while (await receive())["type"] != "http.disconnect":
                    pass
                closed = True
                subscription.notify()

            watcher = asyncio.create_task(watch())
            try:
                sent = time.monotonic()
                while not closed:
                    event = self.next_event()
                    if event is None and time.monotonic() - sent >= self.broadcaster.ping:
                        event = PING
                    if event is not None:
                        await send({"type": "http.response.body", "body": event, "more_body": True})
                        sent = time.monotonic()
                    await subscription.wait()
            finally:
                watcher.cancel()


STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
]


class Broadcaster:
    """Wakes every live listener of this process: on a write in this process (`publish`),
    once `start`ed on PostgreSQL on every NOTIFY from any process, and every few seconds (a
    tick) for the keep-alives and, on SQLite, for another process's writes, which nobody
    tells us of.

    A wake-up goes to the listeners `BATCH` at a time, the event loop free between batches,
    the longest-listening first; a write during a round is taken up by another round."""

    BATCH = 1000

    def __init__(
        self, store: Store, on_change: Callable[[], None] = lambda: None, ping: float = 15.0
    ) -> None:
        self.store = store
        self.on_change = on_change
        self.ping = ping  # seconds without a line after which a stream sends a keep-alive
        # SQLite has no NOTIFY: another process's writes (`podium import` into the file being
        # served) are picked up by a look every few seconds; PostgreSQL needs no look.
        self.look_every: float | None = None if self.crosses_processes else 5.0
        self._listeners: dict[Listener, None] = {}  # a set in the order they came
        self._round: list[Listener] | None = None
        self._again = False
        self._listen_task: asyncio.Task[None] | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    @property
    def crosses_processes(self) -> bool:
        return self.store.dialect == "postgresql"

    @contextmanager
    def listening(self, listener: Listener) -> Iterator[None]:
        self._listeners[listener] = None
        try:
            yield
        finally:
            self._listeners.pop(listener, None)

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Subscription]:
        """A `Subscription` to wait on, for a stream with a task of its own."""
        subscription = Subscription()
        with self.listening(subscription):
            yield subscription

    def publish(self) -> None:
        """This process wrote: on the event loop (the listeners' wake-ups are not
        thread-safe)."""
        self.on_change()
        self.wake()

    def wake(self) -> None:
        if self._round is not None:
            self._again = True
            return
        self._round = list(self._listeners)
        self._wake_from(0)

    def _wake_from(self, start: int) -> None:
        assert self._round is not None
        for listener in self._round[start : start + self.BATCH]:
            if listener in self._listeners:  # not gone meanwhile
                try:
                    listener.notify()
                except Exception:  # one broken stream must not stop the others' events
                    log.exception("live updates: a listener failed")
        if start + self.BATCH < len(self._round):
            asyncio.get_running_loop().call_soon(self._wake_from, start + self.BATCH)
            return
        self._round = None
        if self._again:
            self._again = False
            self.wake()

    async def start(self, wait: float = 5.0) -> None:
        """Start the tick and listening (PostgreSQL), and give it `wait` seconds to be
        listening before the server takes requests; a database not there yet is logged and
        retried meanwhile."""
        if self._ticker is None:
            self._ticker = asyncio.create_task(self._tick(), name="podium-live-tick")
        if self.crosses_processes and self._listen_task is None:
            self._listening = asyncio.Event()
            self._listen_task = asyncio.create_task(self._listen(), name="podium-listen")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._listening.wait(), wait)

    async def stop(self) -> None:
        for task in (self._listen_task, self._ticker):
            if task is not None:
                task.cancel()
                with suppress(asyncio.CancelledError):
                    await task
        self._listen_task = self._ticker = None

    async def _tick(self) -> None:
        # twice per `ping`: a stream's keep-alive is never more than half a ping late
        every = min(self.ping / 2, self.look_every or self.ping)
        while True:
            await asyncio.sleep(every)
            self.wake()

    async def _listen(self) -> None:
        delay = 0.5
        while True:
            try:
                async for _ in self.store.notifications():
                    # the first item is "listening": anything written while we were not
                    # listening is read by the woken streams, so a reconnect loses nothing
                    self.publish()
                    self._listening.set()
                    delay = 0.5
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # any failure of the connection or the server
                log.warning(
                    "live updates: the PostgreSQL LISTEN connection failed (%s: %s); "
                    "reconnecting in %.1f s",
                    type(exc).__name__,
                    exc,
                    delay,
                )
            await asyncio.sleep(delay)
            delay = min(delay * 2, 10.0)
