"""News stories from facts, from one NOC's angle. Python decides what to say (which claims, in
which order, with which emphasis); the message catalog of the language says how
(src/podium/news/locales/<lang>/*.ftl). Every sentence lists the facts it states and every
event phrase it uses; wording varies by a hash of the fact id, never by chance, so the same
input always gives the same story."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from podium import events as canon
from podium.core import Podium
from podium.model import Athlete, Award, Event, Games, Medal
from podium.names import sort_name
from podium.news.catalog import Catalog, catalog, languages
from podium.news.facts import (
    Desk,
    Fact,
    Number,
    event_facts,
    event_moment,
    games_over,
    table_facts,
)
from podium.table import Tally

Kind = Literal["event", "table", "day", "games"]
KINDS: tuple[Kind, ...] = ("event", "table", "day", "games")
# Longer lists of people are summarised: "A, B en elf anderen".
LIST_AT_MOST = 3
_SKATING = ("speed-skating", "short-track")


@dataclass(frozen=True)
class Sentence:
    text: str
    facts: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"text": self.text, "facts": list(self.facts)}


@dataclass(frozen=True)
class Story:
    kind: Kind
    lang: str
    perspective: str
    headline: Sentence
    lead: Sentence
    paragraphs: tuple[tuple[Sentence, ...], ...]
    facts: tuple[Fact, ...]
    games: str = ""
    as_of: datetime | None = None  # the moment the story describes
    event: str = ""  # an event story's event
    phrases: tuple[tuple[str, str], ...] = ()  # (event phrase as printed, event key)

    def sentences(self) -> list[Sentence]:
        return [self.headline, self.lead, *(s for p in self.paragraphs for s in p)]

    def as_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline.as_dict(),
            "lead": self.lead.as_dict(),
            "paragraphs": [[s.as_dict() for s in p] for p in self.paragraphs],
        }

    def text(self) -> str:
        body = "\n\n".join(" ".join(s.text for s in p) for p in self.paragraphs)
        return f"{self.headline.text}\n\n{self.lead.text}\n\n{body}".rstrip() + "\n"

    def markdown(self) -> str:
        body = "\n\n".join(" ".join(s.text for s in p) for p in self.paragraphs)
        return f"# {self.headline.text}\n\n**{self.lead.text}**\n\n{body}".rstrip() + "\n"


def pick(fact_id: str, count: int) -> int:
    """A stable choice among `count` wordings, from the fact id."""
    return hashlib.sha1(fact_id.encode()).digest()[0] % count


def _opener(text: str) -> str:
    return text.split(" ", 1)[0].lower()


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def press_name(athlete: Athlete) -> str:
    """The one place an athlete's full name is chosen for print."""
    return athlete.name


def press_family(athlete: Athlete) -> str:
    """The name on second mention (a leading particle capitalised: 'Van 't Wout')."""
    family = athlete.family or athlete.name
    return family[:1].upper() + family[1:]


# -- event phrases -------------------------------------------------------------------------


def event_name(cat: Catalog, event: Event) -> str:
    """The event's own name without sport or gender: '500 meter', 'ploegenachtervolging',
    '200 meter schoolslag'."""
    return " ".join(word for word, _ in name_words(cat, event))


# A number part of an event's name: '200m', '4x100m', '7' (of '7-5km'), '60kg', '100y', '2t'.
_NUMBER = re.compile(r"(\d+x)?\d+(m|km|kg|y|t|miles|lb)?")
# A unit and the catalog message that writes a number in it.
_UNITS = {
    "m": ("metres", "m"),
    "km": ("km", "km"),
    "kg": ("kg", "kg"),
    "y": ("yards", "y"),
    "t": ("tons", "t"),
    "miles": ("miles", "n"),
    "lb": ("pounds", "n"),
}


def name_words(cat: Catalog, event: Event) -> list[tuple[str, bool]]:
    """The words of the event's own name, each with whether the catalog gave it: a word the
    catalog lacks is the source's (English) word, left as it is. The catalog names a run of
    the key's parts (the longest first; `name-{discipline}-...` before `name-...`, as 'singles'
    is 'eenzitter' in luge and 'enkelspel' in tennis); numbers take their unit's message
    ('200 meter', '7,5 kilometer', '63,5 kg')."""
    parts = event.key.split("/", 2)[2].split("-")
    words: list[tuple[str, bool]] = []
    i = 0
    while i < len(parts):
        said = _phrase(cat, event.discipline, parts, i)
        if said is not None:
            words.append((said[0], True))
            i = said[1]
        elif _NUMBER.fullmatch(parts[i]):
            text, i = _number(cat, parts, i)
            words.append((text, True))
        else:
            words.append((parts[i], False))
            i += 1
    return words


def _phrase(cat: Catalog, discipline: str, parts: list[str], start: int) -> tuple[str, int] | None:
    for end in range(len(parts), start, -1):
        run = "-".join(parts[start:end])
        for msg in (f"name-{discipline}-{run}", f"name-{run}"):
            if cat.has(msg):
                return cat(msg), end
    return None


def _number(cat: Catalog, parts: list[str], start: int) -> tuple[str, int]:
    """A number with its unit from `start`, to the first part with a unit: numbers joined by
    '-' are a range ('46-49kg'), but a lone 5 after a number is its decimal where the slug lost
    the point ('7-5km', '63-5kg', '0-5t'); a run without a unit ('1-2' of '1-2-mile', half a
    mile) is left as it is."""
    run: list[str] = []
    unit = ""
    i = start
    while i < len(parts):
        found = _NUMBER.fullmatch(parts[i])
        if found is None:
            break
        run.append(parts[i][: len(parts[i]) - len(found.group(2) or "")])
        i += 1
        if found.group(2):
            unit = found.group(2)
            break
    if not unit:
        return "-".join(run), i
    values: list[str] = []
    for digits in run:
        if values and digits == "5":
            values[-1] += cat("decimal-separator") + digits
        else:
            values.append(digits)
    msg, arg = _UNITS[unit]
    return cat(msg, **{arg: "-".join(_grouped(cat, v) for v in values)}), i


def _grouped(cat: Catalog, value: str) -> str:
    # Newsrooms write 1000 but 10.000 / 10,000.
    return cat.digits(int(value)) if value.isdigit() and int(value) >= 10000 else value


def discipline_name(cat: Catalog, slug: str) -> str:
    """The discipline as the registry names it in the catalog's language (data; a catalog
    says the skating ones its own way)."""
    try:
        found = canon.discipline_by_slug(slug)
    except canon.UnknownDiscipline:
        return slug
    return (found.name_nl if cat.lang == "nl" else found.name_en).lower()


def render_event(cat: Catalog, event: Event, gender: bool, discipline: bool) -> str:
    """The event phrase stating the given parts of its identity."""
    return cat(
        "event",
        name=event_name(cat, event),
        gender=event.gender if gender else "none",
        discipline=event.discipline if discipline else "none",
        discipline_name=discipline_name(cat, event.discipline),
        skating="yes" if event.discipline in _SKATING else "no",
    )


_NAMES: dict[tuple[str, int, int], dict[str, tuple[Event, ...]]] = {}


def _names(lang: str, events: Sequence[Event]) -> dict[str, tuple[Event, ...]]:
    """Events by their printed name, for one language: who else a phrase could mean. Kept
    per list of events (the core's cached list: one index per language and database)."""
    key = (lang, id(events), len(events))
    if key not in _NAMES:
        cat = catalog(lang)
        out: dict[str, list[Event]] = {}
        for e in events:
            out.setdefault(event_name(cat, e), []).append(e)
        _NAMES[key] = {k: tuple(v) for k, v in out.items()}
    return _NAMES[key]


def event_phrase(cat: Catalog, event: Event, context: Sequence[Event]) -> str:
    """The shortest phrase with the gender that names exactly this event among `context`
    (every event Podium knows): the discipline is said where another event of that gender
    has the same name ('de 500 meter langebaan' beside 'de 500 meter shorttrack'); sports
    other than skating always say theirs."""
    others = _names(cat.lang, context).get(event_name(cat, event), ())
    clash = any(e.key != event.key and e.gender == event.gender for e in others)
    return render_event(cat, event, True, clash or event.discipline not in _SKATING)


@dataclass
class Writer:
    """Names and wording for one story; keeps sentences from opening alike."""

    podium: Podium
    desk: Desk
    lang: str
    perspective: str
    games: Games
    athletes: dict[str, Athlete] = field(default_factory=dict)
    mentioned: set[str] = field(default_factory=set)
    paragraphs: list[list[Sentence]] = field(default_factory=list)
    phrases: list[tuple[str, str]] = field(default_factory=list)
    _last: str = ""

    @property
    def cat(self) -> Catalog:
        return catalog(self.lang)

    def t(self, msg: str, **args: Any) -> str:
        return self.cat(msg, **args)

    def load(self, facts: Sequence[Fact]) -> None:
        keys = {k for f in facts for k in f.of("athlete")}
        self.athletes.update(self.podium.athletes(keys - set(self.athletes)))

    def athlete(self, key: str) -> Athlete:
        if key not in self.athletes:
            self.athletes[key] = self.podium.athlete(key)
        return self.athletes[key]

    def person(self, key: str) -> str:
        """Full name on first mention, family name after (one person whichever source's
        record names them)."""
        athlete = self.athlete(key)
        who = athlete.person or key
        if who in self.mentioned:
            return self.short(key)
        self.mentioned.add(who)
        return press_name(athlete)

    def short(self, key: str) -> str:
        """The family name, or the full name where another person in the story shares it
        (the Van 't Wout brothers: 'Van 't Wout pakt zilver' would not say which)."""
        athlete = self.athlete(key)
        family, who = press_family(athlete), athlete.person or key
        if any(
            press_family(a) == family and (a.person or k) != who for k, a in self.athletes.items()
        ):
            return press_name(athlete)
        return family

    def people(self, keys: Sequence[str], at_most: int = LIST_AT_MOST) -> str:
        """Names, a long list summarised: 'A, B, C en elf anderen'."""
        if len(keys) > at_most + 1:
            shown = [self.person(k) for k in keys[:at_most]]
            rest = self.t("and-others", n=len(keys) - at_most)
            return self.cat.join([*shown, rest])
        return self.cat.join([self.person(k) for k in keys])

    def noc(self, code: str) -> str:
        return self.t("noc", code=code, name=self.desk.noc(code).name(self.lang))

    def nocs(self, codes: Sequence[str]) -> str:
        return self.cat.join([self.noc(c) for c in codes])

    def number(self, code: str) -> str:
        """The grammatical number a country takes ('one' or 'other'), from the catalog."""
        return self.t("noc-number", code=code)

    def event(self, key: str) -> str:
        """The event's phrase, unique among every event Podium knows; recorded."""
        phrase = event_phrase(self.cat, self.desk.event(key), self.desk.events())
        self.phrases.append((phrase, key))
        return phrase

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.games.timezone)).date()

    def day(self, moment: datetime) -> str:
        """The host's calendar day, for the catalog's DAY and WEEKDAY."""
        return self.local_day(moment).isoformat()

    def when(self, moment: datetime) -> dict[str, str]:
        return {"day": self.day(moment)}

    def games_name(self, g: Games) -> str:
        return self.t("games-name", **_city(g), year=str(g.year))

    def medals(self, t: Tally) -> str:
        """'acht keer goud, vijf keer zilver en vier keer brons'."""
        parts = [
            self.t("times-medal", n=n, medal=m.label)
            for n, m in ((t.gold, Medal.GOLD), (t.silver, Medal.SILVER), (t.bronze, Medal.BRONZE))
            if n
        ]
        return self.cat.join(parts)

    def medal_objects(self, t: Tally) -> str:
        """'één gouden en één zilveren medaille' (the noun agrees with the last count)."""
        counts = [(n, m) for n, m in ((t.gold, "gold"), (t.silver, "silver"), (t.bronze, "bronze"))]
        shown = [(n, m) for n, m in counts if n]
        parts = [self.t("count-adjective", n=n, medal=m) for n, m in shown]
        return self.t("medal-objects", list=self.cat.join(parts), n=shown[-1][0])

    def say(self, fact_ids: Sequence[str], msg: str, *, fixed: bool = False, **args: Any) -> None:
        """Add a sentence: the wording the first fact id picks among the message's variants
        (the first one if `fixed`; the others then only keep two sentences from opening
        alike), or the next one if it would open like the sentence before."""
        options = self.cat.variants(msg, **args)
        start = 0 if fixed else pick(fact_ids[0], len(options))
        text = options[start]
        for i in range(len(options)):
            candidate = options[(start + i) % len(options)]
            if _opener(candidate) != self._last:
                text = candidate
                break
        self._last = _opener(text)
        if not self.paragraphs:
            self.paragraphs.append([])
        self.paragraphs[-1].append(Sentence(_cap(text), tuple(dict.fromkeys(fact_ids))))

    def paragraph(self) -> None:
        if not self.paragraphs or self.paragraphs[-1]:
            self.paragraphs.append([])

    def body(self) -> tuple[tuple[Sentence, ...], ...]:
        return tuple(tuple(p) for p in self.paragraphs if p)


def _city(g: Games) -> dict[str, str]:
    """The host city as data, and the key a catalog translates it by."""
    city = g.name.rsplit(" ", 1)[0]
    return {"city": city, "city_key": re.sub(r"[^a-z0-9]+", "-", city.lower()).strip("-")}


def awards_by_key(desk: Desk, keys: Sequence[str]) -> list[Award]:
    """Awards by key, through the store's public reads (a key starts 'games|event|')."""
    found: dict[str, Award] = {}
    for event in sorted({k.split("|", 2)[1] for k in keys}):
        history = desk.event_awards(event, _far_future())
        found.update((a.key, a) for a in history if a.key in keys)
    return [found[k] for k in keys if k in found]


def _far_future() -> datetime:
    return datetime(9999, 1, 1).astimezone()


def _by_kind(facts: Sequence[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def _relevant(facts: Sequence[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind and f.relevance >= 1.0]


def _told(facts: Sequence[Fact], kind: str, perspective: str) -> list[Fact]:
    """The facts of a kind about the reader's country, then those about the champions'
    countries: a race won by another country is told with that country's history too."""
    winners = {
        n for f in facts if f.kind == "medal" and f.numbers["medal"] == 1 for n in f.of("noc")
    }
    about = _relevant(facts, kind)
    others = [
        f
        for f in facts
        if f.kind == kind and f not in about and set(f.of("noc")) & (winners - {perspective})
    ]
    return about + others


def _tally(f: Fact) -> Tally:
    return Tally(int(f.numbers["gold"]), int(f.numbers["silver"]), int(f.numbers["bronze"]))


# -- event report --------------------------------------------------------------------------


def event_story(
    podium: Podium,
    games: str,
    event: str,
    perspective: str,
    lang: str = "nl",
    as_of: datetime | None = None,
    desk: Desk | None = None,
) -> Story:
    desk = desk or Desk(podium)
    facts = event_facts(podium, games, event, perspective, as_of, desk)
    w = Writer(podium, desk, lang, perspective, desk.games(games))
    w.load(facts)
    medals = sorted(_by_kind(facts, "medal"), key=lambda f: (int(f.numbers["medal"]), f.id))
    awards = {a.key: a for a in awards_by_key(desk, [f.evidence[0] for f in medals])}
    moment = as_of or event_moment(desk, games, event)
    ours = [f for f in medals if f.relevance >= 1.0]
    # A reader's country without a medal here still gets the race, told from the winner.
    best = ours[0] if ours else medals[0]
    special = ("noc-first-medal", "noc-first-gold", "first-sweep", "first-one-two", "first-gold")
    top = next((f for f in facts if f.kind in special and f.relevance >= 1.0), best)
    headline = _event_headline(w, top, best, awards[best.evidence[0]])
    w.mentioned.clear()
    lead = _event_lead(w, medals, awards, moment)
    w._last = _opener(lead.text)
    _event_body(w, facts, top)
    return Story(
        "event",
        lang,
        perspective,
        headline,
        lead,
        w.body(),
        tuple(facts),
        games,
        moment,
        event,
        tuple(w.phrases),
    )


def _who(w: Writer, award: Award) -> str:
    if award.athlete:
        return w.person(award.athlete)
    return w.t("team-of", noc=w.noc(award.noc))


def _event_headline(w: Writer, top: Fact, best: Fact, award: Award) -> Sentence:
    team = not award.athlete
    who = w.noc(award.noc) if team else w.short(award.athlete or "")
    args: dict[str, Any] = {"who": who, "noc": w.noc(award.noc), "number": w.number(award.noc)}
    if top.kind in ("noc-first-medal", "noc-first-gold"):
        text = w.t(
            f"headline-{top.kind}",
            **args,
            team="yes" if team else "no",
            season=w.games.season if top.numbers["season_only"] else "all",
        )
        return Sentence(_cap(text), (top.id,))
    phrase = w.event(best.of("event")[0])
    if top.kind in ("first-one-two", "first-sweep") and len(top.of("athlete")) >= 2:
        pair = w.cat.join([w.short(k) for k in top.of("athlete")[:2]])
        text = w.t("headline-one-two", pair=pair, noc=w.noc(top.of("noc")[0]), event=phrase)
        return Sentence(_cap(text), (top.id,))
    if top.kind == "first-gold":
        text = w.t("headline-first-gold", **args, team="yes" if team else "no", event=phrase)
        return Sentence(_cap(text), (top.id,))
    medal = Medal(int(best.numbers["medal"])).label
    text = w.t("headline-medal", **args, team="yes" if team else "no", medal=medal, event=phrase)
    return Sentence(_cap(text), (best.id,))


def _event_lead(
    w: Writer, medals: list[Fact], awards: dict[str, Award], moment: datetime
) -> Sentence:
    by: dict[int, list[Award]] = {}
    for f in medals:
        by.setdefault(int(f.numbers["medal"]), []).append(awards[f.evidence[0]])

    def named(a: Award) -> tuple[str, str | None]:
        """The award's name, and the NOC to say it is from (another's athlete)."""
        who = _who(w, a)
        if a.noc != w.perspective and a.athlete:
            return who, a.noc
        if a.noc == w.perspective and not a.athlete and 0 < len(a.members) <= 6:
            who = w.t("team-members", team=who, members=w.people(list(a.members), 6))
        return who, None

    def listed(awards: list[Award]) -> str:
        # athletes of one NOC next to each other are from it once: 'Odermatt and Meillard
        # of Switzerland', not 'Odermatt of Switzerland and Meillard of Switzerland'
        runs: list[tuple[list[str], str | None]] = []
        for who, noc in map(named, awards):
            if runs and noc is not None and runs[-1][1] == noc:
                runs[-1][0].append(who)
            else:
                runs.append(([who], noc))
        return w.cat.join(
            [
                w.t("person-from", who=w.cat.join(names), noc=w.noc(noc)) if noc else names[0]
                for names, noc in runs
            ]
        )

    def group(medal: int) -> str:
        # shared places are said as such, never as an order
        if len(by.get(medal, [])) > 1:
            return w.t("shared-place", names=listed(by[medal]), medal=Medal(medal).label)
        return listed(by.get(medal, []))

    gold = by.get(1, [])
    if all(len(by.get(m, [])) == 1 for m in (2, 3)):  # one silver, one bronze: in that order
        behind = [listed(by[2] + by[3])]
    else:
        behind = [group(m) for m in (2, 3) if by.get(m)]
    event = medals[0].of("event")[0]
    text = w.t(
        "event-lead",
        winners=group(1),
        count=len(gold),
        event=w.event(event),
        behind=w.cat.join(behind) if behind else "none",
        season=w.games.season,
        **_city(w.games),
        **w.when(moment),
    )
    return Sentence(_cap(text), tuple(f.id for f in medals))


def _event_body(w: Writer, facts: list[Fact], top: Fact) -> None:
    for f in _relevant(facts, "role-reversal"):
        first, second = f.of("athlete")[:2]
        pa, pb = w.person(first), w.person(second)
        w.say(
            [f.id],
            "role-reversal",
            a=pa,
            b=pb,
            other=w.event(f.of("event")[1]),
            day=str(f.numbers["date"]),
        )
    _games_tallies(w, _relevant(facts, "games-tally"))
    for f in _relevant(facts, "noc-count"):
        if top.kind in ("noc-first-medal", "noc-first-gold") or int(f.numbers["count"]) < 2:
            continue
        w.say(
            [f.id],
            "noc-count",
            noc=w.noc(f.of("noc")[0]),
            n=int(f.numbers["count"]),
            medal=Medal(int(f.numbers["medal"])).label,
            total=int(f.numbers["total"]),
            games=w.games_name(w.games),
        )
    w.paragraph()
    for f in _told(facts, "noc-first-medal", w.perspective) + _told(
        facts, "noc-first-gold", w.perspective
    ):
        if f.id == top.id:
            continue  # the headline says it
        w.say(
            [f.id],
            f.kind,
            noc=w.noc(f.of("noc")[0]),
            season=w.games.season if f.numbers["season_only"] else "all",
        )
    # an age is said once: in its record, else with the person's first "first", else with
    # their Games counted
    ages = {f.of("athlete")[0]: f for f in _relevant(facts, "age")}
    for kind in ("age-record", "noc-age-record"):
        for f in _relevant(facts, kind):
            who = f.of("athlete")[0]
            ages.pop(who, None)
            scope: dict[str, Any]
            if kind == "age-record":
                key = f.of("event")[0]
                scope = {"gender": w.desk.event(key).gender, "event": w.event(key)}
            else:
                scope = {"noc": w.noc(f.of("noc")[0]), "season": w.games.season}
            years = int(f.numbers["age"])
            oldest = "yes" if f.numbers["oldest"] else "no"
            w.say([f.id], kind, who=w.person(who), age=years, oldest=oldest, **scope)
    for f in _told(facts, "first-gold", w.perspective):
        whos = f.of("athlete")
        noc = w.noc(f.of("noc")[0])
        event = w.event(f.of("event")[0])
        if len(whos) != 1:
            w.say([f.id], "first-gold-team", noc=noc, event=event, since=str(f.numbers["since"]))
            continue
        age = ages.pop(whos[0], None)
        w.say(
            [f.id, *([age.id] if age else [])],
            "first-gold",
            who=_aged(w, whos[0], age),
            noc=noc,
            event=event,
            since=str(f.numbers["since"]),
            gender=w.desk.event(f.of("event")[0]).gender,
            adjective=w.t("noc-adjective", code=f.of("noc")[0]),
        )
    for f in _relevant(facts, "first-medal"):
        whos = f.of("athlete")
        w.say(
            [f.id],
            "first-medal",
            fixed=True,
            noc=w.noc(f.of("noc")[0]),
            who=w.people(whos) if len(whos) == 1 else "none",
            event=w.event(f.of("event")[0]),
            since=str(f.numbers["since"]),
        )
    for f in _relevant(facts, "earlier-medallists"):
        before = sorted(awards_by_key(w.desk, f.evidence), key=lambda a: a.awarded_at, reverse=True)
        noc = w.noc(f.of("noc")[0])
        items = []
        for a in before[: LIST_AT_MOST if len(before) > LIST_AT_MOST + 1 else len(before)]:
            year = w.desk.games(a.games).year
            what = _who(w, a) if a.athlete else "none"
            items.append(w.t("earlier-medal", who=what, medal=a.medal.label, year=str(year)))
        if len(before) > LIST_AT_MOST + 1:
            items.append(w.t("and-others", n=len(before) - LIST_AT_MOST))
        w.say(
            [f.id],
            "earlier-medallists",
            n=len(before),
            noc=noc,
            listing=w.cat.join(items),
            event=w.event(f.of("event")[0]),
        )
    for f in _relevant(facts, "first-colour"):
        whos = f.of("athlete")
        w.say(
            [f.id],
            "first-colour",
            who=w.person(whos[0]) if len(whos) == 1 else "none",
            medal=Medal(int(f.numbers["medal"])).label,
            noc=w.noc(f.of("noc")[0]),
            event=w.event(f.of("event")[0]),
        )
    for f in _relevant(facts, "first-one-two") + _relevant(facts, "first-sweep"):
        w.say(
            [f.id],
            f.kind,
            noc=w.noc(f.of("noc")[0]),
            event=w.event(f.of("event")[0]),
        )
    for f in _relevant(facts, "other-gender-one-two"):
        done = awards_by_key(w.desk, f.evidence)
        names = [_who(w, a) for a in done]
        w.say(
            [f.id],
            "other-gender-one-two",
            gender=w.desk.event(f.of("event")[0]).gender,
            noc=w.noc(f.of("noc")[0]),
            year=str(f.numbers["year"]),
            gold=names[0],
            silver=names[1],
            bronze=names[2] if len(names) > 2 else "none",
        )
    for f in [f for f in facts if f.kind == "defending-champion" and f.weight >= 0.2]:
        now = int(f.numbers["medal_now"])
        entered = int(f.numbers["entered"])
        if now == 0 and entered != 1:
            # a champion without a medal now is told of only where the entries say they
            # competed: a story is never about someone who was not at these Games
            continue
        team = awards_by_key(w.desk, f.evidence[:1])[0].athlete is None
        gender = w.desk.event(f.of("event")[0]).gender
        w.say(
            [f.id],
            "defending-champion",
            who=w.noc(f.of("noc")[0]) if team else w.people(f.of("athlete")),
            team="yes" if team else "no",
            gender=gender,
            year=str(f.numbers["year"]),
            outcome=now if entered else "absent",
        )
    w.paragraph()
    for f in _relevant(facts, "career"):
        t = _tally(f)
        w.say(
            [f.id],
            "career",
            who=w.person(f.of("athlete")[0]),
            n=t.total,
            games=int(f.numbers["games"]),
            medals=w.medals(t),
        )
    for f in _relevant(facts, "appearances"):
        count = int(f.numbers["count"])
        if 1 < count < 3:
            continue  # a debut and a third Games or more are news; a second is not
        who = f.of("athlete")[0]
        age = ages.pop(who, None)
        w.say(
            [f.id, *([age.id] if age else [])],
            "appearances",
            who=_aged(w, who, age),
            n=count,
            gender=w.athlete(who).gender or "X",
        )
    for f in _relevant(facts, "discipline-leader"):
        w.say(
            [f.id],
            "discipline-leader",
            who=w.person(f.of("athlete")[0]),
            medals=w.medals(_tally(f)),
            noc=w.noc(f.of("noc")[0]),
            discipline=f.of("discipline")[0],
            discipline_name=discipline_name(w.cat, f.of("discipline")[0]),
        )


def _aged(w: Writer, person: str, age: Fact | None) -> str:
    """The person's name, with their age where it is to be said ('de 25-jarige Kok')."""
    name = w.person(person)
    return w.t("aged", who=name, age=int(age.numbers["age"])) if age else name


def _games_tallies(w: Writer, tallies: list[Fact]) -> None:
    """One sentence per tally: athletes are said together only when their tallies are
    the same, so nobody is given another's medals."""
    groups: dict[tuple[Any, ...], list[Fact]] = {}
    for f in tallies:
        groups.setdefault((_tally(f), f.numbers["final"]), []).append(f)
    for (t, final), group in groups.items():
        keys = [k for g in group for k in g.of("athlete")]
        keys.sort(key=lambda k: sort_name(w.athlete(k).family))  # as an index lists them
        genders = {w.athlete(k).gender for k in keys}
        variant = "final" if final else "champion" if t.gold == t.total else "medals"
        w.say(
            [g.id for g in group],
            f"games-tally-{variant}",
            fixed=True,
            who=w.people(keys),
            count=len(keys),
            gold=t.gold,
            medals=w.medal_objects(t),
            gender=(genders.pop() or "X") if len(genders) == 1 else "X",
        )


# -- table, day and Games stories ----------------------------------------------------------


def table_story(
    podium: Podium,
    games: str,
    as_of: datetime,
    perspective: str,
    lang: str = "nl",
    targets: dict[str, int] | None = None,
    desk: Desk | None = None,
    kind: Kind = "table",
    extra: Callable[[Writer, list[Fact]], None] | None = None,
    extra_facts: Sequence[Fact] = (),
) -> Story:
    desk = desk or Desk(podium)
    facts = table_facts(podium, games, as_of, perspective, targets, desk) + list(extra_facts)
    g = desk.games(games)
    w = Writer(podium, desk, lang, perspective, g)
    w.load(facts)
    me = w.noc(perspective)
    mine = w.number(perspective)
    rank = next((f for f in facts if f.kind == "rank"), None)
    progress = next(f for f in facts if f.kind == "progress")
    done, total = int(progress.numbers["done"]), int(progress.numbers["total"])
    where = {"games": w.games_name(g), "season": g.season, **_city(g)}
    timed = desk.medal_moments(games) != []
    when = w.when(as_of) if timed else {"day": "none"}
    if rank is None:
        standing = next(f for f in facts if f.kind == "standing")
        ids = (progress.id, standing.id)
        won = _tally(standing)
        state = "none" if won.total == 0 else "outside"
        headline = Sentence(_cap(w.t(f"headline-table-{state}", noc=me, number=mine)), ids)
        lead = Sentence(
            _cap(
                w.t(
                    f"table-lead-{state}",
                    noc=me,
                    number=mine,
                    done=done,
                    total=total,
                    medals=w.medals(won) if won.total else "none",
                    **where,
                    **when,
                )
            ),
            ids,
        )
        return Story(kind, lang, perspective, headline, lead, (), tuple(facts), games, as_of)
    r = int(rank.numbers["rank"])
    t = _tally(rank)
    # Games without medal moments are told as they ended (the history knows only that)
    final = not timed or int(progress.numbers["left"]) == 0 or games_over(desk, games, as_of)
    headline = Sentence(
        _cap(w.t("headline-table", noc=me, number=mine, rank=r, final="yes" if final else "no")),
        (rank.id,),
    )
    lead = Sentence(
        _cap(
            w.t(
                "table-lead",
                noc=me,
                number=mine,
                rank=r,
                done=done,
                total=total,
                medals=w.medal_objects(t),
                final="yes" if final else "no",
                **where,
                **when,
            )
        ),
        (rank.id,) if final else (rank.id, progress.id),
    )
    w._last = _opener(lead.text)
    if extra:
        extra(w, facts)
        w.paragraph()
    prev = int(rank.numbers["previous_rank"])
    if prev and not final:
        w.say(
            [rank.id],
            "previous-rank",
            noc=me,
            number=mine,
            previous=prev,
            same="yes" if prev == r else "no",
        )
    for f in _by_kind(facts, "leaders"):
        nocs = f.of("noc")
        w.say(
            [f.id],
            "leaders",
            nocs=w.nocs(nocs),
            count=len(nocs),
            number=w.number(nocs[0]),
            golds=w.cat.join([w.cat.word(int(f.numbers[f"gold:{n}"])) for n in nocs]),
        )
    for f in _by_kind(facts, "level-on-golds"):
        _level_on_golds(w, f, perspective)
    for f in _by_kind(facts, "group-ahead") + _by_kind(facts, "group-behind"):
        nocs = f.of("noc")
        w.say(
            [f.id],
            f.kind,
            nocs=w.nocs(nocs),
            count=len(nocs),
            number=w.number(nocs[0]),
            gold=int(f.numbers["gold"]),
        )
    for f in _by_kind(facts, "medal-nocs"):
        w.say([f.id], "medal-nocs", n=int(f.numbers["nocs"]))
    w.paragraph()
    for f in _by_kind(facts, "discipline-split"):
        parts = [
            w.t(
                "discipline-part",
                n=int(f.numbers[f"total:{d}"]),
                discipline=d,
                discipline_name=discipline_name(w.cat, d),
            )
            for d in f.of("discipline")
        ]
        w.say(
            [f.id],
            "discipline-split",
            noc=me,
            number=mine,
            n=int(f.numbers["total"]),
            parts=w.cat.join(parts),
            count=len(parts),
        )
    _games_tallies(w, _by_kind(facts, "games-tally"))
    for f in _by_kind(facts, "best-rank"):
        best = int(f.numbers["rank"])
        if best < r:
            at = datetime.fromisoformat(str(f.numbers["at"]))
            w.say([f.id], "best-rank", noc=me, number=mine, rank=best, day=w.day(at))
    w.paragraph()
    _history(w, facts, me, mine)
    w.paragraph()
    for f in _by_kind(facts, "target"):
        w.say(
            [f.id],
            "target",
            noc=me,
            number=mine,
            target=int(f.numbers["target"]),
            source=str(f.scope.get("source", "")) or "none",
            on="yes" if f.numbers["on_course"] else "no",
            final="yes" if f.numbers["final"] else "no",
        )
    for f in _by_kind(facts, "projection") + _by_kind(facts, "projection-first"):
        w.say([f.id], f.kind, **chance_args(f.numbers, perspective, me, mine))
    return Story(
        kind,
        lang,
        perspective,
        headline,
        lead,
        w.body(),
        tuple(facts),
        games,
        as_of,
        "",
        tuple(w.phrases),
    )


def chance_args(numbers: Mapping[str, Number], noc: str, name: str, number: str) -> dict[str, Any]:
    """The arguments of a projection sentence ('projection', 'projection-first') from its
    fact's numbers. A chance in whole percents is said in words at either end: '100%' from a
    simulation would claim more than it knows."""
    p = int(numbers["p"])
    gold = int(numbers.get(f"gold:{noc}", 0))
    return {
        "noc": name,
        "number": number,
        "p": p,
        "band": "sure" if p >= 100 else "none" if p <= 0 else "some",
        "target": int(numbers.get("target", 1)),
        "golds": "yes" if gold else "no",
        "gold": gold,
        "low": int(numbers.get(f"gold_low:{noc}", 0)),
        "high": int(numbers.get(f"gold_high:{noc}", 0)),
        "interval": int(numbers.get("interval", 0)),
    }


def wordings(cat: Catalog, msg: str, **args: Any) -> set[str]:
    """Every sentence a message can be, as a story prints it."""
    return {_cap(text) for text in cat.variants(msg, **args)}


def _level_on_golds(w: Writer, f: Fact, perspective: str) -> None:
    a, b = f.of("noc")
    other = b if a == perspective else a

    def n(k: str, c: str) -> int:
        return int(f.numbers[f"{k}:{c}"])

    w.say(
        [f.id],
        "level-on-golds",
        noc=w.noc(other),
        number=w.number(other),
        gold=int(f.numbers["gold"]),
        rank=n("rank", other),
        ahead="yes" if n("rank", other) < n("rank", perspective) else "no",
    )
    decided = str(f.numbers["decided_by"])
    if decided != "none":
        w.say([f.id], "decided-by", medal=decided, a=n(decided, a), b=n(decided, b))
    diff = n("total", other) - n("total", perspective)
    if diff != 0 and (diff > 0) == (n("rank", other) < n("rank", perspective)):
        more, less = (other, perspective) if diff > 0 else (perspective, other)
        w.say(
            [f.id],
            "more-in-total",
            noc=w.noc(more),
            number=w.number(more),
            n=abs(diff),
            more=n("total", more),
            less=n("total", less),
        )


def _history(w: Writer, facts: list[Fact], me: str, mine: str) -> None:
    said: set[str] = set()
    for kind in ("previous-games", "best-games-total", "best-games-gold", "best-games-rank"):
        for f in _by_kind(facts, kind):
            slug = f.of("games")[0]
            if kind == "best-games-gold" and slug in said:
                continue
            said.add(slug)
            then = w.desk.games(slug)
            t = _tally(f)
            args: dict[str, Any] = {
                "noc": me,
                "number": mine,
                "games": w.games_name(then),
                "season": then.season,
                "rank": int(f.numbers["rank"]),
                "medals": w.medals(t),
                "total": t.total,
                "gold": t.gold,
                "final": "yes" if f.numbers["final"] else "no",
            }
            now_total, now_gold = int(f.numbers["now_total"]), int(f.numbers["now_gold"])
            if kind == "previous-games":
                w.say([f.id], "previous-games", **args)
                # at the end of the Games, the places before that as well
                for e in _by_kind(facts, "earlier-ranks") if f.numbers["final"] else []:
                    places = [
                        w.t(
                            "earlier-rank",
                            rank=int(e.numbers[f"rank:{x}"]),
                            games=w.games_name(w.desk.games(x)),
                        )
                        for x in e.of("games")
                    ]
                    w.say([e.id], "earlier-ranks", noc=me, number=mine, places=w.cat.join(places))
            elif kind == "best-games-total":
                # the record counts these Games so far too
                record = _record_state(now_total, t.total)
                w.say([f.id], "best-games-total", **args, record=record, now=now_total)
            elif kind == "best-games-gold":
                record = _record_state(now_gold, t.gold)
                w.say([f.id], "best-games-gold", **args, record=record, now=now_gold)
            else:
                now_rank = int(f.numbers["now_rank"])
                state = (
                    "higher"
                    if 0 < now_rank < int(f.numbers["rank"])
                    else "top"
                    if int(f.numbers["rank"]) == 1
                    else "best"
                )
                w.say([f.id], "best-games-rank", **args, state=state)


def _record_state(now: int, record: int) -> str:
    """Where these Games so far stand against an earlier Games' record."""
    return "beaten" if now > record else "equalled" if now == record else "standing"


def day_story(
    podium: Podium,
    games: str,
    day: date,
    perspective: str,
    lang: str = "nl",
    targets: dict[str, int] | None = None,
    desk: Desk | None = None,
    as_of: datetime | None = None,
) -> Story:
    """The day's medals of one NOC, then the table at the end of that day (or at `as_of`,
    if that is earlier: the day so far)."""
    desk = desk or Desk(podium)
    end = podium.moment(games, day.isoformat())
    if as_of is not None and as_of < end:
        end = as_of
    zone = ZoneInfo(podium.games(games).timezone)
    events = [
        e for m, e in desk.medal_moments(games) if m.astimezone(zone).date() == day and m <= end
    ]
    medal_facts: list[Fact] = []
    for e in events:
        if e not in desk.decided(games, end):
            continue
        medal_facts += [
            f
            for f in event_facts(podium, games, e, perspective, None, desk)
            if f.kind == "medal" and f.relevance >= 1.0
        ]

    def extra(w: Writer, _facts: list[Fact]) -> None:
        awards = awards_by_key(desk, [f.evidence[0] for f in medal_facts])
        for f, a in zip(medal_facts, awards, strict=True):
            w.say([f.id], "day-medal", who=_who(w, a), medal=a.medal.label, event=w.event(a.event))

    return table_story(
        podium, games, end, perspective, lang, targets, desk, "day", extra, medal_facts
    )


def games_story(
    podium: Podium,
    games: str,
    perspective: str,
    lang: str = "nl",
    targets: dict[str, int] | None = None,
    desk: Desk | None = None,
    as_of: datetime | None = None,
) -> Story:
    """The NOC's whole Games (so far, with `as_of`): the table and its place in history."""
    desk = desk or Desk(podium)
    moment = _end(desk, games) if as_of is None else min(as_of, _end(desk, games))
    return table_story(podium, games, moment, perspective, lang, targets, desk, "games")


def _end(desk: Desk, games: str) -> datetime:
    """The end of the Games, or their last medal moment if that is later."""
    g = desk.podium.games(games)
    return max([g.ends_at, *(m for m, _ in desk.medal_moments(games))])


def standing_moment(desk: Desk, games: str) -> datetime:
    """The moment "the table now" describes: the end of Games that are over (or that have no
    medal moments: history knows only the Games); during the Games, the newest medal
    recorded (their start, before the first)."""
    end = _end(desk, games)
    if not desk.medal_moments(games) or games_over(desk, games, end):
        return end
    starts = desk.podium.games(games).starts_at
    return max((a.awarded_at for a in desk.games_awards(games, end)), default=starts)


def story(
    podium: Podium,
    kind: Kind,
    games: str,
    perspective: str,
    lang: str = "nl",
    *,
    event: str | None = None,
    as_of: datetime | None = None,
    targets: dict[str, int] | None = None,
    desk: Desk | None = None,
) -> Story:
    """One story of any kind; the CLI and the web app call this."""
    perspective = podium.noc(perspective).code
    if lang not in languages():
        raise ValueError(f"lang: {lang!r} is not one of {', '.join(languages())}")
    if kind == "event":
        if not event:
            raise ValueError("an event story needs --event")
        return event_story(podium, games, event, perspective, lang, as_of, desk)
    if kind == "table":
        desk = desk or Desk(podium)
        moment = as_of or standing_moment(desk, games)
        return table_story(podium, games, moment, perspective, lang, targets, desk)
    if kind == "day":
        if as_of is None:
            raise ValueError("a day story needs --as-of (the day, or a moment on it)")
        zone = ZoneInfo(podium.games(games).timezone)
        return day_story(
            podium, games, as_of.astimezone(zone).date(), perspective, lang, targets, desk, as_of
        )
    if kind == "games":
        return games_story(podium, games, perspective, lang, targets, desk, as_of)
    raise ValueError(f"kind: {kind!r} is not one of {', '.join(KINDS)}")


def front_page(
    podium: Podium,
    games: str,
    perspective: str,
    lang: str = "nl",
    as_of: datetime | None = None,
    events: int = 8,
) -> list[Story]:
    """The news as a desk would run it for a reader of `perspective`: the table story (as of
    `as_of`, else as the table now stands), then the stories of that country's newest medal
    events up to then, newest first, each as written when its medals were decided."""
    desk = Desk(podium)  # one memo for every story of the page
    table = story(podium, "table", games, perspective, lang, as_of=as_of, desk=desk)
    newest: dict[str, datetime] = {}
    for award in podium.noc_awards(table.perspective, games, as_of=table.as_of):
        if award.awarded_at is not None:
            newest[award.event] = max(award.awarded_at, newest.get(award.event, award.awarded_at))
    latest = sorted(newest, key=lambda e: (newest[e], e), reverse=True)[:events]
    return [table] + [
        story(podium, "event", games, table.perspective, lang, event=e, desk=desk) for e in latest
    ]
