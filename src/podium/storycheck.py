"""The story checker: re-derives every fact of a story from the database (fresh queries and
the facts' evidence, never the numbers the fact carries) and then checks that every number,
name and date in every sentence is one the re-derived facts of that sentence allow."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from podium import language as L
from podium.core import Podium
from podium.facts import Fact, Number, counterpart, people
from podium.model import Award, Medal
from podium.story import Story
from podium.table import MedalTable, TableRow, Tally


@dataclass
class Derived:
    """What the database says about one fact: its numbers, and what a sentence stating it
    may name."""

    numbers: dict[str, Number] = field(default_factory=dict)
    athletes: set[str] = field(default_factory=set)
    nocs: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)
    extra: set[int] = field(default_factory=set)


class Checker:
    """One per database; each story's facts are re-derived with a fresh, uncached Podium."""

    def __init__(self, url: str) -> None:
        self.podium = Podium(url, migrate=False)
        self._event: dict[str, list[Award]] = {}

    def close(self) -> None:
        self.podium.close()

    # -- fresh reads ---------------------------------------------------------------------

    def event_awards(self, event: str) -> list[Award]:
        # History is append-only; one fresh read per event is enough for a whole run.
        if event not in self._event:
            self._event[event] = self.podium.store.awards(event=event)
        return self._event[event]

    def awards(self, keys: tuple[str, ...]) -> list[Award]:
        out = []
        for key in keys:
            games, event = key.split("|", 2)[:2]
            found = [a for a in self.event_awards(event) if a.key == key and a.games == games]
            if not found:
                raise LookupError(f"evidence {key!r} is not in the database")
            out.append(found[0])
        return out

    def year(self, games: str) -> int:
        return self.podium.games(games).year

    def table(self, games: str, as_of: datetime | None) -> MedalTable:
        return self.podium.table(games, as_of=as_of)

    # -- checking ------------------------------------------------------------------------

    def check(self, story: Story) -> list[str]:
        problems: list[str] = []
        derived: dict[str, Derived] = {}
        for fact in story.facts:
            try:
                d = self.derive(fact, story)
            except (LookupError, ValueError, KeyError) as exc:
                problems.append(f"{fact.id}: cannot re-derive ({exc})")
                continue
            for k, v in fact.numbers.items():
                if d.numbers.get(k) != v:
                    problems.append(f"{fact.id}: {k} is {v!r}, the data says {d.numbers.get(k)!r}")
            derived[fact.id] = d
        universe = {k for f in story.facts for k in f.of("athlete")}
        names = self.podium.athletes(universe)
        for sentence in story.sentences():
            allowed = Derived()
            for fid in sentence.facts:
                if fid not in derived:
                    problems.append(f"{sentence.text!r}: states unknown fact {fid}")
                    continue
                d = derived[fid]
                for attr in ("athletes", "nocs", "years", "dates", "extra"):
                    getattr(allowed, attr).update(getattr(d, attr))
                allowed.extra.update(v for v in d.numbers.values() if isinstance(v, int))
            problems += self._tokens(sentence.text, story.lang, allowed, names)
        return problems

    def _tokens(self, text: str, lang: str, allowed: Derived, names: dict[str, Any]) -> list[str]:
        out = []
        # Names the sentence may use are taken out first, so a name is never read as a
        # country ("Jordan Stolz") or a number ("Denis Ten").
        rest = text
        spoken = sorted(
            {
                form
                for k in allowed.athletes
                if k in names
                for form in (names[k].name, _family(names[k].family))
                if form
            },
            key=len,
            reverse=True,
        )
        for form in spoken:
            rest = re.sub(rf"(?<!\w){re.escape(form)}(?!\w)", " ", rest)
        for key, athlete in names.items():
            if key in allowed.athletes:
                continue
            for form in (athlete.name, _family(athlete.family)):
                if form and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", rest):
                    out.append(f"{text!r}: names {athlete.name} without evidence")
                    break
        numbers = allowed.extra | allowed.years
        months = _MONTHS[lang]
        date_re = r"(\d{1,2}) (" + "|".join(months) + r")\b"
        for m in re.finditer(date_re, rest):
            day_month = (months.index(m.group(2)) + 1, int(m.group(1)))
            if day_month not in {(d.month, d.day) for d in allowed.dates}:
                out.append(f"{text!r}: date {m.group(0)!r} not in the data")
        rest = re.sub(date_re, " ", rest)
        rest = re.sub(r"\b(1-2(-3)?|one-two(-three)?)\b", " ", rest)
        rest = re.sub(r"\btop-", "top ", rest)
        for m in re.finditer(r"\d+(?:[.,]\d{3})*", rest):
            value = int(re.sub(r"[.,]", "", m.group(0)))
            if value not in numbers:
                out.append(f"{text!r}: number {m.group(0)} not in the data")
        words = L.NUMBER_WORDS[lang]
        for token in re.findall(r"[a-zà-ÿ]+", rest.lower()):
            base = token[:-4] if lang == "nl" and token.endswith("maal") else token
            if base in words and words[base] not in numbers:
                out.append(f"{text!r}: {token!r} ({words[base]}) not in the data")
        for code, noc in self.podium.nocs().items():
            name = noc.name(lang)
            if code in allowed.nocs or not re.search(
                rf"(?<![\w-]){re.escape(name)}(?![\w-])", rest
            ):
                continue
            # Historic codes can share a name with the one meant.
            same = {c for c, n in self.podium.nocs().items() if n.name(lang) == name}
            if not same & allowed.nocs:
                out.append(f"{text!r}: names {name} ({code}) without evidence")
        return out

    # -- re-deriving each kind -----------------------------------------------------------

    def derive(self, fact: Fact, story: Story) -> Derived:
        fn: Callable[[Fact, Story], Derived] | None = getattr(
            self, "_" + fact.kind.replace("-", "_"), None
        )
        if fn is None:
            raise ValueError(f"no check for kind {fact.kind!r}")
        d = fn(fact, story)
        for a in self.awards(fact.evidence):
            d.nocs.add(a.noc)
            d.athletes.update(people(a))
            d.years.add(self.year(a.games))
            d.dates.add(self._local(a.awarded_at, a.games))
        for e in fact.of("event"):
            d.extra.update(int(x) for x in re.findall(r"\d+", e.split("/", 2)[2]))
        for g in fact.of("games"):
            d.years.add(self.year(g))
        return d

    def _local(self, moment: datetime, games: str) -> date:
        return moment.astimezone(ZoneInfo(self.podium.games(games).timezone)).date()

    def _award(self, fact: Fact) -> Award:
        return self.awards(fact.evidence[:1])[0]

    def _prior(self, award: Award) -> list[Award]:
        start = self.podium.games(award.games).starts_at
        return [a for a in self.event_awards(award.event) if a.awarded_at < start]

    def _since(self, event: str) -> int:
        return min(self.year(a.games) for a in self.event_awards(event))

    def _medal(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        return Derived({"medal": int(a.medal)})

    def _first_gold(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        prior = self._prior(a)
        if a.medal != Medal.GOLD or any(p.noc == a.noc and p.medal == 1 for p in prior):
            raise ValueError("not a first gold")
        return Derived({"since": self._since(a.event), "editions": len({p.games for p in prior})})

    def _first_medal(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        prior = self._prior(a)
        if any(p.noc == a.noc for p in prior):
            raise ValueError("not a first medal")
        return Derived({"since": self._since(a.event), "editions": len({p.games for p in prior})})

    def _first_colour(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        prior = self._prior(a)
        if any(p.noc == a.noc and p.medal == a.medal for p in prior):
            raise ValueError("not a first of its colour")
        return Derived(
            {
                "medal": int(a.medal),
                "since": self._since(a.event),
                "editions": len({p.games for p in prior}),
            }
        )

    def _earlier_medallists(self, fact: Fact, story: Story) -> Derived:
        noc = fact.of("noc")[0]
        event = fact.of("event")[0]
        games = fact.id.rsplit(":", 1)[1]
        start = self.podium.games(games).starts_at
        before = [a for a in self.event_awards(event) if a.noc == noc and a.awarded_at < start]
        if {a.key for a in before} != set(fact.evidence):
            raise ValueError("the earlier medallists differ")
        t = Tally.of(a.medal for a in before)
        return Derived({"medals": len(before), **t.counts()})

    def _one_two(self, fact: Fact, story: Story, need_sweep: bool) -> Derived:
        awards = self.awards(fact.evidence)
        noc = fact.of("noc")[0]
        games = awards[0].games
        medals = sorted(int(a.medal) for a in awards)
        if any(a.noc != noc or a.games != games for a in awards) or medals[:2] != [1, 2]:
            raise ValueError("not a one-two")
        event = awards[0].event
        at = [a for a in self.event_awards(event) if a.games == games]
        if any(a.noc != noc for a in at if a.medal <= 2):
            raise ValueError("another NOC shared the first two places")
        earlier: dict[str, set[int]] = {}
        for a in self._prior(awards[0]):
            earlier.setdefault(a.games, set())
            if a.noc == noc:
                earlier[a.games].add(int(a.medal))
        for g, got in earlier.items():
            others = {int(a.medal) for a in self._prior(awards[0]) if a.games == g and a.noc != noc}
            if {1, 2} <= got and not ({1, 2} & others) and (not need_sweep or 3 not in others):
                raise ValueError(f"{noc} did it before, at {g}")
        return Derived({"since": min([self._since(event), self.year(games)])})

    def _first_one_two(self, fact: Fact, story: Story) -> Derived:
        return self._one_two(fact, story, False)

    def _first_sweep(self, fact: Fact, story: Story) -> Derived:
        return self._one_two(fact, story, True)

    def _other_gender_one_two(self, fact: Fact, story: Story) -> Derived:
        awards = self.awards(fact.evidence)
        noc = fact.of("noc")[0]
        if sorted(int(a.medal) for a in awards)[:2] != [1, 2] or any(a.noc != noc for a in awards):
            raise ValueError("not a one-two")
        games = awards[0].games
        at = [a for a in self.event_awards(awards[0].event) if a.games == games]
        sweep = all(a.noc == noc for a in at) and any(a.medal == 3 for a in at)
        return Derived({"year": self.year(games), "sweep": int(sweep)})

    def _defending_champion(self, fact: Fact, story: Story) -> Derived:
        champ = self._award(fact)
        event = champ.event
        games = story.games
        start = self.podium.games(games).starts_at
        prior = {a.games for a in self.event_awards(event) if a.awarded_at < start}
        last = max(prior, key=lambda s: self.podium.games(s).starts_at)
        if champ.games != last or champ.medal != Medal.GOLD:
            raise ValueError("not the defending champion")
        now = [
            a
            for a in self.event_awards(event)
            if a.games == games and (story.as_of is None or a.awarded_at <= story.as_of)
        ]
        if champ.athlete:
            again = [a for a in now if a.athlete == champ.athlete]
        else:
            again = [a for a in now if a.noc == champ.noc and a.team is not None]
        medal_now = min((int(a.medal) for a in again), default=0)
        return Derived(
            {"year": self.year(last), "defended": int(medal_now == 1), "medal_now": medal_now}
        )

    def _role_reversal(self, fact: Fact, story: Story) -> Derived:
        g, s, og, os_ = self.awards(fact.evidence)
        if not (
            g.medal == 1
            and s.medal == 2
            and og.medal == 1
            and os_.medal == 2
            and g.athlete == os_.athlete
            and s.athlete == og.athlete
            and g.games == og.games
        ):
            raise ValueError("not a role reversal")
        return Derived({"date": og.awarded_at.date().isoformat()})

    def _person_awards(self, person: str, as_of: datetime) -> list[Award]:
        return self.podium.store.awards(athlete=person, as_of=as_of)

    def _games_tally(self, fact: Fact, story: Story) -> Derived:
        person = fact.of("athlete")[0]
        games = fact.of("games")[0]
        as_of = story.as_of or datetime.now(UTC)
        mine = [a for a in self._person_awards(person, as_of) if a.games == games]
        return Derived(
            {**(Tally.of(a.medal for a in mine)).counts(), "final": self._final(games, as_of)}
        )

    def _events_done(self, games: str, as_of: datetime) -> tuple[set[str], set[str]]:
        """The Games' scheduled medal events, and those of them with medals standing."""
        scheduled = {c.event for c in self.podium.store.contests(games)}
        standing = {a.event for a in self.podium.store.awards(games=[games], as_of=as_of)}
        return scheduled, scheduled & standing

    def _career(self, fact: Fact, story: Story) -> Derived:
        person = fact.of("athlete")[0]
        as_of = story.as_of or datetime.now(UTC)
        mine = self._person_awards(person, as_of)
        d = Derived(
            {**(Tally.of(a.medal for a in mine)).counts(), "games": len({a.games for a in mine})}
        )
        return d

    def _discipline_leader(self, fact: Fact, story: Story) -> Derived:
        person = fact.of("athlete")[0]
        noc = fact.of("noc")[0]
        discipline = fact.of("discipline")[0]
        as_of = story.as_of or datetime.now(UTC)
        awards = [
            a
            for a in self.podium.store.awards(noc=noc, as_of=as_of)
            if a.event.startswith(discipline + "/")
        ]
        per: dict[str, Tally] = {}
        for a in awards:
            for x in people(a):
                per[x] = per.get(x, Tally()).add(a.medal)
        mine = per[person]
        if any(
            (t.gold, t.silver, t.bronze) >= (mine.gold, mine.silver, mine.bronze)
            for x, t in per.items()
            if x != person
        ):
            raise ValueError("not the most decorated")
        return Derived({**mine.counts(), "athletes": len(per)})

    # table kinds: the moment is the story's

    def _row(self, story: Story, noc: str) -> TableRow:
        assert story.as_of is not None
        row = self.table(story.games, story.as_of).row(noc)
        if row is None:
            raise ValueError(f"{noc} is not in the table")
        return row

    def _moments(self, story: Story) -> list[datetime]:
        return [c.medal_at.replace(tzinfo=UTC) for c in self.podium.store.contests(story.games)]

    def _final(self, games: str, as_of: datetime) -> int:
        """1 if every scheduled medal event of the Games has its medals standing at `as_of`
        (and it has any scheduled), else 0."""
        scheduled, decided = self._events_done(games, as_of)
        return int(bool(scheduled) and scheduled <= decided)

    def _progress(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        scheduled, decided = self._events_done(story.games, story.as_of)
        done, total = len(decided), len(scheduled)
        d = Derived({"done": done, "total": total, "left": total - done})
        d.dates.add(self._local(story.as_of, story.games))
        return d

    def _standing(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        row = self.table(story.games, story.as_of).row(noc)
        if row is not None and row.rank is not None:
            raise ValueError(f"{noc} is ranked")
        return Derived({**(row.tally if row is not None else Tally()).counts()}, nocs={noc})

    def _leaders(self, fact: Fact, story: Story) -> Derived:
        d = Derived()
        for noc in fact.of("noc"):
            row = self._row(story, noc)
            d.numbers[f"rank:{noc}"] = row.rank or 0
            d.numbers[f"gold:{noc}"] = row.gold
            d.nocs.add(noc)
        return d

    def _rank(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        row = self._row(story, noc)
        done = [m for m in self._moments(story) if m <= story.as_of]
        previous = [m for m in done if m < max(done)] if done else []
        before = self.table(story.games, max(previous)).row(noc) if previous else None
        d = Derived(
            {
                "rank": row.rank or 0,
                "tied": int(row.tied),
                "previous_rank": before.rank if before and before.rank else 0,
                **row.tally.counts(),
            }
        )
        d.nocs.add(noc)
        return d

    def _level_on_golds(self, fact: Fact, story: Story) -> Derived:
        a, b = (self._row(story, n) for n in fact.of("noc"))
        if a.gold != b.gold:
            raise ValueError("not level on golds")
        decided = "silver" if a.silver != b.silver else "bronze"
        if a.silver == b.silver and a.bronze == b.bronze:
            decided = "none"
        d = Derived({"gold": a.gold, "decided_by": decided})
        for r in (a, b):
            for k in ("rank", "silver", "bronze", "total"):
                d.numbers[f"{k}:{r.noc}"] = getattr(r, k)
            d.nocs.add(r.noc)
        d.extra.add(abs(a.total - b.total))
        return d

    def _group(self, fact: Fact, story: Story, ahead: bool) -> Derived:
        assert story.as_of is not None
        noc = story.perspective
        table = self.table(story.games, story.as_of)
        me = self._row(story, noc)
        ranked = [r for r in table.rows if r.rank is not None]
        golds = sorted(
            {r.gold for r in ranked if (r.gold > me.gold if ahead else r.gold < me.gold)}
        )
        g = golds[0] if ahead else golds[-1]
        group = [r.noc for r in ranked if r.gold == g]
        if sorted(group) != sorted(fact.of("noc")):
            raise ValueError(f"the group on {g} golds is {group}")
        return Derived({"gold": g, "count": len(group)}, nocs=set(group))

    def _group_ahead(self, fact: Fact, story: Story) -> Derived:
        return self._group(fact, story, True)

    def _group_behind(self, fact: Fact, story: Story) -> Derived:
        return self._group(fact, story, False)

    def _best_rank(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        best: tuple[int, datetime] | None = None
        for m in sorted({m for m in self._moments(story) if m <= story.as_of}):
            r = self.table(story.games, m).row(noc)
            if r is not None and r.rank is not None and (best is None or r.rank < best[0]):
                best = (r.rank, m)
        if best is None:
            raise ValueError("never ranked")
        d = Derived({"rank": best[0], "at": best[1].isoformat()}, nocs={noc})
        d.dates.add(self._local(best[1], story.games))
        return d

    def _history(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        slug = fact.of("games")[0]
        then = self.table(slug, None).row(noc)
        if then is None:
            raise ValueError(f"{noc} has no medals at {slug}")
        now = self._row(story, noc)
        final = self._final(story.games, story.as_of)
        d = Derived(
            {
                "year": self.year(slug),
                "rank": then.rank or 0,
                **then.tally.counts(),
                "now_gold": now.gold,
                "now_total": now.total,
                "now_rank": now.rank or 0,
                "final": final,
            },
            nocs={noc},
        )
        season = self.podium.games(story.games).season
        start = self.podium.games(story.games).starts_at
        past = [g for g in self.podium.all_games(season) if g.official and g.starts_at < start]
        found = [(g, self.table(g.slug, None).row(noc)) for g in past]
        rows = [(g, r) for g, r in found if r is not None]
        kind = fact.kind
        if kind == "previous-games" and slug != rows[-1][0].slug:
            raise ValueError("not the previous Games")
        if kind == "best-games-total" and any(r.total > then.total for _, r in rows):
            raise ValueError("not the most medals")
        if kind == "best-games-gold" and any(r.gold > then.gold for _, r in rows):
            raise ValueError("not the most golds")
        if kind == "best-games-rank":
            if any(r.rank is not None and r.rank < (then.rank or 999) for _, r in rows):
                raise ValueError("not the best rank")
            first = next(g for g, r in rows if r.rank == then.rank)
            if first.slug != slug:
                raise ValueError("not the first time at that rank")
        return d

    _previous_games = _history
    _best_games_total = _history
    _best_games_gold = _history
    _best_games_rank = _history

    def _target(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        target = int(fact.numbers["target"])  # the caller's stated aim, not a datum
        row = self._row(story, noc)
        final = self._final(story.games, story.as_of)
        return Derived(
            {
                "target": target,
                "rank": row.rank or 0,
                "on_course": int(row.rank is not None and row.rank <= target),
                "final": final,
            },
            nocs={noc},
        )


_MONTHS = {
    "nl": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def _family(family: str) -> str:
    return family[:1].upper() + family[1:] if family else ""


def check_story(podium: Podium, story: Story) -> list[str]:
    """Every mismatch between a story and the database (empty: all checked)."""
    checker = Checker(podium.store.url)
    try:
        return checker.check(story)
    finally:
        checker.close()


__all__ = ["Checker", "check_story", "counterpart"]
