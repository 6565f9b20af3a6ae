"""`podium data fetch` and `podium import` with no data folder, against a loopback mirror
that serves the public origins' layout (OWNER/REPO/COMMIT/PATH) with the shared data's bytes."""

from __future__ import annotations

import gzip
import hashlib
import json
import lzma
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from conftest import LIVE_GAMES, serve_folder
from podium.cli import app
from podium.importers import noc, rdata
from podium.importers.origins import ORIGINS, Origin
from support import free_port

SRC = Path(__file__).resolve().parents[1] / "src"
runner = CliRunner()


# Olympedia's origin is an R data file, which ../shared/data does not hold (it holds the CSV)
SHARED = [o for o in ORIGINS if not o.frame]
FOLDERS = ["-f", "olympics-com-history", "-f", "paris-2024", "-f", "milano-cortina-2026"]


def _mirror(root: Path, data_dir: Path, damaged: Origin | None = None) -> Path:
    for origin in SHARED:
        target = root / origin.repo / origin.commit / origin.path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(data_dir / origin.file, target)
        if origin == damaged:
            with open(target, "ab") as handle:
                handle.write(b"\n")
    return root


@pytest.fixture
def mirror(tmp_path: Path, data_dir: Path) -> Iterator[str]:
    with serve_folder(_mirror(tmp_path / "mirror", data_dir)) as url:
        yield url


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_fetch_fills_a_folder_with_the_pinned_files_and_keeps_them(
    mirror: str, tmp_path: Path, data_dir: Path
) -> None:
    into = tmp_path / "data"
    fetch = ["data", "fetch", "--into", str(into), "--origin", mirror, *FOLDERS]
    first = runner.invoke(app, fetch)
    assert first.exit_code == 0, first.output
    assert first.stdout == (
        f"{into}: fetched 12 files, 0 already there; NOC reference built (262 codes)\n"
    )
    assert {str(p.relative_to(into)) for p in into.rglob("*") if p.is_file()} == {
        *(o.file for o in SHARED),
        "noc/noc_reference_nl.csv",
    }
    assert all(_sha256(into / o.file) == _sha256(data_dir / o.file) for o in SHARED)
    again = runner.invoke(app, fetch)
    assert "fetched 0 files, 12 already there" in again.stdout


def test_a_file_that_is_not_the_pinned_one_is_refused_and_not_kept(
    tmp_path: Path, data_dir: Path
) -> None:
    damaged = next(o for o in ORIGINS if o.file == "milano-cortina-2026/medals.csv")
    root = _mirror(tmp_path / "mirror", data_dir, damaged)
    got = hashlib.sha256((data_dir / damaged.file).read_bytes() + b"\n").hexdigest()
    into = tmp_path / "data"
    with serve_folder(root) as url:
        result = runner.invoke(
            app, ["data", "fetch", "--into", str(into), "--origin", url, *FOLDERS]
        )
    assert result.exit_code == 2
    assert (
        f"error: milano-cortina-2026/medals.csv: {damaged.url(url)} has SHA-256 {got}, not the "
        f"pinned {damaged.sha256}; nothing kept"
    ) in result.stderr
    assert sorted(p.name for p in (into / "milano-cortina-2026").iterdir()) == [
        "athletes.csv",
        "medallists.csv",
    ]


def _clone(tmp_path: Path) -> Path:
    """The package as a fresh clone has it, with no ../shared beside it."""
    clone = tmp_path / "clone"
    shutil.copytree(
        SRC / "podium", clone / "src" / "podium", ignore=shutil.ignore_patterns("__pycache__")
    )
    return clone


def _podium(clone: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
    environment.update(env, PYTHONPATH=str(clone / "src"), COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-m", "podium", *args],
        cwd=clone,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_fresh_clone_fetches_on_first_import_and_serves_the_2026_table(
    mirror: str, tmp_path: Path, database_url: str
) -> None:
    clone = _clone(tmp_path)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache), "PODIUM_DATA_ORIGIN": mirror}
    imported = _podium(
        clone, env, "import", "-s", "noc", "-s", "milano-cortina-2026", "--db", database_url
    )
    assert imported.returncode == 0, imported.stderr
    assert f"fetched 6 files into {cache / 'podium' / 'data'}" in imported.stderr
    assert "noc: 262 rows read = 262 used" in imported.stdout
    table = _podium(
        clone, env, "table", "milano-cortina-2026", "--format", "json", "--db", database_url
    )
    first = json.loads(table.stdout)["rows"][0]
    assert (first["noc"], first["gold"], first["silver"], first["bronze"]) == ("NOR", 18, 12, 11)
    assert (cache / "podium" / "data" / "noc" / noc.FILE).is_file()


def test_make_run_on_a_fresh_clone_serves_the_replayed_2026_table(
    mirror: str, tmp_path: Path
) -> None:
    """`make run`'s steps end to end on a clone with no ../shared beside it: the data comes
    from the loopback mirror into the cache, the live database is staged (HISTORY=no: the
    NOCs and the Games, seconds rather than minutes), served, and the replay (at 100,000x)
    reaches the table; Ctrl-C then stops the server and the replay, leaving no process.
    The venv is this one, taken as installed (`make -o`), running the clone's package."""
    clone = _clone(tmp_path)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(SRC.parent / name, clone / name)
    venv = Path(sys.prefix)
    port = free_port()
    cache = tmp_path / "cache"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PODIUM_")}
    environment.update(
        PYTHONPATH=str(clone / "src"), XDG_CACHE_HOME=str(cache), PODIUM_DATA_ORIGIN=mirror
    )
    log = tmp_path / "make.log"
    command = ["make", "-o", f"{venv}/bin/.installed", "run", f"VENV={venv}", f"PORT={port}"]
    with open(log, "w") as output:
        make = subprocess.Popen(
            [*command, "SPEED=100000", "HISTORY=no"],
            cwd=clone,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches
        )
    try:
        table = _replayed_table(f"http://127.0.0.1:{port}/games/{LIVE_GAMES}.json", make)
        assert table is not None, log.read_text()[-3000:]
        assert table["medals"] == {"gold": 116, "silver": 118, "bronze": 115, "total": 349}
        first = table["rows"][0]
        assert (first["noc"], first["gold"], first["silver"], first["bronze"]) == (
            "NOR",
            18,
            12,
            11,
        )
        assert (cache / "podium" / "data" / "milano-cortina-2026" / "medals.csv").is_file()
        assert not (cache / "podium" / "data" / "olympedia").exists()  # only what it read
    finally:
        os.killpg(make.pid, signal.SIGINT)
        make.wait(30)
    # nothing of the group is left: server, its column process and replay stopped (a process
    # is gone a moment after its parent; multiprocessing's resource tracker, after the server)
    deadline = time.monotonic() + 10
    with pytest.raises(ProcessLookupError):
        while time.monotonic() < deadline:
            os.killpg(make.pid, 0)
            time.sleep(0.1)
    said = log.read_text()
    assert "fetched 6 files into" in said
    assert "done: 116× 201" in said


def _replayed_table(url: str, make: subprocess.Popen[bytes]) -> dict[str, Any] | None:
    """The table once all 116 results are in (None if `make` stops or 300 s pass first: a
    bound for a machine busy with other work; about 30 s on an idle one)."""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and make.poll() is None:
        try:
            table: dict[str, Any] = httpx.get(url, timeout=5).json()
        except (httpx.HTTPError, ValueError):
            table = {}
        if table.get("seq") == 116:
            return table
        time.sleep(1)
    return None


def test_with_no_data_and_no_origin_the_message_says_what_to_do(
    tmp_path: Path, database_url: str
) -> None:
    clone = _clone(tmp_path)
    with serve_folder(tmp_path / "empty") as nowhere:
        pass  # closed again: nothing answers there any more
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PODIUM_DATA_ORIGIN": nowhere}
    result = _podium(clone, env, "import", "--db", database_url)
    assert result.returncode == 2
    cache = tmp_path / "cache" / "podium" / "data"
    assert result.stderr.startswith(
        f"error: no data: PODIUM_DATA is not set, there is no {tmp_path / 'shared' / 'data'}, "
        f"and fetching into {cache} failed (olympics-com-history/olympic_hosts.csv: cannot fetch "
    )
    assert result.stderr.rstrip().endswith(
        f"Run `podium data fetch` where {nowhere} can be reached, or give the data folder: "
        "`podium import PATH` or PODIUM_DATA=PATH"
    )


# -- Olympedia: an R data file, converted to CSV ------------------------------------------


def _int(n: int) -> bytes:
    return struct.pack(">i", n)


def _char(text: str | None) -> bytes:
    if text is None:
        return _int(9) + _int(-1)
    data = text.encode("utf-8")
    return _int(9 | (1 << 15)) + _int(len(data)) + data  # flagged UTF-8


def _strings(values: list[str | None], attributes: bytes = b"") -> bytes:
    head = _int(16 | (1 << 9) if attributes else 16)
    return head + _int(len(values)) + b"".join(_char(v) for v in values) + attributes


def _pairlist(items: list[tuple[str, bytes]], seen: list[str]) -> bytes:
    """Tagged items; a symbol seen before in the file is a reference to it, as R writes it."""
    out = b""
    for tag, value in items:
        if tag in seen:
            symbol = _int(((seen.index(tag) + 1) << 8) | 255)
        else:
            seen.append(tag)
            symbol = _int(1) + _char(tag)
        out += _int(2 | (1 << 10)) + symbol + value
    return out + _int(254)


def _frame_rda() -> bytes:
    """A data frame as R's save() writes it: an integer column with NA, a real column with
    NA, strings with NA and a factor, its row names in R's compact form c(NA, -n)."""
    seen = ["olympic_athletes"]  # the first symbol in the file: the frame's name
    na_real = struct.pack(">II", 0x7FF00000, 1954)
    factor = _pairlist(
        [("levels", _strings(["Gold", "Silver"])), ("class", _strings(["factor"]))], seen
    )
    columns = [
        _int(13) + _int(3) + _int(12068) + _int(-(2**31)) + _int(7),
        _int(14) + _int(3) + struct.pack(">d", 154.0) + na_real + struct.pack(">d", 1.5),
        _strings(["Athína", None, 'Tom "T" Burke, Jr']),
        _int(13 | (1 << 9) | (1 << 8)) + _int(3) + _int(1) + _int(-(2**31)) + _int(2) + factor,
    ]
    attributes = _pairlist(
        [
            ("names", _strings(["id", "height", "city", "medal"])),
            ("class", _strings(["data.frame"])),  # a reference to the factor's "class"
            ("row.names", _int(13) + _int(2) + _int(-(2**31)) + _int(-3)),
        ],
        seen,
    )
    frame = _int(19 | (1 << 9) | (1 << 8)) + _int(len(columns)) + b"".join(columns) + attributes
    body = _int(3) + _int(0x40503) + _int(0x30500) + _int(5) + b"UTF-8"
    saved = _pairlist([("olympic_athletes", frame)], [])
    return lzma.compress(b"RDX3\nX\n" + body + saved)


def test_an_r_data_frame_becomes_the_csv_the_importer_reads(tmp_path: Path) -> None:
    (tmp_path / "frame.rda").write_bytes(_frame_rda())
    digest = rdata.to_csv_gz(tmp_path / "frame.rda", "olympic_athletes", tmp_path / "a.csv.gz")
    text = gzip.decompress((tmp_path / "a.csv.gz").read_bytes()).decode("utf-8")
    assert text == (
        'id,height,city,medal\n12068,154.0,Athína,Gold\n,,,\n7,1.5,"Tom ""T"" Burke, Jr",Silver\n'
    )
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()
    with pytest.raises(rdata.RDataError, match=r"frame\.rda: no data frame 'athletes'"):
        rdata.to_csv_gz(tmp_path / "frame.rda", "athletes", tmp_path / "b.csv.gz")


def test_an_r_data_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    (olympedia,) = [o for o in ORIGINS if o.frame]
    served = tmp_path / "mirror" / olympedia.repo / olympedia.commit / olympedia.path
    served.parent.mkdir(parents=True)
    served.write_bytes(_frame_rda())
    into = tmp_path / "data"
    with serve_folder(tmp_path / "mirror") as url:
        result = runner.invoke(
            app, ["data", "fetch", "--into", str(into), "--origin", url, "-f", "olympedia"]
        )
    assert result.exit_code == 2
    got = hashlib.sha256(served.read_bytes()).hexdigest()
    assert f"olympedia/athletes.csv.gz: {olympedia.url(url)} has SHA-256 {got}, not the " in (
        result.stderr
    )
    assert list((into / "olympedia").iterdir()) == []
