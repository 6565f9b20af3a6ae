"""Mutations of correct stories: the errors the issue found in real output (a dropped gender or
discipline, long and short track swapped, a count, rank, year or name changed, "first" for
"second", a team gold left out of a tally, the oldest made the youngest), each applied to one
sentence. The checker's power is the share of mutated stories it flags."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from num2words import num2words

from podium.news.story import Sentence, Story

Edit = Callable[[str], str | None]


@dataclass(frozen=True)
class Mutant:
    kind: str
    story: Story
    before: str
    after: str


def _sub(pattern: str, repl: str) -> Edit:
    def edit(text: str) -> str | None:
        out = re.sub(pattern, repl, text, count=1)
        return out if out != text else None

    return edit


def _bump_number(text: str) -> str | None:
    """A count in digits (not a year) one higher."""
    m = re.search(r"(?<![\d.,-])([1-9]\d?)(?![\d.,-])", text)
    if not m:
        return None
    return text[: m.start()] + str(int(m.group(1)) + 1) + text[m.end() :]


def _swap(text: str, a: str, b: str) -> str | None:
    """The first of `a` or `b` in the text made the other."""
    m = re.search(rf"(?<![\w']){re.escape(a)}|(?<![\w']){re.escape(b)}", text)
    if not m:
        return None
    return text[: m.start()] + (b if m.group(0) == a else a) + text[m.end() :]


def _year(text: str) -> str | None:
    m = re.search(r"\b(1[89]\d\d|20[0-2]\d)\b", text)
    if not m:
        return None
    return text[: m.start()] + str(int(m.group(1)) - 4) + text[m.end() :]


def _words(lang: str, to: str) -> Edit:
    """A number or ordinal word (two to nineteen) made the next one."""
    table = {str(num2words(n, lang=lang, to=to)): n for n in range(2, 20)}

    def edit(text: str) -> str | None:
        for m in re.finditer(r"[a-zà-ÿ]+", text):
            if m.group(0) in table:
                new = str(num2words(table[m.group(0)] + 1, lang=lang, to=to))
                return text[: m.start()] + new + text[m.end() :]
        return None

    return edit


EDITS: dict[str, dict[str, Edit]] = {
    "nl": {
        "drop-gender": _sub(r" bij de (vrouwen|mannen)", ""),
        "swap-gender": lambda t: _swap(t, " bij de vrouwen", " bij de mannen"),
        "drop-discipline": _sub(r" (langebaan|shorttrack)(?= bij)", ""),
        "swap-track": lambda t: _swap(t, " langebaan", " shorttrack"),
        "count": _words("nl", "cardinal"),
        "count-digits": _bump_number,
        "rank": _words("nl", "ordinal"),
        "year": _year,
        "first-second": _sub(r"\beerste\b", "tweede"),
        "team-gold-left-out": _sub(r"\bdrie gouden\b|\bdrievoudig\b", "twee gouden"),
        "swap-age": lambda t: _swap(t, "oudste", "jongste"),
    },
    "en": {
        "drop-gender": _sub(r"\b(women's|men's) ", ""),
        "swap-gender": lambda t: _swap(t, "women's", "men's"),
        "drop-discipline": _sub(r"\b(long-track|short-track) ", ""),
        "swap-track": lambda t: _swap(t, "long-track", "short-track"),
        "count": _words("en", "cardinal"),
        "count-digits": _bump_number,
        "rank": _words("en", "ordinal"),
        "year": _year,
        "first-second": _sub(r"\bfirst\b", "second"),
        "team-gold-left-out": _sub(r"\bthree gold\b|\bthree-time\b", "two gold"),
        "swap-age": lambda t: _swap(t, "oldest", "youngest"),
    },
}


def _name_swaps(story: Story, names: dict[str, str]) -> Iterator[tuple[int, str]]:
    """Each sentence with a name in it, that name replaced by another athlete's of the story."""
    people = sorted(set(names.values()), key=len, reverse=True)
    for i, s in enumerate(story.sentences()):
        for name in people:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", s.text):
                other = next((n for n in people if n != name and n not in s.text), None)
                if other:
                    yield i, re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", other, s.text, count=1)
                break


def _with(story: Story, index: int, text: str) -> Story:
    sentences = story.sentences()
    new = Sentence(text, sentences[index].facts)
    if index == 0:
        return replace(story, headline=new)
    if index == 1:
        return replace(story, lead=new)
    at = index - 2
    paragraphs = []
    for p in story.paragraphs:
        paragraphs.append(tuple(new if k == at else s for k, s in enumerate(p)))
        at -= len(p)
    return replace(story, paragraphs=tuple(paragraphs))


def mutants(story: Story, names: dict[str, str]) -> Iterator[Mutant]:
    """Every single-sentence mutation of `story` (names: athlete key -> printed name)."""
    sentences = story.sentences()
    for kind, edit in EDITS[story.lang].items():
        for i, s in enumerate(sentences):
            after = edit(s.text)
            if after is not None and after != s.text:
                yield Mutant(kind, _with(story, i, after), s.text, after)
    for i, after in _name_swaps(story, names):
        yield Mutant("name", _with(story, i, after), sentences[i].text, after)
