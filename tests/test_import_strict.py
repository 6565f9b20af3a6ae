"""Imports that used to lose rows and exit 0 (issue 15): a stray quote that swallows the next
row reports both rows, a Latin-1 file is refused whole naming its first non-UTF-8 byte, the
command exits 1 when rows are skipped (unless --allow-skips), and a report adds up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from podium import Podium
from podium.cli import app
from podium.importers import Skipped, SourceError

PARIS = "paris-2024"


def stray_quote(data_dir: Path, root: Path) -> Path:
    shutil.copytree(data_dir / "noc", root / "noc")
    (root / PARIS).mkdir()
    lines = (data_dir / PARIS / "medallists.csv").read_text(encoding="utf-8").splitlines(True)
    fields = lines[9].split(",")
    fields[3] = '"' + fields[3]  # line 10's name opens a quote it never closes
    lines[9] = ",".join(fields)
    assert "KONG Man Wai Vivian" in lines[10]  # her épée gold, the row it swallows
    (root / PARIS / "medallists.csv").write_text("".join(lines), encoding="utf-8")
    return root


def test_a_stray_quote_reports_the_row_it_swallowed(
    podium: Podium, data_dir: Path, tmp_path: Path
) -> None:
    root = stray_quote(data_dir, tmp_path / "data")
    podium.import_data(str(root), only=["noc"])
    (report,) = podium.import_data(str(root), only=[PARIS])
    assert report.skipped == [
        Skipped(
            "medallists.csv",
            10,
            "name: a quote left open runs over lines 10 to 11 (a stray quote?); "
            "this row and the 1 it swallowed are skipped",
        ),
        Skipped("medallists.csv", 11, "row: swallowed by the quote left open in name on line 10"),
    ]
    assert (report.rows, report.used, report.unneeded) == (2315, 2313, 0)
    assert report.adds_up


def test_the_command_exits_1_when_rows_are_skipped(data_dir: Path, tmp_path: Path) -> None:
    root = stray_quote(data_dir, tmp_path / "data")
    db = str(tmp_path / "podium.db")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(root), "-s", "noc", "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["import", str(root), "-s", PARIS, "--db", db])
    assert refused.exit_code == 1
    assert "paris-2024: 2315 rows read = 2313 used + 2 skipped + 0 not needed" in refused.output
    assert "2 rows skipped" in refused.output
    again = runner.invoke(app, ["import", str(root), "-s", PARIS, "--db", db, "--allow-skips"])
    assert again.exit_code == 0, again.output


def test_a_latin1_file_is_refused_whole(podium: Podium, data_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(data_dir / "noc", root / "noc")
    (root / PARIS).mkdir()
    text = (data_dir / PARIS / "medallists.csv").read_text(encoding="utf-8")
    (root / PARIS / "medallists.csv").write_bytes(text.encode("latin-1", errors="replace"))
    podium.import_data(str(root), only=["noc"])
    before = podium.store.table_digest()
    with pytest.raises(SourceError) as refused:
        podium.import_data(str(root), only=[PARIS])
    # line 11: Vivian Kong's "Women's Épée Individual", the first letter Latin-1 spells apart
    assert str(refused.value) == (
        "medallists.csv:11: event: not UTF-8 (byte 0xC9): the file must be UTF-8; "
        "convert it first (a Latin-1 file: iconv -f latin1 -t utf-8)"
    )
    assert podium.store.table_digest() == before


def test_the_command_exits_2_on_a_latin1_file(data_dir: Path, tmp_path: Path) -> None:
    root = tmp_path / "data"
    shutil.copytree(data_dir / "noc", root / "noc")
    (root / PARIS).mkdir()
    text = (data_dir / PARIS / "medallists.csv").read_text(encoding="utf-8")
    (root / PARIS / "medallists.csv").write_bytes(text.encode("latin-1", errors="replace"))
    db = str(tmp_path / "podium.db")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(root), "-s", "noc", "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["import", str(root), "-s", PARIS, "--db", db])
    assert refused.exit_code == 2
    assert " ".join(refused.output.split()) == (
        "error: medallists.csv:11: event: not UTF-8 (byte 0xC9): the file must be UTF-8; "
        "convert it first (a Latin-1 file: iconv -f latin1 -t utf-8)"
    )
    with Podium(db) as podium:
        assert podium.store.awards() == []


def test_a_report_adds_up(podium: Podium, data_dir: Path) -> None:
    reports = podium.import_data(str(data_dir), only=["noc", "milano-cortina-2026"])
    assert [(r.source, r.rows, r.used, len(r.skipped), r.unneeded) for r in reports] == [
        ("noc", 262, 262, 0, 0),
        ("milano-cortina-2026", 5538, 4002, 0, 1536),
    ]
    assert all(r.adds_up for r in reports)
    assert reports[1].as_dict()["unneeded"] == 1536


def test_an_extra_untied_gold_is_refused(podium: Podium, data_dir: Path, tmp_path: Path) -> None:
    """A second gold in Vivian Kong's épée final, beside its silver: the source marks no
    ties, and two golds (tied) leave no silver, so the extra row is refused and reported."""
    root = tmp_path / "data"
    shutil.copytree(data_dir / "noc", root / "noc")
    (root / PARIS).mkdir()
    lines = (data_dir / PARIS / "medallists.csv").read_text(encoding="utf-8").splitlines(True)
    assert lines[11].startswith("2024-07-27,Silver Medal,2.0,MALLO-BRETON Auriane,")
    extra = lines[11].replace("Silver Medal,2.0,", "Gold Medal,1.0,")
    lines.insert(13, extra)  # line 14, after the event's bronze
    (root / PARIS / "medallists.csv").write_text("".join(lines), encoding="utf-8")
    podium.import_data(str(root), only=["noc"])
    (report,) = podium.import_data(str(root), only=[PARIS])
    assert report.skipped == [
        Skipped(
            "medallists.csv",
            14,
            "medal_type: one gold too many in fencing/w/epee: 2 golds (tied) "
            "leave no silver, and the source marks no tie",
        )
    ]
    assert (report.rows, report.used, report.unneeded) == (2316, 2315, 0)
    (paris,) = podium.event_history("fencing/w/epee").podiums
    assert [(a.medal, a.noc) for a in paris.awards] == [(1, "HKG"), (2, "FRA"), (3, "HUN")]


def test_the_command_exits_1_on_an_extra_untied_gold(data_dir: Path, tmp_path: Path) -> None:
    """The same extra gold through `podium import`: exit 1, the row named by line and field,
    and the event's real podium all that was written of it."""
    root = tmp_path / "data"
    shutil.copytree(data_dir / "noc", root / "noc")
    (root / PARIS).mkdir()
    lines = (data_dir / PARIS / "medallists.csv").read_text(encoding="utf-8").splitlines(True)
    lines.insert(13, lines[11].replace("Silver Medal,2.0,", "Gold Medal,1.0,"))
    (root / PARIS / "medallists.csv").write_text("".join(lines), encoding="utf-8")
    db = str(tmp_path / "podium.db")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(root), "-s", "noc", "--db", db]).exit_code == 0
    refused = runner.invoke(app, ["import", str(root), "-s", PARIS, "--db", db])
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert "paris-2024: 2316 rows read = 2315 used + 1 skipped + 0 not needed" in said
    assert (
        "skipped medallists.csv:14: medal_type: one gold too many in fencing/w/epee: "
        "2 golds (tied) leave no silver, and the source marks no tie" in said
    )
    assert "1 rows skipped" in said
    with Podium(db) as podium:
        (paris,) = podium.event_history("fencing/w/epee").podiums
        assert [(a.medal, a.noc) for a in paris.awards] == [(1, "HKG"), (2, "FRA"), (3, "HUN")]


def test_real_ties_import_as_ties(podium: Podium, data_dir: Path) -> None:
    """The organiser's file marks no ties either: the three shared medals of 2026 (two
    silvers twice, two bronzes once) fit their podiums and are imported, nothing skipped."""
    reports = podium.import_data(str(data_dir), only=["noc", "milano-cortina-2026"])
    assert [r.skipped for r in reports] == [[], []]
    shared = {
        "alpine-skiing/m/team-combined": [(1, "SUI"), (2, "AUT"), (2, "SUI")],
        "alpine-skiing/w/giant-slalom": [(1, "ITA"), (2, "NOR"), (2, "SWE")],
        "ski-jumping/m/normal-hill": [(1, "GER"), (2, "POL"), (3, "JPN"), (3, "SUI")],
    }
    for event, medals in shared.items():
        *_, milano = podium.event_history(event).podiums
        assert sorted((int(a.medal), a.noc) for a in milano.awards) == medals, event


def test_the_history_keeps_podiums_outside_the_rules_but_caps_a_shared_medal(
    podium: Podium, data_dir: Path, tmp_path: Path
) -> None:
    """The history's rule: its record holds eight podiums decided outside the rules (two
    golds beside a silver in 1912), so a second gold is kept; a fifth bronze is not."""
    history = "olympics-com-history"
    root = tmp_path / "data"
    (root / history).mkdir(parents=True)
    shutil.copy(data_dir / history / "olympic_hosts.csv", root / history)
    lines = (data_dir / history / "olympic_medals.csv").read_text(encoding="utf-8").splitlines(True)
    skating, short_track = lines[326:329], lines[55:58]  # men's 500 m of 2022, each
    assert [line.split(",")[4] for line in skating] == ["GOLD", "SILVER", "BRONZE"]
    bronzes = [
        skating[2].replace("wataru-morishige", f"skater-{c}").replace("Wataru", f"Skater{c}")
        for c in "abcd"
    ]
    # a second gold beside the silver, to a skater of his NOC
    gold = short_track[2].replace(",SILVER,", ",GOLD,").replace("konstantin-ivliev", "skater-e")
    rows = [lines[0], *skating, *bronzes, *short_track, gold]
    (root / history / "olympic_medals.csv").write_text("".join(rows), encoding="utf-8")
    podium.import_data(str(root), only=["noc"])
    (report,) = podium.import_data(str(root), only=["history"])
    assert report.skipped == [
        Skipped(
            "olympic_medals.csv",
            8,
            "medal_type: one bronze too many in speed-skating/m/500m: 5 bronze medals: no event "
            "shares a medal more than 4 ways, and the source marks no tie",
        )
    ]
    medals = {
        event: sorted((int(a.medal), a.noc) for a in podium.event_history(event).podiums[-1].awards)
        for event in ("speed-skating/m/500m", "short-track/m/500m")
    }
    assert medals == {
        "speed-skating/m/500m": [
            (1, "CHN"),
            (2, "KOR"),
            (3, "JPN"),
            (3, "JPN"),
            (3, "JPN"),
            (3, "JPN"),
        ],
        "short-track/m/500m": [(1, "HUN"), (1, "ROC"), (2, "ROC"), (3, "CAN")],
    }
