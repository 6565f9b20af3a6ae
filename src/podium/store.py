"""The store layer: every SQL statement Podium runs lives here, parameterised, for SQLite and
PostgreSQL alike."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    Connection,
    CursorResult,
    Engine,
    Executable,
    Row,
    Select,
    Table,
    and_,
    bindparam,
    create_engine,
    event,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, DisconnectionError, OperationalError

from podium import schema as s
from podium.model import Athlete, Award, Event, Games, Medal, Noc
from podium.names import COMPETITION_NAMESPACES, PersonName, press_name

DEFAULT_DATABASE = "podium.db"
CHANGES_CHANNEL = "podium_changes"
# pauses before trying a transaction again on a dropped connection: 3.25 s in all, longer
# than a PostgreSQL restart takes (about 2 s)
RETRY_PAUSES = (0.25, 1.0, 2.0)

log = logging.getLogger("podium.store")
T = TypeVar("T")


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


# kept as data, never counted, as in the IOC's tables
UNCOUNTED_SPORTS = ("art-competitions", "alpinism", "aeronautics")


class Store:
    def __init__(self, url: str, create: bool = True) -> None:
        """`create`: a SQLite file not there yet is made (else `UnusableDatabase`)."""
        refuse_unusable(url, create)
        self.url = url
        # pre-ping: a pooled connection the server dropped (a restart, pg_terminate_backend,
        # an idle timeout) is found at checkout and replaced before a request uses it; a
        # SQLite file in this process cannot drop, so it is spared the extra round trip
        self.engine: Engine = create_engine(
            url, future=True, pool_pre_ping=not url.startswith("sqlite")
        )
        self._shared = threading.local()  # a thread's reads on one connection (`one_reader`)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        else:
            event.listen(self.engine, "invalidate", _found_dropped)

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

    def on_commit(self, callback: Callable[[], None]) -> None:
        """Call `callback` on every commit through this store (this process's writes)."""
        event.listen(self.engine, "commit", lambda _conn: callback())

    def run(
        self,
        what: str,
        work: Callable[[Connection], T],
        *,
        settle: Callable[[Connection], T | None] | None = None,
        revision: bool = False,
    ) -> T:
        """`work` in one transaction (with `revision`, one that moves the ledger on, as in
        `write`), run again on a new connection when the connection to the database drops:
        up to len(RETRY_PAUSES) times, each logged as one warning naming `what`.

        Where the connection dropped decides whether running it again is safe. Before COMMIT
        was sent, the database rolled the transaction back when its connection went, so nothing
        of it stands. During COMMIT only the answer is known to be lost: the transaction may
        have committed, and running it again would write it twice. It is run again only with
        `settle`, which first looks (in the new transaction) for what the lost attempt wrote
        and returns that attempt's result if it is there; without `settle` the error is raised.

        The pauses block the caller, and so the server's event loop, which runs every database
        call: requests wait behind a restarting database rather than each failing."""
        attempts = len(RETRY_PAUSES) + 1
        uncertain = False  # a COMMIT went unanswered: the lost attempt may stand
        for attempt in range(1, attempts + 1):
            phase = "connecting"
            try:
                with self.engine.connect() as conn:
                    phase = "in the transaction"
                    with conn.begin():
                        found = settle(conn) if uncertain and settle is not None else None
                        if found is not None:
                            return found
                        result = work(conn)
                        if revision:
                            self.bump_revision(conn)
                        phase = "committing"
                return result
            except DBAPIError as exc:
                if not _dropped(exc, phase) or attempt == attempts:
                    raise
                if phase == "committing" and settle is None:
                    raise
                uncertain = uncertain or phase == "committing"
                _pause(exc, phase, what, attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    @contextmanager
    def reading(self) -> Iterator[Reader]:
        """A connection for reads that survives a drop (see `Reader`): the thread's own
        within `one_reader`."""
        shared: Reader | None = getattr(self._shared, "reader", None)
        if shared is not None:
            yield shared
            return
        reader = Reader(self.engine)
        try:
            yield reader
        finally:
            reader.close()

    @contextmanager
    def one_reader(self) -> Iterator[None]:
        """Within, on this thread, every read takes the same pooled connection. A web page
        makes a dozen reads, and each taking its own cost PostgreSQL three round trips (the
        pool's ping, the statement, the rollback at return) where one does. Not on SQLite,
        where a read costs no round trip: there a connection held across a page build broke
        the writes of `make run` (115 of 116 answered 500, "disk I/O error")."""
        if getattr(self._shared, "reader", None) is not None or self.dialect == "sqlite":
            yield
            return
        reader = self._shared.reader = Reader(self.engine)
        try:
            yield
        finally:
            self._shared.reader = None
            reader.close()

    def bump_revision(self, conn: Connection) -> None:
        bumped = conn.execute(
            s.revision.update().where(s.revision.c.id == 1).values(number=s.revision.c.number + 1)
        )
        if bumped.rowcount == 0:
            conn.execute(s.revision.insert().values(id=1, number=1))
        if self.dialect == "postgresql":
            # delivered when (and only if) this transaction commits: every server process
            # LISTENing wakes its live pages, see `notifications`
            conn.execute(select(func.pg_notify(CHANGES_CHANNEL, "")))

    def insert_ignore(
        self, conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]
    ) -> None:
        """Insert rows whose key is new; rows already present stay exactly as they are."""
        if not rows:
            return
        insert = (postgresql.insert if self.dialect == "postgresql" else sqlite.insert)(table)
        conn.execute(insert.on_conflict_do_nothing(), list(rows))

    def fill_genders(self, conn: Connection, rows: Iterable[Mapping[str, Any]]) -> int:
        """Give athletes already stored without a gender the one `rows` (athlete rows) give:
        how many were filled. A record of the history carries none; a later source's record
        matched to it keeps the history's key, and its gender would be lost."""
        a = s.athlete
        known = [{"k": r["key"], "g": r["gender"]} for r in rows if r.get("gender")]
        if not known:
            return 0
        update = (
            a.update()
            .where(a.c.key == bindparam("k"), a.c.gender.is_(None))
            .values(gender=bindparam("g"))
        )
        return int(conn.execute(update, known).rowcount)

    def count_rows(self, conn: Connection, table: Table) -> int:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())

    async def notifications(self) -> AsyncIterator[None]:
        """PostgreSQL only: one item once LISTENing, then one per committed write by any
        process. Ends with the connection's error when it drops."""
        import psycopg
        from psycopg import sql

        url = self.engine.url.set(drivername="postgresql")
        # TCP keepalives: a connection a firewall dropped without a word is noticed within a
        # minute or so, not after the operating system's two hours
        async with await psycopg.AsyncConnection.connect(
            url.render_as_string(hide_password=False),
            autocommit=True,
            keepalives=1,
            keepalives_idle=30,
            keepalives_interval=10,
            keepalives_count=3,
        ) as conn:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANGES_CHANNEL)))
            yield None
            async for _ in conn.notifies():
                yield None

    def revision(self) -> int:
        with self.reading() as conn:
            value = conn.execute(select(s.revision.c.number).where(s.revision.c.id == 1)).scalar()
        return int(value or 0)

    def athlete_identities(self) -> list[tuple[str, str, str, str | None]]:
        """(key, match_key, noc, gender) of every athlete: what a later source's names are
        matched to."""
        a = s.athlete
        query = select(a.c.key, a.c.match_key, a.c.noc, a.c.gender)
        with self.reading() as conn:
            return [tuple(r) for r in conn.execute(query)]

    def noc_codes(self) -> set[str]:
        with self.reading() as conn:
            return {r[0] for r in conn.execute(select(s.noc.c.code))}

    # -- people ----------------------------------------------------------------------------

    def athlete_appearances(self) -> list[Row[Any]]:
        """Every athlete record with each (Games, sport, NOC) it won a medal at, alone or in a
        team; a record without a medal once, with null Games and sport: the linkage's input."""
        a, aw, m, e, d = s.athlete, s.award, s.award_member, s.event, s.discipline
        medal_of = (
            select(aw.c.athlete.label("athlete"), aw.c.games, aw.c.event, aw.c.noc)
            .where(aw.c.athlete.is_not(None))
            .union_all(
                select(m.c.athlete, aw.c.games, aw.c.event, aw.c.noc).join(
                    aw, aw.c.key == m.c.award
                )
            )
            .subquery()
        )
        query = (
            select(
                a.c.key,
                a.c.name,
                a.c.given,
                a.c.family,
                a.c.gender,
                a.c.noc,
                medal_of.c.games,
                d.c.sport,
            )
            .select_from(a)
            .outerjoin(medal_of, medal_of.c.athlete == a.c.key)
            .outerjoin(e, e.c.key == medal_of.c.event)
            .outerjoin(d, d.c.slug == e.c.discipline)
            .where(~a.c.key.like("olympedia:%"))
            .distinct()
            .order_by(a.c.key, medal_of.c.games, d.c.sport)
        )
        with self.reading() as conn:
            return list(conn.execute(query))

    def team_awards(self) -> list[Row[Any]]:
        """Every team award as awarded at its Games (a later reallocation takes the members
        of the medal it replaces), with its event's title, sport and gender."""
        aw, e, d, c, g = s.award, s.event, s.discipline, s.contest, s.games
        query = (
            select(
                select(func.count())
                .select_from(s.award_member)
                .where(s.award_member.c.award == aw.c.key)
                .scalar_subquery()
                .label("listed"),
                aw.c.key,
                aw.c.source,
                aw.c.games,
                aw.c.noc,
                aw.c.medal,
                aw.c.event,
                e.c.discipline,
                e.c.gender,
                d.c.sport,
                c.c.title,
            )
            .join(e, e.c.key == aw.c.event)
            .join(d, d.c.slug == e.c.discipline)
            .join(c, and_(c.c.games == aw.c.games, c.c.event == aw.c.event))
            .join(g, g.c.slug == aw.c.games)
            .where(aw.c.team.is_not(None), aw.c.awarded_at <= g.c.ends_at)
            .order_by(aw.c.key)
        )
        with self.reading() as conn:
            return list(conn.execute(query))

    def people_of(self, athletes: Iterable[str]) -> dict[str, str]:
        """The person of each athlete record that has one."""
        ap = s.athlete_person
        wanted = sorted(set(athletes))
        out: dict[str, str] = {}
        with self.reading() as conn:
            for i in range(0, len(wanted), 500):
                query = select(ap.c.athlete, ap.c.person).where(
                    ap.c.athlete.in_(wanted[i : i + 500])
                )
                out.update((r.athlete, r.person) for r in conn.execute(query))
        return out

    def athlete_sex(self, key: str) -> str | None:
        """An athlete record's sex, else its person's: a record of the history gives none, and
        a later source's record matched to it keeps the history's key, but the Olympedia
        record linked to the same person does."""
        a, ap, p = s.athlete, s.athlete_person, s.person
        query = (
            select(a.c.gender, p.c.sex)
            .select_from(a)
            .outerjoin(ap, ap.c.athlete == a.c.key)
            .outerjoin(p, p.c.key == ap.c.person)
            .where(a.c.key == key)
        )
        with self.reading() as conn:
            row = conn.execute(query).first()
        return None if row is None else row.gender or row.sex

    def records_of(self, person: str) -> list[tuple[str, str]]:
        """(athlete record, how it was linked) of one person."""
        ap = s.athlete_person
        with self.reading() as conn:
            query = select(ap.c.athlete, ap.c.how).where(ap.c.person == person)
            return [(r.athlete, r.how) for r in conn.execute(query.order_by(ap.c.athlete))]

    def person_rows(self) -> list[Row[Any]]:
        """Every person with the medals of all its records (for search and its ranking)."""
        with self.reading() as conn:
            return list(conn.execute(select(s.person).order_by(s.person.c.key)))

    def searchable(self) -> list[tuple[str, str, str, str | None, int | None, int, str]]:
        """(key, display, noc, sex, birth year, medals standing now, folded spellings) of every
        person; of every athlete record (its own name) where the linkage has not run."""
        p, ap, aw, m, a = s.person, s.athlete_person, s.award, s.award_member, s.athlete
        medalled = (
            select(aw.c.athlete.label("athlete"), aw.c.key)
            .where(aw.c.athlete.is_not(None), *_standing(None))
            .union_all(
                select(m.c.athlete, m.c.award)
                .join(aw, aw.c.key == m.c.award)
                .where(*_standing(None))
            )
            .subquery()
        )
        with self.reading() as conn:
            if conn.execute(select(p.c.key).limit(1)).first() is None:
                counts = select(medalled.c.athlete, func.count(func.distinct(medalled.c.key)))
                medals = dict(conn.execute(counts.group_by(medalled.c.athlete)).all())
                rows = conn.execute(select(a.c.key, a.c.name, a.c.noc, a.c.gender))
                return [
                    (r.key, r.name, r.noc, r.gender, None, int(medals.get(r.key, 0)), r.name)
                    for r in rows
                ]
            counts = (
                select(ap.c.person, func.count(func.distinct(medalled.c.key)))
                .join(medalled, medalled.c.athlete == ap.c.athlete)
                .group_by(ap.c.person)
            )
            medals = dict(conn.execute(counts).all())
            rows = conn.execute(select(p).order_by(p.c.key))
            return [
                (r.key, r.display, r.noc, r.sex, r.birth_year, int(medals.get(r.key, 0)), r.search)
                for r in rows
            ]

    def changes(self, games: str) -> list[Row[Any]]:
        """Every medal of one Games revoked after it was awarded, and every medal awarded
        after the Games' end (a reallocation): what changed since the close, with when."""
        aw, r, g = s.award, s.revocation, s.games
        what = (aw.c.event, aw.c.noc, aw.c.medal, aw.c.athlete, aw.c.team)
        revoked = (
            select(*what, r.c.revoked_at.label("at"), r.c.reason, literal("revoked").label("kind"))
            .join(r, r.c.award == aw.c.key)
            .where(aw.c.games == games)
        )
        given = (
            select(
                *what,
                aw.c.awarded_at.label("at"),
                aw.c.source.label("reason"),
                literal("awarded").label("kind"),
            )
            .join(g, g.c.slug == aw.c.games)
            .where(aw.c.games == games, aw.c.awarded_at > g.c.ends_at)
        )
        both = revoked.union_all(given).subquery()
        with self.reading() as conn:
            query = select(both).order_by(both.c.at, both.c.event, both.c.kind.desc(), both.c.medal)
            return list(conn.execute(query))

    def people_signature(self) -> tuple[int, int]:
        """Changes when an import changes the people or adds athlete records."""
        with self.reading() as conn:
            people = conn.execute(select(func.count()).select_from(s.person)).scalar_one()
            records = conn.execute(select(func.count()).select_from(s.athlete)).scalar_one()
        return int(people), int(records)

    def athletes_known(self, keys: Sequence[str]) -> set[str]:
        with self.reading() as conn:
            query = select(s.athlete.c.key).where(s.athlete.c.key.in_(keys))
            return {r[0] for r in conn.execute(query)}

    def events_beside_olympedia(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(Games, sport) -> (events with a medal here, events Olympedia's entries name), for
        the counted sports: the check of event identity against an independent count."""
        aw, e, d, en = s.award, s.event, s.discipline, s.entry
        ours = (
            select(aw.c.games, d.c.sport, func.count(func.distinct(aw.c.event)))
            .join(e, e.c.key == aw.c.event)
            .join(d, d.c.slug == e.c.discipline)
            .group_by(aw.c.games, d.c.sport)
        )
        theirs = (
            select(en.c.games, en.c.sport, func.count(func.distinct(en.c.raw_event)))
            .where(en.c.sport.not_in(UNCOUNTED_SPORTS))
            .group_by(en.c.games, en.c.sport)
        )
        with self.reading() as conn:
            counts: dict[tuple[str, str], list[int]] = {}
            for side, query in enumerate((ours, theirs)):
                for games, sport, n in conn.execute(query):
                    counts.setdefault((games, sport), [0, 0])[side] = n
        return {k: (a, b) for k, (a, b) in counts.items()}

    def entries_of(self, athletes: Sequence[str]) -> list[Row[Any]]:
        en = s.entry
        with self.reading() as conn:
            query = select(en).where(en.c.athlete.in_(athletes))
            return list(conn.execute(query.order_by(en.c.games, en.c.raw_event)))

    def entry_titles(self, games: str) -> list[str]:
        """Every event title of Olympedia's entries at one Games."""
        en = s.entry
        with self.reading() as conn:
            query = select(en.c.raw_event).where(en.c.games == games).distinct()
            return sorted(r[0] for r in conn.execute(query))

    def person_entries(
        self, people: Sequence[str] = (), games: str | None = None, title: str | None = None
    ) -> list[Row[Any]]:
        """Olympedia's entries with the person each is (person, games, raw_event, sport, noc,
        medal, age): of the given people, or of everyone at one Games (in one event title),
        or both."""
        en, ap = s.entry, s.athlete_person
        query = select(ap.c.person, en).join(ap, ap.c.athlete == en.c.athlete)
        if people:
            query = query.where(ap.c.person.in_(sorted(set(people))))
        if games is not None:
            query = query.where(en.c.games == games)
        if title is not None:
            query = query.where(en.c.raw_event == title)
        with self.reading() as conn:
            return list(conn.execute(query.order_by(ap.c.person, en.c.games, en.c.raw_event)))

    def replace_people(
        self, conn: Connection, people: list[dict[str, Any]], links: list[dict[str, Any]]
    ) -> None:
        """The linkage is derived: each import replaces it whole, in its transaction."""
        for table in s.PEOPLE_TABLES:
            conn.execute(table.delete())
        for table, rows in ((s.person, people), (s.athlete_person, links)):
            for i in range(0, len(rows), 2000):
                conn.execute(table.insert(), rows[i : i + 2000])

    # -- reading -------------------------------------------------------------------------

    def games(self, slug: str) -> Games | None:
        with self.reading() as conn:
            row = conn.execute(select(s.games).where(s.games.c.slug == slug)).first()
        return _games(row) if row else None

    def all_games(self) -> list[Games]:
        with self.reading() as conn:
            rows = conn.execute(select(s.games).order_by(s.games.c.starts_at))
            return [_games(r) for r in rows]

    def nocs(self) -> dict[str, Noc]:
        with self.reading() as conn:
            rows = conn.execute(select(s.noc))
            return {r.code: Noc(r.code, r.name_en, r.name_nl, r.iso2, r.status) for r in rows}

    def unranked(self, games: Sequence[str]) -> set[tuple[str, str]]:
        with self.reading() as conn:
            rows = conn.execute(
                select(s.unranked.c.games, s.unranked.c.noc).where(s.unranked.c.games.in_(games))
            )
            return {(r.games, r.noc) for r in rows}

    def medal_counts(self, where: CountFilter) -> list[tuple[str, int, int]]:
        """(noc, medal, count) over the awards standing at `where.as_of` (now if None)."""
        a = s.award
        query = select(a.c.noc, a.c.medal, func.count()).where(*self._counted(where))
        query = query.group_by(a.c.noc, a.c.medal)
        with self.reading() as conn:
            return [(noc, int(medal), int(n)) for noc, medal, n in conn.execute(query)]

    def medals_signature(self) -> dict[str, tuple[int, int, int]]:
        """Games -> (awards, revocations, unranked NOCs) recorded: rows of these are only ever
        added, so a Games whose counts have not moved has the table it had."""
        a, r, u = s.award, s.revocation, s.unranked
        queries = (
            select(a.c.games, func.count()).group_by(a.c.games),
            select(a.c.games, func.count())
            .select_from(r.join(a, a.c.key == r.c.award))
            .group_by(a.c.games),
            select(u.c.games, func.count()).group_by(u.c.games),
        )
        found: dict[str, list[int]] = {}
        with self.reading() as conn:
            for i, query in enumerate(queries):
                for games, n in conn.execute(query):
                    found.setdefault(games, [0, 0, 0])[i] = int(n)
        return {g: (n[0], n[1], n[2]) for g, n in found.items()}

    def medal_counts_by_games(self, games: Sequence[str]) -> list[tuple[str, str, int, int]]:
        """(games, noc, medal, count) over the awards standing now, for many Games at once."""
        a = s.award
        where = CountFilter(tuple(games))
        query = select(a.c.games, a.c.noc, a.c.medal, func.count()).where(*self._counted(where))
        query = query.group_by(a.c.games, a.c.noc, a.c.medal)
        with self.reading() as conn:
            return [(g, noc, int(medal), int(n)) for g, noc, medal, n in conn.execute(query)]

    def medalled_at(self, where: CountFilter, nocs: Iterable[str]) -> set[tuple[str, str]]:
        """(games, noc) pairs where these NOCs have counted awards."""
        a = s.award
        query = select(a.c.games, a.c.noc).where(*self._counted(where), a.c.noc.in_(list(nocs)))
        with self.reading() as conn:
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
        with self.reading() as conn:
            return list(conn.execute(select(s.discipline).order_by(s.discipline.c.slug)))

    def event(self, key: str) -> Event | None:
        found = self._events(s.event.c.key == key)
        return found[0] if found else None

    def events(self) -> list[Event]:
        return self._events()

    def events_signature(self) -> tuple[int, int, int]:
        """Changes when an import adds events, contests or Games: what `events()` reads. Rows
        of those are only ever added (`insert_ignore`), never changed, so counting suffices."""
        tables = (s.event, s.contest, s.games)
        counts = [select(func.count()).select_from(t).scalar_subquery() for t in tables]
        with self.reading() as conn:
            row = conn.execute(select(*counts)).one()
        return int(row[0]), int(row[1]), int(row[2])

    def _events(self, *where: Any) -> list[Event]:
        """Events titled as their most recent Games spelled them ("Women's 500m", not the
        history file's "500m women")."""
        c, g, e = s.contest, s.games, s.event
        query = (
            select(e.c.key, e.c.discipline, e.c.gender, e.c.title, c.c.title, g.c.starts_at)
            .select_from(e.outerjoin(c, c.c.event == e.c.key).outerjoin(g, g.c.slug == c.c.games))
            .where(*where)
        )
        # one pass keeping each event's newest contest, rather than a correlated subquery per
        # event (which took a quarter of a second over the 1,102 events)
        newest: dict[str, tuple[Any, Event]] = {}
        with self.reading() as conn:
            for key, discipline, gender, title, spelled, starts_at in conn.execute(query):
                seen = newest.get(key)
                if seen is None or (
                    starts_at is not None and (seen[0] is None or starts_at > seen[0])
                ):
                    newest[key] = (starts_at, Event(key, discipline, gender, spelled or title))
        return [newest[key][1] for key in sorted(newest)]

    def event_aliases(self, key: str) -> list[str]:
        with self.reading() as conn:
            rows = conn.execute(
                select(s.event_alias.c.raw_title).where(s.event_alias.c.event == key).distinct()
            )
            return sorted(r.raw_title for r in rows)

    def contests(self, games: str) -> list[Row[Any]]:
        """The events of one Games with the moment their medals are handed out."""
        with self.reading() as conn:
            query = select(s.contest).where(s.contest.c.games == games)
            return list(conn.execute(query.order_by(s.contest.c.medal_at, s.contest.c.event)))

    def athlete(self, key: str) -> Athlete | None:
        with self.reading() as conn:
            row = conn.execute(_athletes().where(s.athlete.c.key == key)).first()
        return _athlete(row) if row else None

    def athletes_named(self, text: str, limit: int = 50) -> list[Athlete]:
        from podium.names import fold

        pattern = f"%{fold(text)}%"
        with self.reading() as conn:
            query = _athletes().where(s.athlete.c.match_key.like(pattern))
            rows = conn.execute(query.order_by(s.athlete.c.name, s.athlete.c.key).limit(limit))
            return [_athlete(r) for r in rows]

    def athletes(self, keys: Iterable[str]) -> dict[str, Athlete]:
        wanted = sorted(set(keys))
        out: dict[str, Athlete] = {}
        with self.reading() as conn:
            for i in range(0, len(wanted), 500):
                query = _athletes().where(s.athlete.c.key.in_(wanted[i : i + 500]))
                out.update((r.key, _athlete(r)) for r in conn.execute(query))
        return out

    def awards(
        self,
        *,
        games: Sequence[str] | None = None,
        event: str | None = None,
        noc: str | None = None,
        athlete: str | Sequence[str] | None = None,
        as_of: datetime | None = None,
    ) -> list[Award]:
        """Standing awards (with team members), in the order they were awarded; `athlete`
        one record or all the records of one person."""
        a = s.award
        query = select(a).where(*_standing(as_of))
        if games is not None:
            query = query.where(a.c.games.in_(games))
        if event is not None:
            query = query.where(a.c.event == event)
        if noc is not None:
            query = query.where(a.c.noc == noc)
        if athlete is not None:
            keys = [athlete] if isinstance(athlete, str) else list(athlete)
            as_member = select(s.award_member.c.award).where(s.award_member.c.athlete.in_(keys))
            query = query.where(or_(a.c.athlete.in_(keys), a.c.key.in_(as_member)))
        return self._with_members(query.order_by(a.c.awarded_at, a.c.event, a.c.medal, a.c.key))

    def _with_members(self, query: Select[Any]) -> list[Award]:
        """Awards with their members: one record per person (the competition source's before
        Olympedia's), where both a source and Olympedia list the same athlete in a team."""
        m, ap = s.award_member, s.athlete_person
        with self.reading() as conn:
            rows = list(conn.execute(query))
            members: dict[str, dict[str, str]] = {}
            keys = [r.key for r in rows if r.team is not None]
            for i in range(0, len(keys), 500):
                found = conn.execute(
                    select(m.c.award, m.c.athlete, ap.c.person)
                    .outerjoin(ap, ap.c.athlete == m.c.athlete)
                    .where(m.c.award.in_(keys[i : i + 500]))
                    .order_by(m.c.award, m.c.athlete.like("olympedia:%"), m.c.athlete)
                )
                for award_key, athlete_key, person in found:
                    members.setdefault(award_key, {}).setdefault(person or athlete_key, athlete_key)
            individual = sorted({r.athlete for r in rows if r.athlete is not None})
            people: dict[str, str] = {}
            for i in range(0, len(individual), 500):
                found = conn.execute(
                    select(ap.c.athlete, ap.c.person).where(
                        ap.c.athlete.in_(individual[i : i + 500])
                    )
                )
                people.update((r.athlete, r.person) for r in found)
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
                members=tuple(sorted(members.get(r.key, {}).values())),
                person=people.get(r.athlete, r.athlete) if r.athlete else None,
                member_people=tuple(sorted(members.get(r.key, {}))),
            )
            for r in rows
        ]

    def table_digest(self) -> list[tuple[Any, ...]]:
        """Every row of every table of imported data, sorted: what "importing twice changes
        nothing" compares. The desk's tables are left out on purpose: they hold what was
        written through the API (and tokens), which no import touches, so their rows would
        only make the digest depend on who used the desk."""
        out: list[tuple[Any, ...]] = []
        with self.reading() as conn:
            for table in s.metadata.sorted_tables:
                if table.name in s.DESK_TABLES | s.FEED_TABLES:
                    continue
                query = select(literal(table.name), *table.c).order_by(*table.primary_key.columns)
                out.extend(tuple(r) for r in conn.execute(query))
        return out

    # -- results desk (ledger entries, API tokens, idempotency keys) ----------------------
    # Added for the live service (issue 4): the write side of the ledger. Every method below
    # either reads the desk's own tables or writes one ledger entry in one `write()`.

    def ledger_seq(self) -> int:
        """The newest ledger entry's sequence number (0 before the first)."""
        with self.reading() as conn:
            value = conn.execute(select(func.max(s.ledger_entry.c.seq))).scalar()
        return int(value or 0)

    def ledger_entries(
        self,
        *,
        games: str | None = None,
        event: str | None = None,
        after: int | None = None,
        kind: str | None = None,
    ) -> list[Row[Any]]:
        t = s.ledger_entry
        query = select(t).order_by(t.c.seq)
        if games is not None:
            query = query.where(t.c.games == games)
        if event is not None:
            query = query.where(t.c.event == event)
        if after is not None:
            query = query.where(t.c.seq > after)
        if kind is not None:
            query = query.where(t.c.kind == kind)
        with self.reading() as conn:
            return list(conn.execute(query))

    def athlete_keys_matching(self, match_key: str, noc: str) -> list[str]:
        a = s.athlete
        with self.reading() as conn:
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

        def work(conn: Connection) -> int:
            inserted = conn.execute(s.ledger_entry.insert().values(**entry))
            seq = int(inserted.inserted_primary_key[0])  # type: ignore[index]
            self.enqueue_webhooks(conn, seq, entry["games"], now)
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
                conn.execute(s.idempotency.insert().values(**idempotency(seq), created_at=now))
            return seq

        def settle(conn: Connection) -> int | None:
            # The entry row names its own attempt: the same request by the same actor recorded
            # at the same microsecond is this very write, committed before its answer was lost.
            # So every ledger write is safe to run again, Idempotency-Key or not (that key is
            # for the client's re-sends; this is for the answer lost between database and us).
            t = s.ledger_entry
            found = conn.execute(
                select(t.c.seq).where(
                    t.c.request_hash == entry["request_hash"],
                    t.c.recorded_at == entry["recorded_at"],
                    t.c.actor == entry["actor"],
                )
            ).scalar()
            return None if found is None else int(found)

        what = f"ledger {entry['kind']} {entry['games']} {entry['event']}"
        return self.run(what, work, settle=settle, revision=True)

    def idempotent(self, key: str) -> Row[Any] | None:
        with self.reading() as conn:
            return conn.execute(select(s.idempotency).where(s.idempotency.c.key == key)).first()

    def add_token(self, digest: str, role: str, label: str) -> None:
        with self.transaction() as conn:
            conn.execute(
                s.api_token.insert().values(
                    digest=digest, role=role, label=label, created_at=to_db(datetime.now(UTC))
                )
            )

    def tokens(self) -> list[tuple[str, str, str]]:
        """(digest, role, label) of every API token."""
        t = s.api_token
        with self.reading() as conn:
            return [
                (r[0], r[1], r[2]) for r in conn.execute(select(t.c.digest, t.c.role, t.c.label))
            ]

    # -- projection (issue 11) -------------------------------------------------------------
    # What the live projection reads: every standing award of some Games, light (no team
    # members), with whether it went to a team entry.

    def medal_rows(
        self, games: Sequence[str], as_of: datetime | None = None
    ) -> list[tuple[str, str, int, str, bool, datetime]]:
        """(games, event, medal, noc, team entry, awarded_at) of every award standing at
        `as_of` (now if None) at these Games."""
        a = s.award
        query = select(a.c.games, a.c.event, a.c.medal, a.c.noc, a.c.team, a.c.awarded_at)
        query = query.where(a.c.games.in_(list(games)), *_standing(as_of))
        query = query.order_by(a.c.awarded_at, a.c.event, a.c.medal, a.c.noc)
        with self.reading() as conn:
            return [
                (g, e, int(m), n, team is not None, from_db(at))
                for g, e, m, n, team, at in conn.execute(query)
            ]

    def entrants(self, games: str) -> list[tuple[str, str, int]]:
        """(sport, noc, athletes entered) at one Games, from Olympedia's entries: who takes
        part, known before the Games begin. Empty where the entries are not imported."""
        en = s.entry
        query = (
            select(en.c.sport, en.c.noc, func.count(func.distinct(en.c.athlete)))
            .where(en.c.games == games, en.c.noc.is_not(None))
            .group_by(en.c.sport, en.c.noc)
            .order_by(en.c.sport, en.c.noc)
        )
        with self.reading() as conn:
            return [(sport, noc, int(n)) for sport, noc, n in conn.execute(query)]

    # -- webhooks (issue 13): the outbox row of a ledger entry --------------------------------
    # The rest of the feeds' SQL is in podium.feeds.store; this one statement runs inside
    # `record_ledger`'s transaction, so an entry and the promise to announce it commit together.

    def enqueue_webhooks(self, conn: Connection, seq: int, games: str, now: datetime) -> None:
        """One outbox row per active hook that follows `games` (or every Games)."""
        h = s.webhook
        wanted = select(h.c.id, literal(seq), literal(games), literal(now)).where(
            h.c.active.is_(True), (h.c.games == games) | h.c.games.is_(None)
        )
        conn.execute(
            s.webhook_outbox.insert().from_select(["hook", "seq", "games", "created_at"], wanted)
        )

    # -- targets (the news, issue 10) ----------------------------------------------------
    # A NOC's stated ambition for a Games: appended, never updated, dated by when it was said.

    def add_target(self, games: str, noc: str, rank: int, source: str, stated_at: datetime) -> None:
        with self.transaction() as conn:
            conn.execute(
                s.target.insert().values(
                    games=games,
                    noc=noc,
                    rank=rank,
                    source=source,
                    stated_at=to_db(stated_at),
                    recorded_at=to_db(datetime.now(UTC)),
                )
            )
            self.bump_revision(conn)

    def targets(
        self, games: str | None = None, as_of: datetime | None = None
    ) -> list[tuple[str, str, int, str, datetime]]:
        """(games, noc, rank, source, stated_at) of every target stated by `as_of`, oldest
        first (the newest per NOC is the one in force)."""
        t = s.target
        query = select(t.c.games, t.c.noc, t.c.rank, t.c.source, t.c.stated_at).order_by(
            t.c.stated_at, t.c.id
        )
        if games is not None:
            query = query.where(t.c.games == games)
        if as_of is not None:
            query = query.where(t.c.stated_at <= to_db(as_of))
        with self.reading() as conn:
            return [(r[0], r[1], r[2], r[3], from_db(r[4])) for r in conn.execute(query)]


class Reader:
    """What a read method runs its statements on: a pooled connection, taken at the first
    statement, that survives a drop. A statement cut short by a dropped connection (or a
    connect refused by a restarting database) runs again on a new connection, after the
    pauses and with the log line of `Store.run`.

    Safe for reads, statement by statement: a read needs nothing from its connection's
    earlier statements, and each statement sees what was committed when it started, which is
    what PostgreSQL's READ COMMITTED (and SQLite's reads outside a write) give on one
    connection anyway. Never for writes: those are `Store.run`'s, whole transactions."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.conn: Connection | None = None

    def execute(self, statement: Executable) -> CursorResult[*tuple[Any, ...]]:
        attempts = len(RETRY_PAUSES) + 1
        for attempt in range(1, attempts + 1):
            phase = "connecting"
            try:
                if self.conn is None:
                    self.conn = self.engine.connect()
                phase = "reading"
                return self.conn.execute(statement)
            except DBAPIError as exc:
                if not _dropped(exc, phase) or attempt == attempts:
                    raise
                self.close()
                _pause(exc, phase, "a read", attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def close(self) -> None:
        conn, self.conn = self.conn, None
        if conn is None:
            return
        try:
            conn.close()  # rolls back the read's transaction
        except DBAPIError as exc:
            # dropped after the last statement: the read has its rows, and the server ended
            # the transaction with the connection
            if not exc.connection_invalidated:
                raise


def _found_dropped(_dbapi: Any, _record: Any, exception: BaseException | None) -> None:
    """The pool threw a connection away. Said once here when pre-ping found it dead at
    checkout (the database restarted, or ended it): that checkout just connects again. A
    connection dropped under a statement is said by the retry that follows."""
    if isinstance(exception, DisconnectionError):
        log.warning(
            "database connection found dropped when taken from the pool (pre-ping): "
            "connecting again, and replacing every older pooled connection"
        )


def _dropped(exc: DBAPIError, phase: str) -> bool:
    """Whether `exc` is the connection to the database going, or while connecting, not
    coming (a database restarting refuses connections for a second or two)."""
    return exc.connection_invalidated or (
        phase == "connecting" and isinstance(exc, OperationalError)
    )


def _pause(exc: DBAPIError, phase: str, what: str, attempt: int) -> None:
    """One warning naming the error and the attempt to come, then the pause before it."""
    pause = RETRY_PAUSES[attempt - 1]
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    log.warning(
        "database connection lost %s (%s): %s: %s; attempt %d of %d in %.2f s",
        phase,
        what,
        type(exc.orig or exc).__name__,
        reason,
        attempt + 1,
        len(RETRY_PAUSES) + 1,
        pause,
    )
    time.sleep(pause)


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


def _athletes() -> Select[Any]:
    """Athlete records with the person each is and the name the press writes for it."""
    a, ap, p = s.athlete, s.athlete_person, s.person
    return (
        select(
            a,
            ap.c.person,
            p.c.display,
            p.c.given.label("display_given"),
            p.c.family.label("display_family"),
        )
        .select_from(a)
        .outerjoin(ap, ap.c.athlete == a.c.key)
        .outerjoin(p, p.c.key == ap.c.person)
    )


def _athlete(r: Row[Any]) -> Athlete:
    # without the linkage, a competition record's name as the press writes it
    competing = r.given and r.key.startswith(COMPETITION_NAMESPACES)
    own = press_name(PersonName(r.given, r.family), r.noc) if competing else r.name
    given, family = r.given, r.family
    if r.display:  # the parts of the person's name, not of this record's spelling of it
        given, family = r.display_given, r.display_family
    return Athlete(
        r.key,
        r.display or own,
        given,
        family,
        r.gender,
        r.noc,
        r.match_key,
        full_name=r.name,
        person=r.person,
    )


# -- opening a database: what is not a Podium database is refused, never made one ----------

SQLITE_HEADER = b"SQLite format 3\x00"


class UnusableDatabase(ValueError):
    """A database Podium will not open: missing (where it may not be made), empty, foreign
    or corrupt. The message says which and what to do."""


def sqlite_file(url: str) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def refuse_unusable(url: str, create: bool) -> None:
    """Cheap checks before SQLite opens a file (which it would otherwise make, or take an
    empty file for a new database): there, not empty, and a SQLite file by its header."""
    path = sqlite_file(url)
    if path is None:
        return
    if not path.exists():
        if create:
            return
        raise UnusableDatabase(f"{path}: no database there (`podium import` makes one)")
    if not path.is_file():
        raise UnusableDatabase(f"{path} is not a file")
    with path.open("rb") as f:
        header = f.read(len(SQLITE_HEADER))
    if not header:
        raise UnusableDatabase(
            f"{path} is an empty file, not a Podium database: remove it to start a new one"
        )
    if header != SQLITE_HEADER:
        raise UnusableDatabase(f"{path} is not a SQLite database (it begins {header[:8]!r})")


@dataclass(frozen=True)
class Checked:
    """`Store.check`: what is wrong (nothing, for a sound database) and how much is in it."""

    problems: tuple[str, ...]
    schema: str | None
    counts: dict[str, int]


def check(store: Store) -> Checked:
    """The database's integrity (SQLite `quick_check`), schema version against the newest
    migration, and row counts. What `podium check` prints and `podium serve` requires."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    problems: list[str] = []
    version: str | None = None
    counts: dict[str, int] = {}
    try:
        with store.engine.connect() as conn:
            if store.dialect == "sqlite":
                found = [r[0] for r in conn.exec_driver_sql("PRAGMA quick_check(20)")]
                if found != ["ok"]:
                    problems.append("SQLite quick_check: " + "; ".join(map(str, found)))
            version = MigrationContext.configure(conn).get_current_revision()
            # without a schema version there may be no tables to count (an empty database)
            if not problems and version is not None:
                for table in (s.games, s.noc, s.event, s.athlete, s.award, s.ledger_entry):
                    counts[table.name] = store.count_rows(conn, table)
    except DBAPIError as exc:
        problems.append(f"unreadable: {exc.orig or exc}")
    scripts = ScriptDirectory(str(Path(__file__).parent / "migrations"))
    head = scripts.get_current_head()
    if version is None and not problems:
        problems.append("not a Podium database: no schema version (`podium import` makes one)")
    elif version is not None and version != head:
        problems.append(f"schema version {version}, this Podium needs {head}")
    return Checked(tuple(problems), version, counts)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


__all__ = [
    "Checked",
    "CountFilter",
    "Store",
    "UnusableDatabase",
    "check",
    "database_url",
    "from_db",
    "to_db",
]
