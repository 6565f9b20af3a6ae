"""Importing: every source, idempotent, bad rows reported and skipped, paths and URLs alike."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import serve_folder
from podium import Podium

SOURCE_NAMES = [
    "noc",
    "history",
    "paris-2024",
    "milano-cortina-2026",
    "olympedia",
    "decisions",
    "rosters",
]


def test_importing_everything_again_changes_nothing(imported: Podium, data_dir: Path) -> None:
    """One import again (each takes a while): nothing new, and nothing skipped but Olympedia's
    rows of the 1906 Games (outside the official tables) and of athletes whose NOC no entry and
    no other source gives (team entries from 2018 on carry "NAN")."""
    before = imported.store.table_digest()
    revision = imported.store.revision()
    reports = imported.import_data(str(data_dir))
    assert [r.source for r in reports] == SOURCE_NAMES
    assert all(n == 0 for r in reports for n in r.added.values())
    assert imported.store.table_digest() == before
    assert imported.store.revision() == revision
    assert {r.source: [str(s) for s in r.skipped] for r in reports} == {
        name: [] for name in SOURCE_NAMES
    }
    olympedia = reports[SOURCE_NAMES.index("olympedia")]
    # read, not needed: the 1906 Games (outside the official tables) and athletes whose NOC
    # no entry and no other source gives (team entries from 2018 on carry "NAN"); two of those
    # are Arisa Higashino's, a woman by Paris 2024 (whose gender the history record takes)
    # and a man in Olympedia's copy: records of two sexes are never one person
    assert olympedia.unneeded == 1733 + 2928
    assert olympedia.notes[0] == (
        "athletes.csv.gz: 1733 rows of the 1906 Intercalated Games (lines 3619-5351) not "
        "imported: outside the official tables"
    )
    assert all(r.adds_up for r in reports)
    assert {r.source: r.rows for r in reports} == {
        "noc": 262,
        "history": 53 + 21697,
        "paris-2024": 2315,
        "milano-cortina-2026": 1884 + 2916 + 709 + 29,
        "olympedia": 315090,
        "decisions": 27,
        "rosters": 3,
    }


def test_the_report_lists_mapped_spellings(imported: Podium, data_dir: Path) -> None:
    reports = {r.source: r for r in imported.import_data(str(data_dir), only=["paris-2024"])}
    mapped = reports["paris-2024"].mapped
    assert mapped["athlete matched to an earlier source by name and NOC"] > 300


def _small_copy(data_dir: Path, target: Path, keep: int) -> None:
    """The NOC reference and history hosts whole, the first `keep` medal rows of the history."""
    (target / "noc").mkdir(parents=True)
    shutil.copy(data_dir / "noc" / "noc_reference_nl.csv", target / "noc")
    history = target / "olympics-com-history"
    history.mkdir()
    shutil.copy(data_dir / "olympics-com-history" / "olympic_hosts.csv", history)
    with open(data_dir / "olympics-com-history" / "olympic_medals.csv", encoding="utf-8") as f:
        lines = f.readlines()[: keep + 1]
    (history / "olympic_medals.csv").write_text("".join(lines), encoding="utf-8")


def _append_rows(path: Path, rows: list[dict[str, str]]) -> None:
    with open(path, encoding="utf-8") as f:
        header = next(csv.reader(f))
    with open(path, "a", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writerows(rows)


def _bad_row(**change: str) -> dict[str, str]:
    row = {
        "discipline_title": "Speed skating",
        "slug_game": "beijing-2022",
        "event_title": "Women's 500m",
        "event_gender": "Women",
        "medal_type": "GOLD",
        "participant_type": "Athlete",
        "participant_title": "",
        "athlete_url": "https://olympics.com/en/athletes/nobody-test",
        "athlete_full_name": "Test NOBODY",
        "country_name": "Nowhere",
        "country_code": "XX",
        "country_3_letter_code": "XYZ",
    }
    row.update(change)
    return row


def test_malformed_rows_are_reported_and_the_rest_imported(
    podium: Podium, tmp_path: Path, data_dir: Path
) -> None:
    _small_copy(data_dir, tmp_path, keep=40)
    medals = tmp_path / "olympics-com-history" / "olympic_medals.csv"
    _append_rows(
        medals,
        [
            _bad_row(),  # unknown NOC
            _bad_row(country_3_letter_code="NED", medal_type="PLATINUM"),
            _bad_row(country_3_letter_code="NED", event_title=""),
            _bad_row(country_3_letter_code="NED", slug_game="atlantis-2030"),
            _bad_row(country_3_letter_code="NED", discipline_title="Underwater Chess"),
            _bad_row(country_3_letter_code="NED"),  # a good row after the bad ones
        ],
    )
    reports = podium.import_data(str(tmp_path), only=["noc", "history"])
    history = reports[1]
    assert [str(s) for s in history.skipped] == [
        "olympic_medals.csv:42: NOC: unknown code 'XYZ'",
        "olympic_medals.csv:43: medal_type: 'PLATINUM' is not GOLD, SILVER or BRONZE",
        "olympic_medals.csv:44: event: missing",
        "olympic_medals.csv:45: slug_game: unknown Games 'atlantis-2030'",
        "olympic_medals.csv:46: discipline: unknown discipline: 'Underwater Chess'",
    ]
    assert history.used == 53 + 41
    awards = podium.store.awards(games=["beijing-2022"], event="speed-skating/w/500m")
    assert [(a.noc, a.athlete) for a in awards] == [("NED", "olympics:nobody-test")]
    again = podium.import_data(str(tmp_path), only=["noc", "history"])
    assert all(n == 0 for n in again[1].added.values())


@pytest.fixture
def http_data(tmp_path: Path, data_dir: Path) -> Iterator[tuple[str, Path]]:
    """The small data copy served over HTTP on loopback."""
    folder = tmp_path / "served"
    _small_copy(data_dir, folder, keep=300)
    with serve_folder(folder) as url:
        yield url, folder


def test_a_url_imports_exactly_like_a_path(http_data: tuple[str, Path], tmp_path: Path) -> None:
    url, folder = http_data
    with (
        Podium(f"sqlite:///{tmp_path / 'from-url.db'}") as a,
        Podium(f"sqlite:///{tmp_path / 'from-path.db'}") as b,
    ):
        via_url = a.import_data(url, only=["noc", "history"])
        via_path = b.import_data(str(folder), only=["noc", "history"])
        assert [r.added for r in via_url] == [r.added for r in via_path]
        assert via_url[1].added["award"] > 100
        digest = [row for row in a.store.table_digest() if row[0] != "award"]
        assert digest == [row for row in b.store.table_digest() if row[0] != "award"]
        awards_a = [aw.key for aw in a.store.awards()]
        assert awards_a == [aw.key for aw in b.store.awards()]


def test_namesakes_of_another_sex_stay_two_athletes(imported: Podium) -> None:
    """Wu Yu of CHN: the Paris boxer (a woman) and the 2026 speed skater (a man) share a name
    and a NOC; matched by name alone they were one athlete, and the men's team pursuit had a
    woman among its members."""
    skater, boxer = (imported.store.athlete(k) for k in ("milano-cortina-2026:39886", BOXER))
    assert skater is not None and boxer is not None
    assert [(a.name, a.noc, a.gender) for a in (skater, boxer)] == [
        ("Wu Yu", "CHN", "M"),
        ("Wu Yu", "CHN", "W"),
    ]
    *_, milano = imported.event_history("speed-skating/m/team-pursuit").podiums
    (bronze,) = [a for a in milano.awards if a.medal == 3]
    assert BOXER not in bronze.members
    assert {imported.store.athlete(k).gender for k in bronze.members} == {"M"}  # type: ignore[union-attr]


BOXER = "paris-2024:1926833"


def test_a_history_record_matched_by_a_later_source_gets_its_gender(imported: Podium) -> None:
    """The history gives no gender; the 2026 file matched 306 of its athletes to history
    records, which keep the history's key. The 2026 gender is filled in where the record had
    none, so the desk's sex check knows these medallists of 2026 too (they were None)."""
    keys = ("choi-minjeong", "daeheon-hwang", "mengtao-xu", "yiming-su")
    assert {k: imported.store.athlete_sex(f"olympics:{k}") for k in keys} == {
        "choi-minjeong": "W",
        "daeheon-hwang": "M",
        "mengtao-xu": "W",
        "yiming-su": "M",
    }
