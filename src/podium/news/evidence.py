"""The facts behind a story's sentence in words, for an editor checking it: what kind of fact,
who and what it is about (named, not keyed), its numbers with their meaning, and the medals
that prove it. The words are the catalog's (locales/*/evidence.ftl)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from podium.core import Podium
from podium.model import Award
from podium.news import titles
from podium.news.catalog import catalog
from podium.news.facts import Fact

MEDAL_NUMBERS = frozenset({"medal", "medal_now", "decided_by"})
MEDAL_LABELS: dict[Any, str] = {1: "gold", 2: "silver", 3: "bronze"}


@dataclass(frozen=True)
class Named:
    """A subject of a fact by its name: kind is noc, athlete, event, games or discipline."""

    kind: str
    key: str
    name: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "key": self.key, "name": self.name}


@dataclass(frozen=True)
class Proof:
    """One medal that shows a fact: who won which medal in which event at which Games."""

    medal: str  # gold, silver, bronze
    medal_word: str
    winner: tuple[Named, ...]  # the athlete, or the team's members (none where unknown)
    team: str | None
    noc: Named
    event: Named
    games: Named

    def as_dict(self) -> dict[str, Any]:
        return {
            "medal": self.medal,
            "medal_word": self.medal_word,
            "winner": [w.as_dict() for w in self.winner],
            "team": self.team,
            "noc": self.noc.as_dict(),
            "event": self.event.as_dict(),
            "games": self.games.as_dict(),
        }


@dataclass(frozen=True)
class Explained:
    id: str
    kind: str
    title: str  # the kind of fact in words: 'Eerste medaille van het land'
    subjects: tuple[Named, ...]
    numbers: tuple[tuple[str, str], ...]  # (what, value), both in words
    proofs: tuple[Proof, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "subjects": [s.as_dict() for s in self.subjects],
            "numbers": [list(n) for n in self.numbers],
            "proofs": [p.as_dict() for p in self.proofs],
        }


def explain(podium: Podium, facts: Iterable[Fact], lang: str) -> dict[str, Explained]:
    """Each fact in words, by its id; the medals of its evidence read in one pass."""
    facts = list(facts)
    keys = {k for f in facts for k in f.evidence}
    # award keys read 'games|event|medal|entry': one read per event, of its Games named
    wanted: dict[str, set[str]] = {}
    for key in keys:
        games, event = key.split("|")[:2]
        wanted.setdefault(event, set()).add(games)
    awards = {
        a.key: a
        for event, games in wanted.items()
        for a in podium.store.awards(games=sorted(games), event=event)
        if a.key in keys
    }
    people = {k for a in awards.values() for k in (a.athlete or "", *a.members) if k}
    people |= {s.split(":", 1)[1] for f in facts for s in f.subjects if s.startswith("athlete:")}
    namer = _Namer(podium, lang, {k: a.name for k, a in podium.athletes(people).items()})
    cat = catalog(lang)
    out = {}
    for f in facts:
        subjects = tuple(namer.subject(s) for s in f.subjects)
        numbers = tuple(namer.number(k, v) for k, v in f.numbers.items())
        proofs = tuple(namer.proof(awards[k]) for k in f.evidence if k in awards)
        title = cat("fact-kind", kind=f.kind)
        out[f.id] = Explained(f.id, f.kind, title, subjects, numbers, proofs)
    return out


class _Namer:
    def __init__(self, podium: Podium, lang: str, athletes: Mapping[str, str]) -> None:
        self.podium = podium
        self.lang = lang
        self.cat = catalog(lang)
        self.athletes = athletes
        self.nocs = podium.nocs()
        self.events = {e.key: e for e in podium.events()}
        self.every_games = {g.slug: g for g in podium.all_games()}

    def noc(self, code: str) -> Named:
        found = self.nocs.get(code)
        return Named("noc", code, found.name(self.lang) if found else code)

    def games(self, slug: str) -> Named:
        found = self.every_games.get(slug)
        return Named("games", slug, titles.games_title(found, self.lang) if found else slug)

    def event(self, key: str) -> Named:
        found = self.events.get(key)
        return Named("event", key, titles.event_title(found, self.lang) if found else key)

    def subject(self, subject: str) -> Named:
        kind, _, key = subject.partition(":")
        if kind == "noc":
            return self.noc(key)
        if kind == "games":
            return self.games(key)
        if kind == "event":
            return self.event(key)
        if kind == "discipline":
            return Named(kind, key, titles.discipline_title(key, self.lang))
        return Named(kind, key, self.athletes.get(key, key))

    def number(self, key: str, value: Any) -> tuple[str, str]:
        name, _, code = key.partition(":")
        what = self.cat("fact-number", name=name)
        if code:
            what = f"{what} ({self.noc(code).name})"
        if name in MEDAL_NUMBERS and value in MEDAL_LABELS:
            return what, self.cat("medal", medal=MEDAL_LABELS[value])
        if name in MEDAL_NUMBERS and isinstance(value, str):
            return what, self.cat("medal", medal=value)
        if name == "at" and isinstance(value, str) and len(value) >= 10:
            return what, titles.day_words(date.fromisoformat(value[:10]), self.lang)
        return what, str(value)

    def proof(self, award: Award) -> Proof:
        people = (award.athlete,) if award.athlete else award.members
        winner = tuple(Named("athlete", k, self.athletes.get(k, k)) for k in people)
        return Proof(
            award.medal.label,
            self.cat("medal", medal=award.medal.label),
            winner,
            award.team,
            self.noc(award.noc),
            self.event(award.event),
            self.games(award.games),
        )
