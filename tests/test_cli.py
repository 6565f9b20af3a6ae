"""The `podium` command, run in-process on a real database."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from podium import Podium
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
        6,
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


# -- a command line that tells the truth (issue 16) ---------------------------------------


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield (*prefix, name)


def test_every_commands_help_shows_its_defaults() -> None:
    root: Any = typer.main.get_command(app)
    commands = list(_commands(root))
    assert ("data", "fetch") in commands and ("import",) in commands
    for path in commands:
        command = root
        for name in path:
            command = command.commands[name]
        result = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "300"})
        # the help as one line: Rich wraps long defaults inside its panel
        text = " ".join(line.strip(" │") for line in result.output.splitlines())
        text = " ".join(text.split())
        for param in command.params:
            custom = isinstance(param.show_default, str)
            if param.name == "help" or (param.default is None and not custom):
                continue
            shown = param.show_default if custom else param.default
            if isinstance(shown, list | tuple):
                continue
            shown = shown.value if isinstance(shown, Enum) else shown
            shown = f"({shown})" if custom else shown
            assert f"[default: {shown}]" in text, (path, param.name, text)
        for param in command.params:
            for variable in [param.envvar] if isinstance(param.envvar, str) else []:
                assert f"[env var: {variable}]" in text, (path, param.name)


READS = [
    ["table", "winter"],
    ["table", "milano-cortina-2026"],
    ["noc", "NED"],
    ["event", "speed-skating/w/500m"],
    ["athlete", "Jutta Leerdam"],
    ["story", "table", "milano-cortina-2026"],
    ["facts", "table", "milano-cortina-2026"],
]


@pytest.mark.parametrize("args", READS, ids=lambda a: a[0])
def test_a_read_command_creates_no_database(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PODIUM_DATABASE_URL", raising=False)
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert result.stderr == "error: no database at podium.db: run `podium import` first\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", READS, ids=lambda a: a[0])
def test_a_database_without_games_says_to_import(args: list[str], database_url: str) -> None:
    with Podium(database_url):  # the schema, as a failed import leaves it
        pass
    result = runner.invoke(app, [*args, "--db", database_url])
    assert result.exit_code == 2
    assert result.stderr == "error: the database has no Games: run `podium import` first\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["milano-cortina-2026", "--as-of", "2025-01-01"],
            "Milano Cortina 2026: no medal had been awarded by 2025-01-01 (they began on "
            "2026-02-06)",
        ),
        (
            ["winter", "--as-of", "1920-01-01"],
            "Winter Games: no medal had been awarded by 1920-01-01 (the first, Chamonix 1924, "
            "began on 1924-01-25)",
        ),
    ],
)
def test_a_moment_before_the_first_medal_says_so(
    imported_url: str, args: list[str], message: str
) -> None:
    result = runner.invoke(app, ["table", *args, "--db", imported_url])
    assert result.exit_code == 2
    assert result.stderr == f"error: {message}\n"
