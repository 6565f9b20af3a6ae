"""`Podium`: the one core object over one database. The CLI and the web app are thin layers
over it; everything they show is a call here."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from podium import events as canon
from podium.importers import SOURCES, Report, import_source
from podium.importers.source import Progress
from podium.model import Athlete, Award, Event, Games, Noc, Season
from podium.store import CountFilter, Store, database_url
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


class Podium:
    """Podium over one SQL database: a SQLite file by default, PostgreSQL by URL."""

    def __init__(self, db: str | None = None, *, migrate: bool = True) -> None:
        self.store = Store(database_url(db), create=migrate)  # reading makes no database
        if migrate:
            self.store.migrate()
        self._cache: dict[tuple[Any, ...], Any] = {}
        self._cache_revision = -1

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

    def _cached(self, key: tuple[Any, ...], compute: Any) -> Any:
        """Derived data is cached until the next write (the revision moves on). Safe to share
        between threads: a stale or cleared dict is replaced, never emptied under a reader."""
        revision = self.store.revision()
        cache = self._cache
        if revision != self._cache_revision or len(cache) > 512:
            cache = {}
            self._cache, self._cache_revision = cache, revision
        if key in cache:
            return cache[key]
        value = compute()
        cache[key] = value
        return value

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
        query rather than one per Games: what a country's history needs after each write."""

        def compute() -> dict[str, MedalTable]:
            slugs = [g.slug for g in self.all_games()]
            counts: dict[str, list[tuple[str, int, int]]] = {s: [] for s in slugs}
            for games, noc, medal, n in self.store.medal_counts_by_games(slugs):
                counts[games].append((noc, medal, n))
            unranked = self.store.unranked(slugs)
            out = {}
            for slug in slugs:
                per_noc = tallies(counts[slug])
                outside = {noc for noc in per_noc if (slug, noc) in unranked}
                rows = rank(per_noc, "gold", outside, DEFAULT_WEIGHTS)
                out[slug] = MedalTable((slug,), "gold", None, rows, DEFAULT_WEIGHTS, {})
            return out

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
        """Every event, titled as its most recent Games spelled it."""
        found: list[Event] = self._cached(("events",), self.store.events)
        return found

    def event_history(self, key: str) -> EventHistory:
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
        return self.store.athletes_named(name)

    def athletes(self, keys: Iterable[str]) -> dict[str, Athlete]:
        return self.store.athletes(keys)

    def career(self, key: str) -> Career:
        athlete = self.athlete(key)
        awards = tuple(self.store.awards(athlete=key))
        per_games: dict[str, Tally] = {}
        for a in awards:
            per_games[a.games] = per_games.get(a.games, Tally()).add(a.medal)
        ordered = tuple((g, per_games[g.slug]) for g in self.all_games() if g.slug in per_games)
        return Career(athlete, awards, ordered)

    def athlete_tallies(self, games: str, as_of: datetime | None = None) -> list[tuple[str, Tally]]:
        """Every medallist of one Games with their medals (team members each count), most
        decorated first."""
        per: dict[str, Tally] = {}
        for award in self.store.awards(games=[games], as_of=as_of):
            for person in (award.athlete,) if award.athlete else award.members:
                per[person] = per.get(person, Tally()).add(award.medal)
        return sorted(
            per.items(),
            key=lambda kv: (-kv[1].gold, -kv[1].silver, -kv[1].bronze, -kv[1].total, kv[0]),
        )
