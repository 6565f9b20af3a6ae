"""The `podium` command, run in-process on a real database."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from podium.cli import app

runner = CliRunner()


def _run(*args: str) -> str:
    result = runner.invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_table_json_has_the_documented_row_shape(imported_url: str) -> None:
    data = json.loads(
        _run("table", "milano-cortina-2026", "--format", "json", "--db", imported_url)
    )
    assert data["title"] == "Milano Cortina 2026"
    first, ain = data["rows"][0], data["rows"][-1]
    assert {k: first[k] for k in ("rank", "noc", "gold", "silver", "bronze", "total")} == {
        "rank": 1,
        "noc": "NOR",
        "gold": 18,
        "silver": 12,
        "bronze": 11,
        "total": 41,
    }
    assert (ain["noc"], ain["rank"], ain["silver"]) == ("AIN", None, 1)
    assert len(data["rows"]) == 30


def test_table_as_of_in_dutch_as_csv(imported_url: str) -> None:
    out = _run(
        "table",
        "milano-cortina-2026",
        "--as-of",
        "2026-02-17",
        "--lang",
        "nl",
        "--format",
        "csv",
        "--db",
        imported_url,
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[3] == {
        "rank": "4",
        "noc": "NED",
        "name": "Nederland",
        "gold": "6",
        "silver": "6",
        "bronze": "1",
        "total": "13",
        "points": "31",
    }


def test_table_rich_output_in_dutch(imported_url: str) -> None:
    out = _run("table", "milano-cortina-2026", "--lang", "nl", "--noc", "NED", "--db", imported_url)
    assert "Plaats" in out and "Nederland" in out and "│      3 │ NED │" in out


def test_total_order(imported_url: str) -> None:
    data = json.loads(
        _run(
            "table",
            "milano-cortina-2026",
            "--order",
            "total",
            "--format",
            "json",
            "--db",
            imported_url,
        )
    )
    assert [(r["rank"], r["noc"], r["total"]) for r in data["rows"][:3]] == [
        (1, "NOR", 41),
        (2, "USA", 33),
        (3, "ITA", 30),
    ]


def test_noc_history(imported_url: str) -> None:
    data = json.loads(
        _run("noc", "NED", "--season", "winter", "--format", "json", "--db", imported_url)
    )
    sochi = next(r for r in data if r["games"]["slug"] == "sochi-2014")
    assert (sochi["rank"], sochi["gold"], sochi["silver"], sochi["bronze"], sochi["total"]) == (
        5,
        8,
        7,
        9,
        24,
    )


def test_event_history_by_words(imported_url: str) -> None:
    data = json.loads(
        _run("event", "speed skating women 500", "--format", "json", "--db", imported_url)
    )
    assert data["event"]["key"] == "speed-skating/w/500m"
    last = data["podiums"][-1]
    assert [(a["medal"], a["athlete"]["name"]) for a in last["awards"]][:2] == [
        ("gold", "Femke Kok"),
        ("silver", "Jutta Leerdam"),
    ]


def test_athlete_career(imported_url: str) -> None:
    data = json.loads(_run("athlete", "Femke Kok", "--format", "json", "--db", imported_url))
    assert (data["athlete"]["name"], data["gold"], data["silver"]) == ("Femke Kok", 1, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["table", "atlantis-2030"], "no Games 'atlantis-2030'"),
        (["table", "milano-cortina-2026", "--as-of", "17 Feb"], "as-of: '17 Feb' is not a date"),
        (["table", "milano-cortina-2026", "--sport", "chess"], "no sport or discipline 'chess'"),
        (["noc", "XYZ"], "no NOC with code 'XYZ'"),
    ],
)
def test_clear_errors(imported_url: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", imported_url])
    assert result.exit_code == 2
    assert message in result.output


def test_every_command_has_help_with_an_example() -> None:
    for command in ("import", "table", "noc", "event", "athlete"):
        out = _run(command, "--help")
        assert "Example: podium " + command in out


def test_import_reports_nothing_new_the_second_time(imported_url: str, data_dir: object) -> None:
    out = _run("import", str(data_dir), "--source", "noc", "--db", imported_url)
    assert (
        out.strip() == "noc: 262 rows read = 262 used + 0 skipped + 0 not needed; added nothing new"
    )
