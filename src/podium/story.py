"""News stories from facts, in Dutch and English, from one NOC's angle. Every sentence says
which facts it states; wording varies by a hash of the fact id, never by chance, so the same
input always gives the same story."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from podium import language as L
from podium.core import Podium
from podium.facts import Desk, Fact, event_facts, event_moment, games_over, table_facts
from podium.model import Athlete, Award, Event, Games, Medal
from podium.table import Tally

Kind = Literal["event", "table", "day", "games"]
KINDS: tuple[Kind, ...] = ("event", "table", "day", "games")

# Dutch names of host cities where they differ from the English ones.
_CITIES_NL = {
    "Beijing": "Peking",
    "Sochi": "Sotsji",
    "Turin": "Turijn",
    "Lake Placid": "Lake Placid",
}


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


def pick(fact_id: str, options: Sequence[str]) -> int:
    """A stable choice among phrasings, from the fact id."""
    digest = hashlib.sha1(fact_id.encode()).digest()
    return digest[0] % len(options)


def _opener(text: str) -> str:
    return text.split(" ", 1)[0].lower()


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
    _last: str = ""

    @property
    def nl(self) -> bool:
        return self.lang == "nl"

    def load(self, facts: Sequence[Fact]) -> None:
        keys = {k for f in facts for k in f.of("athlete")}
        self.athletes.update(self.podium.athletes(keys - set(self.athletes)))

    def person(self, key: str) -> str:
        """Full name on first mention, family name after (Dutch capitalises a leading
        particle then: 'Van 't Wout')."""
        athlete = self.athletes.get(key) or self.podium.athlete(key)
        if key in self.mentioned and athlete.family:
            family = athlete.family
            return family[:1].upper() + family[1:]
        self.mentioned.add(key)
        return athlete.name

    def people(self, keys: Sequence[str]) -> str:
        return L.join([self.person(k) for k in keys], self.lang)

    def noc(self, code: str) -> str:
        return L.noc_name(self.podium.noc(code), self.lang)

    def verb(self, code: str, singular: str, plural: str) -> str:
        return plural if L.plural_noc(self.podium.noc(code)) else singular

    def event(self, key: str) -> Event:
        return self.podium.event(key)

    def local_day(self, moment: datetime) -> date:
        return moment.astimezone(ZoneInfo(self.games.timezone)).date()

    def day(self, moment: datetime) -> str:
        return L.day(self.local_day(moment), self.lang)

    def games_name(self, g: Games) -> str:
        city = g.name.rsplit(" ", 1)[0]
        city = _CITIES_NL.get(city, city) if self.nl else city
        return f"{city} {g.year}" if not self.nl else f"{city} in {g.year}"

    def medals(self, t: Tally, fid: str) -> str:
        """'acht keer goud, vijfmaal zilver en vier keer brons' / 'eight gold, ...'."""
        parts = []
        for i, (n, medal) in enumerate(
            ((t.gold, Medal.GOLD), (t.silver, Medal.SILVER), (t.bronze, Medal.BRONZE))
        ):
            if n == 0:
                continue
            name = L.MEDALS[self.lang][medal]
            if self.nl:
                parts.append(f"{L.times(n, 'nl', pick(fid + str(i), 'ab'))} {name}")
            else:
                parts.append(f"{L.number(n, 'en')} {name}")
        return L.join(parts, self.lang)

    def say(self, fact_ids: Sequence[str], *options: str, fixed: bool = False) -> None:
        """Add a sentence: the option the first fact id picks (the first one if `fixed`: the
        others are only there so two sentences never open alike), or the next one if it
        would open like the sentence before."""
        start = 0 if fixed else pick(fact_ids[0], options)
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


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def awards_by_key(desk: Desk, keys: Sequence[str]) -> list[Award]:
    """Awards by key, through the store's public reads (a key starts 'games|event|')."""
    found: dict[str, Award] = {}
    for games, event in sorted({tuple(k.split("|", 2)[:2]) for k in keys}):
        moment = desk.podium.games(games).ends_at
        history = desk.event_awards(event, max(moment, _far_future()))
        found.update((a.key, a) for a in history if a.key in keys)
    return [found[k] for k in keys if k in found]


def _far_future() -> datetime:
    return datetime(9999, 1, 1).astimezone()


# -- event report --------------------------------------------------------------------------


def _by_kind(facts: Sequence[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind]


def _relevant(facts: Sequence[Fact], kind: str) -> list[Fact]:
    return [f for f in facts if f.kind == kind and f.relevance >= 1.0]


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
    w = Writer(podium, desk, lang, perspective, podium.games(games))
    w.load(facts)
    ev = podium.event(event)
    medals = sorted(_by_kind(facts, "medal"), key=lambda f: (int(f.numbers["medal"]), f.id))
    awards = {a.key: a for a in awards_by_key(desk, [f.evidence[0] for f in medals])}
    moment = as_of or event_moment(desk, games, event)
    ours = [f for f in medals if f.relevance >= 1.0]
    best = ours[0]
    best_award = awards[best.evidence[0]]
    # Headline from the strongest fact of our own.
    special = ("first-sweep", "first-one-two", "first-gold")
    top = next((f for f in facts if f.relevance >= 1.0 and f.kind in special), best)
    headline = _event_headline(w, top, best, best_award, ev)
    w.mentioned.clear()
    lead = _event_lead(w, medals, awards, ev, moment)
    w._last = _opener(lead.text)
    _event_body(w, facts, ev, awards)
    return Story(
        "event", lang, perspective, headline, lead, w.body(), tuple(facts), games, moment, event
    )


def _who(w: Writer, award: Award) -> str:
    if award.athlete:
        return w.person(award.athlete)
    if w.nl:
        return f"het team van {w.noc(award.noc)}"
    return f"the team from {w.noc(award.noc)}"


def _event_headline(w: Writer, top: Fact, best: Fact, award: Award, ev: Event) -> Sentence:
    short = L.event_short(ev, w.lang)
    medal = Medal(int(best.numbers["medal"]))
    who = w.noc(award.noc) if not award.athlete else None
    if award.athlete:
        a = w.athletes.get(award.athlete) or w.podium.athlete(award.athlete)
        who = a.family[:1].upper() + a.family[1:] if a.family else a.name
    assert who is not None
    if top.kind in ("first-one-two", "first-sweep") and len(top.of("athlete")) >= 2:
        names = [w.athletes[k] for k in top.of("athlete")[:2]]
        pair = L.join([n.family[:1].upper() + n.family[1:] for n in names], w.lang)
        text = (
            f"{pair} zorgen voor historische 1-2 op de {short}"
            if w.nl
            else f"{pair} make history with a one-two in the {short}"
        )
        return Sentence(_cap(text), (top.id,))
    if top.kind == "first-gold" and not award.athlete:
        text = (
            f"{who} voor het eerst olympisch kampioen op de {short}"
            if w.nl
            else f"{who} win the Olympic {short} for the first time"
        )
        return Sentence(_cap(text), (top.id,))
    if top.kind == "first-gold":
        text = (
            f"{who} pakt als eerste uit {w.noc(award.noc)} olympisch goud op de {short}"
            if w.nl
            else f"{who} is the first Olympic {short} champion from {w.noc(award.noc)}"
        )
        return Sentence(_cap(text), (top.id,))
    verb = {
        Medal.GOLD: ("wint goud", "wins gold"),
        Medal.SILVER: ("pakt zilver", "takes silver"),
        Medal.BRONZE: ("pakt brons", "takes bronze"),
    }[medal]
    text = f"{who} {verb[0]} op de {short}" if w.nl else f"{who} {verb[1]} in the {short}"
    return Sentence(_cap(text), (best.id,))


def _event_lead(
    w: Writer, medals: list[Fact], awards: dict[str, Award], ev: Event, moment: datetime
) -> Sentence:
    gold = [awards[f.evidence[0]] for f in medals if f.numbers["medal"] == 1]
    silver = [awards[f.evidence[0]] for f in medals if f.numbers["medal"] == 2]
    bronze = [awards[f.evidence[0]] for f in medals if f.numbers["medal"] == 3]

    def named(a: Award) -> str:
        who = _who(w, a)
        if a.noc != w.perspective and a.athlete:
            who += f" uit {w.noc(a.noc)}" if w.nl else f" of {w.noc(a.noc)}"
        return who

    when = f"{L.weekday(w.local_day(moment), w.lang)} {w.day(moment)}"
    winners = L.join([named(a) for a in gold], w.lang)
    behind = L.join([named(a) for a in silver + bronze], w.lang)
    phrase = L.event_phrase(ev, w.lang)
    if w.nl:
        verb = "heeft" if len(gold) == 1 else "hebben"
        text = f"{winners} {verb} op {when} {phrase} gewonnen"
        text += f", voor {behind}." if behind else "."
    else:
        text = f"{winners} won {phrase} on {when}"
        text += f", ahead of {behind}." if behind else "."
    return Sentence(_cap(text), tuple(f.id for f in medals))


def _event_body(w: Writer, facts: list[Fact], ev: Event, awards: dict[str, Award]) -> None:
    short = L.event_short(ev, w.lang)
    nl = w.nl
    for f in _relevant(facts, "role-reversal"):
        other = w.event(f.of("event")[1])
        first, second = f.of("athlete")[:2]
        when = L.day(date.fromisoformat(str(f.numbers["date"])), w.lang)
        oshort = L.event_short(other, w.lang)
        pa, pb = w.person(first), w.person(second)
        if nl:
            w.say(
                [f.id],
                f"op de {oshort} waren de rollen op {when} precies andersom: toen won {pb} "
                f"en werd {pa} tweede.",
                f"daarmee draaiden {pa} en {pb} de uitslag van de {oshort} van {when} om.",
            )
        else:
            w.say(
                [f.id],
                f"in the {oshort} on {when} it was the other way round: {pb} won and "
                f"{pa} took silver.",
                f"{pa} and {pb} thus reversed the result of the {oshort} on {when}.",
            )
    tallies = _relevant(facts, "games-tally")
    groups: dict[tuple[Any, ...], list[Fact]] = {}
    for f in tallies:
        groups.setdefault(tuple(sorted(f.numbers.items())), []).append(f)
    for group in groups.values():
        _games_tally(w, group)
    w.paragraph()
    for f in _relevant(facts, "first-gold"):
        whos = f.of("athlete")
        subject = w.people(whos) if len(whos) == 1 else w.noc(f.of("noc")[0])
        woman = ev.gender == "W"
        since = f.numbers["since"]
        if len(whos) != 1:
            noc = w.noc(f.of("noc")[0])
            w.say(
                [f.id],
                f"het is de eerste olympische titel voor {noc} op {L.event_phrase(ev, 'nl')}, "
                f"een onderdeel dat sinds {since} op de Spelen staat."
                if nl
                else f"it is the first Olympic title for {noc} in {L.event_phrase(ev, 'en')}, "
                f"an event held since {since}.",
            )
            continue
        if nl:
            noun = "vrouw" if woman else ("man" if ev.gender == "M" else "deelnemer")
            w.say(
                [f.id],
                f"{subject} is de eerste {noun} uit {w.noc(f.of('noc')[0])} die olympisch "
                f"kampioen wordt op de {short}, een onderdeel dat sinds {since} op de Spelen "
                "staat.",
                f"nooit eerder sinds {since} won {w.noc(f.of('noc')[0])} olympisch goud op "
                f"{L.event_phrase(ev, 'nl')}; {subject} is de eerste.",
            )
        else:
            w.say(
                [f.id],
                f"{subject} is the first from {w.noc(f.of('noc')[0])} to win the Olympic "
                f"{L.gender_phrase(ev, 'en')} {short}, an event held since {since}.",
                f"never since {since} had {w.noc(f.of('noc')[0])} won Olympic gold in "
                f"{L.event_phrase(ev, 'en')}; {subject} is the first.",
            )
    for f in _relevant(facts, "first-medal"):
        whos = f.of("athlete")
        noc = w.noc(f.of("noc")[0])
        subject = w.people(whos) if len(whos) == 1 else noc
        since = f.numbers["since"]
        w.say(
            [f.id],
            f"het is de eerste medaille ooit voor {noc} op dit onderdeel, dat sinds {since} "
            "op het programma staat."
            if nl
            else f"it is the first medal ever for {noc} in this event, held since {since}.",
            f"{subject} bezorgt {noc} de eerste olympische medaille op dit onderdeel sinds {since}."
            if nl
            else f"{subject} gives {noc} its first Olympic medal in this event since {since}.",
        )
    for f in _relevant(facts, "earlier-medallists"):
        before = awards_by_key(w.desk, f.evidence)
        noc = w.noc(f.of("noc")[0])
        items = []
        for a in before:
            ayear = w.podium.games(a.games).year
            name = L.MEDALS[w.lang][a.medal]
            items.append(f"{_who(w, a)} ({name}, {ayear})" if a.athlete else f"{name} ({ayear})")
        listing = L.join(items, w.lang)
        if len(before) == 1:
            w.say(
                [f.id],
                f"tot nu toe was {listing} de enige medaillewinnaar uit {noc} op dit onderdeel."
                if nl
                else f"until now {listing} was the only medallist from {noc} in this event.",
            )
        else:
            n = L.number(len(before), w.lang)
            w.say(
                [f.id],
                f"eerder won {noc} {n} medailles op dit onderdeel: {listing}."
                if nl
                else f"{noc} had won {n} medals in this event before: {listing}.",
            )
    for f in _relevant(facts, "first-colour"):
        medal = L.MEDALS[w.lang][Medal(int(f.numbers["medal"]))]
        whos = f.of("athlete")
        subject = w.people(whos) if len(whos) == 1 else w.noc(f.of("noc")[0])
        noc = w.noc(f.of("noc")[0])
        if len(whos) != 1:
            w.say(
                [f.id],
                f"het is het eerste {medal} ooit voor {noc} op de {short}."
                if nl
                else f"it is the first {medal} ever for {noc} in the {short}.",
            )
            continue
        w.say(
            [f.id],
            f"{subject} pakt het eerste {medal} ooit voor {noc} op de {short}."
            if nl
            else f"{subject} wins the first {medal} ever for {noc} in the {short}.",
        )
    for f in _relevant(facts, "first-one-two") + _relevant(facts, "first-sweep"):
        noc = w.noc(f.of("noc")[0])
        sweep = f.kind == "first-sweep"
        what = "1-2-3" if sweep else "1-2"
        w.say(
            [f.id],
            f"het is de eerste {what} voor {noc} op {L.event_phrase(ev, 'nl')}."
            if nl
            else f"it is the first {what} for {noc} in {L.event_phrase(ev, 'en')}.",
        )
    for f in _relevant(facts, "other-gender-one-two"):
        other = w.event(f.of("event")[0])
        done = awards_by_key(w.desk, f.evidence)
        oyear = f.numbers["year"]
        names = [_who(w, a) for a in done]
        gender = L.gender_phrase(other, w.lang)
        if nl:
            text = f"{gender} lukte dat {w.noc(f.of('noc')[0])} al in {oyear}: {names[0]} won goud"
            text += (
                f", {names[1]} zilver en {names[2]} brons."
                if len(names) == 3
                else f" en {names[1]} zilver."
            )
        else:
            text = f"in the {gender} event {w.noc(f.of('noc')[0])} did it in {oyear}: {names[0]} "
            text += (
                f"won gold, {names[1]} silver and {names[2]} bronze."
                if len(names) == 3
                else f"won gold and {names[1]} silver."
            )
        w.say([f.id], text)
    for f in [f for f in facts if f.kind == "defending-champion" and f.weight >= 0.2]:
        champ = f.of("athlete")
        who = w.people(champ) if len(champ) == 1 else w.noc(f.of("noc")[0])
        year = f.numbers["year"]
        now = int(f.numbers["medal_now"])
        if nl:
            outcome = {
                1: "prolongeerde de titel",
                2: "moest nu genoegen nemen met zilver",
                3: "pakte nu brons",
                0: "bleef dit keer zonder medaille",
            }[now]
            w.say([f.id], f"titelverdediger {who}, kampioen in {year}, {outcome}.")
        else:
            outcome = {
                1: "defended the title",
                2: "had to settle for silver this time",
                3: "took bronze this time",
                0: "missed the podium this time",
            }[now]
            w.say([f.id], f"defending champion {who}, winner in {year}, {outcome}.")
    w.paragraph()
    for f in _relevant(facts, "career"):
        whom = w.person(f.of("athlete")[0])
        t = Tally(int(f.numbers["gold"]), int(f.numbers["silver"]), int(f.numbers["bronze"]))
        n = L.number(t.total, w.lang)
        g = L.number(int(f.numbers["games"]), w.lang)
        w.say(
            [f.id],
            f"{whom} heeft nu {n} olympische medailles, verdeeld over {g} Spelen: "
            f"{w.medals(t, f.id)}."
            if nl
            else f"{whom} now has {n} Olympic medals from {g} Games: {w.medals(t, f.id)}.",
            f"in totaal staat {whom} nu op {n} olympische medailles uit {g} Spelen: "
            f"{w.medals(t, f.id)}."
            if nl
            else f"in all, {whom} now has {n} Olympic medals from {g} Games: {w.medals(t, f.id)}.",
        )
    for f in _relevant(facts, "discipline-leader"):
        whom = w.person(f.of("athlete")[0])
        t = Tally(int(f.numbers["gold"]), int(f.numbers["silver"]), int(f.numbers["bronze"]))
        disc = L.discipline_name(f.of("discipline")[0], w.lang)
        noc = w.noc(f.of("noc")[0])
        w.say(
            [f.id],
            f"met {w.medals(t, f.id)} is {whom} de succesvolste olympiër van {noc} op de {disc}."
            if nl
            else f"with {w.medals(t, f.id)}, {whom} is the most decorated Olympian from {noc} "
            f"in {disc}.",
        )


def _games_tally(w: Writer, group: list[Fact]) -> None:
    f = group[0]
    t = Tally(int(f.numbers["gold"]), int(f.numbers["silver"]), int(f.numbers["bronze"]))
    final = bool(f.numbers["final"])
    keys = [k for g in group for k in g.of("athlete")]
    who = w.people(keys)
    ids = [g.id for g in group]
    both = len(keys) == 2
    many = len(keys) > 1
    if t.gold == 2 and t.silver == t.bronze == 0:
        if w.nl:
            tail = "allebei dubbel olympisch kampioen" if both else "dubbel olympisch kampioen"
            verb = "zijn" if many else "is"
            w.say(
                ids,
                f"{who} {verb} op deze Spelen {tail}.",
                f"op deze Spelen {verb} {who} {tail}.",
                fixed=True,
            )
        else:
            tail = "both double Olympic champions" if both else "a double Olympic champion"
            verb = "are" if many else "is"
            w.say(
                ids,
                f"{who} {verb} {tail} at these Games.",
                f"at these Games, {who} {verb} {tail}.",
                fixed=True,
            )
        return
    medals = _medal_objects(t, w.lang)
    lead = ("allebei " if w.nl else "both ") if both else ""
    if w.nl:
        if final:
            verb = "sluiten" if many else "sluit"
            w.say(
                ids,
                f"{who} {verb} de Spelen {lead}af met {medals}.",
                f"de Spelen {verb} {who} {lead}af met {medals}.",
                fixed=True,
            )
        else:
            verb = "hebben" if many else "heeft"
            w.say(
                ids,
                f"{who} {verb} op deze Spelen nu {lead}{medals}.",
                f"op deze Spelen {verb} {who} nu {lead}{medals}.",
                fixed=True,
            )
    elif final:
        w.say(
            ids,
            f"{who} {lead}end the Games with {medals}.",
            f"at the end of the Games, {who} {lead}have {medals}.",
            fixed=True,
        )
    else:
        verb = "have" if many else "has"
        w.say(
            ids,
            f"{who} {lead}{verb} {medals} at these Games so far.",
            f"at these Games, {who} {lead}{verb} {medals} so far.",
            fixed=True,
        )


def _medal_objects(t: Tally, lang: str) -> str:
    """'een gouden en een zilveren medaille' / 'one gold and one silver medal'."""
    parts = []
    for n, medal in ((t.gold, Medal.GOLD), (t.silver, Medal.SILVER), (t.bronze, Medal.BRONZE)):
        if n:
            parts.append(f"{L.number(n, lang)} {L.MEDAL_ADJ[lang][medal]}")
    # The noun agrees with the last count: 'zes gouden en een bronzen medaille'.
    last = next(n for n in (t.bronze, t.silver, t.gold) if n)
    noun = (
        ("medaille" if last == 1 else "medailles")
        if lang == "nl"
        else ("medal" if last == 1 else "medals")
    )
    return f"{L.join(parts, lang)} {noun}"


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
    w = Writer(podium, desk, lang, perspective, podium.games(games))
    w.load(facts)
    nl = w.nl
    me = w.noc(perspective)
    rank = next((f for f in facts if f.kind == "rank"), None)
    progress = next(f for f in facts if f.kind == "progress")
    when = f"{L.weekday(w.local_day(as_of), lang)} {w.day(as_of)}"
    if rank is None:
        standing = next(f for f in facts if f.kind == "standing")
        ids = (progress.id, standing.id)
        done, total = progress.numbers["done"], progress.numbers["total"]
        won = Tally(*(int(standing.numbers[k]) for k in ("gold", "silver", "bronze")))
        if won.total == 0:
            headline = Sentence(
                f"{me} nog zonder medaille" if nl else f"{me} still without a medal", ids
            )
            lead = Sentence(
                f"Na {done} van de {total} onderdelen heeft {me} op {when} nog geen medaille."
                if nl
                else f"After {done} of {total} events, {me} has no medal yet on {when}.",
                ids,
            )
        else:  # medals outside the official table
            medals = w.medals(won, standing.id)
            headline = Sentence(
                f"{me} buiten het officiële klassement"
                if nl
                else f"{me} outside the official table",
                ids,
            )
            lead = Sentence(
                f"Na {done} van de {total} onderdelen heeft {me} op {when} {medals}, maar "
                "staat buiten het officiële klassement."
                if nl
                else f"After {done} of {total} events, {me} has {medals} on {when}, but is "
                "listed outside the official table.",
                ids,
            )
        return Story(kind, lang, perspective, headline, lead, (), tuple(facts), games, as_of)
    r = int(rank.numbers["rank"])
    t = Tally(int(rank.numbers["gold"]), int(rank.numbers["silver"]), int(rank.numbers["bronze"]))
    final = bool(
        next(f for f in facts if f.kind == "target" or f.kind == "progress").numbers.get(
            "final", progress.numbers["left"] == 0
        )
    )
    place = L.ordinal(r, lang)
    if nl:
        headline = Sentence(
            f"{me} {'eindigt als' if final else 'staat'} {place} in de medaillespiegel",
            (rank.id,),
        )
        lead_text = (
            f"Na {progress.numbers['done']} van de {progress.numbers['total']} "
            f"medaille-onderdelen staat {me} op {when} {place} in de medaillespiegel, "
            f"met {_medal_objects(t, 'nl')}."
        )
        if final:
            lead_text = (
                f"{me} sluit de Spelen af als {place} in de medaillespiegel, met "
                f"{_medal_objects(t, 'nl')}."
            )
    else:
        headline = Sentence(
            _cap(f"{me} {'finish' if final else 'are'} {place} in the medal table"), (rank.id,)
        )
        lead_text = (
            f"After {progress.numbers['done']} of {progress.numbers['total']} medal events, "
            f"{me} are {place} in the medal table on {when}, with {_medal_objects(t, 'en')}."
        )
        if final:
            lead_text = (
                f"{me} finish the Games {place} in the medal table, with {_medal_objects(t, 'en')}."
            )
    lead = Sentence(_cap(lead_text), (rank.id, progress.id) if not final else (rank.id,))
    w._last = _opener(lead.text)
    if extra:
        extra(w, facts)
        w.paragraph()
    prev = int(rank.numbers["previous_rank"])
    if prev and not final:
        if prev == r:
            w.say(
                [rank.id],
                f"voor het laatste onderdeel stond {me} ook al {place}."
                if nl
                else f"{me} were already {place} before the latest event.",
            )
        else:
            w.say(
                [rank.id],
                f"voor het laatste onderdeel was {me} nog {L.ordinal(prev, lang)}."
                if nl
                else f"before the latest event {me} were {L.ordinal(prev, lang)}.",
            )
    for f in _by_kind(facts, "leaders"):
        nocs = f.of("noc")
        golds = [L.number(int(f.numbers[f"gold:{n}"]), lang) for n in nocs]
        w.say(
            [f.id],
            f"{L.join([w.noc(n) for n in nocs], lang)} voeren de stand aan, met "
            f"{L.join(golds, lang)} gouden medailles."
            if nl and len(nocs) > 1
            else (
                f"{w.noc(nocs[0])} leidt met {golds[0]} gouden medailles."
                if nl
                else f"{L.join([w.noc(n) for n in nocs], lang)} lead the table with "
                f"{L.join(golds, lang)} gold medals."
            ),
        )
    for f in _by_kind(facts, "level-on-golds"):
        a, b = f.of("noc")
        other = b if a == perspective else a
        numbers = f.numbers

        def n(k: str, c: str, numbers: Any = numbers) -> int:
            return int(numbers[f"{k}:{c}"])

        gold = L.number(int(f.numbers["gold"]), lang)
        oplace = L.ordinal(n("rank", other), lang)
        o = w.noc(other)
        decided = f.numbers["decided_by"]
        if nl:
            w.say(
                [f.id],
                f"ook {o} {w.verb(other, 'staat', 'staan')} op {gold} keer goud, en "
                f"{w.verb(other, 'is', 'zijn')} {oplace}.",
                f"{o} {w.verb(other, 'heeft', 'hebben')} evenveel gouden medailles ({gold}) "
                f"en {w.verb(other, 'is', 'zijn')} {oplace}.",
            )
            if decided != "none":
                col = "zilver" if decided == "silver" else "brons"
                k = "silver" if decided == "silver" else "bronze"
                w.say(
                    [f.id],
                    f"bij een gelijk aantal gouden medailles beslist het {col}: "
                    f"{L.number(n(k, a), lang)} tegen {L.number(n(k, b), lang)}.",
                )
            diff = n("total", other) - n("total", perspective)
            if (diff > 0 and n("rank", other) < n("rank", perspective)) or (
                diff < 0 and n("rank", other) > n("rank", perspective)
            ):
                more, less = (other, perspective) if diff > 0 else (perspective, other)
                w.say(
                    [f.id],
                    f"{w.noc(more)} {w.verb(more, 'heeft', 'hebben')} in totaal "
                    f"{L.number(abs(diff), lang)} "
                    f"{'medaille' if abs(diff) == 1 else 'medailles'} meer "
                    f"({n('total', more)} tegen {n('total', less)}), maar het totaal telt niet "
                    "mee voor de stand.",
                )
        else:
            w.say([f.id], f"{o} also have {gold} gold medals and are {oplace}.")
            if decided != "none":
                k = "silver" if decided == "silver" else "bronze"
                w.say(
                    [f.id],
                    f"with golds level, {k} decides: {L.number(n(k, a), lang)} to "
                    f"{L.number(n(k, b), lang)}.",
                )
            diff = n("total", other) - n("total", perspective)
            if diff != 0 and (diff > 0) == (n("rank", other) < n("rank", perspective)):
                more, less = (other, perspective) if diff > 0 else (perspective, other)
                w.say(
                    [f.id],
                    f"{w.noc(more)} have {L.number(abs(diff), lang)} more "
                    f"{'medal' if abs(diff) == 1 else 'medals'} in all "
                    f"({n('total', more)} to {n('total', less)}), but the total does not count "
                    "in the ranking.",
                )
    for f in _by_kind(facts, "group-behind"):
        group = L.join([w.noc(c) for c in f.of("noc")], lang)
        g = L.number(int(f.numbers["gold"]), lang)
        many = int(f.numbers["count"]) > 1
        w.say(
            [f.id],
            f"daarachter volgt een groep op {g} keer goud: {group}."
            if nl and many
            else f"daarachter volgt {group} met {g} keer goud."
            if nl
            else f"behind them, {group} {'have' if many else 'has'} {g} gold medals"
            f"{' each' if many else ''}.",
        )
    w.paragraph()
    tallies = [f for f in facts if f.kind == "games-tally"]
    if tallies:
        _games_tally(w, tallies)
    for f in _by_kind(facts, "best-rank"):
        best = int(f.numbers["rank"])
        if best < r:
            at = datetime.fromisoformat(str(f.numbers["at"]))
            w.say(
                [f.id],
                f"op {w.day(at)} stond {me} even {L.ordinal(best, lang)}, de beste plek tot nu toe."
                if nl
                else f"on {w.day(at)} {me} were briefly {L.ordinal(best, lang)}, "
                "their best place so far.",
            )
    w.paragraph()
    history_kinds = ("previous-games", "best-games-total", "best-games-gold", "best-games-rank")
    said_games: set[str] = set()
    for kind_ in history_kinds:
        for f in _by_kind(facts, kind_):
            slug = f.of("games")[0]
            if kind_ == "best-games-gold" and slug in said_games:
                continue
            said_games.add(slug)
            then = w.podium.games(slug)
            gt = Tally(int(f.numbers["gold"]), int(f.numbers["silver"]), int(f.numbers["bronze"]))
            gplace = L.ordinal(int(f.numbers["rank"]), lang)
            gname = w.games_name(then)
            season = "Winterspelen" if then.season == "winter" else "Zomerspelen"
            if kind_ == "previous-games":
                w.say(
                    [f.id],
                    *(
                        (
                            f"bij de vorige {season}, in {gname}, eindigde {me} als {gplace} "
                            f"met {w.medals(gt, f.id)}.",
                            f"in {gname}, de vorige {season}, werd {me} {gplace} met "
                            f"{w.medals(gt, f.id)}.",
                        )
                        if nl
                        else (
                            f"at the previous Games, {gname}, {me} finished {gplace} with "
                            f"{w.medals(gt, f.id)}.",
                            f"in {gname}, the previous Games, {me} finished {gplace} with "
                            f"{w.medals(gt, f.id)}.",
                        )
                    ),
                )
            elif kind_ == "best-games-total":
                w.say(
                    [f.id],
                    *(
                        (
                            f"de meeste medailles ooit won {me} in {gname}: {gt.total}, waarvan "
                            f"{w.medals(gt, f.id)}; toen werd het {gplace}.",
                            f"nooit won {me} meer medailles dan in {gname}: {gt.total}, "
                            f"waarvan {w.medals(gt, f.id)}, goed voor de {gplace} plaats.",
                        )
                        if nl
                        else (
                            f"{me} won the most medals ever in {gname}: {gt.total}, "
                            f"{w.medals(gt, f.id)}, finishing {gplace}.",
                            f"the most medals ever for {me} came in {gname}: {gt.total}, "
                            f"{w.medals(gt, f.id)}, finishing {gplace}.",
                        )
                    ),
                )
            elif kind_ == "best-games-gold":
                w.say(
                    [f.id],
                    f"de meeste gouden medailles ooit won {me} in {gname}: "
                    f"{L.number(gt.gold, lang)}."
                    if nl
                    else f"{me} won the most gold medals ever in {gname}: "
                    f"{L.number(gt.gold, lang)}.",
                )
            elif 0 < int(f.numbers["now_rank"]) < int(f.numbers["rank"]):
                w.say(
                    [f.id],
                    f"zo hoog stond {me} nooit eerder: de beste klassering was de {gplace} "
                    f"plaats, voor het eerst in {gname}."
                    if nl
                    else f"{me} have never ranked this high: the best finish was {gplace}, "
                    f"first reached in {gname}.",
                )
            elif int(f.numbers["rank"]) == 1:
                w.say(
                    [f.id],
                    f"voor het eerst bovenaan het klassement stond {me} in {gname}."
                    if nl
                    else f"{me} first topped the medal table in {gname}.",
                )
            else:
                w.say(
                    [f.id],
                    *(
                        (
                            f"de hoogste klassering ooit is de {gplace} plaats, voor het eerst "
                            f"in {gname}.",
                            f"hoger dan {gplace} eindigde {me} nooit; dat lukte voor het eerst "
                            f"in {gname}.",
                        )
                        if nl
                        else (
                            f"the best finish ever is {gplace}, first reached in {gname}.",
                            f"{me} have never finished higher than {gplace}, first reached in "
                            f"{gname}.",
                        )
                    ),
                )
    for f in _by_kind(facts, "target"):
        target = L.number(int(f.numbers["target"]), lang)
        on = bool(f.numbers["on_course"])
        if nl:
            if f.numbers["final"]:
                w.say(
                    [f.id],
                    f"de ambitie was een plek in de top {target}; die is "
                    f"{'gehaald' if on else 'niet gehaald'}.",
                    f"het doel was een plek in de top {target}, en dat is "
                    f"{'gelukt' if on else 'niet gelukt'}.",
                )
            else:
                w.say(
                    [f.id],
                    f"de ambitie is een plek in de top {target}; {me} ligt daarvoor "
                    f"{'op koers' if on else 'nog niet op koers'}.",
                    f"het doel is een plek in de top {target}, en daarvoor ligt {me} "
                    f"{'op koers' if on else 'nog niet op koers'}.",
                )
        else:
            if f.numbers["final"]:
                w.say(
                    [f.id],
                    f"the stated aim was a top-{target} finish, and it was "
                    f"{'reached' if on else 'missed'}.",
                    f"a top-{target} finish was the aim, and it was "
                    f"{'reached' if on else 'missed'}.",
                )
            else:
                w.say(
                    [f.id],
                    f"the stated aim is a top-{target} finish; {me} are "
                    f"{'on course' if on else 'not on course yet'}.",
                    f"a top-{target} finish is the aim, and {me} are "
                    f"{'on course' if on else 'not on course yet'}.",
                )
    return Story(kind, lang, perspective, headline, lead, w.body(), tuple(facts), games, as_of)


def day_story(
    podium: Podium,
    games: str,
    day: date,
    perspective: str,
    lang: str = "nl",
    targets: dict[str, int] | None = None,
    desk: Desk | None = None,
) -> Story:
    """The day's medals of one NOC, then the table at the end of that day."""
    desk = desk or Desk(podium)
    end = podium.moment(games, day.isoformat())
    zone = ZoneInfo(podium.games(games).timezone)
    events = [e for m, e in desk.medal_moments(games) if m.astimezone(zone).date() == day]
    medal_facts: list[Fact] = []
    for e in events:
        medal_facts += [
            f
            for f in event_facts(podium, games, e, perspective, None, desk)
            if f.kind == "medal" and f.relevance >= 1.0
        ]

    def extra(w: Writer, _facts: list[Fact]) -> None:
        awards = awards_by_key(desk, [f.evidence[0] for f in medal_facts])
        for f, a in zip(medal_facts, awards, strict=True):
            medal = L.MEDALS[lang][a.medal]
            phrase = L.event_phrase(podium.event(a.event), lang)
            who = _who(w, a)
            w.say(
                [f.id],
                f"{who} won {medal} op {phrase}."
                if lang == "nl"
                else f"{who} won {medal} in {phrase}.",
            )

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
) -> Story:
    """The NOC's whole Games: the final table and its place in history."""
    desk = desk or Desk(podium)
    return table_story(podium, games, _end(desk, games), perspective, lang, targets, desk, "games")


def _end(desk: Desk, games: str) -> datetime:
    """The end of the Games, or their last medal moment if that is later."""
    g = desk.podium.games(games)
    return max([g.ends_at, *(m for m, _ in desk.medal_moments(games))])


def standing_moment(desk: Desk, games: str) -> datetime:
    """The moment "the table now" describes: the end of Games that are over; during the
    Games, the newest medal recorded (their start, before the first)."""
    end = _end(desk, games)
    if games_over(desk, games, end):
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
    if lang not in ("nl", "en"):
        raise ValueError(f"lang: {lang!r} is not nl or en")
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
            raise ValueError("a day story needs --as-of (the day)")
        zone = ZoneInfo(podium.games(games).timezone)
        return day_story(
            podium, games, as_of.astimezone(zone).date(), perspective, lang, targets, desk
        )
    if kind == "games":
        return games_story(podium, games, perspective, lang, targets, desk)
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
