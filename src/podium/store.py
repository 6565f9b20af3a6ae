"""The store layer: every SQL statement Podium runs lives here, parameterised, for SQLite and
PostgreSQL alike."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    Row,
    Select,
    Table,
    and_,
    create_engine,
    event,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite

from podium import desk_schema as d
from podium import schema as s
from podium.model import Athlete, Award, Event, Games, Medal, Noc

DEFAULT_DATABASE = "podium.db"


def database_url(db: str | None = None) -> str:
    """A path or URL from --db, else PODIUM_DATABASE_URL, else podium.db in the working dir."""
    value = db or os.environ.get("PODIUM_DATABASE_URL") or DEFAULT_DATABASE
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser()}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


def to_db(moment: datetime) -> datetime:
    """Naive UTC, the one form both backends store and compare alike."""
    if moment.tzinfo is None:
        raise ValueError(f"a moment needs a time zone: {moment.isoformat()}")
    return moment.astimezone(UTC).replace(tzinfo=None)


def from_db(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class CountFilter:
    """Which awards a medal count covers."""

    games: tuple[str, ...]
    as_of: datetime | None = None
    disciplines: tuple[str, ...] = ()
    gender: str | None = None


class Store:
    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (idempotent)."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        with self.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")

    def close(self) -> None:
        self.engine.dispose()

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        with self.engine.begin() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One transaction that changes the ledger, so cached tables must be recomputed."""
        with self.engine.begin() as conn:
            yield conn
            self.bump_revision(conn)

    def bump_revision(self, conn: Connection) -> None:
        bumped = conn.execute(
            s.revision.update().where(s.revision.c.id == 1).values(number=s.revision.c.number + 1)
        )
        if bumped.rowcount == 0:
            conn.execute(s.revision.insert().values(id=1, number=1))

    def insert_ignore(
        self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Insert rows whose key is new; rows already present stay exactly as they are."""
        if not rows:
            return
        insert = (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)
        conn.execute(insert.on_conflict_do_nothing(), list(rows))

    def count_rows(self, conn: Connection, table: Table) -> int:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    def revision(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(select(s.revision.c.number).where(s.revision.c.id == 1)).scalar()
        return int(value or 0)

    def athlete_identities(self) -> list[tuple[str, str, str]]:
        """(key, match_key, noc) of every athlete: what a later source's names are matched to."""
        a = s.athlete
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(select(a.c.key, a.c.match_key, a.c.noc))]

    def noc_codes(self) -> set[str]:
        with self.engine.connect() as conn:
            return {r[0] for r in conn.execute(select(s.noc.c.code))}

    # -- reading -------------------------------------------------------------------------

    def games(self, slug: str) -> Games | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.games).where(s.games.c.slug == slug)).first()
        return _games(row) if row else None

    def all_games(self) -> list[Games]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.games).order_by(s.games.c.starts_at))
            return [_games(r) for r in rows]

    def nocs(self) -> dict[str, Noc]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(s.noc))
            return {r.code: Noc(r.code, r.name_en, r.name_nl, r.iso2, r.status) for r in rows}

    def unranked(self, games: Sequence[str]) -> set[tuple[str, str]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.unranked.c.games, s.unranked.c.noc).where(s.unranked.c.games.in_(games))
            )
            return {(r.games, r.noc) for r in rows}

    def medal_counts(self, where: CountFilter) -> list[tuple[str, int, int]]:
        """(noc, medal, count) over the awards standing at `where.as_of` (now if None)."""
        a = s.award
        query = select(a.c.noc, a.c.medal, func.count()).where(*self._counted(where))
        query = query.group_by(a.c.noc, a.c.medal)
        with self.engine.connect() as conn:
            return [(noc, int(medal), int(n)) for noc, medal, n in conn.execute(query)]

    def medalled_at(self, where: CountFilter, nocs: Iterable[str]) -> set[tuple[str, str]]:
        """(games, noc) pairs where these NOCs have counted awards."""
        a = s.award
        query = select(a.c.games, a.c.noc).where(*self._counted(where), a.c.noc.in_(list(nocs)))
        with self.engine.connect() as conn:
            return {(g, n) for g, n in conn.execute(query.distinct())}

    def _counted(self, where: CountFilter) -> list[Any]:
        a = s.award
        clauses = [a.c.games.in_(where.games), *_standing(where.as_of)]
        if where.disciplines or where.gender:
            events = select(s.event.c.key)
            if where.disciplines:
                events = events.where(s.event.c.discipline.in_(where.disciplines))
            if where.gender:
                events = events.where(s.event.c.gender == where.gender)
            clauses.append(a.c.event.in_(events))
        return clauses

    def disciplines(self) -> list[Row[Any]]:
        with self.engine.connect() as conn:
            return list(conn.execute(select(s.discipline).order_by(s.discipline.c.slug)))

    def event(self, key: str) -> Event | None:
        found = self._events(s.event.c.key == key)
        return found[0] if found else None

    def events(self) -> list[Event]:
        return self._events()

    def _events(self, *where: Any) -> list[Event]:
        """Events titled as their most recent Games spelled them ("Women's 500m", not the
        history file's "500m women")."""
        c, g, e = s.contest, s.games, s.event
        latest = (
            select(c.c.title)
            .join(g, g.c.slug == c.c.games)
            .where(c.c.event == e.c.key)
            .order_by(g.c.starts_at.desc())
            .limit(1)
            .scalar_subquery()
        )
        query = select(e.c.key, e.c.discipline, e.c.gender, func.coalesce(latest, e.c.title))
        with self.engine.connect() as conn:
            rows = conn.execute(query.where(*where).order_by(e.c.key))
            return [Event(r[0], r[1], r[2], r[3]) for r in rows]

    def event_aliases(self, key: str) -> list[str]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(s.event_alias.c.raw_title).where(s.event_alias.c.event == key).distinct()
            )
            return sorted(r.raw_title for r in rows)

    def contests(self, games: str) -> list[Row[Any]]:
        """The events of one Games with the moment their medals are handed out."""
        with self.engine.connect() as conn:
            query = select(s.contest).where(s.contest.c.games == games)
            return list(conn.execute(query.order_by(s.contest.c.medal_at, s.contest.c.event)))

    def athlete(self, key: str) -> Athlete | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.athlete).where(s.athlete.c.key == key)).first()
        return _athlete(row) if row else None

    def athletes_named(self, text: str, limit: int = 50) -> list[Athlete]:
        from podium.names import fold

        pattern = f"%{fold(text)}%"
        with self.engine.connect() as conn:
            query = select(s.athlete).where(s.athlete.c.match_key.like(pattern))
            rows = conn.execute(query.order_by(s.athlete.c.name, s.athlete.c.key).limit(limit))
            return [_athlete(r) for r in rows]

    def athletes(self, keys: Iterable[str]) -> dict[str, Athlete]:
        wanted = sorted(set(keys))
        out: dict[str, Athlete] = {}
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                query = select(s.athlete).where(s.athlete.c.key.in_(wanted[i : i + 500]))
                out.update((r.key, _athlete(r)) for r in conn.execute(query))
        return out

    def awards(
        self,
        *,
        games: Sequence[str] | None = None,
        event: str | None = None,
        noc: str | None = None,
        athlete: str | None = None,
        as_of: datetime | None = None,
    ) -> list[Award]:
        """Standing awards (with team members), in the order they were awarded."""
        a = s.award
        query = select(a).where(*_standing(as_of))
        if games is not None:
            query = query.where(a.c.games.in_(games))
        if event is not None:
            query = query.where(a.c.event == event)
        if noc is not None:
            query = query.where(a.c.noc == noc)
        if athlete is not None:
            as_member = select(s.award_member.c.award).where(s.award_member.c.athlete == athlete)
            query = query.where(or_(a.c.athlete == athlete, a.c.key.in_(as_member)))
        return self._with_members(query.order_by(a.c.awarded_at, a.c.event, a.c.medal, a.c.key))

    def _with_members(self, query: Select[Any]) -> list[Award]:
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
            members: dict[str, list[str]] = {}
            keys = [r.key for r in rows if r.team is not None]
            for i in range(0, len(keys), 500):
                m = s.award_member
                found = conn.execute(
                    select(m.c.award, m.c.athlete)
                    .where(m.c.award.in_(keys[i : i + 500]))
                    .order_by(m.c.award, m.c.athlete)
                )
                for award_key, athlete_key in found:
                    members.setdefault(award_key, []).append(athlete_key)
        return [
            Award(
                key=r.key,
                games=r.games,
                event=r.event,
                medal=Medal(r.medal),
                noc=r.noc,
                athlete=r.athlete,
                team=r.team,
                awarded_at=from_db(r.awarded_at),
                precision=r.precision,
                source=r.source,
                members=tuple(members.get(r.key, ())),
            )
            for r in rows
        ]

    def table_digest(self) -> list[tuple[Any, ...]]:
        """Every row of every table, sorted: what "importing twice changes nothing" compares."""
        out: list[tuple[Any, ...]] = []
        with self.engine.connect() as conn:
            for table in s.metadata.sorted_tables:
                query = select(literal(table.name), *table.c).order_by(*table.primary_key.columns)
                out.extend(tuple(r) for r in conn.execute(query))
        return out

    # -- results desk (ledger entries, API tokens, idempotency keys) ----------------------
    # Added for the live service (issue 4): the write side of the ledger. Every method below
    # either reads the desk's own tables or writes one ledger entry in one `write()`.

    def ledger_seq(self) -> int:
        """The newest ledger entry's sequence number (0 before the first)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(func.max(d.ledger_entry.c.seq))).scalar()
        return int(value or 0)

    def ledger_entries(
        self,
        *,
        games: str | None = None,
        event: str | None = None,
        after: int | None = None,
        kind: str | None = None,
    ) -> list[Row[Any]]:
        t = d.ledger_entry
        query = select(t).order_by(t.c.seq)
        if games is not None:
            query = query.where(t.c.games == games)
        if event is not None:
            query = query.where(t.c.event == event)
        if after is not None:
            query = query.where(t.c.seq > after)
        if kind is not None:
            query = query.where(t.c.kind == kind)
        with self.engine.connect() as conn:
            return list(conn.execute(query))

    def athlete_keys_matching(self, match_key: str, noc: str) -> list[str]:
        a = s.athlete
        with self.engine.connect() as conn:
            query = select(a.c.key).where(a.c.match_key == match_key, a.c.noc == noc)
            return sorted(r[0] for r in conn.execute(query))

    def record_ledger(
        self,
        entry: Mapping[str, Any],
        *,
        athletes: Sequence[Mapping[str, Any]],
        awards: Callable[[int], tuple[list[dict[str, Any]], list[dict[str, str]]]],
        revoke: Sequence[str],
        revoked_at: datetime,
        idempotency: Callable[[int], Mapping[str, Any]] | None = None,
    ) -> int:
        """One ledger entry in one transaction: new athletes, the revocations, the new awards
        (built by `awards(seq)`, since their keys name the entry) and the idempotency record.
        Returns the entry's sequence number."""
        now = to_db(datetime.now(UTC))
        with self.write() as conn:
            inserted = conn.execute(d.ledger_entry.insert().values(**entry))
            seq = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            self.insert_ignore(conn, s.athlete, list(athletes))
            if revoke:
                conn.execute(
                    s.revocation.insert(),
                    [
                        {
                            "award": key,
                            "revoked_at": to_db(revoked_at),
                            "reason": f"ledger {seq}: {entry['kind']}: {entry['reason']}",
                            "recorded_at": now,
                        }
                        for key in revoke
                    ],
                )
            award_rows, member_rows = awards(seq)
            if award_rows:
                conn.execute(s.award.insert(), [{**r, "recorded_at": now} for r in award_rows])
            if member_rows:
                conn.execute(s.award_member.insert(), member_rows)
            if idempotency is not None:
                conn.execute(d.idempotency.insert().values(**idempotency(seq), created_at=now))
        return seq

    def idempotent(self, key: str) -> Row[Any] | None:
        with self.engine.connect() as conn:
            return conn.execute(select(d.idempotency).where(d.idempotency.c.key == key)).first()

    def add_token(self, digest: str, role: str, label: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                d.api_token.insert().values(
                    digest=digest, role=role, label=label, created_at=to_db(datetime.now(UTC))
                )
            )

    def tokens(self) -> list[tuple[str, str, str]]:
        """(digest, role, label) of every API token."""
        t = d.api_token
        with self.engine.connect() as conn:
            return [
                (r[0], r[1], r[2]) for r in conn.execute(select(t.c.digest, t.c.role, t.c.label))
            ]


def _standing(as_of: datetime | None) -> list[Any]:
    """Awards handed out by `as_of` and not revoked by then (now: not revoked at all)."""
    a, r = s.award, s.revocation
    if as_of is None:
        return [~select(r.c.award).where(r.c.award == a.c.key).exists()]
    moment = to_db(as_of)
    revoked = select(r.c.award).where(and_(r.c.award == a.c.key, r.c.revoked_at <= moment))
    return [a.c.awarded_at <= moment, ~revoked.exists()]


def _games(r: Row[Any]) -> Games:
    return Games(
        slug=r.slug,
        name=r.name,
        year=r.year,
        season=r.season,
        host=r.host,
        starts_at=from_db(r.starts_at),
        ends_at=from_db(r.ends_at),
        timezone=r.timezone,
        official=bool(r.official),
    )


def _athlete(r: Row[Any]) -> Athlete:
    return Athlete(r.key, r.name, r.given, r.family, r.gender, r.noc, r.match_key)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


__all__ = ["CountFilter", "Store", "database_url", "from_db", "to_db"]
