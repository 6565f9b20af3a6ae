"""The story checker: re-derives every fact of a story from the database (fresh queries and
the facts' evidence, never the numbers the fact carries) and then checks that every number,
name and date in every sentence is one the re-derived facts of that sentence allow."""

from __future__ import annotations

import collections
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

from num2words import num2words

from podium.core import Podium
from podium.events import match_titles
from podium.model import Award, Event, Games, Medal
from podium.news.catalog import catalog
from podium.news.facts import (
    FIRST_IN_PLAY,
    Fact,
    Number,
    projection_aim,
    projection_numbers,
)
from podium.news.story import (
    LIST_AT_MOST,
    Sentence,
    Story,
    chance_args,
    discipline_name,
    event_name,
    render_event,
    wordings,
)
from podium.news.targets import targets
from podium.projection import projection
from podium.table import MedalTable, TableRow, Tally

# Claims whose sentence must name their event exactly (a "first", "only" or "ever" in it).
SCOPED = frozenset(
    {
        "first-gold",
        "first-medal",
        "first-colour",
        "first-one-two",
        "first-sweep",
        "earlier-medallists",
        "age-record",
    }
)


# Claims of a record with a side: their sentence must say the side the data gives.
AGE_RECORDS = frozenset({"age-record", "noc-age-record"})
_AGE_ARGS: dict[str, tuple[Any, ...]] = {
    "oldest": ("yes", "no"),
    "age": (20, 40),
    "who": ("",),
    "gender": ("M", "W"),
    "event": ("",),
    "noc": ("",),
    "season": ("winter", "summer"),
}
# An earlier Games' record (its number, and these Games' number so far), and its state.
RECORDS = {
    "best-games-gold": ("gold", "now_gold"),
    "best-games-total": ("total", "now_total"),
}
_RECORD_ARGS: dict[str, tuple[Any, ...]] = {
    "record": ("beaten", "equalled", "standing"),
    "final": ("yes", "no"),
    "number": ("one", "other"),
    "noc": ("",),
    "games": ("",),
    "season": ("winter", "summer"),
    "rank": (1, 2),
    "medals": ("",),
    "total": (1, 2),
    "gold": (1, 2),
    "now": (1, 2),
}
# Claims of a chance, from the projection: their sentence is re-written and compared.
CHANCES = frozenset({"projection", "projection-first"})

# Claims of a first: their sentence must say "first" (the grammar's ordinal of one).
FIRSTS = frozenset(
    {
        "first-gold",
        "first-medal",
        "first-colour",
        "first-one-two",
        "first-sweep",
        "noc-first-medal",
        "noc-first-gold",
    }
)


def _record_state(now: int, record: int) -> str:
    """Where these Games so far stand against an earlier Games' record."""
    return "beaten" if now > record else "equalled" if now == record else "standing"


def _record_side(age: int, ages: list[int]) -> int:
    """1 if the age is above every earlier one (the oldest), 0 if below (the youngest); the
    side comes from the data, never from the fact that claims it."""
    if not ages:
        raise ValueError("no earlier ages to compare with")
    if age > max(ages):
        return 1
    if age < min(ages):
        return 0
    raise ValueError(f"{age} is no record among {sorted(ages)}")


def people(award: Award) -> tuple[str, ...]:
    """Who won it: the person (one key for every source's record of them), or the members."""
    if award.athlete:
        return (award.person or award.athlete,)
    return award.member_people or award.members


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
        self._phrase_index: dict[str, dict[str, set[str]]] = {}
        self._games: dict[str, Games] = {}
        self._noc: dict[str, list[Award]] = {}
        self._derived: dict[tuple[Any, ...], Derived] = {}
        self._sentences: dict[tuple[Any, ...], list[str]] = {}
        self._grouped: dict[str, dict[str, list[str]]] = {}
        self._titles: dict[str, tuple[list[Any], dict[str, str]]] = {}
        self._person_entries: dict[str, list[Any]] = {}
        self._discipline_forms: dict[str, dict[str, set[str]]] = {}
        self._state_forms: dict[tuple[str, str, str], dict[str, set[str]]] = {}
        self._closed: dict[str, MedalTable] = {}
        self._tables: dict[tuple[str, datetime], MedalTable] = {}
        self._times_forms: dict[str, dict[str, int]] = {}
        # the event phrases of each sentence: its event and its tally checks both need them
        self._phrases_in: dict[tuple[str, str], list[str]] = {}

    def close(self) -> None:
        self.podium.close()

    def renderings(self, event: Event, lang: str) -> dict[str, Event]:
        return {
            render_event(catalog(lang), event, g, d): event
            for g in (True, False)
            for d in (True, False)
        }

    def _phrases(self, lang: str) -> dict[str, set[str]]:
        """Every way Podium can print an event, and the events each way could mean."""
        key = f"phrases:{lang}"
        if key not in self._event:
            found: dict[str, set[str]] = {}
            for e in self.podium.events():
                for text in self.renderings(e, lang):
                    found.setdefault(text, set()).add(e.key)
            self._phrase_index[lang] = found
            self._event[key] = []
        return self._phrase_index[lang]

    def _by_name(self, lang: str) -> dict[str, list[str]]:
        """The phrases grouped by the event name in them: a sentence is searched only for
        the phrases of names it contains."""
        if lang not in self._grouped:
            cat = catalog(lang)
            grouped: dict[str, list[str]] = {}
            for e in self.podium.events():
                grouped.setdefault(event_name(cat, e), []).extend(self.renderings(e, lang))
            self._grouped[lang] = {k: sorted(set(v)) for k, v in grouped.items()}
        return self._grouped[lang]

    def _discipline_words(self, lang: str) -> dict[str, set[str]]:
        """How a sentence can name each discipline of a medal event: its name, and the
        name as an adjective ('long track', 'long-track')."""
        if lang not in self._discipline_forms:
            cat = catalog(lang)
            found: dict[str, set[str]] = {}
            for e in self.podium.events():
                name = discipline_name(cat, e.discipline)
                # and the words an event phrase adds to say it ('langebaan', 'long-track')
                said = render_event(cat, e, False, True).split()
                unsaid = render_event(cat, e, False, False).split()
                added = " ".join(w for w in said if w not in unsaid).strip("()")
                forms = {name, name.replace(" ", "-"), *([added] if added else [])}
                found.setdefault(e.discipline, set()).update(forms)
            self._discipline_forms[lang] = found
        return self._discipline_forms[lang]

    def names(self, phrase: str, lang: str) -> set[str]:
        """The events a printed event phrase can mean."""
        return self._phrases(lang).get(phrase, set())

    def tally_problems(self, text: str, derived: list[Derived], lang: str) -> list[str]:
        """A count said with a medal colour ('zes keer goud', 'three gold') must be a count of
        that colour in the re-derived facts; a place ('vierde', 'fourth') one of their
        places or running counts."""
        out = []
        cat = catalog(lang)
        cardinal = {str(num2words(n, lang=lang)): n for n in range(1, 21)}
        ordinal = {str(num2words(n, lang=lang, to="ordinal")): n for n in range(2, 21)}
        for colour in ("gold", "silver", "bronze"):
            words = {cat("medal", medal=colour), cat("medal-adjective", medal=colour)}
            ok = {
                int(v)
                for d in derived
                for k, v in d.numbers.items()
                if isinstance(v, int) and k.split(":")[0] in (colour, f"now_{colour}")
            }
            pattern = r"\b(\d+|[a-zé]+?)(?:maal| keer)? (" + "|".join(words) + r")\b"
            for m in re.finditer(pattern, text):
                n = cardinal.get(m.group(1)) or (int(m.group(1)) if m.group(1).isdigit() else None)
                if n is not None and ok and n not in ok:
                    out.append(f"{text!r}: {m.group(0)!r}, the data says {sorted(ok)}")
        golds = {
            int(v)
            for d in derived
            for k, v in d.numbers.items()
            if isinstance(v, int) and k.split(":")[0] in ("gold", "now_gold")
        }
        rest = _without(text, self._event_phrases_in(text, lang)).lower()
        for word, n in self._times(lang).items():
            if n not in golds and re.search(rf"(?<![\w-]){word}(?![\w-])", rest):
                out.append(f"{text!r}: {word!r} ({n} golds), the data says {sorted(golds)}")
        places = {
            int(v)
            for d in derived
            for k, v in d.numbers.items()
            if isinstance(v, int) and re.match(r"(rank|previous_rank|count|total|now_rank)\b", k)
        } | {1}
        for word in re.findall(r"[a-zé]+", text.lower()):
            if word in ordinal and ordinal[word] not in places:
                out.append(f"{text!r}: {word!r} is no place or count in the data")
        return out

    def event_problems(self, text: str, facts: list[Fact], lang: str) -> list[str]:
        """Every event phrase in a sentence must mean one event, one its facts are about."""
        index = self._phrases(lang)
        longest = self._event_phrases_in(text, lang)
        about = {e for f in facts for e in f.of("event")} | {
            f.scope["event"] for f in facts if "event" in f.scope
        }
        out = []
        # A discipline said outside every event phrase ("the men's long-track relay", which
        # is no event at all) must be one of its facts' disciplines.
        rest = _without(text, longest)
        disciplines = {e.split("/", 1)[0] for e in about} | {
            d for f in facts for d in f.of("discipline")
        }
        for slug, forms in self._discipline_words(lang).items():
            if slug not in disciplines and any(
                re.search(rf"(?<![\w-]){re.escape(form)}(?![\w-])", rest) for form in forms
            ):
                out.append(f"{text!r}: names the discipline {slug}, which its facts are not about")
        for phrase in longest:
            meant = index[phrase]
            if len(meant) != 1:
                out.append(f"{text!r}: {phrase!r} can mean {len(meant)} events")
            elif not meant <= about:
                out.append(f"{text!r}: {phrase!r} is not an event its facts are about")
        firsts = [f for f in facts if f.kind in FIRSTS]
        first = str(num2words(1, lang=lang, to="ordinal"))
        # Dutch also says it adverbially: 'voor het eerst'
        if firsts and not re.search(rf"\b({first}|{first.rstrip('e')})\b", text, re.I):
            out.append(f"{text!r}: states {firsts[0].id} without saying first")
        return out

    def _event_phrases_in(self, text: str, lang: str) -> list[str]:
        """The event phrases a sentence prints, each the longest one at its place."""
        if (text, lang) in self._phrases_in:
            return self._phrases_in[text, lang]
        found = [
            p
            for name in self._by_name(lang)
            if name in text
            for p in self._by_name(lang)[name]
            if p in text and re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)
        ]
        longest = [p for p in found if not any(p != q and p in q for q in found)]
        self._phrases_in[text, lang] = longest
        return longest

    def _times(self, lang: str) -> dict[str, int]:
        """The words that say how many times a champion won ('dubbel', 'drievoudig',
        'double'), taken from the catalog: each word one number of golds alone says, and
        that is no number word of its own (those are checked as numbers)."""
        if lang not in self._times_forms:
            cat = catalog(lang)
            args = {"who": "", "count": 1, "gender": "M", "medals": ""}
            said = {
                n: set(re.findall(r"\w+", cat("games-tally-champion", **args, gold=n).lower()))
                for n in range(1, 21)
            }
            found: dict[str, set[int]] = {}
            for n in range(2, 21):
                for word in said[n] - said[1]:
                    found.setdefault(word, set()).add(n)
            plain = _number_words(lang)
            self._times_forms[lang] = {
                w: ns.pop() for w, ns in found.items() if len(ns) == 1 and w not in plain
            }
        return self._times_forms[lang]

    def shared_tally_problems(
        self, text: str, facts: list[Fact], derived: dict[str, Derived]
    ) -> list[str]:
        """Athletes said together with one tally ('allebei dubbel olympisch kampioen') must
        each have that tally: their re-derived tallies are one and the same."""
        tallies = {
            fact.id: tuple(derived[fact.id].numbers.get(c) for c in ("gold", "silver", "bronze"))
            for fact in facts
            if fact.kind == "games-tally"
        }
        if len(set(tallies.values())) > 1:
            said = ", ".join(f"{k} {'-'.join(map(str, v))}" for k, v in sorted(tallies.items()))
            return [f"{text!r}: gives one tally to athletes whose tallies differ ({said})"]
        return []

    def headline_problems(self, story: Story) -> list[str]:
        """The story's country's first Olympic medal (or gold) ever, or at Games of the
        season, is its event story's headline: not a lesser first ('first champion in this
        event')."""
        if story.kind != "event":
            return []
        firsts = [
            f
            for f in story.facts
            if f.kind in ("noc-first-medal", "noc-first-gold")
            and f.of("noc") == [story.perspective]
        ]
        if firsts and not {f.id for f in firsts} & set(story.headline.facts):
            return [f"{story.headline.text!r}: the headline does not say {firsts[0].id}"]
        return []

    def tie_problems(self, text: str, facts: list[Fact], lang: str) -> list[str]:
        """Medals of one colour shared in one event are said as shared ('(gedeeld zilver)'),
        never as an order ('voor A en B')."""
        shared: collections.Counter[tuple[str, str, Medal]] = collections.Counter()
        for fact in facts:
            if fact.kind == "medal":
                a = self._award(fact)
                shared[a.games, a.event, a.medal] += 1
        out = []
        for (_, event, medal), count in sorted(shared.items()):
            said = catalog(lang)("shared-place", names="", medal=medal.label).strip()
            if count > 1 and said not in text:
                out.append(f"{text!r}: {count} share {medal.label} in {event}, said as an order")
        return out

    def chance_problems(
        self, text: str, facts: list[Fact], derived: dict[str, Derived], lang: str
    ) -> list[str]:
        """A projection's sentence is one the catalog writes from the recomputed chances:
        every number in it has its place ('top tien' is the aim, not the top of the
        interval)."""
        out = []
        cat = catalog(lang)
        for fact in facts:
            if fact.kind not in CHANCES:
                continue
            noc = fact.of("noc")[0]
            name = cat("noc", code=noc, name=self.podium.nocs()[noc].name(lang))
            args = chance_args(derived[fact.id].numbers, noc, name, cat("noc-number", code=noc))
            if text not in wordings(cat, fact.kind, **args):
                out.append(f"{text!r}: not what the recomputed projection says ({fact.id})")
        return out

    def _state_words(
        self, msg: str, lang: str, selector: str, args: dict[str, tuple[Any, ...]]
    ) -> dict[str, set[str]]:
        """The words every wording of a message's state says and no wording of its other
        states does ('oudste' / 'jongste'; 'old record' / 'most'): taken from the catalog
        (every variant, every form of the other arguments), so an editor's wording is
        followed. Names and numbers come in as arguments, so a sentence of another state
        may still hold such a word: only their absence is telling."""
        key = (msg, lang, selector)
        if key not in self._state_forms:
            cat = catalog(lang)
            states = args[selector]
            every: dict[str, set[str]] = {}
            some: dict[str, set[str]] = {}
            for combo in itertools.product(*args.values()):
                given = dict(zip(args, combo, strict=True))
                for text in cat.variants(msg, **given):
                    words = set(re.findall(r"\w+", text.lower()))
                    state = given[selector]
                    every[state] = every[state] & words if state in every else words
                    some.setdefault(state, set()).update(words)
            self._state_forms[key] = {
                v: every[v] - set().union(*(some[o] for o in states if o != v)) for v in states
            }
        return self._state_forms[key]

    def state_problems(
        self, text: str, facts: list[Fact], derived: dict[str, Derived], lang: str
    ) -> list[str]:
        """A claim with a side or a state says the one the data gives: the oldest, not the
        youngest; a record beaten, not one still standing ('won the most gold medals ever in
        Salt Lake City 2002' when these Games have more)."""
        out = []
        words = set(re.findall(r"\w+", text.lower()))
        for fact in facts:
            numbers = derived[fact.id].numbers
            if fact.kind in AGE_RECORDS:
                state = "yes" if numbers["oldest"] else "no"
                forms = self._state_words(fact.kind, lang, "oldest", _AGE_ARGS)
            elif fact.kind in RECORDS:
                was, now = RECORDS[fact.kind]
                state = _record_state(int(numbers[now]), int(numbers[was]))
                forms = self._state_words(fact.kind, lang, "record", _RECORD_ARGS)
            else:
                continue
            if not forms[state] <= words:
                out.append(f"{text!r}: {fact.id} is {state!r} in the data, not as said")
        return out

    def listing_problems(
        self, text: str, facts: list[Fact], lang: str, names: dict[str, Any]
    ) -> list[str]:
        """In a listing of earlier medals ('Boer (brons, 2014)') each name goes with its year."""
        out = []
        for fact in facts:
            if fact.kind != "earlier-medallists":
                continue
            pairs = set()
            for a in self.awards(fact.evidence):
                for k in people(a):
                    if k in names:
                        for form in (names[k].name, _family(names[k].family)):
                            pairs.add((form, self.year(a.games)))
            for m in re.finditer(r"\((?:[^,()]+), (\d{4})\)", text):
                before = text[: m.start()].rstrip()
                year = int(m.group(1))
                if not any(before.endswith(form) for form, y in pairs if y == year):
                    out.append(f"{text!r}: the medal of {m.group(1)} is not the named one's")
        return out

    def scope_fields(self, fact: Fact) -> list[str]:
        """The scope a fact states is its event's own gender and discipline, and its NOC."""
        out = []
        key = fact.scope.get("event")
        if key:
            event = self.podium.event(key)
            for field_, value in (("gender", event.gender), ("discipline", event.discipline)):
                if fact.scope.get(field_) != value:
                    out.append(
                        f"{fact.id}: scope {field_} is {fact.scope.get(field_)!r}, not {value!r}"
                    )
        noc = fact.scope.get("noc")
        if key and noc and f"noc:{noc}" not in fact.subjects:
            out.append(f"{fact.id}: scope NOC {noc} is not its subject")
        return out

    def scope_problems(self, text: str, fact: Fact, lang: str) -> list[str]:
        """A scoped claim's sentence must name its event with a phrase that means it alone."""
        key = fact.scope.get("event")
        if fact.kind not in SCOPED or not key:
            return []
        said = [p for p in self.renderings(self.podium.event(key), lang) if p in text]
        if not said:
            return [f"{text!r}: does not name the event of {fact.id}"]
        longest = max(said, key=len)
        meant = self.names(longest, lang)
        if meant != {key}:
            return [f"{text!r}: {longest!r} can mean {len(meant)} events, not only {key}"]
        return []

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
                # a story as of the close may cite a medal revoked years later (Sochi 2014)
                closing = self.games(games).ends_at
                awarded = self.podium.store.awards(games=[games], event=event, as_of=closing)
                found = [a for a in awarded if a.key == key]
            if not found:
                raise LookupError(f"evidence {key!r} is not in the database")
            out.append(found[0])
        return out

    def year(self, games: str) -> int:
        return self.games(games).year

    def games(self, slug: str) -> Games:
        # the Games themselves never change during a run; their medals are read fresh
        if slug not in self._games:
            self._games[slug] = self.podium.games(slug)
        return self._games[slug]

    def table(self, games: str, as_of: datetime | None) -> MedalTable:
        """The table at a moment: read once per run, like the events' medals (the ledger is
        append-only and nothing is written while a run checks); 'now' is read each time."""
        if as_of is None:
            return self.podium.table(games)
        if (games, as_of) not in self._tables:
            self._tables[games, as_of] = self.podium.table(games, as_of=as_of)
        return self._tables[games, as_of]

    def closed_table(self, games: str) -> MedalTable:
        """An earlier Games' table as it stands now, read once per run."""
        if games not in self._closed:
            self._closed[games] = self.podium.table(games)
        return self._closed[games]

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
            problems += self.scope_fields(fact)
            for k, v in fact.numbers.items():
                if d.numbers.get(k) != v:
                    problems.append(f"{fact.id}: {k} is {v!r}, the data says {d.numbers.get(k)!r}")
            derived[fact.id] = d
        problems += self.headline_problems(story)
        universe = {k for f in story.facts for k in f.of("athlete")}
        names = self.podium.athletes(universe)
        for sentence in story.sentences():
            # the same sentence of the same story state is judged once per run
            key = (
                sentence,
                story.games,
                story.as_of,
                story.perspective,
                story.lang,
                tuple(sorted(derived)),
            )
            if key not in self._sentences:
                self._sentences[key] = self._sentence(story, sentence, derived, names)
            problems += self._sentences[key]
        return problems

    def _sentence(
        self, story: Story, sentence: Sentence, derived: dict[str, Derived], names: dict[str, Any]
    ) -> list[str]:
        problems: list[str] = []
        # "alle drie", "both"; a long list "and N others"
        allowed = Derived(extra={len(sentence.facts), len(sentence.facts) - LIST_AT_MOST})
        for fid in sentence.facts:
            if fid not in derived:
                problems.append(f"{sentence.text!r}: states unknown fact {fid}")
                continue
            d = derived[fid]
            for attr in ("athletes", "nocs", "years", "dates", "extra"):
                getattr(allowed, attr).update(getattr(d, attr))
            allowed.extra.update(v for v in d.numbers.values() if isinstance(v, int))
        stated = [f for f in story.facts if f.id in sentence.facts and f.id in derived]
        for fact in stated:
            problems += self.scope_problems(sentence.text, fact, story.lang)
        problems += self.event_problems(sentence.text, stated, story.lang)
        problems += self.tally_problems(sentence.text, [derived[f.id] for f in stated], story.lang)
        problems += self.listing_problems(sentence.text, stated, story.lang, names)
        problems += self.state_problems(sentence.text, stated, derived, story.lang)
        problems += self.shared_tally_problems(sentence.text, stated, derived)
        problems += self.tie_problems(sentence.text, stated, story.lang)
        problems += self.chance_problems(sentence.text, stated, derived, story.lang)
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
        words = _number_words(lang)
        for token in re.findall(r"[a-zà-ÿ]+", rest.lower()):
            base = token[:-4] if lang == "nl" and token.endswith("maal") else token
            if base in words and words[base] not in numbers:
                out.append(f"{text!r}: {token!r} ({words[base]}) not in the data")
        # the countries the sentence may name, and host cities, are taken out first: a
        # name inside them ("West Germany", "Mexico City") is not a country of its own
        nocs = self.podium.nocs()
        spans = [nocs[c].name(lang) for c in allowed.nocs if c in nocs]
        spans += [g.name.rsplit(" ", 1)[0] for g in self.podium.all_games()]
        for span in sorted(set(spans), key=len, reverse=True):
            rest = re.sub(rf"(?<![\w-]){re.escape(span)}(?![\w-])", " ", rest)
        for code, noc in nocs.items():
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
        """What the database says about the fact, read once per run for one fact of one
        story's moment and angle (stories that differ only in wording share it)."""
        key = (
            fact.id,
            repr(sorted(fact.scope.items())),
            story.games,
            story.as_of,
            story.perspective,
            story.event,
        )
        if key not in self._derived:
            self._derived[key] = self._derive(fact, story)
        return self._derived[key]

    def _derive(self, fact: Fact, story: Story) -> Derived:
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
        return moment.astimezone(ZoneInfo(self.games(games).timezone)).date()

    def _award(self, fact: Fact) -> Award:
        return self.awards(fact.evidence[:1])[0]

    def _prior(self, award: Award) -> list[Award]:
        start = self.games(award.games).starts_at
        return [a for a in self.event_awards(award.event) if a.awarded_at < start]

    def _prior_editions(self, award: Award) -> list[Award]:
        """The event's medals before these Games, for a claim of a first: none is no first."""
        prior = self._prior(award)
        if not prior:
            raise ValueError("the event's first edition: every medal in it is a first")
        return prior

    def _since(self, event: str) -> int:
        return min(self.year(a.games) for a in self.event_awards(event))

    def _medal(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        return Derived({"medal": int(a.medal)})

    def _first_gold(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        prior = self._prior_editions(a)
        if a.medal != Medal.GOLD or any(p.noc == a.noc and p.medal == 1 for p in prior):
            raise ValueError("not a first gold")
        return Derived({"since": self._since(a.event), "editions": len({p.games for p in prior})})

    def _first_medal(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        prior = self._prior_editions(a)
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
        start = self.games(games).starts_at
        before = [a for a in self.event_awards(event) if a.noc == noc and a.awarded_at < start]
        if {a.key for a in before} != set(fact.evidence):
            raise ValueError("the earlier medallists differ")
        t = Tally.of(a.medal for a in before)
        # a long list is summarised: the first few named, "and N others"
        return Derived({"medals": len(before), **t.counts()}, extra={len(before) - LIST_AT_MOST})

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
        start = self.games(games).starts_at
        prior = {a.games for a in self.event_awards(event) if a.awarded_at < start}
        last = max(prior, key=lambda s: self.games(s).starts_at)
        if champ.games != last or champ.medal != Medal.GOLD:
            raise ValueError("not the defending champion")
        now = [
            a
            for a in self.event_awards(event)
            if a.games == games and (story.as_of is None or a.awarded_at <= story.as_of)
        ]
        if champ.athlete:
            again = [a for a in now if a.person == champ.person]
        else:
            again = [a for a in now if a.noc == champ.noc and a.team is not None]
        medal_now = min((int(a.medal) for a in again), default=0)
        # a medal now proves the champion competed; else the entries say (-1: they do not)
        entered = 1 if again else self._entered(champ, games)
        return Derived(
            {
                "year": self.year(last),
                "defended": int(medal_now == 1),
                "medal_now": medal_now,
                "entered": entered,
            }
        )

    def _entered(self, champ: Award, games: str) -> int:
        """1 if the entries of these Games have the champion (a team: its NOC) in the event,
        0 if not, -1 if the store has no entries of these Games or none for the event."""
        if games not in self._titles:
            # entries are imported, never written during a run: one read per Games
            rows = self.podium.store.person_entries(games=games)
            # the Games' events: its schedule, or where it has none, its medals
            events = {c.event for c in self.podium.store.contests(games)} or {
                a.event for a in self.podium.store.awards(games=[games])
            }
            self._titles[games] = (rows, match_titles(events, {r.raw_event for r in rows}))
        rows, titles = self._titles[games]
        title = titles.get(champ.event)
        if not rows or title is None:
            return -1
        rows = [r for r in rows if r.raw_event == title]
        if champ.athlete:
            return int(any(r.person in people(champ) for r in rows))
        return int(any(r.noc == champ.noc for r in rows))

    def _entries(self, person: str) -> list[Any]:
        # imported, never written during a run: one read per person
        if person not in self._person_entries:
            self._person_entries[person] = self.podium.store.person_entries([person])
        return self._person_entries[person]

    def _age_at(self, person: str, games: str) -> int:
        ages = {int(r.age) for r in self._entries(person) if r.games == games and r.age}
        if len(ages) != 1:
            raise ValueError(f"no one age of {person} at {games}: {sorted(ages)}")
        return ages.pop()

    def _age(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        person = fact.of("athlete")[0]
        if person not in people(a):
            raise ValueError(f"{person} did not win {a.key}")
        return Derived({"age": self._age_at(person, a.games)})

    def _appearances(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        person = fact.of("athlete")[0]
        start = self.games(a.games).starts_at
        entered = {r.games for r in self._entries(person)}
        if a.games not in entered:
            raise ValueError(f"{person} has no entry at {a.games}")
        return Derived({"count": len([g for g in entered if self.games(g).starts_at <= start])})

    def _age_record(self, fact: Fact, story: Story) -> Derived:
        a = self._award(fact)
        person = fact.of("athlete")[0]
        if a.medal != Medal.GOLD or person not in people(a):
            raise ValueError(f"{person} is not the champion of {a.key}")
        age = self._age_at(person, a.games)
        champions = [p for p in self._prior(a) if p.medal == Medal.GOLD and p.athlete]
        ages = [self._age_at(p.person or p.athlete or "", p.games) for p in champions]
        oldest = _record_side(age, ages)
        d = Derived({"age": age, "champions": len(champions), "oldest": oldest})
        if {c.key for c in champions} | {a.key} != set(fact.evidence):
            raise ValueError("the earlier champions differ")
        return d

    def _noc_age_record(self, fact: Fact, story: Story) -> Derived:
        """Older (younger) than every earlier individual Olympic champion of the NOC at Games
        of this season, each of whose age is known."""
        a = self._award(fact)
        person = fact.of("athlete")[0]
        if a.medal != Medal.GOLD or a.team is not None or person not in people(a):
            raise ValueError(f"{person} is not the individual champion of {a.key}")
        age = self._age_at(person, a.games)
        season = self.games(a.games).season
        before = [
            b
            for b in self.podium.store.awards(noc=a.noc)
            if b.medal == Medal.GOLD
            and b.athlete
            and b.team is None
            and b.awarded_at < a.awarded_at
            and self.games(b.games).season == season
            and self.games(b.games).official
        ]
        ages = [self._age_at(b.person or b.athlete or "", b.games) for b in before]
        oldest = _record_side(age, ages)
        if {b.key for b in before} | {a.key} != set(fact.evidence):
            raise ValueError("the earlier champions differ")
        return Derived({"age": age, "champions": len(before), "oldest": oldest})

    def _role_reversal(self, fact: Fact, story: Story) -> Derived:
        g, s, og, os_ = self.awards(fact.evidence)
        if not (
            g.medal == 1
            and s.medal == 2
            and og.medal == 1
            and os_.medal == 2
            and g.person == os_.person
            and s.person == og.person
            and g.games == og.games
        ):
            raise ValueError("not a role reversal")
        return Derived({"date": og.awarded_at.date().isoformat()})

    def _person_awards(self, person: str, as_of: datetime) -> list[Award]:
        """Every source's record of the person counts (a team medal may list another)."""
        records = [k for k, _ in self.podium.store.records_of(person)] or [person]
        return self.podium.store.awards(athlete=records, as_of=as_of)

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

    def _noc_first(self, fact: Fact, story: Story, gold: bool) -> Derived:
        a = self._award(fact)
        noc = a.noc
        if noc not in self._noc:
            self._noc[noc] = self.podium.store.awards(noc=noc)  # one read per run, as events
        before = [
            b
            for b in self._noc[noc]
            if b.awarded_at < a.awarded_at and (not gold or b.medal == Medal.GOLD)
        ]
        if gold and a.medal != Medal.GOLD:
            raise ValueError("not a gold")
        season = self.games(a.games).season
        same = [b for b in before if self.games(b.games).season == season]
        if same:
            raise ValueError(
                f"{noc} won {'gold' if gold else 'a medal'} before, at {same[0].games}"
            )
        window = "season" if before else "ever"
        if fact.scope.get("window") != window:
            raise ValueError(f"the window is {window}, not {fact.scope.get('window')}")
        return Derived({"season_only": int(window == "season")})

    def _noc_first_medal(self, fact: Fact, story: Story) -> Derived:
        return self._noc_first(fact, story, False)

    def _noc_first_gold(self, fact: Fact, story: Story) -> Derived:
        return self._noc_first(fact, story, True)

    def _noc_count(self, fact: Fact, story: Story) -> Derived:
        noc = fact.of("noc")[0]
        games = fact.of("games")[0]
        event = fact.of("event")[0]
        medal = int(fact.numbers["medal"])
        mine = [a for a in self.event_awards(event) if a.games == games and a.noc == noc]
        moment = min(a.awarded_at for a in mine)
        won = self.podium.store.awards(games=[games], noc=noc, as_of=moment)
        return Derived(
            {
                "medal": medal,
                "count": len([a for a in won if a.medal == medal]),
                "total": len(won),
            }
        )

    # table kinds: the moment is the story's

    def _row(self, story: Story, noc: str) -> TableRow:
        assert story.as_of is not None
        row = self.table(story.games, story.as_of).row(noc)
        if row is None:
            raise ValueError(f"{noc} is not in the table")
        return row

    def _moments(self, story: Story) -> list[datetime]:
        return [
            c.medal_at.replace(tzinfo=UTC)
            for c in self.podium.store.contests(story.games)
            if c.medal_at is not None  # history before 2024 knows only the Games
        ]

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

    def _discipline_split(self, fact: Fact, story: Story) -> Derived:
        noc = fact.of("noc")[0]
        won = self.podium.store.awards(games=[story.games], noc=noc, as_of=story.as_of)
        d = Derived({"total": len(won)}, nocs={noc})
        for disc in fact.of("discipline"):
            d.numbers[f"total:{disc}"] = len([a for a in won if a.event.startswith(disc + "/")])
        if sum(int(v) for k, v in d.numbers.items() if k.startswith("total:")) > len(won):
            raise ValueError("the disciplines count more medals than were won")
        return d

    def _medal_nocs(self, fact: Fact, story: Story) -> Derived:
        won = self.podium.store.awards(games=[story.games], as_of=story.as_of)
        return Derived({"nocs": len({a.noc for a in won})})

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
        """The named NOCs must be table neighbours on one number of golds, with nobody
        between them and the reader's country but a neighbour level on golds with it."""
        assert story.as_of is not None
        noc = story.perspective
        ranked = [r for r in self.table(story.games, story.as_of).rows if r.rank is not None]
        codes = [r.noc for r in ranked]
        me = codes.index(noc)
        named = fact.of("noc")
        at = sorted(codes.index(c) for c in named)
        if at != list(range(at[0], at[0] + len(at))):
            raise ValueError(f"{named} are not neighbours in the table")
        between = range(at[-1] + 1, me) if ahead else range(me + 1, at[0])
        if any(ranked[i].gold != ranked[me].gold for i in between) or len(between) > 1:
            raise ValueError(f"others stand between {noc} and {named}")
        g = ranked[at[0]].gold
        if any(ranked[i].gold != g for i in at):
            raise ValueError(f"{named} are not level on golds")
        edge = [at[0] - 1, at[-1] + 1]
        if any(
            0 <= i < len(ranked) and i != me and i not in between and ranked[i].gold == g
            for i in edge
        ):
            raise ValueError(f"the group on {g} golds is larger than {named}")
        if (at[-1] < me) != ahead:
            raise ValueError(f"{named} are not {'ahead of' if ahead else 'behind'} {noc}")
        return Derived({"gold": g, "count": len(named)}, nocs=set(named))

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
        then = self.closed_table(slug).row(noc)
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
        season = self.games(story.games).season
        start = self.games(story.games).starts_at
        past = [g for g in self.podium.all_games(season) if g.official and g.starts_at < start]
        found = [(g, self.closed_table(g.slug).row(noc)) for g in past]
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

    def _earlier_ranks(self, fact: Fact, story: Story) -> Derived:
        """The NOC's final places at the Games of the season before its previous ones, newest
        first, each Games in turn while it was ranked, three at most."""
        noc = fact.of("noc")[0]
        season = self.games(story.games).season
        start = self.games(story.games).starts_at
        past = [g for g in self.podium.all_games(season) if g.official and g.starts_at < start]
        ranks = {g.slug: r.rank for g in past if (r := self.closed_table(g.slug).row(noc))}
        with_medals = [g for g in past if g.slug in ranks]
        if not with_medals:
            raise ValueError(f"{noc} has no earlier Games")
        before = [g for g in past if g.starts_at < with_medals[-1].starts_at]
        run: list[str] = []
        for g in reversed(before):
            if not ranks.get(g.slug) or len(run) == 3:
                break
            run.append(g.slug)
        if run != fact.of("games"):
            raise ValueError(f"the Games before are {run}, not {fact.of('games')}")
        return Derived({f"rank:{g}": ranks[g] or 0 for g in run}, nocs={noc})

    _previous_games = _history
    _best_games_total = _history
    _best_games_gold = _history
    _best_games_rank = _history

    def _target(self, fact: Fact, story: Story) -> Derived:
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        target = int(fact.numbers["target"])
        # a target is someone's: the one in force in the ledger at the story's moment, with
        # its source (a number from nowhere, "het doel is de top tien", is no claim)
        source = fact.scope.get("source")
        stated = targets(self.podium, story.games, story.as_of).get(noc)
        if stated is None or (stated.rank, stated.source) != (target, source):
            raise ValueError(f"no target {target} by {source!r} for {noc} in the ledger")
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

    def _projection(self, fact: Fact, story: Story) -> Derived:
        """The chances recomputed: the projection of the story's Games at its moment, from
        inputs this checker reads itself, for the NOC's aim: its target in the ledger, else
        the first place if it leads, else the top ten."""
        assert story.as_of is not None
        noc = fact.of("noc")[0]
        target = targets(self.podium, story.games, story.as_of).get(noc)
        aim = projection_aim(target.rank if target else None, self._row(story, noc).rank)
        if self._final(story.games, story.as_of):
            raise ValueError(f"{story.games} is over at {story.as_of}: nothing to project")
        found = projection(self.podium, story.games, story.as_of)
        return Derived(projection_numbers(found, noc, aim), nocs={noc})

    def _projection_first(self, fact: Fact, story: Story) -> Derived:
        numbers = self._projection(fact, story).numbers
        noc = fact.of("noc")[0]
        if int(numbers["target"]) == 1 or int(numbers["p_first"]) < FIRST_IN_PLAY:
            raise ValueError(f"the first place is the aim, or not in play, for {noc}")
        return Derived({"p": numbers["p_first"]}, nocs={noc})


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


@cache
def _number_words(lang: str) -> dict[str, int]:
    """Number and ordinal words two to twenty, as the checker reads them in a sentence."""
    return {
        **{str(num2words(n, lang=lang)): n for n in range(2, 21)},
        **{str(num2words(n, lang=lang, to="ordinal")): n for n in range(2, 21)},
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


__all__ = ["Checker", "check_story"]


def _without(text: str, phrases: list[str]) -> str:
    """The sentence without its event phrases: a word in an event's name ('gemengd dubbel',
    'long track') says nothing of its own there."""
    for phrase in sorted(phrases, key=len, reverse=True):
        text = text.replace(phrase, " ")
    return text
