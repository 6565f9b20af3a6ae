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

from podium.store import Store

log = logging.getLogger("podium.live")


class Subscription:
    def __init__(self) -> None:
        # one pending wake-up is enough: the subscriber reads everything new when it wakes
        self._queue: asyncio.Queue[None] = asyncio.Queue(maxsize=1)

    def notify(self) -> None:
        if not self._queue.full():
            self._queue.put_nowait(None)

    async def wait(self, timeout: float | None = None) -> bool:
        """True when woken, False when the timeout passed first."""
        try:
            await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return False
        return True


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
