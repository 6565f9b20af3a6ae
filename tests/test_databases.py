"""Opening a database: read commands never make one (nor tables in an empty PostgreSQL
one), an empty or foreign file is refused with a message, a corrupt SQLite file fails
`podium check` and `podium serve` refuses it before taking a request; a sound database
passes on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from conftest import BACKEND
from podium import Podium
from podium.cli import app
from podium.store import UnusableDatabase, check
from podium.web.app import create_app
from podium.web.server import serve

runner = CliRunner()


def test_read_commands_make_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    for command in (["table", "milano-cortina-2026"], ["noc", "NED"], ["check"]):
        result = runner.invoke(app, [*command, "--db", str(missing)])
        assert result.exit_code == 2, result.output
        said = " ".join(result.output.split())
        assert str(missing) in said and "no database" in said and "podium import" in said
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(UnusableDatabase, match="no database there"):
        Podium(str(missing), migrate=False)
    assert not missing.exists()


def test_read_commands_leave_an_empty_database_empty(database_url: str) -> None:
    """On the backend under test, a database nothing was imported into (SQLite: no file yet;
    PostgreSQL: a database with no tables) is refused by read commands and left as it was."""
    said = {}
    checked = runner.invoke(app, ["check", "--db", database_url])
    assert checked.exit_code == (2 if BACKEND == "sqlite" else 1), checked.output
    said["check"] = " ".join(checked.output.split())
    for command in (["table", "milano-cortina-2026"], ["noc", "NED"]):
        result = runner.invoke(app, [*command, "--db", database_url])
        assert result.exit_code == 2, result.output
        said[command[0]] = " ".join(result.output.split())
    if BACKEND == "sqlite":
        path = Path(database_url.removeprefix("sqlite:///"))
        refusal = f"error: no database at {path}: run `podium import` first"
        assert said.pop("check") == f"error: {path}: no database there (`podium import` makes one)"
        assert all(s.startswith(refusal) for s in said.values()), said
        assert not path.exists()
    else:
        refusal = "error: no Podium data in this database; run `podium import` first"
        assert said.pop("check") == (
            "problem: not a Podium database: no schema version (`podium import` makes one) "
            "schema: none"
        )
        assert all(s.startswith(refusal) for s in said.values()), said
        engine = create_engine(database_url)
        try:
            assert inspect(engine).get_table_names() == []
        finally:
            engine.dispose()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is an empty file, not a Podium database: remove it to start a new one"),
        (b"name,noc\nKok,NED\n", "is not a SQLite database (it begins b'name,noc')"),
    ],
)
def test_an_empty_or_foreign_file_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "podium.db"
    path.write_bytes(content)
    with pytest.raises(UnusableDatabase) as refused:
        Podium(str(path))  # not even a writer takes it for a new database
    assert str(refused.value) == f"{path} {message}"
    with pytest.raises(ValueError, match=r"is not|is an empty"):
        serve(str(path), "127.0.0.1", 0)
    result = runner.invoke(app, ["table", "milano-cortina-2026", "--db", str(path)])
    assert result.exit_code == 2
    assert path.read_bytes() == content


def test_a_corrupt_file_fails_the_check_and_the_server_refuses_it(
    tmp_path: Path, data_dir: Path
) -> None:
    path = tmp_path / "podium.db"
    with Podium(str(path)) as podium:
        podium.import_data(str(data_dir), only=["noc"])
    with Podium(str(path)) as podium:
        assert check(podium.store).problems == ()
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xde\xad\xbe\xef" * (page // 4)
    path.write_bytes(bytes(data))

    result = runner.invoke(app, ["check", "--db", str(path)])
    assert result.exit_code == 1
    assert "problem:" in result.output
    assert "SQLite quick_check:" in result.output or "unreadable:" in result.output
    with pytest.raises(ValueError, match="see `podium check`"):
        serve(str(path), "127.0.0.1", 0)


def test_a_sound_database_passes(podium: Podium, data_dir: Path) -> None:
    podium.import_data(str(data_dir), only=["noc"])
    checked = check(podium.store)
    assert checked.problems == ()
    assert checked.schema is not None  # the newest migration, or problems would say
    assert checked.counts["noc"] > 200
    assert checked.counts["award"] == 0


def test_a_country_page_before_any_games_is_a_404(podium: Podium, data_dir: Path) -> None:
    podium.import_data(str(data_dir), only=["noc"])
    with TestClient(create_app(podium.store.url)) as client:
        answer = client.get("/nocs/NED.json")
    assert answer.status_code == 404
    assert answer.json() == {"error": "no Games in this database yet (`podium import` adds them)"}
