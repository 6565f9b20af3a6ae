"""The feeds' SQL: item versions, webhooks, their outbox, deliveries and the delivery log.
(The outbox row itself is written by `Store.enqueue_webhooks`, inside the ledger's
transaction.)"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Row, func, select, update

from podium import schema as s
from podium.store import Store, from_db, to_db


@dataclass(frozen=True)
class Version:
    number: int
    first_created: datetime  # aware UTC
    created: datetime  # aware UTC
    content: str  # the item's content as JSON, exactly as registered


@dataclass(frozen=True)
class Hook:
    id: int
    url: str
    secret: str
    games: str | None
    perspective: str
    lang: str
    label: str
    active: bool


@dataclass(frozen=True)
class Due:
    """A delivery a worker has claimed."""

    id: int
    hook: Hook
    item: str
    version: int
    idempotency: str
    attempts: int


class FeedStore:
    def __init__(self, store: Store) -> None:
        self.store = store

    # -- item versions -----------------------------------------------------------------

    def register(
        self, games: str, items: Sequence[tuple[str, str, str]], now: datetime | None = None
    ) -> dict[str, Version]:
        """(id, digest, content) of items as they stand: each gets a new version when its
        digest differs from its newest one. Returns every item's newest version."""
        t = s.news_item
        ids = [i for i, _, _ in items]
        stamp = to_db(now or datetime.now(UTC))

        def newest(conn: Any) -> dict[str, Row[Any]]:
            found: dict[str, Row[Any]] = {}
            for chunk in range(0, len(ids), 500):
                query = select(t).where(t.c.id.in_(ids[chunk : chunk + 500]))
                for r in conn.execute(query):
                    if r.id not in found or r.version > found[r.id].version:
                        found[r.id] = r
            return found

        def work(conn: Any) -> None:
            known = newest(conn)
            new = [
                {
                    "id": i,
                    "version": known[i].version + 1 if i in known else 1,
                    "games": games,
                    "digest": d,
                    "content": c,
                    "created_at": stamp,
                }
                for i, d, c in items
                if i not in known or known[i].digest != d
            ]
            # another process registering the same change at once: its row stands
            self.store.insert_ignore(conn, t, new)

        if ids:
            self.store.run("news item versions", work)
        firsts: dict[str, datetime] = {}
        with self.store.reading() as conn:
            query = select(t.c.id, t.c.created_at).where(t.c.version == 1, t.c.id.in_(ids))
            for r in conn.execute(query):
                firsts[r.id] = from_db(r.created_at)
            latest = newest(conn)
        return {
            i: Version(r.version, firsts[i], from_db(r.created_at), r.content)
            for i, r in latest.items()
        }

    def version(self, item: str, number: int) -> Version | None:
        t = s.news_item
        with self.store.reading() as conn:
            row = conn.execute(select(t).where(t.c.id == item, t.c.version == number)).first()
            first = conn.execute(
                select(t.c.created_at).where(t.c.id == item, t.c.version == 1)
            ).scalar()
        if row is None or first is None:
            return None
        return Version(row.version, from_db(first), from_db(row.created_at), row.content)

    # -- hooks ---------------------------------------------------------------------------

    def add_hook(
        self, url: str, secret: str, games: str | None, perspective: str, lang: str, label: str
    ) -> int:
        with self.store.transaction() as conn:
            inserted = conn.execute(
                s.webhook.insert().values(
                    url=url,
                    secret=secret,
                    games=games,
                    perspective=perspective,
                    lang=lang,
                    label=label,
                    created_at=to_db(datetime.now(UTC)),
                    active=True,
                )
            )
            hook = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            # a new hook hears of everything standing: one outbox row per Games it follows
            for games_row in self._games(conn, games):
                conn.execute(
                    s.webhook_outbox.insert().values(
                        hook=hook, seq=0, games=games_row, created_at=to_db(datetime.now(UTC))
                    )
                )
        return hook

    def _games(self, conn: Any, games: str | None) -> list[str]:
        if games is not None:
            return [games]
        query = select(s.ledger_entry.c.games).distinct().order_by(s.ledger_entry.c.games)
        return [r[0] for r in conn.execute(query)]

    def hooks(self) -> list[Hook]:
        with self.store.reading() as conn:
            rows = conn.execute(select(s.webhook).order_by(s.webhook.c.id))
            return [_hook(r) for r in rows]

    def hook(self, hook: int) -> Hook | None:
        with self.store.reading() as conn:
            row = conn.execute(select(s.webhook).where(s.webhook.c.id == hook)).first()
        return None if row is None else _hook(row)

    # -- the outbox ----------------------------------------------------------------------

    def pending(self) -> list[tuple[int, int, str]]:
        """(outbox id, hook, games) of every outbox row not yet turned into deliveries."""
        o = s.webhook_outbox
        query = select(o.c.id, o.c.hook, o.c.games).where(o.c.expanded_at.is_(None))
        with self.store.reading() as conn:
            return [(r[0], r[1], r[2]) for r in conn.execute(query.order_by(o.c.id))]

    def expand(self, outbox: Sequence[int], hook: int, versions: Sequence[tuple[str, int]]) -> int:
        """The deliveries of (item, version) to `hook` not yet listed, and the outbox rows
        marked done, in one transaction. Returns how many deliveries are new."""
        now = to_db(datetime.now(UTC))
        d, o = s.webhook_delivery, s.webhook_outbox

        def work(conn: Any) -> int:
            before = self.store.count_rows(conn, d)
            rows = [
                {
                    "hook": hook,
                    "item": item,
                    "version": version,
                    "idempotency": f"{item}@{version}",
                    "attempts": 0,
                    "next_at": now,
                }
                for item, version in versions
            ]
            self.store.insert_ignore(conn, d, rows)
            if outbox:
                conn.execute(update(o).where(o.c.id.in_(outbox)).values(expanded_at=now))
            return self.store.count_rows(conn, d) - before

        return self.store.run("webhook deliveries", work)

    def claim(self, now: datetime, lease: timedelta, limit: int) -> list[Due]:
        """Due deliveries, each moved `lease` on so no other worker takes it meanwhile (one
        that dies sending leaves it due again when the lease ends)."""
        d, h = s.webhook_delivery, s.webhook
        stamp = to_db(now)
        query = (
            select(d, h)
            .join(h, h.c.id == d.c.hook)
            .where(d.c.delivered_at.is_(None), d.c.failed_at.is_(None), d.c.next_at <= stamp)
            .order_by(d.c.next_at, d.c.id)
            .limit(limit)
        )
        with self.store.reading() as conn:
            rows = list(conn.execute(query))
        claimed: list[Due] = []
        for r in rows:
            with self.store.transaction() as conn:
                taken = conn.execute(
                    update(d)
                    .where(d.c.id == r.id, d.c.next_at == r.next_at, d.c.delivered_at.is_(None))
                    .values(next_at=to_db(now + lease))
                )
            if taken.rowcount == 1:
                hook = Hook(r.hook, r.url, r.secret, r.games, r.perspective, r.lang, r.label, True)
                claimed.append(Due(r.id, hook, r.item, r.version, r.idempotency, r.attempts))
        return claimed

    def attempted(
        self,
        due: Due,
        at: datetime,
        status: int | None,
        error: str | None,
        millis: int,
        retry_at: datetime | None,
    ) -> None:
        """One attempt logged, and the delivery done (2xx), due again at `retry_at`, or given
        up (no `retry_at`)."""
        d = s.webhook_delivery
        ok = status is not None and 200 <= status < 300
        values: dict[str, Any] = {
            "attempts": d.c.attempts + 1,
            "last_status": status,
            "last_error": error,
        }
        if ok:
            values["delivered_at"] = to_db(at)
        elif retry_at is not None:
            values["next_at"] = to_db(retry_at)
        else:
            values["failed_at"] = to_db(at)
        with self.store.transaction() as conn:
            conn.execute(update(d).where(d.c.id == due.id).values(**values))
            conn.execute(
                s.webhook_attempt.insert().values(
                    delivery=due.id,
                    hook=due.hook.id,
                    at=to_db(at),
                    status=status,
                    error=error,
                    millis=millis,
                )
            )

    def next_due(self) -> datetime | None:
        d = s.webhook_delivery
        query = select(func.min(d.c.next_at)).where(
            d.c.delivered_at.is_(None), d.c.failed_at.is_(None)
        )
        with self.store.reading() as conn:
            value = conn.execute(query).scalar()
        return None if value is None else from_db(value)

    def undelivered(self) -> int:
        """Deliveries neither done nor given up."""
        d = s.webhook_delivery
        query = select(func.count()).where(d.c.delivered_at.is_(None), d.c.failed_at.is_(None))
        with self.store.reading() as conn:
            return int(conn.execute(query).scalar_one())

    def deliveries(self, hook: int) -> list[Row[Any]]:
        d = s.webhook_delivery
        with self.store.reading() as conn:
            return list(conn.execute(select(d).where(d.c.hook == hook).order_by(d.c.id)))

    def attempts(self, hook: int, limit: int = 100) -> list[Row[Any]]:
        """The delivery log of one hook, newest first."""
        a, d = s.webhook_attempt, s.webhook_delivery
        query = (
            select(a, d.c.idempotency)
            .join(d, d.c.id == a.c.delivery)
            .where(a.c.hook == hook)
            .order_by(a.c.id.desc())
            .limit(limit)
        )
        with self.store.reading() as conn:
            return list(conn.execute(query))


def _hook(r: Row[Any]) -> Hook:
    return Hook(r.id, r.url, r.secret, r.games, r.perspective, r.lang, r.label, bool(r.active))
