"""Finding a person as people type a name: any case, with or without diacritics or their
transliteration ("Bjørgen", "Bjorgen", "Bjoergen"; "Wüst", "Wust", "Wuest"), given name and
surname without the middle names ("James Connolly"), or the surname alone.

An in-memory index over every folded spelling of every name of every person (`person.search`,
written by the linkage): a word → people map answers "all these words" by intersecting sets,
so a warm search costs well under a millisecond; a name nobody has falls back to fuzzy
suggestions: each word's nearest words by shared letter triples, compared with rapidfuzz,
then the people named with them, ranked by how alike their whole name is. Matches rank by
how well they match (the whole name, then all words), then by medals won, so the champion
comes before a namesake.
"""

from __future__ import annotations

from collections import Counter, defaultdict
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
        # every word by its letter triples, so a misspelt word is compared with the few
        # words it shares most triples with, not with all of them
        self._grams: dict[str, list[str]] = defaultdict(list)
        for word in self._words:
            for gram in _grams(word):
                self._grams[gram].append(word)

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
        alike: dict[int, float] = {}
        if not found:
            alike = self._suggestions(fold(query), limit)
            found = dict.fromkeys(alike, ALIKE)
        ranked = sorted(
            found.items(),
            key=lambda kv: (
                -kv[1],
                -(alike.get(kv[0], 0) // 10),  # about as alike: the medallist first
                -self.people[kv[0]].medals,
                self.people[kv[0]].display,
            ),
        )
        return [Match(self.people[i], quality) for i, quality in ranked[:limit]]

    def _alike_words(self, word: str) -> list[str]:
        shared = Counter(w for gram in _grams(word) for w in self._grams.get(gram, ()))
        near = [w for w, _ in shared.most_common(_NEAR)]
        return [w for w, _, _ in process.extract(word, near, scorer=fuzz.ratio, score_cutoff=70)]

    def _suggestions(self, folded: str, limit: int) -> dict[int, float]:
        """People whose names are alike in every word (else in some word) of a query that
        no name matches, with how alike their whole name is (rapidfuzz, 0-100)."""
        # each word's alike words, the rarest first: people alike in every word are found by
        # narrowing the first word's people, never by building the big sets of common words
        alike = sorted(
            (ws for ws in map(self._alike_words, folded.split()) if ws),
            key=lambda ws: sum(len(self._words[w]) for w in ws),
        )
        if not alike:
            return {}
        hits: set[int] = set().union(*(self._words[w] for w in alike[0]))
        for words in alike[1:]:
            narrowed = set().union(*(hits & self._words[w] for w in words))
            if not narrowed:  # alike in some words only: anyone alike in any word
                return self._ranked(
                    folded, set().union(*(self._words[w] for ws in alike for w in ws)), limit
                )
            hits = narrowed
        return self._ranked(folded, hits, limit)

    def _ranked(self, folded: str, hits: set[int], limit: int) -> dict[int, float]:
        scored = process.extract(
            folded,
            {i: self._displays[i] for i in hits},
            scorer=fuzz.token_sort_ratio if " " in folded else _best_word,
            score_cutoff=60,
            limit=limit,
        )
        return {i: score for _, score, i in scored}


_NEAR = 40  # words compared per misspelt word


def _best_word(word: str, name: str, **_: object) -> float:
    """A surname alone is compared with each word of a name, not with the whole of it."""
    return max(fuzz.ratio(word, w) for w in name.split())


def _grams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
