"""One country, one event and one athlete across the Games."""

from __future__ import annotations

from podium import Podium


def test_netherlands_at_sochi_2014_its_most_medals_at_a_winter_games(imported: Podium) -> None:
    rows = imported.noc_games("NED", "winter")
    by_games = {r.games.slug: (r.rank, r.tally.gold, r.tally.silver, r.tally.bronze) for r in rows}
    assert by_games["sochi-2014"] == (6, 8, 7, 9)
    assert by_games["beijing-2022"] == (6, 8, 5, 4)
    assert by_games["pyeongchang-2018"] == (5, 8, 6, 6)
    assert by_games["milano-cortina-2026"] == (3, 10, 7, 3)
    best = max(rows, key=lambda r: r.tally.total)
    assert (best.games.slug, best.tally.total) == ("sochi-2014", 24)
    assert [r.games.year for r in rows] == sorted(r.games.year for r in rows)


def test_every_games_table_counted_together_is_the_table_of_that_games(
    imported: Podium,
) -> None:
    tables = imported.games_tables()
    assert sorted(tables) == sorted(g.slug for g in imported.all_games())
    assert len(tables) == 55
    for slug, table in tables.items():
        assert table == imported.table(slug), slug
    beijing = tables["beijing-2022"].row("NED")
    assert beijing is not None and (beijing.rank, beijing.gold, beijing.total) == (6, 8, 17)


def test_womens_500m_speed_skating_is_one_event_1960_to_2026(imported: Podium) -> None:
    history = imported.event_history("speed-skating/w/500m")
    years = [p.games.year for p in history.podiums]
    assert years == [
        1960,
        1964,
        1968,
        1972,
        1976,
        1980,
        1984,
        1988,
        1992,
        1994,
        1998,
        2002,
        2006,
        2010,
        2014,
        2018,
        2022,
        2026,
    ]
    assert {"2x500m women", "Ladies’ 500m", "Women's 500m"} <= set(history.spellings)
    athletes = imported.athletes(a.athlete for p in history.podiums for a in p.awards if a.athlete)
    dutch = [
        (p.games.year, a.medal.label, athletes[a.athlete].name)
        for p in history.podiums
        for a in p.awards
        if a.noc == "NED" and a.athlete
    ]
    assert dutch == [
        (2014, "bronze", "Margot Boer"),
        (2026, "gold", "Femke Kok"),
        (2026, "silver", "Jutta Leerdam"),
    ]


def test_an_athlete_career_spans_sources(imported: Podium) -> None:
    [leerdam] = [
        a for a in imported.find_athletes("Jutta Leerdam") if imported.career(a.key).awards
    ]
    career = imported.career(leerdam.key)
    assert [(g.slug, t.gold, t.silver, t.bronze) for g, t in career.per_games] == [
        ("beijing-2022", 0, 1, 0),
        ("milano-cortina-2026", 1, 1, 0),
    ]
    assert (career.tally.gold, career.tally.silver) == (1, 2)


def test_team_members_each_count_in_athlete_tallies(imported: Podium) -> None:
    tallies = dict(imported.athlete_tallies("milano-cortina-2026"))
    people = {a.name: a.key for a in imported.athletes(tallies).values()}
    velzeboer = tallies[people["Xandra Velzeboer"]]
    assert (velzeboer.gold, velzeboer.silver, velzeboer.bronze) == (2, 0, 0)
    # Jens van 't Wout: 1000 m, 1500 m and the relay (a team medal counts for each member)
    jens = tallies[people["Jens van 't Wout"]]
    assert (jens.gold, jens.silver, jens.bronze) == (3, 0, 1)
    melle = tallies[people["Melle van 't Wout"]]
    assert (melle.gold, melle.silver, melle.bronze) == (1, 1, 0)
