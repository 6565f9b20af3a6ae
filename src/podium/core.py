"""`Podium`: the one core object over one database. The CLI and the web app are thin layers
over it; everything they show is a call here."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from podium import events as canon
from podium.importers import SOURCES, Report, import_source
from podium.importers.source import Progress
from podium.model import Athlete, Award, Event, Games, Medal, Noc, Season
from podium.search import Match, PeopleIndex, Person
from podium.store import CountFilter, Store, database_url, from_db
from podium.table import DEFAULT_WEIGHTS, MedalTable, Order, Tally, rank, tallies


class NotFound(LookupError):
    """No Games, NOC, event or athlete by that name; the message says which."""


@dataclass(frozen=True)
class NocGames:
    """One NOC at one Games: its medals and its place in that Games' table."""

    games: Games
    tally: Tally
    rank: int | None
    tied: bool


@dataclass(frozen=True)
class EventPodium:
    """The medallists of one event at one Games."""

    games: Games
    awards: tuple[Award, ...]


@dataclass(frozen=True)
class EventHistory:
    event: Event
    spellings: tuple[str, ...]
    podiums: tuple[EventPodium, ...]


@dataclass(frozen=True)
class Career:
    athlete: Athlete
    awards: tuple[Award, ...]
    per_games: tuple[tuple[Games, Tally], ...]

    @property
    def tally(self) -> Tally:
        total = Tally()
        for _, t in self.per_games:
            total = total + t
        return total


@dataclass(frozen=True)
class Change:
    """One medal revoked or awarded after a Games' close."""

    at: datetime
    kind: str  # revoked | awarded
    event: str
    noc: str
    medal: Medal
    athlete: str | None
    team: str | None
    reason: str


_PEOPLE_INDEXES: dict[str, tuple[tuple[int, int], PeopleIndex]] = {}


class Podium:
    """Podium over one SQL database: a SQLite file by default, PostgreSQL by URL."""

    def __init__(self, db: str | None = None, *, migrate: bool = True) -> None:
        self.store = Store(database_url(db), create=migrate)  # reading makes no database
        if migrate:
            self.store.migrate()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._cache_revision = -1
        self._known = threading.local()  # the revision a caller already knows, per thread
        self._events: tuple[tuple[int, int, int], list[Event]] | None = None
        # each Games' table now, with the counts it was made at (`Store.medals_signature`)
        self._games_tables: dict[str, tuple[tuple[int, int, int] | None, MedalTable]] = {}
        self._computing: dict[tuple[Any, ...], threading.Lock] = {}
        self._computing_lock = threading.Lock()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Podium:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # -- import --------------------------------------------------------------------------

    def import_data(
        self, data: str, only: Sequence[str] = (), progress: Progress | None = None
    ) -> list[Report]:
        """Import every source under `data` (a folder path or URL prefix), or those named."""
        unknown = set(only) - {s.name for s in SOURCES}
        if unknown:
            names = ", ".join(s.name for s in SOURCES)
            raise NotFound(f"unknown source {sorted(unknown)[0]!r}; the sources are {names}")
        return [
            import_source(self.store, data, source, progress)
            for source in SOURCES
            if not only or source.name in only
        ]

    # -- cached reads --------------------------------------------------------------------

    @contextmanager
    def at_revision(self, revision: int) -> Iterator[None]:
        """Within, on this thread, cached reads take the database's revision to be `revision`
        rather than read it again for each look: a web page makes a dozen of them, and the
        web's revision clock already knows it. The clock may lag a writer it was not told of
        by its max-age, so what is cached meanwhile may be newer than `revision`, never older.
        The reads within share one connection (`Store.one_reader`)."""
        before = getattr(self._known, "revision", None)
        self._known.revision = revision
        try:
            with self.store.one_reader():
                yield
        finally:
            self._known.revision = before

    def _cached(self, key: tuple[Any, ...], compute: Any) -> Any:
        """Derived data is cached until the next write (the revision moves on). Safe to share
        between threads: a stale or cleared dict is replaced, never emptied under a reader."""
        known = getattr(self._known, "revision", None)
        cache = self._cache
        # a known revision behind the cache's (the clock lags a writer) takes the newer cache
        revision = self.store.revision() if known is None else max(known, self._cache_revision)
        if revision != self._cache_revision or len(cache) > 512:
            cache = {}
            self._cache, self._cache_revision = cache, revision
        if key in cache:
            return cache[key]
        # one computation of a key per revision: the other threads asking meanwhile wait for it
        with self._computing_lock:
            lock = self._computing.setdefault((revision, *key), threading.Lock())
        try:
            with lock:
                if key not in cache:
                    cache[key] = compute()
        finally:
            with self._computing_lock:
                self._computing.pop((revision, *key), None)
        return cache[key]

    def nocs(self) -> dict[str, Noc]:
        result: dict[str, Noc] = self._cached(("nocs",), self.store.nocs)
        return result

    def noc(self, code: str) -> Noc:
        found = self.nocs().get(code.upper())
        if found is None:
            raise NotFound(f"no NOC with code {code!r}")
        return found

    def all_games(self, season: Season | None = None) -> list[Games]:
        games: list[Games] = self._cached(("games",), self.store.all_games)
        return [g for g in games if season is None or g.season == season]

    def games(self, slug: str) -> Games:
        for g in self.all_games():
            if g.slug == slug:
                return g
        known = ", ".join(g.slug for g in self.all_games()[-4:])
        raise NotFound(f"no Games {slug!r} (recent ones: {known})")

    def moment(self, games: str, text: str) -> datetime:
        """A moment on the host's clock: a date means the end of that day there."""
        zone = ZoneInfo(self.games(games).timezone)
        try:
            if len(text) == 10:
                day = date.fromisoformat(text)
                moment = datetime.combine(day + timedelta(days=1), time(), zone) - timedelta(
                    microseconds=1
                )
            else:
                parsed = datetime.fromisoformat(text)
                moment = parsed if parsed.tzinfo else parsed.replace(tzinfo=zone)
            moment.astimezone(UTC)  # the database compares in UTC: year 1 or 9999 may not fit
        except ValueError:
            raise ValueError(f"as-of: {text!r} is not a date or date-time (ISO 8601)") from None
        except OverflowError:
            raise ValueError(f"as-of: {text!r} is out of range") from None
        return moment

    def disciplines_for(self, sport: str) -> tuple[str, ...]:
        """A sport slug names its disciplines; a discipline slug names itself."""
        matches = tuple(d.slug for d in canon.DISCIPLINES if sport in (d.slug, d.sport.slug))
        if not matches:
            raise NotFound(f"no sport or discipline {sport!r}")
        return matches

    # -- medal tables --------------------------------------------------------------------

    def table(
        self,
        games: str,
        *,
        as_of: datetime | None = None,
        order: Order = "gold",
        sport: str | None = None,
        gender: str | None = None,
        nocs: Iterable[str] = (),
        weights: tuple[int, int, int] = DEFAULT_WEIGHTS,
    ) -> MedalTable:
        """One Games' table as it stood at `as_of` (now if None)."""
        self.games(games)
        return self._table((games,), as_of, order, sport, gender, tuple(nocs), weights)

    def alltime_table(
        self,
        season: Season,
        *,
        as_of: datetime | None = None,
        order: Order = "gold",
        sport: str | None = None,
        gender: str | None = None,
        nocs: Iterable[str] = (),
        weights: tuple[int, int, int] = DEFAULT_WEIGHTS,
    ) -> MedalTable:
        """Every official Games of a season added up, NOCs as they competed (no merging)."""
        slugs = tuple(g.slug for g in self.all_games(season) if g.official)
        return self._table(slugs, as_of, order, sport, gender, tuple(nocs), weights)

    def _table(
        self,
        games: tuple[str, ...],
        as_of: datetime | None,
        order: Order,
        sport: str | None,
        gender: str | None,
        nocs: tuple[str, ...],
        weights: tuple[int, int, int],
    ) -> MedalTable:
        if gender is not None and gender not in ("M", "W", "X"):
            raise ValueError(f"gender: {gender!r} is not M, W or X")
        key = ("table", games, as_of, order, sport, gender, nocs, weights)

        def compute() -> MedalTable:
            disciplines = self.disciplines_for(sport) if sport else ()
            where = CountFilter(games, as_of, disciplines, gender)
            per_noc = tallies(self.store.medal_counts(where))
            # an NOC is ranked unless it was unranked at every one of these Games it medalled at
            unranked_at = self.store.unranked(games)
            maybe_out = {noc for _, noc in unranked_at} & set(per_noc)
            medalled = self.store.medalled_at(where, maybe_out) if maybe_out else set()
            outside = {n for n in maybe_out if all(p in unranked_at for p in medalled if p[1] == n)}
            rows = rank(per_noc, order, outside, weights)
            if nocs:
                wanted = {n.upper() for n in nocs}
                rows = tuple(r for r in rows if r.noc in wanted)
            filters = {k: v for k, v in (("sport", sport), ("gender", gender)) if v}
            return MedalTable(games, order, as_of, rows, weights, filters)

        table: MedalTable = self._cached(key, compute)
        return table

    # -- a country, an event, an athlete -------------------------------------------------

    def noc_games(self, code: str, season: Season | None = None) -> list[NocGames]:
        """The NOC at every Games it won a medal at, with its rank there."""
        noc = self.noc(code).code
        tables = self.games_tables()
        out = []
        for games in self.all_games(season):
            row = tables[games.slug].row(noc)
            if row is not None:
                out.append(NocGames(games, row.tally, row.rank, row.tied))
        return out

    def games_tables(self) -> dict[str, MedalTable]:
        """Every Games' table as it now stands (as `table(slug)` gives it), counted in one
        query rather than one per Games: what a country's history needs after each write.
        Only the Games whose medals moved are counted again (a desk write moves one)."""

        def compute() -> dict[str, MedalTable]:
            slugs = [g.slug for g in self.all_games()]
            signature = self.store.medals_signature()
            kept = self._games_tables
            moved = [s for s in slugs if s not in kept or kept[s][0] != signature.get(s)]
            counts: dict[str, list[tuple[str, int, int]]] = {s: [] for s in moved}
            if moved:
                for games, noc, medal, n in self.store.medal_counts_by_games(moved):
                    counts[games].append((noc, medal, n))
                unranked = self.store.unranked(moved)
            fresh = dict(kept)
            for slug in moved:
                per_noc = tallies(counts[slug])
                outside = {noc for noc in per_noc if (slug, noc) in unranked}
                rows = rank(per_noc, "gold", outside, DEFAULT_WEIGHTS)
                table = MedalTable((slug,), "gold", None, rows, DEFAULT_WEIGHTS, {})
                fresh[slug] = (signature.get(slug), table)
            self._games_tables = fresh
            return {slug: fresh[slug][1] for slug in slugs}

        tables: dict[str, MedalTable] = self._cached(("games-tables",), compute)
        return tables

    def noc_awards(self, code: str, games: str, as_of: datetime | None = None) -> list[Award]:
        return self.store.awards(games=[games], noc=self.noc(code).code, as_of=as_of)

    def event(self, key: str) -> Event:
        # no key holds a NUL (PostgreSQL text cannot), and asking PostgreSQL for one fails
        found = self.store.event(key) if "\x00" not in key else None
        if found is None:
            raise NotFound(f"no event {key!r}")
        return found

    def find_events(self, text: str) -> list[Event]:
        """Events whose key or title has a word starting with each word of `text` ("500"
        finds the 500m, not the 5000m)."""
        words = re.findall(r"[a-z0-9]+", text.lower())

        def matches(event: Event) -> bool:
            tokens = re.findall(r"[a-z0-9]+", f"{event.key} {event.title}".lower())
            return all(
                any(t.startswith(w) and not t[len(w) : len(w) + 1].isdigit() for t in tokens)
                for w in words
            )

        return [e for e in self.events() if matches(e)]

    def events(self) -> list[Event]:
        """Every event, titled as its most recent Games spelled it. Kept while no import adds
        any, not only until the next write: every page reads them, and a desk write every few
        seconds made each page after it read 1,100 events again."""
        signature = self._cached(("events-signature",), self.store.events_signature)
        kept = self._events
        if kept is None or kept[0] != signature:
            kept = self._events = (signature, self.store.events())
        return kept[1]

    def event_history(self, key: str) -> EventHistory:
        """Every podium of one event, oldest Games first (cached per revision: an event's page
        and its JSON twin are both built again after each write)."""
        history: EventHistory = self._cached(("event-history", key), lambda: self._history(key))
        return history

    def _history(self, key: str) -> EventHistory:
        event = self.event(key)
        by_games: dict[str, list[Award]] = {}
        for award in self.store.awards(event=key):
            by_games.setdefault(award.games, []).append(award)
        podiums = tuple(
            EventPodium(g, tuple(sorted(by_games[g.slug], key=lambda a: (a.medal, a.noc))))
            for g in self.all_games()
            if g.slug in by_games
        )
        return EventHistory(event, tuple(self.store.event_aliases(key)), podiums)

    def athlete(self, key: str) -> Athlete:
        found = self.store.athlete(key) if "\x00" not in key else None
        if found is None:
            raise NotFound(f"no athlete {key!r}")
        return found

    def find_athletes(self, name: str) -> list[Athlete]:
        """The people a name may mean, best match first (as `search`), as athlete records."""
        found = self.athletes(m.person.key for m in self.search(name))
        return [found[m.person.key] for m in self.search(name) if m.person.key in found]

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """People by name as people type it: best match first, suggestions when none."""
        return self._people_index().search(query, limit)

    def _people_index(self) -> PeopleIndex:
        # built once per import and database, not per desk write nor per Podium object:
        # people change only when the sources do, and building it reads 150,000 rows
        signature: tuple[int, int] = self._cached(("people",), self.store.people_signature)
        where = self.store.engine.url.render_as_string(hide_password=False)
        built = _PEOPLE_INDEXES.get(where)
        if built is None or built[0] != signature:
            people = [
                Person(key, display, noc, sex, year, medals, frozenset(forms.split("|")))
                for key, display, noc, sex, year, medals, forms in self.store.searchable()
            ]
            built = _PEOPLE_INDEXES[where] = (signature, PeopleIndex(people))
        return built[1]

    def appearances(self, key: str) -> list[tuple[str, str]]:
        """(Games, sport) of every Games one person entered (Olympedia's entries), in order."""
        records = self.records(self.athlete(key))
        order = {g.slug: i for i, g in enumerate(self.all_games())}
        seen = {(e.games, e.sport) for e in self.store.entries_of(records)}
        return sorted(seen, key=lambda gs: (order.get(gs[0], 0), gs[1]))

    def in_progress(self, games: str, now: datetime | None = None) -> bool:
        """Whether a Games is still being decided: inside its dates, or with medal events on
        its programme that have no medals yet (a staged Games being replayed). A Games whose
        every event is decided and whose dates are past is over: nothing about it is live."""
        g = self.games(games)
        now = now or datetime.now(UTC)
        return g.starts_at <= now <= g.ends_at or bool(self.undecided(games))

    def contests(self, games: str) -> list[Any]:
        """The events of one Games with the moment their medals are handed out (cached per
        revision: each table page reads them twice, for its sports and its projection)."""
        found: list[Any] = self._cached(("contests", games), lambda: self.store.contests(games))
        return found

    def ledger_seq(self) -> int:
        """The newest ledger entry's sequence number (cached per revision: an entry moves the
        revision in its own transaction)."""
        seq: int = self._cached(("ledger-seq",), self.store.ledger_seq)
        return seq

    def undecided(self, games: str, as_of: datetime | None = None) -> frozenset[str]:
        """The medal events on a Games' programme with no medal yet at `as_of` (now if
        None)."""

        def compute() -> frozenset[str]:
            planned = {c.event for c in self.contests(games)}
            decided = {row[1] for row in self.store.medal_rows([games], as_of)}
            return frozenset(planned - decided)

        found: frozenset[str] = self._cached(("undecided", games, as_of), compute)
        return found

    def changes(self, games: str) -> list[Change]:
        """What changed in one Games' medals after its close, oldest first: each medal
        revoked and each awarded, with the date and the decision it rests on."""
        self.games(games)

        def compute() -> list[Change]:
            return [
                Change(
                    from_db(r.at),
                    r.kind,
                    r.event,
                    r.noc,
                    Medal(r.medal),
                    r.athlete,
                    r.team,
                    r.reason,
                )
                for r in self.store.changes(games)
            ]

        changes: list[Change] = self._cached(("changes", games), compute)
        return list(changes)

    def why(self, key: str) -> list[tuple[Athlete, str]]:
        """Every record of one person and the signals that linked it (`athlete --why`)."""
        athlete = self.athlete(key)
        if athlete.person is None:
            return [(athlete, "the only record (no linkage has run)")]
        records = self.store.records_of(athlete.person)
        found = self.athletes(k for k, _ in records)
        return [(found[k], how) for k, how in records]

    def athletes(self, keys: Iterable[str]) -> dict[str, Athlete]:
        return self.store.athletes(keys)

    def records(self, athlete: Athlete) -> list[str]:
        """Every source's record of the person `athlete` is."""
        if athlete.person is None:
            return [athlete.key]
        return [k for k, _ in self.store.records_of(athlete.person)]

    def career(self, key: str, as_of: datetime | None = None) -> Career:
        """One person's medals (every record of every source, team medals included)."""
        athlete = self.athlete(key)
        if athlete.person and athlete.person != athlete.key:
            athlete = self.athlete(athlete.person)
        awards = tuple(self.store.awards(athlete=self.records(athlete), as_of=as_of))
        per_games: dict[str, Tally] = {}
        for a in awards:
            per_games[a.games] = per_games.get(a.games, Tally()).add(a.medal)
        ordered = tuple((g, per_games[g.slug]) for g in self.all_games() if g.slug in per_games)
        return Career(athlete, awards, ordered)

    def athlete_tallies(self, games: str, as_of: datetime | None = None) -> list[tuple[str, Tally]]:
        """Every medallist of one Games with their medals (team members each count), most
        decorated first."""
        per: dict[str, Tally] = {}
        awards = self.store.awards(games=[games], as_of=as_of)
        people = self.store.people_of(m for a in awards for m in a.members)
        for award in awards:
            for person in (award.person,) if award.person else award.members:
                person = people.get(person, person)
                per[person] = per.get(person, Tally()).add(award.medal)
        return sorted(
            per.items(),
            key=lambda kv: (-kv[1].gold, -kv[1].silver, -kv[1].bronze, -kv[1].total, kv[0]),
        )
