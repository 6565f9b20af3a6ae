"""Fixtures: a real database on the backend under test (SQLite by default; PostgreSQL with
PODIUM_TEST_BACKEND=postgresql), empty or with every shared data file imported."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from podium import Podium, ledger
from podium.replay import stage
from podium.web import create_app
from podium.web.guard import Limits
from support import ServerThread, copied_database, scratch_database

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
BACKEND = os.environ.get("PODIUM_TEST_BACKEND", "sqlite")
POSTGRES = os.environ.get("PODIUM_TEST_POSTGRES", "postgresql+psycopg://127.0.0.1:5432/postgres")
LIVE_GAMES = "milano-cortina-2026"

# Hypothesis: in CI (CI set, as CI=true) every run draws the same examples, so a red run is
# red again on a rerun and on a laptop with CI=true, and a failure prints the blob that
# @reproduce_failure replays; elsewhere the default profile, random and with its example
# database. Loaded here, before the test modules are imported, so the settings objects they
# build (FUZZ, DB_SETTINGS, ...: a settings() with no parent inherits from the profile loaded
# when it is made) and a test's own @settings(max_examples=...) keep derandomize;
# pytest --hypothesis-profile=NAME still overrides the choice.
settings.register_profile(
    "ci",
    settings.get_profile("default"),
    derandomize=True,
    print_blob=True,
    database=None,  # a derandomized run replays nothing from it
    deadline=None,  # a slow CI machine is no failure: the same as Hypothesis's built-in "ci"
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


def pytest_report_header() -> str:
    return f"podium backend: {BACKEND}; data: {DATA}"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.fail(f"the shared data folder is missing: {DATA}")
    return DATA


def new_database(folder: Path) -> Iterator[str]:
    """A new, empty database of the backend under test, dropped afterwards."""
    if BACKEND not in ("sqlite", "postgresql"):
        raise pytest.UsageError(f"PODIUM_TEST_BACKEND={BACKEND!r}: use sqlite or postgresql")
    with scratch_database(BACKEND, folder, POSTGRES) as url:
        yield url


@pytest.fixture
def database_url(tmp_path: Path) -> Iterator[str]:
    """A new, empty database of the backend under test."""
    yield from new_database(tmp_path)


@pytest.fixture
def podium(database_url: str) -> Iterator[Podium]:
    with Podium(database_url) as p:
        yield p


@pytest.fixture(scope="session")
def imported_original(tmp_path_factory: pytest.TempPathFactory, data_dir: Path) -> Iterator[str]:
    """Every shared data file imported, once a run: the original of `imported_url` and
    `imported_copy`, which no test opens (PostgreSQL copies a database only while no one is
    connected to it)."""
    for url in new_database(tmp_path_factory.mktemp("original")):
        with Podium(url) as p:
            p.import_data(str(data_dir))
        yield url


def copy_of(original: str, folder: Path) -> Iterator[str]:
    with copied_database(BACKEND, original, folder, POSTGRES) as url:
        yield url


@pytest.fixture(scope="session")
def imported_url(tmp_path_factory: pytest.TempPathFactory, imported_original: str) -> Iterator[str]:
    """A database with every shared data file imported, shared by read-only tests."""
    yield from copy_of(imported_original, tmp_path_factory.mktemp("imported"))


@pytest.fixture
def imported_copy(tmp_path: Path, imported_original: str) -> Iterator[str]:
    """A database of its own with every shared data file imported, for a test that writes."""
    yield from copy_of(imported_original, tmp_path)


@pytest.fixture
def imported(imported_url: str) -> Iterator[Podium]:
    with Podium(imported_url) as p:
        yield p


@dataclass(frozen=True)
class ServedDesk:
    """A database staged for the live Games (NOCs, its schedule and athletes, none of its
    medals) served by a real uvicorn server, and an editor token for the write API."""

    url: str
    token: str
    podium: Podium

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@contextmanager
def serve_staged(
    database_url: str, data_dir: Path, limits: Limits | None = None
) -> Iterator[ServedDesk]:
    """`served_desk` with the guard's `limits` (its defaults when None)."""
    with Podium(database_url) as podium:
        stage(podium, str(data_dir), LIVE_GAMES, history=False)
        token = ledger.issue_token(podium, "editor", "test editor")
        with ServerThread(create_app(podium, limits)) as server:
            yield ServedDesk(server.url, token, podium)


@pytest.fixture
def served_desk(database_url: str, data_dir: Path) -> Iterator[ServedDesk]:
    with serve_staged(database_url, data_dir) as served:
        yield served


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """A plain HTTP file server on loopback over `folder`: its base URL."""
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
