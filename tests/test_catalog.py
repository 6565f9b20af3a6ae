"""Wording lives in the catalogs, not in Python: stories written in a pseudo-locale (the English
catalog with every letter of its text made fullwidth) contain no plain letter that is not data
(names of athletes, countries, cities, events) or a number or date word of the grammar."""

from __future__ import annotations

import re

import pytest
from babel.dates import get_day_names, get_month_names
from fluent.syntax import FluentParser, FluentSerializer, ast
from fluent.syntax.visitor import Transformer
from num2words import num2words

from podium import Podium
from podium.news.catalog import LOCALES, Catalog, register
from podium.news.facts import Desk
from podium.news.story import Story, story

GAMES = "milano-cortina-2026"
FULLWIDTH = str.maketrans(
    {c: chr(0xFF21 + i) for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}
    | {c: chr(0xFF41 + i) for i, c in enumerate("abcdefghijklmnopqrstuvwxyz")}
)


class Pseudo(Transformer):  # type: ignore[misc]
    def visit_TextElement(self, node: ast.TextElement) -> ast.TextElement:
        node.value = node.value.translate(FULLWIDTH)
        return node

    def visit_StringLiteral(self, node: ast.StringLiteral) -> ast.StringLiteral:
        node.value = node.value.translate(FULLWIDTH)
        return node


@pytest.fixture(scope="module")
def pseudo(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("xx")
    for path in (LOCALES / "en").glob("*.ftl"):
        resource = Pseudo().visit(FluentParser().parse(path.read_text(encoding="utf-8")))
        (folder / path.name).write_text(FluentSerializer().serialize(resource), encoding="utf-8")
    register(Catalog("xx", folder, locale="en"))
    return "xx"


def data_words(p: Podium, s: Story) -> list[str]:
    keys = {k for f in s.facts for k in f.of("athlete")}
    people = p.athletes(keys)
    words = [a.name for a in people.values()] + [a.family for a in people.values()]
    words += [n.name_en for n in p.nocs().values()] + [g.name for g in p.all_games()]
    words += [g.name.rsplit(" ", 1)[0] for g in p.all_games()]
    words += [w for e in p.events() for w in re.split(r"[-/]", e.key)]
    words += [str(num2words(n, lang="en")) for n in range(21)]
    words += [str(num2words(n, lang="en", to="ordinal")) for n in range(1, 21)]
    words += list(get_month_names("wide", locale="en").values())
    words += list(get_day_names("wide", locale="en").values())
    return sorted(set(words), key=len, reverse=True)


def test_no_language_text_in_python(imported: Podium, pseudo: str) -> None:
    desk = Desk(imported)
    moment = imported.moment(GAMES, "2026-02-17T16:53")
    stories = (
        [
            story(imported, "event", GAMES, "NED", pseudo, event=e, desk=desk)
            for e in (
                "speed-skating/w/500m",
                "short-track/m/5000m-relay",
                "alpine-skiing/w/giant-slalom",
            )
        ]
        + [
            story(imported, "table", GAMES, noc, pseudo, as_of=moment, desk=desk)
            for noc in ("NED", "USA", "ESP", "AIN")
        ]
        + [story(imported, "day", GAMES, "NED", pseudo, as_of=moment, desk=desk)]
    )
    leftovers = []
    for s in stories:
        allowed = "|".join(re.escape(w) for w in data_words(imported, s) if w)
        data = re.compile(rf"(?<![A-Za-z])(?:{allowed})(?![A-Za-z])", re.I)
        for sentence in s.sentences():
            rest = data.sub(" ", sentence.text)
            if re.search(r"[A-Za-z]", rest):
                leftovers.append((sentence.text, rest))
    assert leftovers == []
    assert "ｗｏｎ" in stories[0].lead.text  # the catalog's words, pseudo-localised
