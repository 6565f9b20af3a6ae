"""The table page's projection column (`projection.column`), kept per revision and computed
off the event loop.

The column runs a thousand simulated finishes: a few hundred milliseconds of Python, after
every result while events are still to come. Computed by the table page's first reader after
a write it stalled every reader on the event loop, and with results a few seconds apart
(a busy evening, or a replay) computing every revision's column kept a core busy. So each
(Games, as-of) column is kept with the revision it was computed at, and a reader of a newer
revision gets the kept one at once while the current one is computed in a process of its own
(a thread would hold the GIL the event loop needs for every cached read), one column at a
time, each for the newest revision when it starts (revisions that came and went meanwhile are
skipped). A page built so is not final (`Page.final`): it goes out with an
ETag of its own and max-age=0, and the read cache keeps it only until `ready` moves on. Only
a column never computed (a cold server, a new as-of) is computed by its reader.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from podium import projection
from podium.core import Podium
from podium.web.cache import RevisionClock

Key = tuple[str, datetime | None]  # Games, as-of (None: now)
Values = dict[str, dict[str, Any]]

KEPT = 64  # columns kept, the least recently read dropped first


@dataclass(frozen=True)
class Column:
    values: Values
    revision: int  # read before it was computed: what it shows is at least this new


class ProjectionColumns:
    def __init__(self, podium: Podium, clock: RevisionClock) -> None:
        self.podium = podium
        self.clock = clock
        self.kept: OrderedDict[Key, Column] = OrderedDict()
        self.pending: dict[Key, Future[Column]] = {}
        self.ready = 0  # columns computed so far: a page built before the last one expires
        self._lock = threading.Lock()
        # a thread that waits for the process: what `wait` and the lock are about
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="podium-column")
        self._process: ProcessPoolExecutor | None = None  # started when first needed
        self._url = podium.store.engine.url.render_as_string(hide_password=False)

    def get(self, games: str, as_of: datetime | None) -> tuple[Values, bool]:
        """The column of `games` at `as_of`, and whether it is of the current revision (if
        not, it is the latest kept, and the current one is being computed)."""
        revision = self.clock.now()
        if not self.podium.undecided(games, as_of):
            return {}, True  # every event decided: nothing to project, nothing to wait for
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
            if key not in self.pending:
                self.pending[key] = self._pool.submit(self._newest, key)
        return kept.values, False

    def wait(self) -> None:
        """Until every column being computed is kept."""
        with self._lock:
            pending = list(self.pending.values())
        for future in pending:
            future.result()

    def close(self) -> None:
        # the column process ends before the server does (a column it is computing is let
        # finish, about half a second): no process of the server outlives it
        self._pool.shutdown(wait=False, cancel_futures=True)
        if self._process is not None:
            self._process.shutdown(wait=True, cancel_futures=True)

    def _newest(self, key: Key) -> Column:
        try:
            # the revision before the column: what it is computed from is as new or newer
            revision = self.podium.store.revision()
            if self._process is None:
                spawn = multiprocessing.get_context("spawn")  # no fork of a threaded server
                self._process = ProcessPoolExecutor(
                    1, mp_context=spawn, initializer=_ignore_interrupts
                )
            values = self._process.submit(_column_of, self._url, *key).result()
            column = self._keep(key, Column(values, revision))
        finally:
            with self._lock:
                del self.pending[key]
        return column

    def _compute(self, key: Key, revision: int) -> Column:
        with self.podium.at_revision(revision):
            return self._keep(key, Column(projection.column(self.podium, *key), revision))

    def _keep(self, key: Key, column: Column) -> Column:
        revision = column.revision
        with self._lock:
            kept = self.kept.get(key)
            if kept is None or kept.revision < revision:
                self.kept[key] = column
                self.kept.move_to_end(key)
                while len(self.kept) > KEPT:
                    self.kept.popitem(last=False)
            self.ready += 1
        return column


_PODIUMS: dict[str, Podium] = {}  # in the column process: one per database


def _column_of(url: str, games: str, as_of: datetime | None) -> Values:
    podium = _PODIUMS.get(url)
    if podium is None:
        podium = _PODIUMS[url] = Podium(url, migrate=False)
    return projection.column(podium, games, as_of)


__all__ = ["ProjectionColumns"]


def _ignore_interrupts() -> None:
    """Ctrl-C reaches the whole process group, the column process too, where it would only
    turn the column being computed into a KeyboardInterrupt and wait for the next: the
    server ends this process when it stops (`close`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
