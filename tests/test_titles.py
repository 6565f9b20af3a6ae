"""Names as a reader sees them (podium.news.titles), whether a Games is live
(Podium.in_progress), the facts behind a sentence in words (podium.news.evidence) and the
race chart's label placement (web.charts.dodge): exact values, on the backend under test."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from podium import Podium
from podium.news import evidence, titles
from podium.news.story import front_page
from podium.replay import stage
from podium.web.charts import LABEL_GAP, dodge

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
