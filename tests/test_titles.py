"""Names as a reader sees them (podium.news.titles), whether a Games is live
(Podium.in_progress), the facts behind a sentence in words (podium.news.evidence) and the
race chart's label placement (web.charts.dodge): exact values, on the backend under test."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

from podium import Podium
from podium.news import evidence, titles
from podium.news.catalog import catalog
from podium.news.story import front_page, name_words
from podium.replay import stage
from podium.web.charts import LABEL_GAP, dodge, lines

GAMES = "milano-cortina-2026"


def test_event_and_games_titles_in_both_languages(imported: Podium) -> None:
    def title(key: str, lang: str) -> str:
        return titles.event_title(imported.event(key), lang)

    assert title("short-track/w/500m", "nl") == "Shorttrack – 500 meter vrouwen"
    assert title("speed-skating/w/500m", "nl") == "Schaatsen – 500 meter vrouwen"
    assert title("figure-skating/x/ice-dance", "nl") == "Kunstrijden – ijsdansen gemengd"
    assert title("ice-hockey/m/tournament", "nl") == "IJshockey – mannen"
    assert title("3x3-basketball/w/tournament", "nl") == "3x3-basketbal – vrouwen"
    assert title("short-track/w/500m", "en") == "Short Track – Women's 500m"
    assert title("surfing/m/tournament", "en") == "Surfing – Men"
    named = {g: titles.games_title(imported.games(g), "nl") for g in ("turin-2006", "munich-1972")}
    assert named == {"turin-2006": "Turijn 2006", "munich-1972": "München 1972"}
    assert titles.games_title(imported.games("athens-1896"), "en") == "Athens 1896"
    assert titles.day_words(date(2026, 2, 17), "nl") == "17 februari 2026"
    assert titles.day_words(date(2026, 2, 17), "en") == "17 February 2026"
    moment = datetime(2026, 2, 15, 16, 44, 15, tzinfo=UTC)
    assert titles.updated_at(moment, "Europe/Rome", "Schaatsen – 500 meter vrouwen", "nl") == (
        "Bijgewerkt om 17:44: Schaatsen – 500 meter vrouwen"
    )


# Words of an English source title a Dutch title may keep: Dutch uses them too.
SHARED_WORDS = frozenset(
    [
        "kg",
        "x",
        "team",
        "park",
        "skeet",
        "trap",
        "steeplechase",
        "marathon",
        "sprint",
        "keirin",
        "omnium",
        "skiff",
        "duet",
        "lead",
        "eventing",
        "cross",
        "country",
        "b",
        "boys",
        "girls",
    ]
)


def test_every_event_title_of_paris_2024_is_dutch(imported: Podium) -> None:
    by_key = {e.key: e for e in imported.events()}
    paris = sorted({a.event for a in imported.store.awards(games=["paris-2024"])})
    assert len(paris) == 329
    kept = {}
    for key in paris:
        event = by_key[key]
        english = set(re.findall(r"[a-z]+", event.title.lower()))
        dutch = set(re.findall(r"[a-z]+", titles.event_title(event, "nl").lower()))
        if (english & dutch) - SHARED_WORDS:
            kept[key] = sorted((english & dutch) - SHARED_WORDS)
    assert kept == {}

    def title(key: str) -> str:
        return titles.event_title(by_key[key], "nl")

    assert [
        title(k)
        for k in (
            "swimming/w/200m-breaststroke",
            "swimming/x/4x100m-medley-relay",
            "athletics/m/3000m-steeplechase",
            "rowing/w/lightweight-double-sculls",
            "wrestling/m/greco-roman-under-60kg",
            "boxing/m/under-63-5kg",
            "judo/m/under-60kg",
            "taekwondo/m/over-80kg",
            "canoe-sprint/m/k1-1000m",
            "fencing/w/epee-team",
            "tennis/m/singles",
            "diving/w/synchronized-10m-platform",
        )
    ] == [
        "Zwemmen – 200 meter schoolslag vrouwen",
        "Zwemmen – 4x100 meter wisselslag estafette gemengd",
        "Atletiek – 3000 meter steeplechase mannen",
        "Roeien – lichte dubbel-twee vrouwen",
        "Worstelen – Grieks-Romeins tot 60 kg mannen",
        "Boksen – tot 63,5 kg mannen",
        "Judo – tot 60 kg mannen",
        "Taekwondo – boven 80 kg mannen",
        "Kanosprint – K1 1000 meter mannen",
        "Schermen – degen team vrouwen",
        "Tennis – enkelspel mannen",
        "Schoonspringen – synchroon 10 meter toren vrouwen",
    ]
    # the same word in another discipline keeps its own Dutch word
    assert title("luge/w/singles") == "Rodelen – eenzitter vrouwen"


def test_every_word_of_every_event_title_comes_from_the_catalog(imported: Podium) -> None:
    """Per Games, 1896 to 2026, the events whose Dutch name keeps a word the catalog did not
    give (name_words): none."""
    cat = catalog("nl")
    by_key = {e.key: e for e in imported.events()}
    left = {}
    for g in imported.all_games():
        keys = {a.event for a in imported.store.awards(games=[g.slug])}
        left[g.slug] = sorted(
            k for k in keys if not all(ok for _, ok in name_words(cat, by_key[k]))
        )
    assert len(left) == 55
    assert {g: k for g, k in left.items() if k} == {}
    # a lone 5 after a number is the decimal the slug lost; another number starts a range
    assert [
        titles.event_title(by_key[k], "nl")
        for k in ("sailing/x/0-5-1t", "weightlifting/m/under-82-5kg")
    ] == [
        "Zeilen – 0,5-1 ton gemengd",
        "Gewichtheffen – tot 82,5 kg mannen",
    ]


def test_the_sport_filter_splits_skating(imported: Podium) -> None:
    by_key = {e.key: e for e in imported.events()}
    played = {by_key[c.event].discipline for c in imported.store.contests(GAMES)}
    choices = dict(titles.sport_choices(played, "nl"))
    skating = {k: v for k, v in choices.items() if "skating" in k or k == "short-track"}
    assert skating == {
        "speed-skating": "Schaatsen",
        "short-track": "Shorttrack",
        "figure-skating": "Kunstrijden",
    }
    assert choices["skiing"] == "Skiën" and "alpine-skiing" not in choices
    assert imported.table(GAMES, sport="short-track").row("NED") is not None


def test_search_over_events_and_countries(imported: Podium) -> None:
    found = titles.find_events(imported.events(), "shorttrack 500", "nl")
    assert [e.key for e in found] == ["short-track/m/500m", "short-track/w/500m"]
    assert [n.code for n in titles.find_nocs(imported.nocs().values(), "nederland")] == [
        "NED",
        "AHO",
    ]


def test_a_games_is_live_only_while_it_is_being_decided(
    imported: Podium, database_url: str, data_dir: Path
) -> None:
    after = datetime(2026, 12, 6, tzinfo=UTC)
    assert not imported.in_progress(GAMES, after)  # every event decided, the dates past
    assert not imported.in_progress("paris-2024", after)
    assert imported.in_progress(GAMES, datetime(2026, 2, 10, tzinfo=UTC))  # within its dates
    with Podium(database_url) as staged:
        stage(staged, str(data_dir), GAMES, history=False)
        assert staged.in_progress(GAMES, after)  # staged for a replay: all 116 to come


def test_the_facts_of_a_sentence_in_words(imported: Podium) -> None:
    as_of = imported.moment(GAMES, "2026-02-17T16:53")
    stories = front_page(imported, GAMES, "NED", "nl", as_of, 8)
    facts = [f for s in stories for f in s.facts]
    said = evidence.explain(imported, facts, "nl")
    rank = said["rank:NED:milano-cortina-2026"]
    assert (rank.title, [s.name for s in rank.subjects]) == (
        "Plaats in de medaillespiegel",
        ["Nederland", "Milaan-Cortina 2026"],
    )
    assert rank.numbers[:2] == (("plaats", "4"), ("gedeeld", "0"))
    medal = next(e for e in said.values() if e.kind == "medal" and "w/500m" in e.id)
    proof = medal.proofs[0]
    assert (proof.medal_word, [w.name for w in proof.winner], proof.noc.name) == (
        "goud",
        ["Femke Kok"],
        "Nederland",
    )
    assert (proof.event.name, proof.games.name) == (
        "Schaatsen – 500 meter vrouwen",
        "Milaan-Cortina 2026",
    )


def test_end_labels_never_collide() -> None:
    # three lines ending on the same value, one just below, one far away
    placed = dodge([100.0, 100.0, 100.0, 104.0, 20.0], LABEL_GAP, 16.0, 208.0)
    assert placed == [100.0, 117.0, 134.0, 151.0, 20.0]
    # a crowd at the bottom is pushed up, not out of the chart
    assert dodge([208.0, 208.0, 208.0], 17.0, 16.0, 208.0) == [174.0, 191.0, 208.0]


def test_every_day_of_a_race_line_is_a_point_of_its_own() -> None:
    chart = lines(
        ["2026-02-06", "2026-02-07", "2026-02-08"],
        [("NED", "Nederland", [0, 1, 3]), ("NOR", "Noorwegen", [1, 1, 2])],
        ["6 feb", "7 feb", "8 feb"],
        me="NED",
    )
    ned = chart.lines[0]
    assert [(p.day, p.value) for p in ned.dots] == [("6 feb", 0), ("7 feb", 1), ("8 feb", 3)]
    # on the line itself: the polyline passes through every point
    assert " ".join(f"{p.x:.1f},{p.y:.1f}" for p in ned.dots) == ned.points
    assert (ned.dots[-1].x, ned.dots[-1].y) == (ned.end_x, ned.end_y)
