"""One person, one career: Olympedia imported, the records of every source linked into people,
team medals counted for their members, names as the press writes them, search as people type,
and the table as it stands now beside the table as awarded."""

from __future__ import annotations

import gzip
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from podium import Podium
from podium.identity import Record, link
from podium.names import parse_family_first, parse_full, press_name, search_forms
from podium.web import create_app


def person(podium: Podium, name: str) -> str:
    """The key of the best match for `name`, which must match the whole name or every word."""
    found = podium.search(name)
    assert found and found[0].quality > 1, (name, found[:3])
    return found[0].person.key


def medals(podium: Podium, name: str) -> tuple[int, int, int]:
    t = podium.career(person(podium, name)).tally
    return t.gold, t.silver, t.bronze


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        # as Olympedia has them, relays and team events included
        ("Michael Phelps", (23, 3, 2)),
        ("Marit Bjørgen", (8, 4, 3)),
        ("Ole Einar Bjørndalen", (8, 4, 1)),
        ("Larisa Latynina", (9, 5, 4)),
        ("Valery Kharlamov", (2, 1, 0)),
        ("Kaylee McKeown", (5, 1, 3)),
    ],
)
def test_careers_count_every_team_medal(imported: Podium, name: str, expected: tuple) -> None:
    assert medals(imported, name) == expected


@pytest.mark.parametrize(
    ("name", "expected", "games", "missing"),
    [
        # Olympedia today says 6-5-2, 4-2-3 and 4-1-1; its file lists none of these athletes
        # in the team events below (2018 and later it lists only some of a team's members,
        # under NOC "NAN"), and no other source names the members of those teams
        ("Ireen Wüst", (6, 4, 1), ("pyeongchang-2018", "beijing-2022"), "team pursuit"),
        ("Sven Kramer", (4, 2, 2), ("pyeongchang-2018",), "team pursuit"),
        ("Darya Domracheva", (3, 1, 1), ("pyeongchang-2018",), "relay"),
    ],
)
def test_careers_lack_only_the_team_entries_no_source_lists(
    imported: Podium, name: str, expected: tuple, games: tuple[str, ...], missing: str
) -> None:
    key = person(imported, name)
    assert medals(imported, name) == expected
    entered = imported.store.entries_of(imported.records(imported.athlete(key)))
    assert [
        e.raw_event for e in entered if e.games in games and missing in e.raw_event.lower()
    ] == []


def test_one_person_behind_a_married_name_and_three_olympedia_ids(imported: Podium) -> None:
    key = person(imported, "Antoinette Rijpma-de Jong")
    assert person(imported, "Antoinette de Jong") == key
    assert imported.athlete(key).name == "Antoinette Rijpma-de Jong"
    entered = imported.appearances(key)
    assert [g for g, _ in entered] == [
        "sochi-2014",
        "pyeongchang-2018",
        "beijing-2022",
        "milano-cortina-2026",
    ]
    career = imported.career(key)
    assert [(g.year, t.gold, t.silver, t.bronze) for g, t in career.per_games] == [
        (2018, 0, 0, 1),
        (2022, 0, 0, 2),
        (2026, 1, 1, 0),
    ]
    records = {a.key for a, _ in imported.why(key)}
    assert {"olympedia:26195", "olympedia:137055", "olympedia:149534"} <= records


def test_every_link_says_what_joined_it(imported: Podium) -> None:
    why = dict((a.key, how) for a, how in imported.why(person(imported, "Ireen Wust")))
    assert why["olympedia:137037"].startswith(
        "olympedia:131897: names agree, same sex, born 1987±1, skating, NOC"
    )
    assert set(why) == {"olympedia:131897", "olympedia:137037", "olympics:ireen-wust"}


def test_kaylee_mckeown_is_one_person(imported: Podium) -> None:
    found = imported.search("Kaylee McKeown")
    assert [(m.person.display, m.person.noc) for m in found] == [("Kaylee McKeown", "AUS")]
    career = imported.career(found[0].person.key)
    assert [g.year for g, _ in career.per_games] == [2020, 2024]


@pytest.mark.parametrize(
    ("query", "display", "noc"),
    [
        ("Bjorgen", "Marit Bjørgen", "NOR"),
        ("Marit Bjoergen", "Marit Bjørgen", "NOR"),
        ("Ole Einar Bjorndalen", "Ole Einar Bjørndalen", "NOR"),
        ("James Connolly", "James B. Connolly", "USA"),  # the 1896 champion before a namesake
        ("Valery Kharlamov", "Valery Kharlamov", "URS"),
        ("Ireen Wust", "Ireen Wüst", "NED"),
        ("wuest", "Ireen Wüst", "NED"),
        ("IREEN WÜST", "Ireen Wüst", "NED"),
        ("Jens van t Wout", "Jens van 't Wout", "NED"),
    ],
)
def test_search_as_people_type(imported: Podium, query: str, display: str, noc: str) -> None:
    best = imported.search(query)[0]
    assert (best.person.display, best.person.noc) == (display, noc)


def test_a_name_nobody_has_gets_suggestions(imported: Podium) -> None:
    found = imported.search("Mihael Phelp")
    assert found[0].label == "alike"
    assert found[0].person.display == "Michael Phelps"


@pytest.mark.parametrize(
    ("query", "display"),
    [
        ("Bob de Jong", "Bob de Jong"),
        ("Laurine van Riessen", "Laurine van Riessen"),
        ("Jorien ter Mors", "Jorien ter Mors"),
        ("Jens van 't Wout", "Jens van 't Wout"),
        ("Ning Zhongyan", "Ning Zhongyan"),
    ],
)
def test_names_as_the_press_writes_them(imported: Podium, query: str, display: str) -> None:
    assert imported.athlete(person(imported, query)).name == display


def test_name_parsing() -> None:
    assert parse_family_first("McKEOWN Kaylee").natural == "Kaylee McKeown"
    assert parse_family_first("MacKINNON Nathan").natural == "Nathan MacKinnon"
    assert parse_family_first("LaCOMBE Jackson").natural == "Jackson LaCombe"
    full = parse_full('Irene Karlijn "Ireen" Wst')
    assert (full.given, full.family, full.nickname) == ("Irene Karlijn", "Wst", "Ireen")
    assert parse_full("Tonny de Jong (-Knoll)").other_family == "Knoll"
    assert parse_full("Michael Fred Phelps, II").natural == "Michael Fred Phelps"
    assert parse_full("Antoinette Rijpma-de Jong").family == "Rijpma-de Jong"
    assert press_name(parse_full("Bob de Jong").used, "NED") == "Bob de Jong"
    assert press_name(parse_family_first("NING Zhongyan"), "CHN") == "Ning Zhongyan"
    assert search_forms("Bjørgen") == {"bjorgen", "bjoergen", "bjrgen"}


def test_the_table_as_it_stands_now_and_as_awarded(imported: Podium) -> None:
    def row(noc: str, as_of: datetime | None = None) -> tuple[int, int, int]:
        table = imported.table("beijing-2022", as_of=as_of)
        (found,) = [r for r in table.rows if r.noc == noc]
        return found.tally.gold, found.tally.silver, found.tally.bronze

    closing = imported.games("beijing-2022").ends_at
    assert row("USA") == (9, 9, 7)
    assert row("ROC") == (5, 12, 15)
    assert row("USA", closing) == (8, 10, 7)
    assert row("ROC", closing) == (6, 12, 14)
    changes = [
        (c.at.date().isoformat(), c.kind, c.noc, c.medal.label)
        for c in imported.changes("beijing-2022")
    ]
    assert changes == [
        ("2024-01-30", "revoked", "ROC", "gold"),
        ("2024-01-30", "revoked", "USA", "silver"),
        ("2024-01-30", "revoked", "JPN", "bronze"),
        ("2024-01-30", "awarded", "USA", "gold"),
        ("2024-01-30", "awarded", "JPN", "silver"),
        ("2024-01-30", "awarded", "ROC", "bronze"),
    ]
    assert imported.changes("beijing-2022")[0].reason.startswith("CAS award of 29 January 2024")
    assert row("USA", datetime(2024, 1, 29, tzinfo=UTC)) == (8, 10, 7)


def test_a_bad_olympedia_row_is_reported_with_file_line_and_reason(
    podium: Podium, data_dir: Path, tmp_path: Path
) -> None:
    for folder in ("noc", "olympics-com-history"):
        shutil.copytree(data_dir / folder, tmp_path / folder)
    (tmp_path / "olympedia").mkdir()
    header = "id,name,sex,age,height,weight,team,noc,games,year,season,city_local_latin,"
    header += "city_english,sport,event,medal\n"
    good = "94406,Michael Fred Phelps II,M,19,,,United States,USA,2004 Summer,2004,Summer,"
    good += "Athína,Athens,Swimming,Swimming Men's 100 metres Butterfly,Gold\n"
    bad = good.replace(",Gold", ",Golden")
    odd = good.replace("2004 Summer,2004", "1906 Summer,1906")
    with gzip.open(tmp_path / "olympedia" / "athletes.csv.gz", "wt", encoding="utf-8") as f:
        f.write(header + good + bad + odd)
    reports = podium.import_data(str(tmp_path), only=["noc", "history", "olympedia"])
    olympedia = reports[-1]
    assert [str(s) for s in olympedia.skipped] == [
        "athletes.csv.gz:3: medal: 'Golden' is not Gold, Silver, Bronze or empty"
    ]
    assert (olympedia.rows, olympedia.used, olympedia.unneeded) == (3, 1, 1)
    assert olympedia.notes[0] == (
        "athletes.csv.gz: 1 rows of the 1906 Intercalated Games (lines 4-4) not imported: "
        "outside the official tables"
    )


def test_one_event_under_every_title_it_had(imported: Podium) -> None:
    """Judo's weight classes by their limit ("+48 - 52kg (half-lightweight)" is -52 kg);
    the cross-country relay whatever the length of its legs."""
    years = [p.games.year for p in imported.event_history("judo/w/under-48kg").podiums]
    assert years == [1992, 1996, 2000, 2004, 2008, 2012, 2016, 2020, 2024]
    years = [p.games.year for p in imported.event_history("judo/w/over-78kg").podiums]
    assert years == [2000, 2004, 2008, 2012, 2016, 2020, 2024]
    relay = [p.games.year for p in imported.event_history("cross-country-skiing/m/relay").podiums]
    assert (relay[0], relay[-2:]) == (1936, [2022, 2026])


@pytest.fixture(scope="module")
def client(imported_url: str) -> Iterator[TestClient]:
    with TestClient(create_app(imported_url)) as c:
        yield c


def test_the_search_box_and_its_json(client: TestClient) -> None:
    data = client.get("/athletes.json?q=bjoergen").json()
    assert data["matches"][0]["name"] == "Marit Bjørgen"
    assert data["matches"][0]["appearances"][0] == {
        "games": "salt-lake-city-2002",
        "sport": "skiing",
    }
    page = client.get("/athletes?q=Ireen%20Wust&lang=nl").text
    assert 'role="search"' in page
    assert '<a class="row" href="/athletes/olympedia:131897?lang=nl">Ireen Wüst</a>' in page
    none = client.get("/athletes?q=Qqqqxxzz&lang=en").text
    assert "No athlete is called Qqqqxxzz." in none


def test_the_table_page_lists_the_changes_after_the_games(client: TestClient) -> None:
    data = client.get("/games/beijing-2022.json").json()
    assert [(c["at"][:10], c["kind"], c["noc"], c["medal"]) for c in data["changes"]][:3] == [
        ("2024-01-30", "revoked", "ROC", "gold"),
        ("2024-01-30", "revoked", "USA", "silver"),
        ("2024-01-30", "revoked", "JPN", "bronze"),
    ]
    page = client.get("/games/beijing-2022?lang=en").text
    assert "<h2>Changed after the Games</h2>" in page
    assert '<a href="/games/beijing-2022?as_of=2022-02-20&amp;lang=en">' in page


def _record(key: str, name: str, sex: str, born: int, games: str, olympedia: bool = True) -> Record:
    return Record(
        key, olympedia, (name,), sex, frozenset({born}), frozenset({(games, "skating", "NED")})
    )


def test_linkage_never_merges_across_sex_or_birth_years() -> None:
    linkage = link(
        [
            _record("olympedia:1", "Anna de Vries", "W", 1990, "turin-2006"),
            _record("olympedia:2", "Anna de Vries", "W", 1991, "sochi-2014"),  # the same woman
            _record("olympedia:3", "Anna de Vries", "W", 1960, "calgary-1988"),  # her aunt
            _record("olympedia:4", "Anna de Vries", "M", 1990, "beijing-2022"),
        ]
    )
    assert sorted(linkage.people.values()) == [
        ["olympedia:1", "olympedia:2"],
        ["olympedia:3"],
        ["olympedia:4"],
    ]
    assert [(link.a, link.b) for link in linkage.links] == [("olympedia:1", "olympedia:2")]
