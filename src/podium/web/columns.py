"""The table page's projection column (`projection.column`), kept per revision and computed
off the event loop.

The column runs a thousand simulated finishes after every result while events are still to
come: a few hundred milliseconds. Computed by the table page's first reader after a write, it
stalled every other reader on the event loop. So each (Games, as-of) column is kept with the
revision it was computed at. After a write through this app, the read cache's refresh
computes the columns read lately (on its own thread) before it builds the pages again, so the
rebuilt pages carry the new column. A reader who comes first anyway (the refresh ran out of
time, or another process wrote) gets the kept column of an earlier revision at once, and the
new one is computed on a thread of its own; such a page is not final: it goes out without an
ETag and is not cached, so the next reader after the column is ready has it. Only a column
never computed (a cold server, a new as-of) is computed by its reader.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from podium import projection
from podium.core import Podium
from podium.web.cache import RevisionClock

Key = tuple[str, datetime | None]  # Games, as-of (None: now)
Values = dict[str, dict[str, Any]]

KEPT = 64  # columns kept, the least recently read dropped first
REFRESH = 8  # columns computed again after a write: the most recently read


@dataclass(frozen=True)
class Column:
    values: Values
    revision: int  # the revision it was computed at (or a later one)


class ProjectionColumns:
    def __init__(self, podium: Podium, clock: RevisionClock) -> None:
        self.podium = podium
        self.clock = clock
        self.kept: OrderedDict[Key, Column] = OrderedDict()
        self.pending: dict[tuple[Key, int], Future[Column]] = {}
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="podium-column")

    def get(self, games: str, as_of: datetime | None) -> tuple[Values, bool]:
        """The column of `games` at `as_of`, and whether it is of the current revision (if
        not, it is the latest kept, and the current one is being computed)."""
        revision = self.clock.now()
        key = (games, as_of)
        with self._lock:
            kept = self.kept.get(key)
            if kept is not None:
                self.kept.move_to_end(key)
        if kept is None:
            return self._compute(key, revision).values, True
        if kept.revision >= revision:
            return kept.values, True
        with self._lock:
            if (key, revision) not in self.pending:
                self.pending[(key, revision)] = self._pool.submit(self._compute, key, revision)
        return kept.values, False

    def refresh(self) -> None:
        """Compute the columns read most recently at the current revision, here and now: what
        the read cache does after a write, before it builds the pages again."""
        revision = self.clock.now()
        with self._lock:
            stale = [k for k, c in reversed(self.kept.items()) if c.revision < revision]
        for key in stale[:REFRESH]:
            self._compute(key, revision)

    def wait(self) -> None:
        """Until every column being computed is kept."""
        with self._lock:
            pending = list(self.pending.values())
        for future in pending:
            future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _compute(self, key: Key, revision: int) -> Column:
        try:
            with self.podium.at_revision(revision):
                column = Column(projection.column(self.podium, *key), revision)
        except BaseException:
            with self._lock:
                self.pending.pop((key, revision), None)
            raise
        with self._lock:
            kept = self.kept.get(key)
            if kept is None or kept.revision < revision:
                self.kept[key] = column
                self.kept.move_to_end(key)
                while len(self.kept) > KEPT:
                    self.kept.popitem(last=False)
            self.pending.pop((key, revision), None)
        return column


__all__ = ["ProjectionColumns"]
