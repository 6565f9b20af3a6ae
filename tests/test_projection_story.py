"""The projection in table stories: the chance of the NOC's aim and its expected golds, in
Dutch and English, each number recomputed by the checker."""

from __future__ import annotations

from dataclasses import replace

from podium import Podium
from podium.news.checker import Checker
from podium.news.story import Sentence, Story, story
from podium.news.targets import set_target

GAMES = "milano-cortina-2026"
EVENING_9 = "2026-02-09T23:59"  # 39 events to go of 116: chances in the middle


def last_paragraph(s: Story) -> list[str]:
    return [x.text for x in s.paragraphs[-1]]


def test_the_chance_of_the_top_ten_in_both_languages(imported: Podium) -> None:
    at = imported.moment(GAMES, EVENING_9)
    nl = story(imported, "table", GAMES, "NED", "nl", as_of=at)
    en = story(imported, "table", GAMES, "NED", "en", as_of=at)
    assert last_paragraph(nl) == [
        "Volgens de prognose heeft Nederland 78% kans op een plek in de top tien, met naar "
        "verwachting zes gouden medailles aan het eind (80% kans op vier tot en met negen)."
    ]
    assert last_paragraph(en) == [
        "By the projection, the Netherlands have a 78% chance of a top-ten finish, with six "
        "gold medals expected at the end (80% likely: four to nine)."
    ]
    fact = next(f for f in nl.facts if f.kind == "projection")
    assert dict(fact.numbers) == {
        "target": 10,
        "p": 78,
        "p_first": 0,
        "gold:NED": 6,
        "gold_low:NED": 4,
        "gold_high:NED": 9,
        "interval": 80,
    }
    checker = Checker(imported.store.url)
    assert checker.check(nl) == []
    assert checker.check(en) == []


def test_a_near_certainty_is_said_without_a_number(imported: Podium) -> None:
    s = story(
        imported, "table", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-17T16:53")
    )
    assert last_paragraph(s) == [
        "Volgens de prognose is Nederland vrijwel zeker van een plek in de top tien, met naar "
        "verwachting negen gouden medailles aan het eind (80% kans op zeven tot en met tien)."
    ]


def test_the_leader_is_given_the_first_place_and_a_contender_its_chance(
    imported: Podium,
) -> None:
    at = imported.moment(GAMES, EVENING_9)
    nor = story(imported, "table", GAMES, "NOR", "en", as_of=at)
    assert last_paragraph(nor) == [
        "By the projection, Norway have a 67% chance of first place, with sixteen gold "
        "medals expected at the end (80% likely: twelve to twenty)."
    ]
    ger = story(imported, "table", GAMES, "GER", "nl", as_of=at)
    assert last_paragraph(ger)[1] == (
        "De kans dat Duitsland bovenaan eindigt is volgens de prognose 24%."
    )
    assert Checker(imported.store.url).check(ger) == []


def test_the_stated_target_is_the_aim(imported_copy: str) -> None:
    with Podium(imported_copy) as p:
        set_target(p, GAMES, "NED", 3, "NOC*NSF", p.moment(GAMES, "2026-01-12"))
        s = story(p, "table", GAMES, "NED", "nl", as_of=p.moment(GAMES, EVENING_9))
        assert last_paragraph(s) == [
            "Het doel van NOC*NSF is een plek in de top drie; Nederland ligt daarvoor nog niet "
            "op koers.",
            "Volgens de prognose heeft Nederland 1% kans op een plek in de top drie, met naar "
            "verwachting zes gouden medailles aan het eind (80% kans op vier tot en "
            "met negen).",
        ]
        assert Checker(imported_copy).check(s) == []


def test_no_chances_once_the_games_are_over(imported: Podium) -> None:
    s = story(imported, "table", GAMES, "NED", "nl")
    assert [f.kind for f in s.facts if f.kind.startswith("projection")] == []


def test_the_checker_recomputes_every_chance(imported: Podium) -> None:
    s = story(imported, "table", GAMES, "NED", "nl", as_of=imported.moment(GAMES, EVENING_9))
    checker = Checker(imported.store.url)
    fact = next(f for f in s.facts if f.kind == "projection")
    wrong_fact = replace(fact, numbers={**fact.numbers, "p": 81})
    told = replace(s, facts=tuple(wrong_fact if f is fact else f for f in s.facts))
    assert f"{fact.id}: p is 81, the data says 78" in checker.check(told)

    def said(old: str, new: str) -> Story:
        sentence = s.paragraphs[-1][0]
        changed = Sentence(sentence.text.replace(old, new), sentence.facts)
        return replace(s, paragraphs=(*s.paragraphs[:-1], (changed,)))

    # every number has its place: the aim is no bound of the interval ('top negen', and 9 is
    # in the data as the high end of it)
    wrong = {
        "78% kans op": "vrijwel zeker",
        "top tien": "top negen",
        "tot en met negen": "tot en met zeven",
    }
    for old, new in wrong.items():
        mutant = said(old, new)
        text = mutant.paragraphs[-1][0].text
        assert checker.check(mutant)[0] == (
            f"{text!r}: not what the recomputed projection says ({fact.id})"
        ), new
