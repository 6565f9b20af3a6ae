"""The read fast path: a repeated read costs no database work, a write through the app or a
change the app is told of moves every page on at once, and a writer nobody tells us of is
seen within the pages' max-age."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import event

from conftest import LIVE_GAMES, ServedDesk
from podium import Podium
from podium.replay import results
from podium.store import Store
from podium.web.cache import RevisionClock

TABLE = f"/games/{LIVE_GAMES}.json"


@contextmanager
def statements(store: Store) -> Iterator[list[str]]:
    """Every SQL statement run on `store`'s engine meanwhile."""
    seen: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        seen.append(statement)

    event.listen(store.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(store.engine, "before_cursor_execute", count)


def test_a_repeated_read_touches_no_database(served_desk: ServedDesk, data_dir: Path) -> None:
    first = httpx.get(served_desk.url + TABLE)
    assert first.status_code == 200
    with statements(served_desk.podium.store) as seen:
        again = httpx.get(served_desk.url + TABLE)
        not_modified = httpx.get(
            served_desk.url + TABLE, headers={"If-None-Match": first.headers["etag"]}
        )
    assert seen == []
    assert (again.status_code, again.content, again.headers["etag"]) == (
        200,
        first.content,
        first.headers["etag"],
    )
    assert (not_modified.status_code, not_modified.content) == (304, b"")
    assert not_modified.headers["etag"] == first.headers["etag"]

    # a result recorded through the app: the very next read has it
    plan = results(served_desk.podium, str(data_dir), LIVE_GAMES)
    posted = httpx.post(
        f"{served_desk.url}/api/games/{LIVE_GAMES}/results",
        json=plan[0].body,
        headers=served_desk.headers,
    )
    assert posted.status_code == 201
    after = httpx.get(served_desk.url + TABLE)
    assert after.headers["etag"] != first.headers["etag"]
    assert sum(r["total"] for r in after.json()["rows"]) == len(plan[0].body["medals"])


def test_the_clock_reads_the_revision_only_when_it_may_have_moved(
    podium: Podium, database_url: str
) -> None:
    clock = RevisionClock(podium.store, max_age=3600)
    start = clock.now()
    podium.store.run("test", lambda _conn: None, revision=True)  # this process: seen at once
    assert clock.now() == start + 1
    with Podium(database_url) as other:  # another process, untold
        other.store.run("test", lambda _conn: None, revision=True)
    assert clock.now() == start + 1  # stale for up to max_age, as a CDN would be
    clock.invalidate()  # what a NOTIFY from the other process does
    assert clock.now() == start + 2
    eager = RevisionClock(podium.store, max_age=0)
    assert eager.now() == start + 2
    with Podium(database_url) as other:
        other.store.run("test", lambda _conn: None, revision=True)
    assert eager.now() == start + 3  # max-age passed: read again
