"""Several server processes on one PostgreSQL database: a result recorded through one process
reaches the live pages of another within a second, carried by LISTEN/NOTIFY, and the other
process's cached pages move on with it."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from conftest import BACKEND, LIVE_GAMES
from podium import Podium, ledger
from podium.replay import results, stage
from support import ServerProcess

needs_postgres = pytest.mark.skipif(
    BACKEND != "postgresql",
    reason="live updates across server processes are PostgreSQL's LISTEN/NOTIFY; "
    "SQLite serves one process",
)


class LiveReader(threading.Thread):
    """An SSE client: puts (arrival time, event id) of every event it receives."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.events: queue.Queue[tuple[float, int]] = queue.Queue()
        self.connected = threading.Event()

    def run(self) -> None:
        try:
            with httpx.stream("GET", self.url, timeout=None) as response:
                self.connected.set()
                for line in response.iter_lines():
                    if line.startswith("id:"):
                        self.events.put((time.monotonic(), int(line[3:].strip())))
        except httpx.TransportError:
            pass  # the server went away at the end of the test


def _staged(database_url: str, data_dir: Path) -> str:
    """The live Games staged (no medals yet); an editor token."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "scale-out test")
    return token


@pytest.fixture
def two_servers(
    database_url: str, data_dir: Path, tmp_path: Path
) -> Iterator[tuple[ServerProcess, ServerProcess, str]]:
    token = _staged(database_url, data_dir)
    with (
        ServerProcess(database_url, log=tmp_path / "a.log") as a,
        ServerProcess(database_url, log=tmp_path / "b.log") as b,
    ):
        yield a, b, token


def _final(url: str) -> Any:
    """The page at `url` once it is no longer partial (within 60 s)."""
    deadline = time.monotonic() + 60
    while True:
        page = httpx.get(url)
        if not page.headers["etag"].endswith('-partial"') or time.monotonic() > deadline:
            return page.json()
        time.sleep(0.1)


@needs_postgres
def test_a_result_through_one_process_reaches_the_live_pages_of_another(
    two_servers: tuple[ServerProcess, ServerProcess, str], data_dir: Path, database_url: str
) -> None:
    a, b, token = two_servers
    with Podium(database_url) as podium:
        plan = results(podium, str(data_dir), LIVE_GAMES)
    table_b = httpx.get(f"{b.url}/games/{LIVE_GAMES}.json").json()
    assert table_b["rows"] == []  # and now process B keeps this answer for its revision
    reader = LiveReader(f"{b.url}/games/{LIVE_GAMES}/live")
    reader.start()
    assert reader.connected.wait(10)  # from here the stream has every entry after now

    headers = {"Authorization": f"Bearer {token}"}
    for result in plan[:3]:
        posted = httpx.post(
            f"{a.url}/api/games/{LIVE_GAMES}/results", json=result.body, headers=headers
        )
        assert posted.status_code == 201, posted.text
        acknowledged = time.monotonic()
        arrived, seq = reader.events.get(timeout=5)
        assert seq == posted.json()["seq"]
        assert arrived - acknowledged < 1.0

    # a page built while its projection column is still being computed is marked partial
    # (the previous column, ETag ...-partial"): each process's final page is the same table
    table_b, table_a = (_final(f"{server.url}/games/{LIVE_GAMES}.json") for server in (b, a))
    assert table_b == table_a
    assert sum(r["total"] for r in table_b["rows"]) == sum(len(r.body["medals"]) for r in plan[:3])


@needs_postgres
def test_workers_share_one_port(database_url: str, data_dir: Path, tmp_path: Path) -> None:
    _staged(database_url, data_dir)
    log = tmp_path / "serve.log"
    with ServerProcess(database_url, log=log, args=["--workers", "2"]) as served:
        deadline = time.monotonic() + 30
        while log.read_text().count("Application startup complete") < 2:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        for _ in range(4):
            table = httpx.get(f"{served.url}/games/{LIVE_GAMES}.json").json()
            assert (table["games"], table["rows"]) == ([LIVE_GAMES], [])
    text = log.read_text()
    assert "Started parent process" in text and text.count("Started server process") == 2, text


def test_workers_refuse_sqlite(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "podium", "serve", "--workers", "2", "--db", str(tmp_path / "x.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "more than one server process needs a PostgreSQL database" in run.stderr
