"""Fan-out of "the ledger moved on" to every open live page.

A message is only the newest ledger sequence number: each subscriber reads what it missed
from the database itself, so a dropped or merged wake-up loses nothing and a reconnecting
client catches up the same way (Last-Event-ID). That also makes the cross-process version
small: PostgreSQL LISTEN/NOTIFY would call `LocalBroadcaster.publish` in each process with the
payload of a NOTIFY sent by the writer.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Protocol


class Subscription:
    def __init__(self) -> None:
        # one pending wake-up is enough: the subscriber reads everything new when it wakes
        self._queue: asyncio.Queue[int] = asyncio.Queue(maxsize=1)

    def notify(self, seq: int) -> None:
        if self._queue.full():
            self._queue.get_nowait()
        self._queue.put_nowait(seq)

    async def wait(self, timeout: float | None = None) -> int | None:
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None


class Broadcaster(Protocol):
    def subscribe(self) -> AsyncIterator[Subscription]: ...

    def publish(self, seq: int) -> None: ...


class LocalBroadcaster:
    """Within one process: the writer's request handler publishes, every live stream in the
    same event loop wakes up."""

    def __init__(self) -> None:
        self._subscribers: set[Subscription] = set()

    @asynccontextmanager
    async def subscribe(self) -> AsyncIterator[Subscription]:
        subscription = Subscription()
        self._subscribers.add(subscription)
        try:
            yield subscription
        finally:
            self._subscribers.discard(subscription)

    def publish(self, seq: int) -> None:
        for subscription in list(self._subscribers):
            subscription.notify(seq)

    @property
    def listeners(self) -> int:
        return len(self._subscribers)
