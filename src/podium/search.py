"""Finding a person as people type a name: any case, with or without diacritics or their
transliteration ("Bjørgen", "Bjorgen", "Bjoergen"; "Wüst", "Wust", "Wuest"), given name and
surname without the middle names ("James Connolly"), or the surname alone.

An in-memory index over every folded spelling of every name of every person (`person.search`,
written by the linkage): a word → people map answers "all these words" by intersecting sets,
so a warm search costs well under a millisecond; a name nobody has falls back to fuzzy
suggestions (rapidfuzz over the display names). Matches rank by how well they match (the
whole name, then all words), then by medals won, so the champion comes before a namesake.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from podium.names import fold, search_forms

EXACT, WORDS, ALIKE = 3, 2, 1


@dataclass(frozen=True)
class Person:
    key: str
    display: str
    noc: str
    sex: str | None
    birth_year: int | None
    medals: int
    forms: frozenset[str]


@dataclass(frozen=True)
class Match:
    person: Person
    quality: int  # EXACT: the whole name; WORDS: every word; ALIKE: a suggestion

    @property
    def label(self) -> str:
        return {EXACT: "name", WORDS: "words", ALIKE: "alike"}[self.quality]


class PeopleIndex:
    def __init__(self, people: Iterable[Person]) -> None:
        self.people = list(people)
        self._words: dict[str, set[int]] = defaultdict(set)
        self._names: dict[str, set[int]] = defaultdict(set)
        for i, p in enumerate(self.people):
            for form in p.forms:
                self._names[form].add(i)
                for word in form.split():
                    self._words[word].add(i)
        self._displays = [fold(p.display) for p in self.people]

    def search(self, query: str, limit: int = 10) -> list[Match]:
        """The best matches first; fuzzy suggestions only when no name has every word."""
        found: dict[int, int] = {}
        for form in search_forms(query):
            for i in self._names.get(form, ()):
                found[i] = EXACT
            words = sorted(set(form.split()), key=lambda w: len(self._words.get(w, ())))
            if not words:
                continue
            hits = set(self._words.get(words[0], ()))
            for word in words[1:]:
                hits &= self._words.get(word, set())
                if not hits:
                    break
            for i in hits:
                found.setdefault(i, WORDS)
        if not found:
            folded = fold(query)
            for _, _, i in process.extract(
                folded, self._displays, scorer=fuzz.ratio, limit=limit, score_cutoff=75
            ):
                found[i] = ALIKE
        ranked = sorted(
            found.items(),
            key=lambda kv: (-kv[1], -self.people[kv[0]].medals, self.people[kv[0]].display),
        )
        return [Match(self.people[i], quality) for i, quality in ranked[:limit]]
