"""Claims with their exact scope (issue 10): each false sentence of the issue, now true, as
its exact corrected sentence, and the checker's findings on the original; every event phrase
names one event; targets with their source; stories for every Games and for a NOC without a
medal in the event."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from typer.testing import CliRunner

from podium import Podium
from podium.cli import app
from podium.news.catalog import catalog
from podium.news.checker import Checker
from podium.news.facts import Desk, Fact
from podium.news.story import Sentence, Story, event_phrase, story

GAMES = "milano-cortina-2026"


def texts(s: Story) -> list[str]:
    return [x.text for x in s.sentences()]


@pytest.mark.parametrize(
    ("event", "headline"),
    [
        # Michel Mulder won the men's long-track 500 m in 2014
        (
            "short-track/w/500m",
            "Velzeboer pakt als eerste uit Nederland olympisch goud op de 500 meter shorttrack "
            "bij de vrouwen",
        ),
        (
            "short-track/m/1000m",
            "Van 't Wout pakt als eerste uit Nederland olympisch goud op de 1000 meter "
            "shorttrack bij de mannen",
        ),
        # Verkerk, Schenk and Nuis won the long-track 1500 m
        (
            "short-track/m/1500m",
            "Van 't Wout pakt als eerste uit Nederland olympisch goud op de 1500 meter "
            "shorttrack bij de mannen",
        ),
        (
            "speed-skating/w/500m",
            "Kok pakt als eerste uit Nederland olympisch goud op de 500 meter langebaan bij de "
            "vrouwen",
        ),
        # Schouten won the women's mass start in 2022
        (
            "speed-skating/m/mass-start",
            "Bergsma pakt als eerste uit Nederland olympisch goud op de massastart bij de mannen",
        ),
    ],
)
def test_a_first_names_its_whole_scope(imported: Podium, event: str, headline: str) -> None:
    assert story(imported, "event", GAMES, "NED", "nl", event=event).headline.text == headline


def test_first_silver_names_long_track_and_women(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")
    assert (
        "Leerdam pakt het eerste zilver ooit voor Nederland op de 500 meter langebaan bij de "
        "vrouwen." in texts(s)
    )


def test_tallies_per_athlete_and_team_golds_counted(imported: Podium) -> None:
    """After the relay Van 't Wout has three golds (and a bronze): nobody is given another's
    tally, and the relay gold counts."""
    s = story(imported, "table", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-21"))
    t = texts(s)
    assert "Xandra Velzeboer is op deze Spelen dubbel olympisch kampioene." in t
    assert "Jens van 't Wout heeft op deze Spelen nu drie gouden en één bronzen medaille." in t


def test_records_count_these_games_too(imported: Podium) -> None:
    usa = story(imported, "table", GAMES, "USA", "en")
    assert (
        "With twelve gold medals the United States won more than at any earlier Winter Games: "
        "the old record was ten, in Salt Lake City 2002." in texts(usa)
    )
    ita = story(imported, "table", GAMES, "ITA", "nl")
    assert (
        "Met 30 medailles won Italië er meer dan ooit: het oude record was 20, in Lillehammer "
        "in 1994." in texts(ita)
    )


def test_a_tie_is_written_as_a_tie(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "ITA", "nl", event="alpine-skiing/w/giant-slalom")
    assert s.lead.text == (
        "Federica Brignone heeft zondag 15 februari op de Olympische Winterspelen in "
        "Milaan-Cortina de reuzenslalom (alpineskiën) bij de vrouwen gewonnen, voor Sara Hector "
        "uit Zweden en Thea Louise Stjernesund uit Noorwegen (gedeeld zilver)."
    )


def test_a_nocs_first_winter_medal_is_the_headline(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "BRA", "nl", event="alpine-skiing/m/giant-slalom")
    assert (
        s.headline.text
        == "Pinheiro Braathen bezorgt Brazilië de eerste medaille ooit op Winterspelen"
    )


def test_no_defending_champion_said_absent_without_entries(imported: Podium) -> None:
    """Krol, Schouten and Wüst were not at these Games (the entries say so): nothing is said
    of champions who were not there."""
    desk = Desk(imported)
    for event in ("speed-skating/m/1000m", "speed-skating/w/mass-start", "speed-skating/w/1500m"):
        s = story(imported, "event", GAMES, "NED", "nl", event=event, desk=desk)
        assert not [x for x in texts(s) if "zonder medaille" in x]


def test_the_group_behind_is_contiguous(imported: Podium) -> None:
    desk = Desk(imported)
    checker = Checker(imported.store.url)
    problems = []
    try:
        for noc in ("NED", "JPN", "SUI", "AUS", "GER", "KOR"):
            for day in ("2026-02-12", "2026-02-17", "2026-02-19"):
                s = story(
                    imported,
                    "table",
                    GAMES,
                    noc,
                    "nl",
                    as_of=imported.moment(GAMES, day),
                    desk=desk,
                )
                problems += [p for p in checker.check(s) if "group" in p]
    finally:
        checker.close()
    assert problems == []


def test_every_event_phrase_names_one_event(imported: Podium) -> None:
    desk = Desk(imported)
    checker = Checker(imported.store.url)
    wrong = []
    try:
        for contest in imported.store.contests(GAMES):
            for lang in ("nl", "en"):
                s = story(imported, "event", GAMES, "NED", lang, event=contest.event, desk=desk)
                for phrase, key in s.phrases:
                    if checker.names(phrase, lang) != {key}:
                        wrong.append((phrase, key, sorted(checker.names(phrase, lang))))
                    assert phrase in s.text()
    finally:
        checker.close()
    assert wrong == []


def test_an_event_takes_the_article_of_its_name(imported: Podium) -> None:
    """'het' for an event named by a het-word alone, 'de' for every other name."""
    nl = catalog("nl")
    phrases = [
        event_phrase(nl, imported.event(key), imported.events())
        for key in (
            "figure-skating/x/ice-dance",
            "tennis/w/singles",
            "athletics/m/20km-race-walk",
            "figure-skating/w/single-skating",
        )
    ]
    assert phrases == [
        "het ijsdansen (kunstschaatsen) in de gemengde klasse",
        "het enkelspel (tennis) bij de vrouwen",
        "de 20 kilometer snelwandelen (atletiek) bij de mannen",
        "de individuele wedstrijd (kunstschaatsen) bij de vrouwen",
    ]


def test_the_checker_flags_a_dropped_scope(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="short-track/w/500m")
    checker = Checker(imported.store.url)
    try:
        assert checker.check(s) == []
        dropped = [
            replace(x, text=x.text.replace(" shorttrack bij de vrouwen", "")) for x in s.sentences()
        ]
        bad = replace(s, headline=dropped[0])
        problems = checker.check(bad)
    finally:
        checker.close()
    assert problems == [
        "'Velzeboer pakt als eerste uit Nederland olympisch goud op de 500 meter': "
        "'de 500 meter' can mean 4 events, not only short-track/w/500m",
        "'Velzeboer pakt als eerste uit Nederland olympisch goud op de 500 meter': "
        "'de 500 meter' can mean 4 events",
    ]


def _said_instead(s: Story, corrected: str, original: str, facts: tuple[str, ...] = ()) -> Story:
    """The story with its corrected sentence put back as Podium wrote it before (stating
    the same facts, or `facts`)."""
    found = []

    def put(x: Sentence) -> Sentence:
        if x.text != corrected:
            return x
        found.append(x)
        return Sentence(original, facts or x.facts)

    out = replace(
        s,
        headline=put(s.headline),
        lead=put(s.lead),
        paragraphs=tuple(tuple(put(x) for x in p) for p in s.paragraphs),
    )
    assert found, corrected
    return out


@pytest.fixture(scope="module")
def checker(imported_url: str) -> Iterator[Checker]:
    c = Checker(imported_url)
    yield c
    c.close()


@pytest.mark.parametrize(
    ("event", "headline", "phrase", "events"),
    [
        (
            "short-track/m/1000m",
            "Van 't Wout pakt als eerste uit Nederland olympisch goud op de 1000 meter",
            "de 1000 meter",
            4,
        ),
        (
            "short-track/m/1500m",
            "Van 't Wout pakt als eerste uit Nederland olympisch goud op de 1500 meter",
            "de 1500 meter",
            6,  # athletics has a 1500 m too
        ),
        (
            "speed-skating/w/500m",
            "Kok pakt als eerste uit Nederland olympisch goud op de 500 meter",
            "de 500 meter",
            4,
        ),
        (
            "speed-skating/m/mass-start",
            "Bergsma pakt als eerste uit Nederland olympisch goud op de massastart",
            "de massastart",
            2,
        ),
    ],
)
def test_the_checker_flags_each_first_without_its_scope(
    imported: Podium, checker: Checker, event: str, headline: str, phrase: str, events: int
) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event=event)
    original = _said_instead(s, s.headline.text, headline)
    assert checker.check(original) == [
        f"{headline!r}: {phrase!r} can mean {events} events, not only {event}",
        f"{headline!r}: {phrase!r} can mean {events} events",
    ]


def test_the_checker_flags_the_first_silver_without_its_scope(
    imported: Podium, checker: Checker
) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/w/500m")
    was = "Leerdam pakt het eerste zilver ooit voor Nederland op de 500 meter."
    original = _said_instead(
        s,
        "Leerdam pakt het eerste zilver ooit voor Nederland op de 500 meter langebaan bij de "
        "vrouwen.",
        was,
    )
    assert checker.check(original) == [
        f"{was!r}: 'de 500 meter' can mean 4 events, not only speed-skating/w/500m",
        f"{was!r}: 'de 500 meter' can mean 4 events",
    ]


def test_the_checker_flags_one_tally_given_to_all(imported: Podium, checker: Checker) -> None:
    """After the relay: Van 't Wout is a triple champion, Velzeboer a double one."""
    s = story(imported, "table", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-21"))
    velzeboer = "Xandra Velzeboer is op deze Spelen dubbel olympisch kampioene."
    van_t_wout = "Jens van 't Wout heeft op deze Spelen nu drie gouden en één bronzen medaille."
    tallies = tuple(f.id for f in s.facts if f.kind == "games-tally")
    both = (
        "Xandra Velzeboer en Jens van 't Wout zijn op deze Spelen allebei dubbel olympisch "
        "kampioen."
    )
    assert checker.check(_said_instead(s, velzeboer, both, tallies)) == [
        f"{both!r}: gives one tally to athletes whose tallies differ "
        f"(games-tally:olympedia:143474:{GAMES} 3-0-1, games-tally:olympedia:143493:{GAMES} 2-0-0)"
    ]
    relay_left_out = "Jens van 't Wout is op deze Spelen dubbel olympisch kampioen."
    assert checker.check(_said_instead(s, van_t_wout, relay_left_out)) == [
        f"{relay_left_out!r}: 'dubbel' (2 golds), the data says [3]"
    ]


def test_the_checker_flags_a_record_these_games_beat(imported: Podium, checker: Checker) -> None:
    usa = story(imported, "table", GAMES, "USA", "en")
    was = "The United States won the most gold medals ever in Salt Lake City 2002: ten."
    original = _said_instead(
        usa,
        "With twelve gold medals the United States won more than at any earlier Winter Games: "
        "the old record was ten, in Salt Lake City 2002.",
        was,
    )
    assert checker.check(original) == [
        f"{was!r}: best-games-gold:USA:winter:salt-lake-city-2002 is 'beaten' in the data, "
        "not as said"
    ]
    ita = story(imported, "table", GAMES, "ITA", "nl")
    was = "De meeste medailles ooit won Italië in Lillehammer in 1994: 20."
    original = _said_instead(
        ita,
        "Met 30 medailles won Italië er meer dan ooit: het oude record was 20, in Lillehammer "
        "in 1994.",
        was,
    )
    assert checker.check(original) == [
        f"{was!r}: best-games-total:ITA:winter:lillehammer-1994 is 'beaten' in the data, "
        "not as said"
    ]


def test_the_checker_flags_a_group_with_a_country_left_out(
    imported: Podium, checker: Checker
) -> None:
    """On 14 February Switzerland, on four golds, stood between the Netherlands and Japan
    and Australia on three."""
    s = story(imported, "table", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-14"))
    behind = next(f for f in s.facts if f.kind == "group-behind")
    wrong = replace(
        behind, subjects=(f"games:{GAMES}", "noc:JPN", "noc:AUS"), numbers={"gold": 3, "count": 2}
    )
    s = replace(s, facts=tuple(wrong if f.id == behind.id else f for f in s.facts))
    was = "Daarachter volgt een groep op drie keer goud: Japan en Australië."
    original = _said_instead(s, "Daarachter volgt Zwitserland met vier keer goud.", was)
    assert checker.check(original) == [
        f"{behind.id}: cannot re-derive (others stand between NED and ['JPN', 'AUS'])",
        f"{was!r}: states unknown fact {behind.id}",
        f"{was!r}: 'drie' (3) not in the data",
        f"{was!r}: names Australië (AUS) without evidence",
        f"{was!r}: names Japan (JPN) without evidence",
    ]


def test_the_checker_flags_a_defending_champion_who_was_not_there(
    imported: Podium, checker: Checker
) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/m/1000m")
    key = "beijing-2022|speed-skating/m/1000m|1|olympics:thomas-krol"
    krol = Fact(
        f"defending-champion:speed-skating/m/1000m:{GAMES}:{key}",
        "defending-champion",
        (
            "noc:NED",
            "athlete:olympedia:144254",
            "event:speed-skating/m/1000m",
            "games:beijing-2022",
        ),
        {"year": 2022, "defended": 0, "medal_now": 0, "entered": 1},
        (key,),
        0.65,
        scope={
            "event": "speed-skating/m/1000m",
            "discipline": "speed-skating",
            "gender": "M",
            "window": "games:beijing-2022",
        },
    )
    said = Sentence(
        "Titelverdediger Thomas Krol, kampioen in 2022, bleef dit keer zonder medaille.", (krol.id,)
    )
    original = replace(s, facts=(*s.facts, krol), paragraphs=(*s.paragraphs, (said,)))
    assert checker.check(original) == [f"{krol.id}: entered is 1, the data says 0"]


def test_an_earlier_medallist_named_as_she_is_now(imported: Podium, checker: Checker) -> None:
    """Antoinette Rijpma-de Jong's 2022 bronze is hers, said under the name she has now, in
    the story of her own 1500 m gold; Olympedia's other record of her ('Antoinette De Jong')
    read as someone else is flagged."""
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/w/1500m")
    now = (
        "Eerder won Nederland zeventien medailles op de 1500 meter langebaan bij de vrouwen: "
        "Ireen Wüst (goud, 2022), Rijpma-de Jong (brons, 2022), Wüst (goud, 2018) en veertien "
        "anderen."
    )
    assert now in texts(s)
    was = now.replace("Rijpma-de Jong (brons", "Antoinette De Jong (brons")
    assert checker.check(_said_instead(s, now, was)) == [
        f"{was!r}: the medal of 2022 is not the named one's"
    ]


def test_the_checker_flags_a_tie_said_as_an_order(imported: Podium, checker: Checker) -> None:
    s = story(imported, "event", GAMES, "ITA", "nl", event="alpine-skiing/w/giant-slalom")
    was = s.lead.text.replace(" (gedeeld zilver)", "")
    assert checker.check(_said_instead(s, s.lead.text, was)) == [
        f"{was!r}: 2 share silver in alpine-skiing/w/giant-slalom, said as an order"
    ]


def test_the_checker_flags_a_target_without_a_source(imported: Podium, checker: Checker) -> None:
    """A target given in code (no source, not in the ledger) is no claim a story may make."""
    moment = imported.moment(GAMES, "2026-02-17T16:53")
    s = story(imported, "table", GAMES, "NED", "nl", as_of=moment, targets={"NED": 10})
    was = "Het doel is een plek in de top tien; Nederland ligt daarvoor op koers."
    assert was in texts(s)
    assert checker.check(s) == [
        f"target:NED:{GAMES}: cannot re-derive (no target 10 by None for NED in the ledger)",
        f"{was!r}: states unknown fact target:NED:{GAMES}",
        f"{was!r}: 'tien' (10) not in the data",
        f"{was!r}: names Nederland (NED) without evidence",
    ]


def test_the_checker_flags_a_first_winter_medal_not_in_the_headline(
    imported: Podium, checker: Checker
) -> None:
    s = story(imported, "event", GAMES, "BRA", "nl", event="alpine-skiing/m/giant-slalom")
    first = next(f for f in s.facts if f.kind == "first-gold")
    was = (
        "Pinheiro Braathen pakt als eerste uit Brazilië olympisch goud op de reuzenslalom "
        "(alpineskiën) bij de mannen"
    )
    original = replace(s, headline=Sentence(was, (first.id,)))
    assert checker.check(original) == [
        f"{was!r}: the headline does not say noc-first-medal:BRA:{GAMES}"
    ]


def test_event_story_for_a_noc_without_a_medal(imported: Podium) -> None:
    s = story(imported, "event", GAMES, "NED", "nl", event="speed-skating/m/5000m")
    assert s.headline.text == "Eitrem wint goud op de 5000 meter langebaan bij de mannen"


def test_a_table_story_for_games_without_medal_moments(imported: Podium) -> None:
    s = story(imported, "table", "sochi-2014", "NED", "nl")
    assert s.headline.text == "Nederland eindigt als vijfde in de medaillespiegel"


def test_games_story_honours_as_of(imported: Podium) -> None:
    s = story(
        imported, "games", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-17T16:53")
    )
    assert s.headline.text == "Nederland staat vierde in de medaillespiegel"


def test_a_target_is_stored_with_its_source(imported_copy: str) -> None:
    result = CliRunner().invoke(
        app,
        [
            "target",
            "set",
            "NED",
            "10",
            "--source",
            "NOC*NSF",
            "--stated",
            "2026-01-12",
            "--db",
            imported_copy,
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.output == "NED milano-cortina-2026: top 10 (NOC*NSF, stated 2026-01-12)\n"
    with Podium(imported_copy) as p:
        s = story(p, "table", GAMES, "NED", "nl", as_of=p.moment(GAMES, "2026-02-17T16:53"))
        assert (
            "Het doel van NOC*NSF is een plek in de top tien; Nederland ligt daarvoor op koers."
            in texts(s)
        )
        assert Checker(imported_copy).check(s) == []
    bad = CliRunner().invoke(
        app, ["target", "set", "NED", "10", "--source", " ", "--db", imported_copy]
    )
    assert bad.exit_code != 0


def test_stories_page_for_every_games(imported_url: str) -> None:
    """History before 2024 has no medal moments: its stories page says what it can at the
    Games' end, in both forms, for every Games."""
    from fastapi.testclient import TestClient

    from podium.web import create_app

    with Podium(imported_url) as p:
        slugs = [g.slug for g in p.all_games()]
    failures = []
    with TestClient(create_app(imported_url)) as client:
        # every Games from Iceland's angle (few medals: the table story, fast); a few from
        # the USA's, with their event stories
        asked = [(slug, "ISL", suffix) for slug in slugs for suffix in ("", ".json")]
        asked += [(slug, "USA", ".json") for slug in ("athens-1896", "sochi-2014", "paris-2024")]
        for slug, noc, suffix in asked:
            r = client.get(f"/games/{slug}/stories{suffix}?perspective={noc}&lang=en")
            if r.status_code != 200:
                failures.append((slug, noc, suffix, r.status_code))
    assert failures == []
    assert len(slugs) == 55


def test_day_story_honours_the_time_of_day(imported: Podium) -> None:
    """At noon on 17 February the women's team pursuit (16:53) is not run yet."""
    noon = story(
        imported, "day", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-17T12:00")
    )
    evening = story(imported, "day", GAMES, "NED", "nl", as_of=imported.moment(GAMES, "2026-02-17"))
    pursuit = "Nederland won zilver op de ploegenachtervolging langebaan bij de vrouwen."
    assert pursuit not in texts(noon)
    assert pursuit in texts(evening)


def test_a_defending_champion_who_entered_and_did_not_medal(imported: Podium) -> None:
    """Olympedia's entries say who entered: a champion of 2022 who competed without a medal
    is told of (the champions who were not at these Games are not)."""
    desk = Desk(imported)
    one = story(imported, "event", GAMES, "USA", "nl", event="speed-skating/w/500m", desk=desk)
    assert (
        "Titelverdedigster Erin Jackson, kampioene in 2022, bleef dit keer zonder medaille."
        in texts(one)
    )
    relay = story(
        imported, "event", GAMES, "NED", "en", event="short-track/w/3000m-relay", desk=desk
    )
    assert (
        "Defending champion the Netherlands, winner in 2022, missed the podium this time."
        in texts(relay)
    )
    checker = Checker(imported.store.url)
    try:
        assert checker.check(one) == [] and checker.check(relay) == []
    finally:
        checker.close()


def test_ages_and_games_counted(imported: Podium) -> None:
    """Ages and Games entered come from Olympedia's entries: the oldest champion of an event
    where every earlier champion's age is known, a fifth Games, and 'de 25-jarige Kok'."""
    desk = Desk(imported)
    event = "snowboard/m/parallel-giant-slalom"
    nl = story(imported, "event", GAMES, "AUT", "nl", event=event, desk=desk)
    en = story(imported, "event", GAMES, "AUT", "en", event=event, desk=desk)
    assert (
        "Met 40 jaar is Karl de oudste olympisch kampioen ooit op de parallelreuzenslalom "
        "(snowboarden) bij de mannen." in texts(nl)
    )
    assert "Voor Karl zijn het de vijfde Spelen." in texts(nl)
    assert (
        "At 40, Karl is the oldest Olympic champion ever in the men's parallel giant slalom "
        "(snowboard)." in texts(en)
    )
    assert "It is the fifth Olympic Games for Karl." in texts(en)
    kok = story(imported, "event", GAMES, "NED", "en", event="speed-skating/w/500m", desk=desk)
    assert (
        "The Netherlands had never won Olympic gold in the women's long-track 500 m, held since "
        "1960: 25-year-old Kok is the first." in texts(kok)
    )
    checker = Checker(imported.store.url)
    try:
        assert [checker.check(s) for s in (nl, en, kok)] == [[], [], []]
    finally:
        checker.close()


def test_earlier_table_positions_at_the_end(imported: Podium) -> None:
    nl = story(imported, "table", GAMES, "NED", "nl")
    assert (
        "Daarvoor werd Nederland vijfde in PyeongChang in 2018, zesde in Sotsji in 2014 en "
        "tiende in Vancouver in 2010." in texts(nl)
    )
    usa = story(imported, "table", "sochi-2014", "USA", "en")
    assert (
        "Before that, the United States finished second in Turin 2006, third in Salt Lake City "
        "2002 and fifth in Nagano 1998." in texts(usa)
    )
    checker = Checker(imported.store.url)
    try:
        assert checker.check(nl) == [] and checker.check(usa) == []
    finally:
        checker.close()


def test_the_winners_history_when_another_country_wins(imported: Podium) -> None:
    """A race is told with the champion's country's history as well: the Swiss story of the
    giant slalom says that Brazil's gold is its first Winter medal."""
    s = story(imported, "event", GAMES, "SUI", "nl", event="alpine-skiing/m/giant-slalom")
    t = texts(s)
    assert "Het is de eerste medaille ooit op Winterspelen voor Brazilië." in t
    assert (
        "Pinheiro Braathen is de eerste man uit Brazilië die olympisch kampioen wordt op de "
        "reuzenslalom (alpineskiën) bij de mannen, een onderdeel dat sinds 1952 op de Spelen "
        "staat." in t
    )
    assert "Voor de 29-jarige Meillard zijn het de derde Spelen." in t
    assert Checker(imported.store.url).check(s) == []


def test_the_nocs_oldest_and_youngest_champion(imported: Podium) -> None:
    """Bergsma at 40 is older than all 57 earlier Dutch individual Winter champions (each
    age known from the entries); Jilek at 19 younger than the ten Czech ones."""
    desk = Desk(imported)
    event = "speed-skating/m/mass-start"
    nl = story(imported, "event", GAMES, "NED", "nl", event=event, desk=desk)
    en = story(imported, "event", GAMES, "NED", "en", event=event, desk=desk)
    assert (
        "Met 40 jaar is Bergsma de oudste sporter uit Nederland ooit die op Winterspelen "
        "individueel olympisch goud wint." in texts(nl)
    )
    assert "Voor Bergsma zijn het de vierde Spelen." in texts(nl)
    assert (
        "At 40, Bergsma is the oldest individual Olympic champion ever from the Netherlands at "
        "Winter Games." in texts(en)
    )
    cze = story(imported, "event", GAMES, "CZE", "nl", event="speed-skating/m/10000m", desk=desk)
    assert (
        "Met 19 jaar is Jilek de jongste sporter uit Tsjechië ooit die op Winterspelen "
        "individueel olympisch goud wint." in texts(cze)
    )
    assert "Voor Jilek zijn het de eerste Spelen." in texts(cze)
    checker = Checker(imported.store.url)
    try:
        assert [checker.check(s) for s in (nl, en, cze)] == [[], [], []]
    finally:
        checker.close()
