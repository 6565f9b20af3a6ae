"""Fan-out of "the database moved on" to every open live page, in this process and, on
PostgreSQL, in every other server process on the same database.

A message is only a wake-up: each subscriber reads what it missed from the database itself,
so a dropped or merged wake-up loses nothing and a reconnecting client catches up the same way
(Last-Event-ID). Across processes the wake-up is PostgreSQL's NOTIFY, sent by the writer inside
its transaction (so it is delivered exactly when the write commits) and received here on one
LISTEN connection per process: no polling.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from podium.store import Store

log = logging.getLogger("podium.live")


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

    async def wait(self, timeout: float | None = None) -> bool:
        """True when woken, False when the timeout passed first."""
        if not self._woken:
            loop = asyncio.get_running_loop()
            self._waiter = waiter = loop.create_future()
            timer = None if timeout is None else loop.call_later(timeout, _settle, waiter)
            try:
                await waiter
            finally:
                self._waiter = None
                if timer is not None:
                    timer.cancel()
        woken, self._woken = self._woken, False
        return woken


def _settle(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


class EventStream(Response):
    """A server-sent event stream, lean enough for ten thousand at once: each wake-up asks
    `next_event` for the encoded event (built once for all pages of one query, so a page
    costs one send of shared bytes), sends a comment line as a keep-alive when `ping` seconds
    passed without one, and waits to be woken again, or `look_every` seconds (a writer
    nobody tells us of). One task per client watches for the disconnect."""

    def __init__(
        self,
        next_event: Callable[[], bytes | None],
        broadcaster: Broadcaster,
        look_every: float | None,
        ping: float = 15.0,
    ) -> None:
        super().__init__(status_code=200)
        self.next_event = next_event
        self.broadcaster = broadcaster
        self.look_every = look_every
        self.ping = ping

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": STREAM_HEADERS})
        loop = asyncio.get_running_loop()
        wait = self.ping if self.look_every is None else min(self.ping, self.look_every)
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
                sent = loop.time()
                while not closed:
                    event = self.next_event()
                    if event is None and loop.time() - sent >= self.ping:
                        event = b": ping\r\n\r\n"
                    if event is not None:
                        await send({"type": "http.response.body", "body": event, "more_body": True})
                        sent = loop.time()
                    await subscription.wait(wait)
            finally:
                watcher.cancel()


STREAM_HEADERS = [
    (b"content-type", b"text/event-stream; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"x-accel-buffering", b"no"),
]


class Broadcaster:
    """Wakes every live stream of this process: on a write in this process (`publish`) and, once
    `start`ed on PostgreSQL, on every NOTIFY from any process."""

    def __init__(self, store: Store, on_change: Callable[[], None] = lambda: None) -> None:
        self.store = store
        self.on_change = on_change
        self._subscribers: set[Subscription] = set()
        self._listener: asyncio.Task[None] | None = None
        self._listening = asyncio.Event()

    @property
    def crosses_processes(self) -> bool:
        return self.store.dialect == "postgresql"

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Subscription]:
        subscription = Subscription()
        self._subscribers.add(subscription)
        try:
            yield subscription
        finally:
            self._subscribers.discard(subscription)

    def publish(self) -> None:
        self.on_change()
        for subscription in list(self._subscribers):
            subscription.notify()

    async def start(self, wait: float = 5.0) -> None:
        """Start listening (PostgreSQL), and give it `wait` seconds to be listening before the
        server takes requests; a database not there yet is logged and retried meanwhile."""
        if self.crosses_processes and self._listener is None:
            self._listening = asyncio.Event()
            self._listener = asyncio.create_task(self._listen(), name="podium-listen")
            with suppress(TimeoutError):
                await asyncio.wait_for(self._listening.wait(), wait)

    async def stop(self) -> None:
        if self._listener is not None:
            self._listener.cancel()
            with suppress(asyncio.CancelledError):
                await self._listener
            self._listener = None

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
