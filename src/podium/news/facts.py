"""The facts engine: what is notable about a medal event's result or the table at a moment,
found from the whole history. A fact is plain data with the award keys that prove it; stories
are written from facts only, and the checker re-derives each one from the database."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from podium.core import NocGames, NotFound, Podium
from podium.events import match_titles
from podium.model import Award, Event, Games, Medal, Noc
from podium.news.targets import targets as stated_targets
from podium.projection import projection
from podium.projection.model import Projection
from podium.table import MedalTable, Tally

Number = int | str


# How newsworthy each kind is before relevance to the perspective NOC is applied.
SCORES: dict[str, float] = {
    "medal": 1.0,
    "first-gold": 0.95,
    "first-one-two": 0.9,
    "first-sweep": 0.92,
    "role-reversal": 0.85,
    "first-medal": 0.8,
    "other-gender-one-two": 0.7,
    "earlier-medallists": 0.75,
    "first-colour": 0.6,
    "defending-champion": 0.65,
    "games-tally": 0.7,
    "career": 0.55,
    "discipline-leader": 0.6,
    "rank": 1.0,
    "standing": 1.0,
    "leaders": 0.8,
    "level-on-golds": 0.9,
    "group-ahead": 0.5,
    "group-behind": 0.7,
    "progress": 0.4,
    "best-rank": 0.6,
    "best-games-gold": 0.6,
    "best-games-total": 0.65,
    "best-games-rank": 0.55,
    "previous-games": 0.7,
    "earlier-ranks": 0.5,
    "previous-games-stage": 0.6,
    "target": 0.6,
    "noc-first-medal": 1.2,
    "noc-first-gold": 1.1,
    "noc-count": 0.7,
    "games-record": 0.75,
    "discipline-split": 0.6,
    "medal-nocs": 0.45,
    "age": 0.5,
    "appearances": 0.45,
    "age-record": 0.75,
    "noc-age-record": 0.8,
    "projection": 0.6,
    "projection-first": 0.55,
}


@dataclass(frozen=True)
class Fact:
    """One notable, checkable statement. Subjects are prefixed keys ('noc:NED',
    'athlete:olympics:margot-boer', 'event:speed-skating/w/500m', 'games:sochi-2014')."""

    id: str
    kind: str
    subjects: tuple[str, ...]
    numbers: Mapping[str, Number]
    evidence: tuple[str, ...]
    score: float
    relevance: float = 1.0
    # The exact scope the claim holds for: noc, athlete, event, gender, discipline, window
    # ('ever', 'season', 'games', 'before:<games>'), and the moment ('at') it holds at.
    scope: Mapping[str, str] = field(default_factory=dict)

    @property
    def weight(self) -> float:
        return self.score * self.relevance

    def of(self, prefix: str) -> list[str]:
        """The subjects of one sort, without their prefix."""
        return [s.split(":", 1)[1] for s in self.subjects if s.startswith(prefix + ":")]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "subjects": list(self.subjects),
            "numbers": dict(self.numbers),
            "evidence": list(self.evidence),
            "score": round(self.score, 3),
            "relevance": round(self.relevance, 3),
            "scope": dict(self.scope),
        }


def rank_facts(facts: Iterable[Fact]) -> list[Fact]:
    """Most newsworthy for the perspective first; the id breaks ties, so order is stable."""
    return sorted(facts, key=lambda f: (-f.weight, f.id))


def people(award: Award) -> tuple[str, ...]:
    """Who won it: the person (one key for every source's record of them), or the members."""
    if award.athlete:
        return (award.person or award.athlete,)
    return award.member_people or award.members


@dataclass
class Desk:
    """Per-process caches over one Podium: history per event, awards per Games moment, per
    NOC and per athlete. Building the facts of all 116 events reads each history once."""

    podium: Podium
    _event: dict[tuple[str, datetime], list[Award]] = field(default_factory=dict)
    _games: dict[tuple[str, datetime], list[Award]] = field(default_factory=dict)
    _noc: dict[str, list[Award]] = field(default_factory=dict)
    _athlete: dict[str, list[Award]] = field(default_factory=dict)
    _tables: dict[tuple[str, datetime], MedalTable] = field(default_factory=dict)
    # Games, events and NOCs do not change while a story is written: read once, not a
    # revision check per name
    _refs: dict[tuple[str, str], Any] = field(default_factory=dict)

    def _ref(self, kind: str, key: str, read: Any) -> Any:
        if (kind, key) not in self._refs:
            self._refs[(kind, key)] = read()
        return self._refs[(kind, key)]

    def games(self, slug: str) -> Games:
        found: Games = self._ref("games", slug, lambda: self.podium.games(slug))
        return found

    def event(self, key: str) -> Event:
        found: Event = self._ref("event", key, lambda: self.podium.event(key))
        return found

    def events(self) -> list[Event]:
        found: list[Event] = self._ref("events", "", self.podium.events)
        return found

    def noc(self, code: str) -> Noc:
        found: Noc = self._ref("noc", code, lambda: self.podium.noc(code))
        return found

    def noc_games(self, code: str) -> list[NocGames]:
        """The NOC at every Games it won a medal at (as the tables now stand)."""
        found: list[NocGames] = self._ref("noc-games", code, lambda: self.podium.noc_games(code))
        return found

    def event_awards(self, event: str, as_of: datetime) -> list[Award]:
        key = (event, as_of)
        if key not in self._event:
            self._event[key] = self.podium.store.awards(event=event, as_of=as_of)
        return self._event[key]

    def games_awards(self, games: str, as_of: datetime) -> list[Award]:
        key = (games, as_of)
        if key not in self._games:
            self._games[key] = self.podium.store.awards(games=[games], as_of=as_of)
        return self._games[key]

    def decided(self, games: str, as_of: datetime) -> set[str]:
        """The events of these Games with medals standing at `as_of`: done, as the ledger has
        it (a live Games' schedule says when an event should end, not that it has)."""
        return {a.event for a in self.games_awards(games, as_of)}

    def noc_awards(self, noc: str) -> list[Award]:
        if noc not in self._noc:
            self._noc[noc] = self.podium.store.awards(noc=noc)
        return self._noc[noc]

    def athlete_awards(self, athlete: str) -> list[Award]:
        """A person's awards, whichever source's record each names them by."""
        if athlete not in self._athlete:
            records = self.podium.records(self.podium.athlete(athlete))
            self._athlete[athlete] = self.podium.store.awards(athlete=records)
        return self._athlete[athlete]

    def entrants(self, games: str, event: str) -> set[str] | None:
        """Who entered the event at these Games (person keys, and the NOC codes of their
        entries, for teams), or None where the store holds no entries for it or none of its
        entry titles is this event: then nothing is said about who did not compete."""
        titles = self._ref("entry-titles", games, lambda: self.podium.store.entry_titles(games))
        if not titles:
            return None
        events = self.scheduled(games) or {a.event for a in self.podium.store.awards(games=[games])}
        title = _titles(frozenset(events), tuple(titles)).get(event)
        if title is None:
            return None
        entered = self.podium.store.person_entries(games=games, title=title)
        return {r.person for r in entered} | {r.noc for r in entered if r.noc}

    def person_entries(self, person: str) -> list[Any]:
        """Olympedia's entries of one person (every record of them)."""
        self.load_entries([person])
        found: list[Any] = self._refs[("person-entries", person)]
        return found

    def load_entries(self, people: Iterable[str]) -> None:
        """Read the entries of every person not read yet, in one query."""
        wanted = sorted({p for p in people if ("person-entries", p) not in self._refs})
        if not wanted:
            return
        for p in wanted:
            self._refs[("person-entries", p)] = []
        for row in self.podium.store.person_entries(wanted):
            self._refs[("person-entries", row.person)].append(row)

    def age(self, person: str, games: str) -> int | None:
        """The person's age at these Games, as their entries give it; None where they give
        none, or two (a birthday during the Games: which event is not said)."""
        ages = {r.age for r in self.person_entries(person) if r.games == games and r.age}
        return ages.pop() if len(ages) == 1 else None

    def appearances(self, person: str, games: Games) -> int:
        """How many Games the person has entered up to and including these (0: no entry
        at these Games, so nothing is counted)."""
        entered = {r.games for r in self.person_entries(person)}
        if games.slug not in entered:
            return 0
        return len([s for s in entered if self.games(s).starts_at <= games.starts_at])

    def table(self, games: str, as_of: datetime) -> MedalTable:
        key = (games, as_of)
        if key not in self._tables:
            self._tables[key] = self.podium.table(games, as_of=as_of)
        return self._tables[key]

    def season_games(self, games: Games) -> list[Games]:
        """Official Games of the same season, in order."""
        return [g for g in self.podium.all_games(games.season) if g.official]

    def scheduled(self, games: str) -> set[str]:
        """Every medal event of these Games, with a known moment or not."""
        found: set[str] = self._ref(
            "scheduled", games, lambda: {c.event for c in self.podium.store.contests(games)}
        )
        return found

    def medal_moments(self, games: str) -> list[tuple[datetime, str]]:
        """(aware UTC moment, event) of every medal event of these Games, in order."""
        from datetime import UTC

        # history before 2024 knows only the Games, not when a medal was won
        return [
            (c.medal_at.replace(tzinfo=UTC), c.event)
            for c in self.podium.store.contests(games)
            if c.medal_at is not None
        ]


@lru_cache(maxsize=64)
def _titles(events: frozenset[str], titles: tuple[str, ...]) -> dict[str, str]:
    """Which entry title is which event at one Games (the same for every Desk)."""
    return match_titles(sorted(events), titles)


def _relevance(subjects: Iterable[str], perspective: str | None) -> float:
    if perspective is None:
        return 1.0
    return 1.0 if f"noc:{perspective}" in subjects else 0.3


def _fact(
    fid: str,
    kind: str,
    subjects: Iterable[str],
    numbers: Mapping[str, Number],
    evidence: Iterable[str],
    perspective: str | None,
    scope: Mapping[str, str] | None = None,
) -> Fact:
    subj = tuple(dict.fromkeys(subjects))
    return Fact(
        fid,
        kind,
        subj,
        dict(numbers),
        tuple(dict.fromkeys(evidence)),
        SCORES[kind],
        _relevance(subj, perspective),
        dict(scope or {}),
    )


def event_scope(event: Event, **more: str) -> dict[str, str]:
    """The scope of a claim about one event: the event with its discipline and gender."""
    return {"event": event.key, "discipline": event.discipline, "gender": event.gender, **more}


def event_moment(desk: Desk, games: str, event: str) -> datetime:
    """When the event's medals were handed out (the latest award of it at these Games)."""
    awards = [a for a in desk.podium.store.awards(games=[games], event=event)]
    if not awards:
        raise NotFound(f"no medals in {event!r} at {games!r}")
    return max(a.awarded_at for a in awards)


def counterpart(event: str) -> str | None:
    """The same event for the other gender ('speed-skating/w/500m' -> '.../m/500m')."""
    discipline, gender, name = event.split("/", 2)
    other = {"w": "m", "m": "w"}.get(gender)
    return f"{discipline}/{other}/{name}" if other else None


# -- event facts ---------------------------------------------------------------------------


def event_facts(
    podium: Podium,
    games: str,
    event: str,
    perspective: str | None = None,
    as_of: datetime | None = None,
    desk: Desk | None = None,
) -> list[Fact]:
    """Every notable fact about one medal event's result, ranked for `perspective`. By default
    the facts are those true the moment its medals were handed out."""
    desk = desk or Desk(podium)
    g = desk.games(games)
    desk.event(event)
    moment = as_of or event_moment(desk, games, event)
    history = desk.event_awards(event, moment)
    now = [a for a in history if a.games == games]
    if not now:
        raise NotFound(f"no medals in {event!r} at {games!r} by {moment.isoformat()}")
    earlier = [a for a in history if a.games != games and a.awarded_at < g.starts_at]
    facts: list[Fact] = []
    ev = f"event:{event}"
    gs = f"games:{games}"
    for a in now:
        facts.append(
            _fact(
                f"medal:{a.key}",
                "medal",
                [f"noc:{a.noc}", *(f"athlete:{x}" for x in people(a)), ev, gs],
                {"medal": int(a.medal)},
                [a.key],
                perspective,
            )
        )
    first_games = min((a.games for a in history), key=lambda s: desk.games(s).starts_at)
    first_year = desk.games(first_games).year
    editions = len({a.games for a in earlier})
    for noc in sorted({a.noc for a in now}):
        facts += _noc_event_facts(podium, desk, g, event, noc, now, earlier, perspective)
        ours = [a for a in now if a.noc == noc]
        before = [a for a in earlier if a.noc == noc]
        common = {"since": first_year, "editions": editions}
        scope = event_scope(desk.event(event), noc=noc, window="ever", at=moment.isoformat())
        # in an event's first edition every medal is a first: no news, and a reader would
        # take "their first title in the team combined" for one that had eluded them
        if (
            editions
            and any(a.medal == Medal.GOLD for a in ours)
            and not any(a.medal == Medal.GOLD for a in before)
        ):
            gold = next(a for a in ours if a.medal == Medal.GOLD)
            facts.append(
                _fact(
                    f"first-gold:{noc}:{event}",
                    "first-gold",
                    [f"noc:{noc}", *(f"athlete:{x}" for x in people(gold)), ev, gs],
                    common,
                    [gold.key],
                    perspective,
                    scope,
                )
            )
        if not before:
            best = min(ours, key=lambda a: a.medal)
            if editions and best.medal != Medal.GOLD:
                facts.append(
                    _fact(
                        f"first-medal:{noc}:{event}",
                        "first-medal",
                        [f"noc:{noc}", *(f"athlete:{x}" for x in people(best)), ev, gs],
                        common,
                        [best.key],
                        perspective,
                        scope,
                    )
                )
        else:
            facts.append(
                _fact(
                    f"earlier-medallists:{noc}:{event}:{games}",
                    "earlier-medallists",
                    [f"noc:{noc}", ev, *(f"athlete:{x}" for a in before for x in people(a))],
                    {"medals": len(before), **Tally.of(a.medal for a in before).counts()},
                    [a.key for a in before],
                    perspective,
                    event_scope(desk.event(event), noc=noc, window=f"before:{games}"),
                )
            )
        for medal in (Medal.SILVER, Medal.BRONZE):
            won = [a for a in ours if a.medal == medal]
            if won and before and not any(a.medal == medal for a in before):
                facts.append(
                    _fact(
                        f"first-colour:{noc}:{event}:{int(medal)}",
                        "first-colour",
                        [f"noc:{noc}", *(f"athlete:{x}" for x in people(won[0])), ev, gs],
                        {"medal": int(medal), **common},
                        [won[0].key],
                        perspective,
                        scope,
                    )
                )
        facts += _noc_firsts(desk, g, noc, ours, perspective)
    facts += _defending(podium, desk, g, event, now, earlier, perspective)
    facts += _role_reversals(desk, games, event, now, moment, perspective)
    facts += _athlete_facts(podium, desk, g, event, now, moment, perspective)
    facts += _person_facts(desk, g, event, now, earlier, moment, perspective)
    return rank_facts(facts)


def _noc_age_record(
    desk: Desk,
    g: Games,
    gold: Award,
    person: str,
    age: int,
    moment: datetime,
    perspective: str | None,
) -> list[Fact]:
    """The NOC's oldest or youngest individual Olympic champion ever at Games of this season
    (its earlier individual golds, these Games' before this one included), where every
    earlier champion's age is known and there are three or more."""
    seasons = {x.slug for x in desk.season_games(g)}
    before = [
        a
        for a in desk.noc_awards(gold.noc)
        if a.medal == Medal.GOLD
        and a.team is None
        and a.athlete
        and a.games in seasons
        and a.awarded_at < gold.awarded_at
    ]
    if len(before) < 3:
        return []
    desk.load_entries(a.person or a.athlete or "" for a in before)
    ages = [desk.age(a.person or a.athlete or "", a.games) for a in before]
    known = [x for x in ages if x is not None]
    if len(known) < len(ages):
        return []
    oldest = age > max(known)
    if not oldest and age >= min(known):
        return []
    return [
        _fact(
            f"noc-age-record:{person}:{gold.event}:{g.slug}",
            "noc-age-record",
            [f"athlete:{person}", f"noc:{gold.noc}", f"games:{g.slug}"],
            {"age": age, "champions": len(before), "oldest": int(oldest)},
            [gold.key, *(a.key for a in before)],
            perspective,
            {"noc": gold.noc, "window": "ever", "season": g.season, "at": moment.isoformat()},
        )
    ]


def _person_facts(
    desk: Desk,
    g: Games,
    event: str,
    now: list[Award],
    earlier: list[Award],
    moment: datetime,
    perspective: str | None,
) -> list[Fact]:
    """Each individual medallist's age and Games entered (from Olympedia's entries), and a
    champion who is the oldest or youngest of the event ever, where every earlier
    champion's age is known."""
    out: list[Fact] = []
    mine = [a for a in now if a.athlete]
    champions = [a for a in earlier if a.athlete and a.medal == Medal.GOLD]
    desk.load_entries([a.person or a.athlete or "" for a in [*mine, *champions]])
    for a in mine:
        person = a.person or a.athlete or ""
        subjects = [f"athlete:{person}", f"noc:{a.noc}", f"games:{g.slug}"]
        age = desk.age(person, g.slug)
        if age is not None:
            out.append(
                _fact(f"age:{person}:{g.slug}", "age", subjects, {"age": age}, [a.key], perspective)
            )
        count = desk.appearances(person, g)
        if count:
            out.append(
                _fact(
                    f"appearances:{person}:{g.slug}",
                    "appearances",
                    subjects,
                    {"count": count},
                    [a.key],
                    perspective,
                )
            )
        if age is not None and a.medal == Medal.GOLD and a.team is None:
            out += _noc_age_record(desk, g, a, person, age, moment, perspective)
        if age is None or a.medal != Medal.GOLD or a.team is not None or len(champions) < 3:
            continue
        ages = [desk.age(c.person or c.athlete or "", c.games) for c in champions]
        known = [x for x in ages if x is not None]
        if len(known) < len(ages):
            continue  # a record over champions of unknown age is no record
        for side, record in (("oldest", age > max(known)), ("youngest", age < min(known))):
            if record:
                out.append(
                    _fact(
                        f"age-record:{person}:{event}:{g.slug}",
                        "age-record",
                        [*subjects, f"event:{event}"],
                        {"age": age, "champions": len(champions), "oldest": int(side == "oldest")},
                        [a.key, *(c.key for c in champions)],
                        perspective,
                        event_scope(desk.event(event), window="ever", at=moment.isoformat()),
                    )
                )
    return out


def _one_two(awards: list[Award], noc: str) -> list[Award] | None:
    """The NOC's gold and silver (and bronze) entries if it took the first two places."""
    golds = [a for a in awards if a.noc == noc and a.medal == Medal.GOLD]
    silvers = [a for a in awards if a.noc == noc and a.medal == Medal.SILVER]
    if not golds or not silvers:
        return None
    others = [a for a in awards if a.noc != noc and a.medal in (Medal.GOLD, Medal.SILVER)]
    if others:
        return None
    bronzes = [a for a in awards if a.medal == Medal.BRONZE]
    sweep = bool(bronzes) and all(a.noc == noc for a in bronzes)
    return golds[:1] + silvers[:1] + (bronzes[:1] if sweep else [])


def _noc_event_facts(
    podium: Podium,
    desk: Desk,
    g: Games,
    event: str,
    noc: str,
    now: list[Award],
    earlier: list[Award],
    perspective: str | None,
) -> list[Fact]:
    one_two = _one_two(now, noc)
    if one_two is None:
        return []
    by_games: dict[str, list[Award]] = {}
    for a in earlier:
        by_games.setdefault(a.games, []).append(a)
    sweep = len(one_two) == 3
    kind = "first-sweep" if sweep else "first-one-two"
    if any(
        (t := _one_two(awards, noc)) is not None and (len(t) == 3 or not sweep)
        for awards in by_games.values()
    ):
        return []
    years = [desk.games(a.games).year for a in earlier] or [g.year]
    since = min([*years, g.year])
    out = [
        _fact(
            f"{kind}:{noc}:{event}",
            kind,
            [f"noc:{noc}", *(f"athlete:{x}" for a in one_two for x in people(a)), f"event:{event}"],
            {"since": since},
            [a.key for a in one_two],
            perspective,
            event_scope(desk.event(event), noc=noc, window="ever"),
        )
    ]
    other = counterpart(event)
    if other is None:
        return out
    history = desk.event_awards(other, now[0].awarded_at)
    per: dict[str, list[Award]] = {}
    for a in history:
        per.setdefault(a.games, []).append(a)
    for games in sorted(per, key=lambda s: desk.games(s).starts_at):
        done = _one_two(per[games], noc)
        if done is not None:
            out.append(
                _fact(
                    f"other-gender-one-two:{noc}:{other}",
                    "other-gender-one-two",
                    [
                        f"noc:{noc}",
                        f"event:{other}",
                        f"games:{games}",
                        *(f"athlete:{x}" for a in done for x in people(a)),
                    ],
                    {"year": desk.games(games).year, "sweep": int(len(done) == 3)},
                    [a.key for a in done],
                    perspective,
                )
            )
            break
    return out


def _defending(
    podium: Podium,
    desk: Desk,
    g: Games,
    event: str,
    now: list[Award],
    earlier: list[Award],
    perspective: str | None,
) -> list[Fact]:
    """The last champions of the event and what became of them. Whether a champion without
    a medal now competed at all comes from the entries (`entered`: 1 yes, 0 no, -1 the store
    does not know); a story says "no medal this time" only of a champion who entered."""
    if not earlier:
        return []
    last = max({a.games for a in earlier}, key=lambda s: desk.games(s).starts_at)
    champions = [a for a in earlier if a.games == last and a.medal == Medal.GOLD]
    entrants = desk.entrants(g.slug, event)
    out = []
    for champ in champions:
        if champ.athlete:
            again = [a for a in now if a.person == champ.person]
        else:
            again = [a for a in now if a.noc == champ.noc and a.team is not None]
        medal_now = min((int(a.medal) for a in again), default=0)
        if again:
            entered = 1
        elif entrants is None:
            entered = -1
        else:
            # a champion entered in person; a champion team as its NOC's team
            found = set(people(champ)) & entrants if champ.athlete else champ.noc in entrants
            entered = int(bool(found))
        out.append(
            _fact(
                f"defending-champion:{event}:{g.slug}:{champ.key}",
                "defending-champion",
                [
                    f"noc:{champ.noc}",
                    *(f"athlete:{x}" for x in people(champ)),
                    f"event:{event}",
                    f"games:{last}",
                ],
                {
                    "year": desk.games(last).year,
                    "defended": int(medal_now == 1),
                    "medal_now": medal_now,
                    "entered": entered,
                },
                [champ.key, *(a.key for a in again)],
                perspective,
                event_scope(desk.event(event), window=f"games:{last}"),
            )
        )
    return out


def _noc_firsts(
    desk: Desk, g: Games, noc: str, ours: list[Award], perspective: str | None
) -> list[Fact]:
    """The NOC's first Olympic medal (or gold) ever, or its first at Games of this season,
    and its running count of this colour at these Games ('het zesde goud')."""
    moment = min(a.awarded_at for a in ours)
    best = min(ours, key=lambda a: a.medal)
    # earlier Games from the core's cached tables, these Games from the awards up to now
    past = [ng for ng in desk.noc_games(noc) if ng.games.starts_at < g.starts_at]
    here = [a for a in desk.games_awards(g.slug, moment) if a.noc == noc and a.awarded_at < moment]
    out: list[Fact] = []
    subjects = [f"noc:{noc}", *(f"athlete:{x}" for x in people(best)), f"games:{g.slug}"]
    for kind, gold in (("noc-first-medal", False), ("noc-first-gold", True)):
        if gold and best.medal != Medal.GOLD:
            continue
        before = [ng for ng in past if (ng.tally.gold if gold else ng.tally.total)]
        if [a for a in here if not gold or a.medal == Medal.GOLD]:
            continue
        window = "ever" if not before else None
        if window is None and not [ng for ng in before if ng.games.season == g.season]:
            window = "season"
        if window is not None:
            out.append(
                _fact(
                    f"{kind}:{noc}:{g.slug}",
                    kind,
                    [*subjects, f"event:{best.event}"],
                    {"season_only": int(window == "season")},
                    [best.key],
                    perspective,
                    {"noc": noc, "window": window, "season": g.season, "at": moment.isoformat()},
                )
            )
            break  # a first medal ever that is gold says the first gold too
    at_games = [a for a in desk.games_awards(g.slug, moment) if a.noc == noc]
    for medal in sorted({a.medal for a in ours})[:1]:
        count = len([a for a in at_games if a.medal == medal])
        mine = [a for a in ours if a.medal == medal]
        out.append(
            _fact(
                f"noc-count:{noc}:{g.slug}:{mine[0].event}:{int(medal)}",
                "noc-count",
                [f"noc:{noc}", f"games:{g.slug}", f"event:{mine[0].event}"],
                {"medal": int(medal), "count": count, "total": len(at_games)},
                [a.key for a in at_games if a.medal == medal],
                perspective,
                {"noc": noc, "window": "games", "at": moment.isoformat()},
            )
        )
    return out


def _role_reversals(
    desk: Desk,
    games: str,
    event: str,
    now: list[Award],
    moment: datetime,
    perspective: str | None,
) -> list[Fact]:
    gold = [a for a in now if a.medal == Medal.GOLD and a.athlete]
    silver = [a for a in now if a.medal == Medal.SILVER and a.athlete]
    if len(gold) != 1 or len(silver) != 1:
        return []
    g, s = gold[0], silver[0]
    by_event: dict[str, list[Award]] = {}
    for a in desk.games_awards(games, moment):
        if a.event != event:
            by_event.setdefault(a.event, []).append(a)
    out = []
    for other, awards in sorted(by_event.items()):
        og = [a for a in awards if a.medal == Medal.GOLD and a.person == s.person]
        os_ = [a for a in awards if a.medal == Medal.SILVER and a.person == g.person]
        if og and os_:
            out.append(
                _fact(
                    f"role-reversal:{event}:{other}:{games}",
                    "role-reversal",
                    [
                        f"athlete:{g.athlete}",
                        f"athlete:{s.athlete}",
                        f"noc:{g.noc}",
                        f"noc:{s.noc}",
                        f"event:{event}",
                        f"event:{other}",
                    ],
                    {"date": og[0].awarded_at.date().isoformat()},
                    [g.key, s.key, og[0].key, os_[0].key],
                    perspective,
                )
            )
    return out


def games_over(desk: Desk, games: str, moment: datetime) -> bool:
    """True once every medal event of these Games is done: only then is a tally final."""
    scheduled = desk.scheduled(games)
    return bool(scheduled) and scheduled <= desk.decided(games, moment)


def _athlete_facts(
    podium: Podium,
    desk: Desk,
    g: Games,
    event: str,
    now: list[Award],
    moment: datetime,
    perspective: str | None,
) -> list[Fact]:
    out: list[Fact] = []
    at_games = desk.games_awards(g.slug, moment)
    final = int(games_over(desk, g.slug, moment))
    for award in now:
        # Careers of a whole hockey squad are noise in a result story.
        if len(people(award)) > 4:
            continue
        for person in people(award):
            mine = [a for a in at_games if person in people(a)]
            t = Tally.of(a.medal for a in mine)
            if t.total >= 2:
                out.append(athlete_games_fact(g.slug, person, award.noc, mine, final, perspective))
            career = [a for a in desk.athlete_awards(person) if a.awarded_at <= moment]
            earlier = [a for a in career if a.games != g.slug]
            if earlier:
                ct = Tally.of(a.medal for a in career)
                out.append(
                    _fact(
                        f"career:{person}:{g.slug}",
                        "career",
                        [f"athlete:{person}", f"noc:{award.noc}"],
                        {**ct.counts(), "games": len({a.games for a in career})},
                        [a.key for a in career],
                        perspective,
                    )
                )
            leader = _discipline_leader(desk, person, award.noc, event, moment, perspective)
            if leader:
                out.append(leader)
    return out


def athlete_games_fact(
    games: str,
    person: str,
    noc: str,
    awards: list[Award],
    final: int,
    perspective: str | None,
) -> Fact:
    return _fact(
        f"games-tally:{person}:{games}",
        "games-tally",
        [f"athlete:{person}", f"noc:{noc}", f"games:{games}"],
        {**Tally.of(a.medal for a in awards).counts(), "final": final},
        [a.key for a in awards],
        perspective,
    )


def _discipline_leader(
    desk: Desk,
    person: str,
    noc: str,
    event: str,
    moment: datetime,
    perspective: str | None,
) -> Fact | None:
    """The NOC's most decorated athlete in the discipline, counted only where every team
    medal lists its members (otherwise the claim is not in the data)."""
    discipline = event.split("/", 1)[0]
    awards = [
        a
        for a in desk.noc_awards(noc)
        if a.event.startswith(discipline + "/") and a.awarded_at <= moment
    ]
    if any(a.team is not None and not a.members for a in awards):
        return None
    per: dict[str, list[Award]] = {}
    for a in awards:
        for x in people(a):
            per.setdefault(x, []).append(a)
    if person not in per:
        return None

    def key(x: str) -> tuple[int, int, int]:
        t = Tally.of(a.medal for a in per[x])
        return (t.gold, t.silver, t.bronze)

    best = key(person)
    if best[0] == 0 or any(key(x) >= best for x in per if x != person):
        return None
    return _fact(
        f"discipline-leader:{person}:{discipline}",
        "discipline-leader",
        [f"athlete:{person}", f"noc:{noc}", f"discipline:{discipline}"],
        {**Tally.of(a.medal for a in per[person]).counts(), "athletes": len(per)},
        [a.key for a in per[person]],
        perspective,
    )


# -- table facts ---------------------------------------------------------------------------


def table_facts(
    podium: Podium,
    games: str,
    as_of: datetime,
    perspective: str,
    targets: Mapping[str, int] | None = None,
    desk: Desk | None = None,
) -> list[Fact]:
    """The standings at a moment from one NOC's angle, and its Games against history."""
    desk = desk or Desk(podium)
    g = desk.games(games)
    table = desk.table(games, as_of)
    row = table.row(perspective)
    gs = f"games:{games}"
    out: list[Fact] = []
    moments = [m for m, _ in desk.medal_moments(games)]
    done = [m for m in moments if m <= as_of]  # the schedule's: when the table could move
    scheduled = desk.scheduled(games)
    finished = scheduled & desk.decided(games, as_of)
    out.append(
        _fact(
            f"progress:{games}",
            "progress",
            [gs],
            {
                "done": len(finished),
                "total": len(scheduled),
                "left": len(scheduled) - len(finished),
            },
            [],
            None,
        )
    )
    ranked = [r for r in table.rows if r.rank is not None]
    mine = row.rank if row is not None and row.rank is not None else None
    # the top two ahead of the reader's country (none for the leader itself)
    leaders = [
        r for r in ranked if r.rank is not None and r.rank <= 2 and (mine is None or r.rank < mine)
    ]
    if leaders:
        out.append(
            _fact(
                f"leaders:{games}",
                "leaders",
                [gs, *(f"noc:{r.noc}" for r in leaders)],
                {f"{k}:{r.noc}": getattr(r, k) for r in leaders for k in ("rank", "gold")},
                [],
                None,
            )
        )
    if row is None or row.rank is None:
        # no medal yet, or medals outside the official table (AIN): said as they are
        out.append(
            _fact(
                f"standing:{perspective}:{games}",
                "standing",
                [f"noc:{perspective}", gs],
                (row.tally if row is not None else Tally()).counts(),
                [],
                perspective,
            )
        )
        return rank_facts(out)
    previous = [m for m in done if m < done[-1]] if done else []
    before = desk.table(games, previous[-1]).row(perspective) if previous else None
    out.append(
        _fact(
            f"rank:{perspective}:{games}",
            "rank",
            [f"noc:{perspective}", gs],
            {
                "rank": row.rank,
                "tied": int(row.tied),
                "previous_rank": before.rank if before and before.rank else 0,
                **row.tally.counts(),
            },
            [],
            perspective,
        )
    )
    # level on golds: the neighbours in the table, one above and one below (with no gold at
    # all, half the table is "level", and naming them all says nothing)
    at = [r.noc for r in ranked].index(perspective) if row.rank is not None else -1
    level = [
        r
        for r in (
            ranked[at - 1] if at > 0 else None,
            ranked[at + 1] if 0 <= at < len(ranked) - 1 else None,
        )
        if r is not None and r.gold == row.gold
    ]
    for other in level:
        decided = "silver" if other.silver != row.silver else "bronze"
        if other.silver == row.silver and other.bronze == row.bronze:
            decided = "none"
        pair = sorted([row, other], key=lambda r: r.rank or 0)
        out.append(
            _fact(
                f"level-on-golds:{pair[0].noc}:{pair[1].noc}:{games}",
                "level-on-golds",
                [f"noc:{pair[0].noc}", f"noc:{pair[1].noc}", gs],
                {
                    "gold": row.gold,
                    "decided_by": decided,
                    **{
                        f"{k}:{r.noc}": getattr(r, k)
                        for r in pair
                        for k in ("rank", "silver", "bronze", "total")
                    },
                },
                [],
                perspective,
            )
        )
    # A group is the run of table neighbours on one number of golds right above or below the
    # reader's country (past a level neighbour, said above): never a group with others between.
    named = {r.noc for r in level}
    for kind, side in (
        ("group-ahead", list(reversed(ranked[:at]))),
        ("group-behind", ranked[at + 1 :]),
    ):
        side = (
            [r for r in side if r.noc not in named] if side[:1] and side[0].noc in named else side
        )
        if not side or side[0].gold == 0:
            continue
        group = []
        for r in side:
            if r.gold != side[0].gold:
                break
            group.append(r)
        if kind == "group-ahead":
            group.reverse()
            if {r.noc for r in group} <= {r.noc for r in leaders}:
                continue  # the leaders are said already
        out.append(
            _fact(
                f"{kind}:{perspective}:{games}",
                kind,
                [gs, *(f"noc:{r.noc}" for r in group)],
                {"gold": side[0].gold, "count": len(group)},
                [],
                None,
                {"noc": perspective, "window": "games", "at": as_of.isoformat()},
            )
        )
    final = int(games_over(desk, games, as_of))
    at_games = desk.games_awards(games, as_of)
    per: dict[str, list[Award]] = {}
    for a in at_games:
        if a.noc == perspective:
            for x in people(a):
                per.setdefault(x, []).append(a)
    for person, awards in sorted(per.items()):
        if Tally.of(a.medal for a in awards).gold >= 2:
            out.append(athlete_games_fact(games, person, perspective, awards, final, perspective))
    out += _splits(games, at_games, perspective, table, as_of)
    out += _best_rank(desk, games, done, perspective)
    out += _games_history(podium, desk, g, as_of, perspective, row.tally, row.rank, final)
    # the target in force at the moment, with whose it is (`targets` overrides, unsourced)
    source: dict[str, str] = {}
    target = targets.get(perspective) if targets is not None else None
    stated = stated_targets(podium, games, as_of).get(perspective) if targets is None else None
    if stated is not None:
        target = stated.rank
        source = {"source": stated.source, "stated_at": stated.stated_at.isoformat()}
    if target is not None:
        out.append(
            _fact(
                f"target:{perspective}:{games}",
                "target",
                [f"noc:{perspective}", gs],
                {
                    "target": target,
                    "rank": row.rank,
                    "on_course": int(row.rank <= target),
                    "final": final,
                },
                [],
                perspective,
                {"noc": perspective, "window": "games", "at": as_of.isoformat(), **source},
            )
        )
    if not final and moments:
        out += _projection(podium, games, as_of, perspective, target, row.rank)
    return rank_facts(out)


# A story's chances are the projection's at the story's moment; the first place is told, beside
# the aim, when it is in play (1 in 20 or more).
FIRST_IN_PLAY = 5


def projection_aim(target: int | None, rank: int | None) -> int:
    """The place a story gives the chance of: the NOC's stated target; else the first place
    for the leader, the top ten for the rest."""
    return target if target is not None else 1 if rank == 1 else 10


def projection_numbers(p: Projection, noc: str, aim: int) -> dict[str, Number]:
    """What a story says of one NOC's projection: P(finishing in the top `aim`) and P(first)
    in whole percents, its expected final golds rounded, and their 80% interval."""
    row = p.row(noc)
    if row is None or row.p_first is None:
        raise LookupError(f"{noc} is not in the projection of {p.games}")
    return {
        "target": aim,
        "p": round(100 * sum(row.ranks[:aim])),
        "p_first": round(100 * row.p_first),
        f"gold:{noc}": round(row.expected_gold),
        f"gold_low:{noc}": row.gold_interval[0],
        f"gold_high:{noc}": row.gold_interval[1],
        "interval": 80,
    }


def _projection(
    podium: Podium, games: str, as_of: datetime, noc: str, target: int | None, rank: int
) -> list[Fact]:
    """The NOC's chance of its aim (`projection_aim`), and of the first place where that is
    in play, by the projection at the moment (10,000 draws, fixed seed)."""
    p = projection(podium, games, as_of)
    row = p.row(noc)
    if p.remaining == 0 or row is None or row.p_first is None:
        return []
    aim = projection_aim(target, rank)
    numbers = projection_numbers(p, noc, aim)
    subjects = [f"noc:{noc}", f"games:{games}"]
    scope = {"noc": noc, "window": "games", "at": as_of.isoformat()}
    out = [_fact(f"projection:{noc}:{games}", "projection", subjects, numbers, [], noc, scope)]
    if aim > 1 and int(numbers["p_first"]) >= FIRST_IN_PLAY:
        first = {"p": numbers["p_first"]}
        fid = f"projection-first:{noc}:{games}"
        out.append(_fact(fid, "projection-first", subjects, first, [], noc, scope))
    return out


def _splits(
    games: str, awards: list[Award], noc: str, table: MedalTable, as_of: datetime
) -> list[Fact]:
    """Where the NOC's medals came from, by discipline (where there are two or more), and
    how many NOCs have won a medal so far."""
    out: list[Fact] = []
    mine = [a for a in awards if a.noc == noc]
    per: dict[str, list[Award]] = {}
    for a in mine:
        per.setdefault(a.event.split("/", 1)[0], []).append(a)
    scope = {"noc": noc, "window": "games", "at": as_of.isoformat()}
    if len(per) >= 2:
        ordered = sorted(per, key=lambda d: (-len(per[d]), d))[:3]  # where most came from
        out.append(
            _fact(
                f"discipline-split:{noc}:{games}",
                "discipline-split",
                [f"noc:{noc}", f"games:{games}", *(f"discipline:{d}" for d in ordered)],
                {"total": len(mine), **{f"total:{d}": len(per[d]) for d in ordered}},
                [a.key for a in mine],
                noc,
                scope,
            )
        )
    out.append(
        _fact(
            f"medal-nocs:{games}",
            "medal-nocs",
            [f"games:{games}"],
            {"nocs": len([r for r in table.rows if r.total > 0])},
            [],
            None,
            {"window": "games", "at": as_of.isoformat()},
        )
    )
    return out


def _best_rank(desk: Desk, games: str, done: list[datetime], noc: str) -> list[Fact]:
    """The NOC's best place so far at these Games and the first moment it held it."""
    best: tuple[int, datetime] | None = None
    for m in sorted(set(done)):
        r = desk.table(games, m).row(noc)
        if r is not None and r.rank is not None and (best is None or r.rank < best[0]):
            best = (r.rank, m)
    if best is None:
        return []
    return [
        _fact(
            f"best-rank:{noc}:{games}",
            "best-rank",
            [f"noc:{noc}", f"games:{games}"],
            {"rank": best[0], "at": best[1].isoformat()},
            [],
            noc,
        )
    ]


def _games_history(
    podium: Podium,
    desk: Desk,
    g: Games,
    as_of: datetime,
    noc: str,
    tally: Tally,
    rank: int | None,
    final: int,
) -> list[Fact]:
    past = [ng for ng in podium.noc_games(noc, g.season) if ng.games.starts_at < g.starts_at]
    past = [ng for ng in past if ng.games.official]
    if not past:
        return []
    out = []

    def numbers(ng: Any) -> dict[str, Number]:
        return {
            "year": ng.games.year,
            "rank": ng.rank or 0,
            **ng.tally.counts(),
            "now_gold": tally.gold,
            "now_total": tally.total,
            "now_rank": rank or 0,
            "final": final,
        }

    for kind, key in (
        ("best-games-gold", lambda ng: (-ng.tally.gold, -ng.tally.silver, -ng.tally.bronze)),
        ("best-games-total", lambda ng: (-ng.tally.total, -ng.tally.gold)),
        # the best rank and the first Games it was reached at (which the story names)
        ("best-games-rank", lambda ng: (ng.rank or 999,)),
    ):
        ordered = sorted(past, key=lambda ng: (*key(ng), ng.games.starts_at))
        best = ordered[0]
        out.append(
            _fact(
                f"{kind}:{noc}:{g.season}:{best.games.slug}",
                kind,
                [f"noc:{noc}", f"games:{best.games.slug}"],
                numbers(best),
                [],
                noc,
            )
        )
    last = past[-1]
    # the places before the previous Games, back to three, while the NOC was ranked at
    # each Games of the season in turn (a Games without a medal ends the run)
    season = [x for x in desk.season_games(g) if x.starts_at < last.games.starts_at]
    ranked = {ng.games.slug: ng.rank for ng in past if ng.rank}
    run: list[Games] = []
    for earlier in reversed(season):
        if earlier.slug not in ranked or len(run) == 3:
            break
        run.append(earlier)
    if run:
        out.append(
            _fact(
                f"earlier-ranks:{noc}:{last.games.slug}",
                "earlier-ranks",
                [f"noc:{noc}", *(f"games:{x.slug}" for x in run)],
                {f"rank:{x.slug}": ranked[x.slug] or 0 for x in run},
                [],
                noc,
            )
        )
    out.append(
        _fact(
            f"previous-games:{noc}:{last.games.slug}",
            "previous-games",
            [f"noc:{noc}", f"games:{last.games.slug}"],
            numbers(last),
            [],
            noc,
        )
    )
    # Same stage: only where the previous Games' medals carry real moments (history before
    # 2024 only knows the Games, so the comparison would be invented).
    prev_awards = podium.store.awards(games=[last.games.slug], noc=noc)
    if prev_awards and all(a.precision != "games" for a in prev_awards):
        offset = as_of - g.starts_at
        stage = last.games.starts_at + offset
        t = Tally.of(a.medal for a in prev_awards if a.awarded_at <= stage)
        out.append(
            _fact(
                f"previous-games-stage:{noc}:{last.games.slug}:{offset // timedelta(hours=1)}",
                "previous-games-stage",
                [f"noc:{noc}", f"games:{last.games.slug}"],
                {**t.counts(), "hours": offset // timedelta(hours=1)},
                [a.key for a in prev_awards if a.awarded_at <= stage],
                noc,
            )
        )
    return out
